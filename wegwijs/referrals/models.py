"""Referrals of a client from one organisation's case to another organisation or a facility.

What the receiver may read is a copy (``shared_*``) made when the referral is
sent, limited to what the client consented to; the receiver never reads the
sender's file. The receiving case is linked once the referral is accepted.
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wegwijs.accounts.constants import OrganisationKind
from wegwijs.accounts.models import Organisation
from wegwijs.cases.models import Case
from wegwijs.reference.models import ReferralDeclineReason, Topic
from wegwijs.referrals.constants import (
    FollowUpChannel,
    GotHelp,
    ReferralMode,
    ReferralStatus,
    Sharing,
)


class Referral(models.Model):
    """One referral: who sent it where, with which consent, what was shared, and its status."""

    from_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("van organisatie"),
        on_delete=models.PROTECT,
        related_name="referrals_sent",
    )
    # Cases are anonymised, never deleted; if one is, its referrals go with it.
    from_case = models.ForeignKey(
        Case, verbose_name=_("kwestie"), on_delete=models.CASCADE, related_name="referrals_out"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verwezen door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="referrals_sent",
    )
    to_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("naar organisatie"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    # The receiver's kind when it was sent, so flows keep their kind if it changes.
    to_kind = models.CharField(
        _("soort ontvanger"), max_length=32, choices=OrganisationKind.choices
    )
    mode = models.CharField(_("soort"), max_length=12, choices=ReferralMode.choices)
    # Closed loop: the receiver works in Wegwijs and accepts or declines.
    closed_loop = models.BooleanField(_("gesloten verwijzing"))
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=ReferralStatus.SENT
    )
    consent = models.CharField(
        _("toestemming van de cliënt"), max_length=20, choices=Sharing.choices
    )
    shared = models.CharField(_("gedeeld"), max_length=20, choices=Sharing.choices)
    override_reason = models.CharField(
        _("reden om zonder toestemming te delen"), max_length=500, blank=True
    )
    # The copy the receiver reads, limited to ``shared``.
    shared_topic = models.ForeignKey(
        Topic,
        verbose_name=_("onderwerp"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    shared_question = models.TextField(_("vraag"), blank=True)
    shared_given_name = models.CharField(_("voornaam"), max_length=100, blank=True)
    shared_family_name = models.CharField(_("achternaam"), max_length=150, blank=True)
    shared_phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    shared_email = models.EmailField(_("e-mail"), blank=True)
    shared_language = models.CharField(_("voorkeurstaal"), max_length=40, blank=True)
    sent_at = models.DateTimeField(_("verstuurd op"))
    responded_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beantwoord door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.ForeignKey(
        ReferralDeclineReason,
        verbose_name=_("reden van afwijzing"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decline_note = models.CharField(_("toelichting"), max_length=500, blank=True)
    to_case = models.OneToOneField(
        Case,
        verbose_name=_("kwestie bij de ontvanger"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referral_in",
    )
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    followup_due_on = models.DateField(_("terugkoppeling vragen op"), null=True, blank=True)
    got_help = models.CharField(
        _("cliënt geholpen"), max_length=10, choices=GotHelp.choices, blank=True
    )
    followup_answered_at = models.DateTimeField(
        _("terugkoppeling vastgelegd op"), null=True, blank=True
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="referral_not_to_self",
                condition=~Q(from_organisation=models.F("to_organisation")),
            ),
            models.CheckConstraint(
                name="referral_warm_tip_shares_nothing",
                condition=~Q(mode=ReferralMode.WARM_TIP) | Q(shared=Sharing.NOTHING),
            ),
            models.CheckConstraint(
                name="referral_sent_shares_something",
                condition=~Q(mode=ReferralMode.SENT) | ~Q(shared=Sharing.NOTHING),
            ),
            models.CheckConstraint(
                name="referral_declined_has_reason",
                condition=~Q(status=ReferralStatus.DECLINED) | Q(decline_reason__isnull=False),
            ),
            models.CheckConstraint(
                name="referral_accepted_has_case",
                condition=~Q(status=ReferralStatus.ACCEPTED) | Q(to_case__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["to_organisation", "status", "sent_at"]),
            models.Index(fields=["from_organisation", "sent_at"]),
            models.Index(fields=["followup_due_on", "followup_answered_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.from_organisation_id} → {self.to_organisation_id} ({self.status})"

    @property
    def shares_contact(self) -> bool:
        return self.shared == Sharing.QUESTION_CONTACT

    @property
    def is_override(self) -> bool:
        return bool(self.override_reason)

    @property
    def status_changed_at(self) -> datetime | None:
        """When the status last changed after sending, if it did."""
        moments = [
            moment
            for moment in (
                self.responded_at,
                self.withdrawn_at,
                self.completed_at,
                self.followup_answered_at,
            )
            if moment is not None
        ]
        return max(moments) if moments else None

    @property
    def status_label(self) -> str:
        """The status as people read it: a warm tip was given, not sent."""
        if self.mode == ReferralMode.WARM_TIP and self.status == ReferralStatus.SENT:
            return str(_("Warme tip gegeven"))
        if not self.closed_loop and self.status == ReferralStatus.SENT:
            return str(_("Verstuurd, wacht op terugkoppeling"))
        return str(self.get_status_display())


class ReferralFollowUp(models.Model):
    """One follow-up question to one supporter on one channel: the constraint keeps it to one."""

    referral = models.ForeignKey(
        Referral,
        verbose_name=_("doorverwijzing"),
        on_delete=models.CASCADE,
        related_name="followups",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ontvanger"),
        on_delete=models.CASCADE,
        related_name="referral_followups",
    )
    channel = models.CharField(_("kanaal"), max_length=10, choices=FollowUpChannel.choices)
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("vraag om terugkoppeling")
        verbose_name_plural = _("vragen om terugkoppeling")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "channel"], name="referral_followup_once_per_channel"
            ),
        ]
        indexes = [models.Index(fields=["recipient", "channel", "sent_at"])]

    def __str__(self) -> str:
        return f"{self.referral_id} {self.channel}"
