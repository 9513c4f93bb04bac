"""A pledge as plain data: what a revision stores (the snapshot format), and the kind's own
rules at submission.

{"language", "title", "sections": {"1".."4": text}, "due_by": "YYYY-MM-DD" or "",
 "progress": "" | "not_started" | "under_way" | "achieved", "objectives": [numbers],
 "principles": [keys], "regions": [commission codes], "countries": [iso3], "attachments": [...]}

The pledger (a State or an organisation) is the row's fact, fixed when the pledge was started:
not a part its authors edit. Each published revision keeps its own progress and date, so the
pledge page can show every published version as its history.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.content import attachments_of
from reviews.wordcount import count_words
from stakeholders.pledges.template import PLEDGE_SECTIONS, PROGRESS_SECTION

KEYS = {
    "language", "title", "sections", "due_by", "progress", "objectives", "principles",
    "regions", "countries", "attachments",
}  # fmt: skip


def pledge_snapshot(pledge) -> dict:
    return {
        "language": pledge.language,
        "title": pledge.title,
        "sections": {str(s.number): getattr(pledge, s.field) for s in PLEDGE_SECTIONS},
        "due_by": pledge.due_by.isoformat() if pledge.due_by else "",
        "progress": pledge.progress,
        "objectives": sorted(pledge.objectives.values_list("number", flat=True)),
        "principles": sorted(pledge.principles.values_list("key", flat=True)),
        "regions": sorted(pledge.regions.values_list("code", flat=True)),
        "countries": sorted(pledge.countries.values_list("iso3", flat=True)),
        "attachments": attachments_of(pledge),
    }


def has_every_key(content: dict) -> bool:
    return content.keys() >= KEYS


def due_date(content: dict) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(content.get("due_by") or "")
    except ValueError:
        return None


def submission_problems(content: dict) -> list[str]:
    """Besides parts 1-3 and the limits (the machinery's): a title, a date by which it will be
    done, in the future for a new pledge (a progress report may come after the date), at least
    one objective, and the progress report once a progress is chosen."""
    problems = []
    if not content.get("title", "").strip():
        problems.append(_("Give the pledge a title."))
    due_by = due_date(content)
    progress = content.get("progress", "")
    if due_by is None:
        problems.append(_("Say by when the pledge will be done."))
    elif not progress and due_by <= timezone.localdate():
        problems.append(_("The date by which the pledge will be done must be in the future."))
    if not content.get("objectives"):
        problems.append(_("Choose at least one objective of the GCM that the pledge serves."))
    report = content.get("sections", {}).get(str(PROGRESS_SECTION), "")
    if progress and count_words(report) == 0:
        problems.append(_("Write the progress report: a progress is chosen."))
    return problems
