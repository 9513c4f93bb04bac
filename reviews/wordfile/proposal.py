"""What an import from a file would change, part by part, before anything is written.

The focal point sees, per part of the file: the difference from the current draft, the words
of the part's section against its limit once taken, and whether a colleague changed that part
in the portal since the file's base version (a conflict: the import would not overwrite it).

Texts are compared in the one canonical Markdown that reading a file writes
(`reviews.wordfile.to_markdown.canonical`): a part whose text differs only in form (`*x*` or
`_x_`, a list numbered 1. 1. 1.) is "unchanged", never offered as a change.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from reviews.content import diff_content, section_counts, snapshot
from reviews.history import form_data
from reviews.parts import ObjectiveEntryPart, SectionPart, UnknownPart, part_of
from reviews.wordfile.to_markdown import canonical


@dataclass
class ProposedPart:
    """One part of the file against the draft; `after` is what taking it would save."""

    key: str
    label: str  # "3. Progress on GCM objectives", "Objective 5"
    before: dict  # the draft's value, canonical
    after: dict  # the file's value, canonical
    diff: dict | None  # a `diff_content` part; None when unchanged
    words: int  # of the part's section, once taken
    limit: int | None
    conflict: bool
    unchanged: bool
    problem: str = ""  # what the part's editor form refuses in the file's value
    editor_url: str = ""  # set by the page: where a conflict is merged by hand

    @property
    def over(self) -> bool:
        return self.limit is not None and self.words > self.limit

    @property
    def diff_list(self) -> list[dict]:
        """The diff as the history's template takes it (a list of parts)."""
        return [self.diff] if self.diff else []

    @property
    def selectable(self) -> bool:
        return not (self.conflict or self.unchanged or self.problem)


def canonical_value(part, value: dict) -> dict:
    """A part's value with each Markdown text in canonical form (the rest as normalised)."""
    value = part.normalise(value)
    if isinstance(part, SectionPart):
        return {"text": canonical(value["text"])}
    practices = [
        {
            "title": p["title"].strip(),
            "description": canonical(p["description"]),
            "partners": p["partners"].strip(),
        }
        for p in value["practices"]
    ]
    return {**value, "narrative": canonical(value["narrative"]), "practices": practices}


def importable(document, key: str):
    """The part named `key` if an import may write it (sections and objective entries; never
    the details, which a file does not carry); None otherwise."""
    try:
        part = part_of(document.kind, key)
    except UnknownPart:
        return None
    return part if isinstance(part, (SectionPart, ObjectiveEntryPart)) else None


def propose(document, parts: dict[str, dict], *, base_version: int) -> list[ProposedPart]:
    """Per importable part of `parts` (as read from a file), in the template's order, what
    taking it would change in `document`'s current draft."""
    content = snapshot(document)
    proposed = []
    for key, value in parts.items():
        part = importable(document, key)
        if part is None:
            continue
        before = canonical_value(part, part.read(content))
        after = canonical_value(part, value)
        old = part.refresh(content, before)
        new = part.refresh(content, after)
        changes = diff_content(old, new)
        count = next(c for c in section_counts(new) if c.number == part.section.number)
        conflict = document.part_versions.get(key, 0) > base_version and before != after
        proposed.append(
            ProposedPart(
                key=key,
                label=part_label(part),
                before=before,
                after=after,
                diff=changes[0] if changes else None,
                words=count.words,
                limit=count.limit,
                conflict=conflict,
                unchanged=before == after,
                problem="" if conflict or before == after else form_problem(document, part, value),
            )
        )
    return sorted(proposed, key=_order)


def form_problem(document, part, value: dict) -> str:
    """What the part's editor form refuses in `value` (a priority above 23 or one another entry
    has, a practice's title too long for its column…), as the editor would say it; "" when
    the form takes it. A file is typed outside the portal: its values pass the same checks as
    typing them in the editor, as a restored revision does."""
    form, rows = part.bind(document, form_data(document, part, value, version=document.version))
    if form.is_valid() and (rows is None or rows.is_valid()):
        return ""
    errors = [e for field in form.errors.values() for e in field]
    if rows is not None:
        errors += [e for row in rows.errors for field in row.values() for e in field]
        errors += list(rows.non_form_errors())
    return str(errors[0]) if errors else _("check the form")


def part_label(part) -> str:
    """The part's name as the history's diff names it."""
    if isinstance(part, SectionPart):
        return f"{part.number}. {part.title}"
    return _("Objective %(number)s") % {"number": part.number}


def _order(proposed: ProposedPart):
    kind, _, number = proposed.key.partition("-")
    return (0 if kind == "section" else 1, int(number) if number.isdigit() else 0)
