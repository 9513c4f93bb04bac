"""A document's revision history in words: which parts each save changed, and what restoring
one of them from an earlier revision would post.

Revisions store whole snapshots, not which part a save touched, so a row's parts are found by
comparing each revision with the one before it, part by part (`reviews.parts`): what a part
reads in one snapshot against what it reads in the other. Attachments are not a part (attaching
records no revision), so a difference in them alone names no part.

Restoring goes through the editor's own form and `reviews.editing.save_part` (the view in
`reviews.views.revisions`): `form_data` gives the part's old value as its form would post it,
so the same checks apply (a priority another objective holds now is refused at the field).
"""

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext as _

from reviews.models import Objective
from reviews.parts import DetailsPart, ObjectiveEntryPart, Part, SectionPart, parts_of

# The details' fields as the history names them when they changed.
DETAILS_FIELDS = (
    ("language", lambda: _("Language of the review")),
    ("stakeholders", lambda: _("Stakeholders consulted")),
    ("part_of_national_plan", lambda: _("National implementation plan")),
    ("contacts", lambda: _("Contacts")),
    ("limits_justification", lambda: _("Why the review is longer than suggested")),
)


@dataclass(frozen=True)
class ChangedPart:
    """One part a revision changed: its key, its name ("Objective 5"), its title (the
    objective's, in English as the GCM's text is stored; the section's, translated; the details
    fields that changed), and whether restoring it from this revision would change anything."""

    key: str
    name: str
    title: str
    title_lang: str | None
    restorable: bool

    @property
    def label(self) -> str:
        return f"{self.name}: {self.title}" if self.title else self.name


def read_part(part: Part, content: dict):
    """The part's value in a stored snapshot; None when the snapshot predates the part's keys."""
    try:
        return part.read(content)
    except (KeyError, TypeError, AttributeError):
        return None


def _blank_like(content: dict) -> dict:
    """An empty document with the same language: what the first revision is compared with."""
    blank = {"language": content.get("language"), "sections": {}, "objectives": {}}
    if isinstance(content.get("details"), dict):
        blank["details"] = {
            "stakeholders": [],
            "part_of_national_plan": False,
            "limits_justification": "",
            "contacts": [],
        }
    return blank


def part_name(part: Part, titles: dict[int, str]) -> tuple[str, str, str | None]:
    """(name, title, language of the title or None) of a part, in words."""
    if isinstance(part, SectionPart):
        return _("Section %(number)s") % {"number": part.number}, str(part.title), None
    if isinstance(part, ObjectiveEntryPart):
        name = _("Objective %(number)s") % {"number": part.number}
        return name, titles.get(part.number, ""), "en"
    if isinstance(part, DetailsPart):
        return _("Details"), "", None
    return str(part), "", None  # pragma: no cover (every kind's parts are one of the above)


def _details_title(before: dict | None, after: dict) -> str:
    before = before or {}
    return ", ".join(label() for key, label in DETAILS_FIELDS if before.get(key) != after.get(key))


def history_rows(document, revisions) -> list:
    """The revisions (newest first, as given), each with `changed`: the `ChangedPart`s that
    revision changed compared with the one before it, in the template's order."""
    revisions = list(revisions)
    parts = parts_of(document.kind)
    titles = dict(Objective.objects.values_list("number", "title"))
    older = sorted(revisions, key=lambda r: r.number)
    current = older[-1].content if older else {}
    previous = None
    for revision in older:
        base = previous.content if previous is not None else _blank_like(revision.content)
        revision.changed = []
        for part in parts:
            after = read_part(part, revision.content)
            before = read_part(part, base)
            if after is None or before == after or (before is None and previous is None):
                continue
            name, title, lang = part_name(part, titles)
            if isinstance(part, DetailsPart):
                title, lang = _details_title(before, after), None
            revision.changed.append(
                ChangedPart(
                    key=part.key,
                    name=name,
                    title=title,
                    title_lang=lang,
                    restorable=read_part(part, current) != after,
                )
            )
        previous = revision
    return revisions


def restored_label(document, part: Part) -> str:
    """The part's name and title, as the message after restoring it says."""
    name, title, _lang = part_name(part, dict(Objective.objects.values_list("number", "title")))
    return f"{name}: {title}" if title else name


def form_data(document, part: Part, value: dict, *, version: int) -> QueryDict:
    """`value` (a part's value in a snapshot) as the part's editor form posts it."""
    data = QueryDict(mutable=True)
    data["version"] = str(version)
    if isinstance(part, SectionPart):
        data["text"] = value["text"]
    elif isinstance(part, ObjectiveEntryPart):
        data["status"] = value["status"]
        data["priority"] = "" if value.get("priority") is None else str(value["priority"])
        data["narrative"] = value.get("narrative", "")
        data.setlist("principles", list(value.get("principles", [])))
        practices = value.get("practices", [])
        data.update({
            "practices-TOTAL_FORMS": str(len(practices)),
            "practices-INITIAL_FORMS": "0",
            "practices-MIN_NUM_FORMS": "0",
            "practices-MAX_NUM_FORMS": "1000",
        })  # fmt: skip
        for i, practice in enumerate(practices):
            for field in ("title", "description", "partners"):
                data[f"practices-{i}-{field}"] = practice.get(field, "")
    elif isinstance(part, DetailsPart):
        data["language"] = value["language"]
        data.setlist("stakeholders", list(value.get("stakeholders", [])))
        if value.get("part_of_national_plan"):
            data["part_of_national_plan"] = "on"
        data["limits_justification"] = value.get("limits_justification", "")
        # A contact who is no longer one of the State's focal points cannot be chosen again.
        still = set(document.focal_points().values_list("user_id", flat=True))
        data.setlist("contacts", [str(pk) for pk in value.get("contacts", []) if pk in still])
    else:  # pragma: no cover (every kind's parts are one of the above)
        raise ValueError(f"cannot restore {part.key!r}")
    return data
