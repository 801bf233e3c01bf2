"""Forms of the upload page: the file to import and the period to export."""

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Larger files go through the command (python manage.py import_registrations).
MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Bestand (CSV)"),
        help_text=_(
            "Eén regel per contactmoment, in het uniforme formaat. Komma of puntkomma, "
            "UTF-8 of Windows-1252: zoals Excel het opslaat."
        ),
        error_messages={
            "required": _("Kies een bestand."),
            "empty": _("Het bestand is leeg."),
        },
    )
    dry_run = forms.BooleanField(
        label=_("Alleen controleren, niets opslaan"), required=False, initial=False
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _(
                    "Dit bestand is te groot voor de website (meer dan 200 MB). Vraag de beheerder "
                    "het met het commando import_registrations te importeren."
                )
            )
        return upload


def _start_of_year() -> date:
    return timezone.localdate().replace(month=1, day=1)


class ExportForm(forms.Form):
    first_day = forms.DateField(
        label=_("Van"),
        widget=DATE_WIDGET,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"required": _("Vul de begindatum in."), "invalid": _("Vul een datum in.")},
    )
    last_day = forms.DateField(
        label=_("Tot en met"),
        widget=DATE_WIDGET,
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={"required": _("Vul de einddatum in."), "invalid": _("Vul een datum in.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_day"].initial = _start_of_year()
        self.fields["last_day"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", _("De einddatum ligt vóór de begindatum."))
        return data
