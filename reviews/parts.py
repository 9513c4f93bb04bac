"""The parts of a document that are edited and saved one at a time, and their registry.

A part (a section, one objective entry, the details) is the unit of editing, of autosave and
of conflict detection (`Document.part_versions` is keyed by `Part.key`). Each part knows, in
one place, its key (as URLs and `part_versions` spell it), its template (title, guidance,
limit), its editor form, and its slice of a snapshot (`reviews.content.snapshot`):

- `read(content)`: the part's value in a snapshot, in the shape the editor's form holds;
- `normalise(data)`: what a form (or a caller) gives, in that same shape, to compare;
- `write(document, value, base=content)`: store the value, touching only what differs from
  the part in `base` (the snapshot the save started from); returns the value as stored;
- `refresh(content, value)`: a copy of the snapshot with this part's slice replaced, so that a
  save records a complete revision without reading the whole document again.

`refresh(snapshot(before), part.write(document, value, base=snapshot(before)))` equals
`snapshot(after)`: tests/reviews/test_parts.py checks it for each kind of part.

Kinds list their parts in their declaration (`reviews.kinds.DocumentKind.parts`); a kind that
lists none is edited section by section, one part per section of its template. Keys are built
and parsed here only: `part_of(kind, key)` raises `UnknownPart` (a `ValueError`) for anything
else, which views answer with 404.
"""

from copy import deepcopy
from functools import cache

from reviews import kinds
from reviews.forms import (
    DetailsForm,
    ObjectiveEntryForm,
    PracticeFormSet,
    SectionForm,
    objective_part_data,
)
from reviews.models import (
    GuidingPrinciple,
    ImplementationStatus,
    ObjectiveProgress,
    PromisingPractice,
    StakeholderCategory,
)
from reviews.template import OBJECTIVES_SECTION, SECTIONS

OBJECTIVES = range(1, 24)  # the 23 objectives of the GCM

EMPTY_ENTRY = {
    "status": "not_addressed",
    "priority": None,
    "narrative": "",
    "principles": [],
    "practices": [],
}


class UnknownPart(ValueError):
    """No part of this kind of document has this key."""


class Part:
    """One part of a kind's template; see the module docstring for what each method promises."""

    key: str  # as URLs and `Document.part_versions` spell it
    page: str  # the editor's template
    form_class: type

    def read(self, content: dict) -> dict:
        raise NotImplementedError

    def normalise(self, data: dict) -> dict:
        raise NotImplementedError

    def write(self, document, value: dict, *, base: dict) -> dict:
        raise NotImplementedError

    def refresh(self, content: dict, value: dict) -> dict:
        raise NotImplementedError

    def bind(self, document, data=None, *, current: dict | None = None):
        """(form, practices or None): bound to posted `data`, or filled with `current`.

        A bound form gets no initial values: they would only serve `has_changed()`, and a
        formset skips the extra forms that have not changed, so a practice saved by the previous
        autosave of the same page would be dropped by the next one.
        """
        initial = None if current is None else {**current, "version": document.version}
        return self.form_class(data, initial=initial), None

    def form_value(self, form, practices) -> dict:
        return form.part_data()

    def __str__(self):
        return self.key


class SectionPart(Part):
    """One section of the template: one text (the review's `section_<n>` field)."""

    page = "reviews/workspace/section.html"
    form_class = SectionForm

    def __init__(self, section):
        self.section = section
        self.number = section.number
        self.key = self.key_for(section.number)

    @staticmethod
    def key_for(number: int) -> str:
        return f"section-{number}"

    @property
    def title(self):
        return self.section.title

    @property
    def guidance(self):
        return self.section.prompts

    @property
    def limit(self):
        return self.section.word_limit

    def read(self, content):
        return {"text": content["sections"].get(str(self.number), "")}

    def normalise(self, data):
        return {"text": data["text"]}

    def write(self, document, value, *, base):
        setattr(document, self.section.field, value["text"])
        document.save(update_fields=[self.section.field])  # the kind's own table only
        return value

    def refresh(self, content, value):
        return {**content, "sections": {**content["sections"], str(self.number): value["text"]}}


class ObjectiveEntryPart(Part):
    """What the review says on one objective: status, priority, narrative, the guiding
    principles applied and the promising practices (an `ObjectiveProgress` and its rows)."""

    page = "reviews/workspace/objective.html"
    form_class = ObjectiveEntryForm
    section = OBJECTIVES_SECTION  # its words count toward section 3

    def __init__(self, number: int):
        self.number = number
        self.key = self.key_for(number)

    @staticmethod
    def key_for(number: int) -> str:
        return f"objective-{number}"

    def read(self, content):
        # A copy: the caller may change what it reads.
        return content["objectives"].get(str(self.number)) or deepcopy(EMPTY_ENTRY)

    def normalise(self, data):
        # The form checks it for people; this guards every other caller (an import, the demo):
        # a status that does not exist would be stored, then break every page that reads it.
        if data["status"] not in ImplementationStatus.values:
            raise ValueError(f"unknown implementation status: {data['status']!r}")
        return {
            "status": data["status"],
            "priority": data.get("priority"),
            "narrative": data.get("narrative", ""),
            "principles": sorted(data.get("principles", [])),
            "practices": [
                {
                    "title": p["title"],
                    "description": p["description"],
                    "partners": p.get("partners", ""),
                }
                for p in data.get("practices", [])
            ],
        }

    def write(self, document, value, *, base):
        before = base["objectives"].get(str(self.number))
        fields = {k: value[k] for k in ("status", "priority", "narrative")}
        entries = ObjectiveProgress.objects.filter(review=document, objective_id=self.number)
        entry = None
        changed = before is None or any(before.get(k) != v for k, v in fields.items())
        # Typing in the narrative, the common autosave, is this one UPDATE.
        if changed and not entries.update(**fields):
            entry = ObjectiveProgress.objects.create(
                review=document, objective_id=self.number, **fields
            )
        previous = before or EMPTY_ENTRY
        same_principles = previous.get("principles") == value["principles"]
        same_practices = previous.get("practices") == value["practices"]
        if same_principles and same_practices:
            return value
        entry = entry or entries.only("pk").get()
        if not same_principles:
            entry.guiding_principles.set(
                GuidingPrinciple.objects.filter(key__in=value["principles"])
            )
        if not same_practices:
            PromisingPractice.objects.filter(entry=entry).delete()
            PromisingPractice.objects.bulk_create(
                PromisingPractice(entry=entry, position=i, **practice)
                for i, practice in enumerate(value["practices"])
            )
        return value

    def refresh(self, content, value):
        # Entries in objective order, as the snapshot lists them.
        entries = {**content["objectives"], str(self.number): value}
        return {**content, "objectives": dict(sorted(entries.items(), key=lambda e: int(e[0])))}

    def bind(self, document, data=None, *, current=None):
        initial = None if current is None else {**current, "version": document.version}
        practices = PracticeFormSet(
            data, initial=None if current is None else current["practices"], prefix="practices"
        )
        form = ObjectiveEntryForm(data, initial=initial, review=document, number=self.number)
        return form, practices

    def form_value(self, form, practices):
        return objective_part_data(form, practices)


class DetailsPart(Part):
    """The review's facts: its language, stakeholders consulted, whether it was part of a
    national implementation plan, why it runs long, and whom to contact."""

    key = "details"
    page = "reviews/workspace/details.html"
    form_class = DetailsForm

    def read(self, content):
        return {**content["details"], "language": content["language"]}

    def normalise(self, data):
        return {
            "stakeholders": sorted(data["stakeholders"]),
            "part_of_national_plan": data["part_of_national_plan"],
            "limits_justification": data.get("limits_justification", ""),
            "contacts": sorted(data.get("contacts", [])),
            "language": data["language"],
        }

    def write(self, document, value, *, base):
        document.language = value["language"]
        document.part_of_national_plan = value["part_of_national_plan"]
        document.limits_justification = value["limits_justification"]
        document.save(update_fields=["language", "part_of_national_plan", "limits_justification"])
        document.stakeholders_consulted.set(
            StakeholderCategory.objects.filter(key__in=value["stakeholders"])
        )
        # Contacts are chosen among the State's own focal points, never anyone else.
        contacts = sorted(
            set(
                document.focal_points()
                .filter(user_id__in=value["contacts"])
                .values_list("user_id", flat=True)
            )
        )
        document.contacts.set(contacts)
        return {**value, "contacts": contacts}

    def refresh(self, content, value):
        details = {k: v for k, v in value.items() if k != "language"}
        return {**content, "language": value["language"], "details": details}

    def bind(self, document, data=None, *, current=None):
        initial = None if current is None else {**current, "version": document.version}
        return DetailsForm(data, initial=initial, review=document), None


def national_parts() -> tuple[Part, ...]:
    """The national review's parts (Annex 2): its sections, the 23 objective entries, details."""
    return (
        *(SectionPart(section) for section in SECTIONS),
        *(ObjectiveEntryPart(number) for number in OBJECTIVES),
        DetailsPart(),
    )


@cache
def _registry(kind: str) -> dict[str, Part]:
    spec = kinds.kind_named(kind)
    found = spec.parts() if spec.parts else tuple(SectionPart(s) for s in spec.template)
    return {part.key: part for part in found}


def parts_of(kind: str) -> tuple[Part, ...]:
    """The editable parts of a kind of document, in the template's order."""
    return tuple(_registry(kind).values())


def part_of(kind: str, key: str) -> Part:
    """The part with this key; `UnknownPart` for a key the kind does not have."""
    try:
        return _registry(kind)[key]
    except KeyError:
        raise UnknownPart(f"unknown part {key!r}") from None
