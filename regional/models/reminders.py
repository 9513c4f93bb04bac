"""What was sent about a regional review meeting's report: one row per reminder, never twice.

The row is the claim: the reminder task creates it (the unique constraint refuses a second)
before talking to SMTP, and deletes it again if sending failed, so the next run retries.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from regional.models.bodies import RegionalMeeting


class ReportReminder(models.Model):
    class Kind(models.TextChoices):
        TWO_WEEKS = "two_weeks", _("Two weeks before the due date")
        DUE = "due", _("On the due date")

    meeting = models.ForeignKey(RegionalMeeting, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("reminder"), max_length=20, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "kind"], name="one_reminder_per_kind"),
        ]

    def __str__(self):
        return f"{self.meeting} – {self.kind}"
