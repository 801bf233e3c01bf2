from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "wachtrij", _("In de wachtrij")
    CHECKING = "controle", _("Bestand wordt gecontroleerd")
    WRITING = "opslaan", _("Gegevens worden opgeslagen")
    DONE = "klaar", _("Klaar")
    REJECTED = "afgekeurd", _("Afgekeurd: er is niets opgeslagen")
    FAILED = "mislukt", _("Mislukt door een storing: er is niets opgeslagen")


FINISHED = (JobStatus.DONE, JobStatus.REJECTED, JobStatus.FAILED)
