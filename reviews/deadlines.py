"""A cycle's submission deadline as people read it: the date and the days left, or overdue.

One reading for the workspace, the secretariat's queue and the reminder e-mails
(`reviews.reminders`), so that all three count the same days: whole calendar days between
the server's date (`timezone.localdate()`) and `ReviewCycle.submission_closes`, the last day
on which a submission is on time.
"""

from dataclasses import dataclass
from datetime import date

from reviews.models import ReviewStatus

# What has reached the secretariat, or was published once, has met its deadline.
MET = {ReviewStatus.SUBMITTED, ReviewStatus.PUBLISHED}
# Still with its authors: what can be overdue, and what a reminder is about.
STILL_DRAFTED = [ReviewStatus.DRAFT, ReviewStatus.AWAITING_SIGN_OFF, ReviewStatus.CHANGES_REQUESTED]


@dataclass(frozen=True)
class Deadline:
    on: date
    days_left: int  # 0: the deadline is today; negative: that many days overdue
    met: bool = False  # the document reached the secretariat: no count is shown

    @property
    def overdue(self) -> bool:
        return not self.met and self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left


def deadline(due_on: date | None, today: date, document=None) -> Deadline | None:
    """The deadline `due_on` seen on `today`; None when there is none. `document`: whose
    deadline it is (a document submitted or published once has met it)."""
    if due_on is None:
        return None
    met = document is not None and (
        document.status in MET or bool(getattr(document, "published_revision_id", None))
    )
    return Deadline(on=due_on, days_left=(due_on - today).days, met=met)
