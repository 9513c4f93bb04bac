"""Reading a document's content: snapshots for revisions, word counts against the limits.

`snapshot(document)` asks the document's kind (`DocumentKind.snapshot`); the national review's
is `national_snapshot`. A kind that declares none is its language, sections and attachments.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from reviews.models import (
    GuidingPrinciple,
    ImplementationStatus,
    ObjectiveProgress,
    StakeholderCategory,
    VoluntaryReview,
)
from reviews.template import OBJECTIVES_SECTION, SECTIONS
from reviews.textdiff import word_diff
from reviews.wordcount import count_words


def snapshot(document) -> dict:
    """The whole document as plain data: what a `ReviewRevision` stores and a diff compares."""
    spec = document.kind_spec
    if spec.snapshot is not None:
        return spec.snapshot(document.specific)
    return sections_snapshot(document.specific, spec.template)


def sections_snapshot(document, template) -> dict:
    """A kind that is only its sections: language, the text of each section, attachments."""
    return {
        "language": document.language,
        "sections": {str(s.number): getattr(document, s.field) for s in template},
        "attachments": attachments_of(document),
    }


def national_snapshot(review: VoluntaryReview) -> dict:
    """The whole national review as plain data."""
    entries = (
        ObjectiveProgress.objects.filter(review=review)
        .prefetch_related("guiding_principles", "practices")
        .order_by("objective_id")
    )
    return {
        "language": review.language,
        "sections": {str(s.number): getattr(review, s.field) for s in SECTIONS},
        "objectives": {
            str(entry.objective_id): {
                "status": entry.status,
                "priority": entry.priority,
                "narrative": entry.narrative,
                "principles": sorted(p.key for p in entry.guiding_principles.all()),
                "practices": [
                    {"title": p.title, "description": p.description, "partners": p.partners}
                    for p in entry.practices.all()
                ],
            }
            for entry in entries
        },
        "details": {
            "stakeholders": sorted(c.key for c in review.stakeholders_consulted.all()),
            "part_of_national_plan": review.part_of_national_plan,
            "limits_justification": review.limits_justification,
            "contacts": sorted(review.contacts.values_list("pk", flat=True)),
        },
        "attachments": attachments_of(review),
    }


def has_every_key(content: dict, document) -> bool:
    """Whether a stored snapshot has every key `snapshot()` gives today for the document's
    kind: a revision recorded before a key was added lacks it, and a save must not carry that
    gap forward."""
    spec = document.kind_spec
    if spec.has_every_key is not None:
        return spec.has_every_key(content)
    return content.keys() >= {"language", "sections", "attachments"}


def national_has_every_key(content: dict) -> bool:
    return content.keys() >= {"language", "sections", "objectives", "details", "attachments"} and (
        content["details"].keys()
        >= {"stakeholders", "part_of_national_plan", "limits_justification", "contacts"}
    )


def attachments_of(document) -> list[dict]:
    """What is attached, as a revision records it: a published revision's PDF lists these,
    never a file attached later to a new draft. Their description, not the files.

    Attaching or removing a file records no revision, so a save reads these again rather than
    trusting the previous revision's list (reviews.editing.save_part).
    """
    return [
        {
            "id": a.pk,
            "name": a.original_name,
            "kind": a.kind,
            "size": a.size,
            "content_type": a.content_type,
        }
        for a in document.attachments.order_by("kind", "uploaded_at", "pk")
    ]


def entry_words(entry: dict) -> int:
    words = count_words(entry.get("narrative", ""))
    for practice in entry.get("practices", []):
        words += count_words(practice["title"]) + count_words(practice["description"])
        words += count_words(practice.get("partners", ""))
    return words


@dataclass(frozen=True)
class SectionCount:
    number: int
    title: str
    words: int
    limit: int | None  # None: the template suggests no length

    @property
    def over(self) -> bool:
        return self.limit is not None and self.words > self.limit

    @property
    def overrun(self) -> int:
        """How many words over the limit (0 when within it or without one)."""
        return self.words - self.limit if self.over else 0


def section_counts(content: dict, template=SECTIONS) -> list[SectionCount]:
    """Words per section of `template` (the national one unless another is given); the
    national section 3 includes every objective entry and promising practice."""
    counts = []
    for section in template:
        words = count_words(content["sections"].get(str(section.number), ""))
        if section is OBJECTIVES_SECTION:
            words += sum(entry_words(e) for e in content["objectives"].values())
        counts.append(SectionCount(section.number, str(section.title), words, section.word_limit))
    return counts


def html_lang(language: str) -> str:
    """The BCP 47 tag for `lang=`: Django's `zh-hans` is `zh-Hans`, which picks the SC fonts."""
    return "zh-Hans" if language == "zh-hans" else language


def text_direction(language: str) -> str:
    return "rtl" if language == "ar" else "ltr"


def diff_content(
    old: dict,
    new: dict,
    text=lambda source: source,
    *,
    sections=SECTIONS,
    numbering=None,
    details=False,
) -> list[dict]:
    """Per part that changed: its label, `diff` (the paragraphs of `word_diff`) and `rewritten`
    (some of it too changed to compare word by word). `text`: what is compared of each Markdown
    source (the source itself; the public page compares what readers see, without markup).
    `sections`, `numbering`: the template of the document's kind (national by default) and how
    it numbers its sections ("(iii)"; default "3."); objective entries are a national review's.
    `details`: add the changes of the details and attachments (never on a public page)."""
    parts = labelled_parts(compare_content(old, new, text, sections=sections), sections, numbering)
    # The details name contacts and every attachment: for those who see the draft only.
    return parts + (_details_parts(old, new) if details else [])


def compare_content(old: dict, new: dict, text=lambda source: source, *, sections=SECTIONS):
    """What `diff_content` shows, in no language: per part that changed, {"section": number}
    or {"objective": number, "status": (key before, key after; "" where no entry),
    "priority"/"principles": (before, after) where they differ}, with `diff`, `rewritten` and
    `practices` as `diff_content` gives them. Plain data (JSON), so that it can be stored
    (reviews.published_diff) and labelled in each reader's language (`labelled_parts`)."""

    def diff(before: str, after: str) -> dict:
        changes = word_diff(text(before or ""), text(after or ""))
        return {"diff": changes.paragraphs, "rewritten": changes.rewritten}

    parts = []
    for section in sections:
        key = str(section.number)
        before, after = old["sections"].get(key, ""), new["sections"].get(key, "")
        if before != after:
            parts.append({"section": section.number, **diff(before, after)})
    if not isinstance(old.get("objectives"), dict):
        return parts  # a kind without objective entries
    for number in range(1, 24):
        before = old["objectives"].get(str(number)) or {}
        after = new["objectives"].get(str(number)) or {}
        if before != after:
            part = {
                "objective": number,
                "status": (_status_key(before), _status_key(after)),
                **diff(before.get("narrative", ""), after.get("narrative", "")),
            }
            if before.get("priority") != after.get("priority"):
                part["priority"] = (before.get("priority"), after.get("priority"))
            if before.get("principles", []) != after.get("principles", []):
                part["principles"] = (before.get("principles", []), after.get("principles", []))
            practices = (_practices_lines(before), _practices_lines(after))
            if practices[0] != practices[1]:
                part["practices"] = word_diff(*practices).paragraphs
            parts.append(part)
    return parts


def labelled_parts(
    parts: list[dict], sections=SECTIONS, numbering=None, principle_names=None
) -> list[dict]:
    """`compare_content`'s parts as `diff_content` gives them, in the active language: a
    `label`, the `status` labels and the `fields` (label, before, after) of an objective entry.
    Every other key is kept as it is (the stored diff's rendered HTML, for one).
    `principle_names`: {key: name} of the guiding principles when the caller has read them."""
    titles = {s.number: s.title for s in sections}
    names: dict[str, str] = dict(principle_names or {})

    def principle_names() -> dict[str, str]:
        # Read once per comparison, and only if some entry's principles changed.
        if not names:
            names.update(GuidingPrinciple.objects.values_list("key", "name"))
        return names

    labelled = []
    for part in parts:
        rest = {k: v for k, v in part.items() if k not in _NEUTRAL_KEYS}
        if "section" in part:
            number = part["section"]
            label = f"{numbering(number)} " if numbering else f"{number}. "
            labelled.append({"label": label + str(titles[number]), **rest})
            continue
        labelled.append({
            "label": _("Objective %(number)s") % {"number": part["objective"]},
            "status": tuple(_status_label(key) for key in part["status"]),
            **rest,
            "fields": _entry_fields(part, principle_names),
        })  # fmt: skip
    return labelled


# The keys of `compare_content`'s parts that `labelled_parts` turns into labels.
_NEUTRAL_KEYS = frozenset({"section", "objective", "status", "priority", "principles"})


def _status_key(entry: dict) -> str:
    return entry.get("status", "not_addressed") if entry else ""


def _status_label(key: str) -> str:
    return ImplementationStatus(key).label if key else ""


def _practices_lines(entry: dict) -> str:
    """An entry's promising practices as lines to compare: title, description, partners."""
    keys = ("title", "description", "partners")
    return "\n".join(" · ".join(p[k] for k in keys if p.get(k)) for p in entry.get("practices", []))


def _entry_fields(part: dict, principle_names) -> list[tuple]:
    """(label, before, after) of an entry's priority and guiding principles, where they differ
    (a `compare_content` part). `principle_names()`: {key: name} of the guiding principles."""
    fields = []
    if "priority" in part:
        before, after = part["priority"]
        fields.append((_("Priority"), before or "—", after or "—"))
    if "principles" in part:
        names = principle_names()

        def listed(keys):
            return ", ".join(names.get(k, k) for k in keys or []) or "—"

        fields.append((_("Guiding principles"), *map(listed, part["principles"])))
    return fields


def _details_parts(old: dict, new: dict) -> list[dict]:
    """The details (national plan flag, stakeholders consulted, contacts, justification) and
    the attachments, as parts of fields (label, before, after), where they differ."""
    fields = []
    before, after = old.get("details") or {}, new.get("details") or {}
    if before != after and isinstance(new.get("details"), dict):
        if before.get("part_of_national_plan") != after.get("part_of_national_plan"):
            fields.append((
                _("Part of a national implementation plan process"),
                _("Yes") if before.get("part_of_national_plan") else _("No"),
                _("Yes") if after.get("part_of_national_plan") else _("No"),
            ))  # fmt: skip
        if before.get("stakeholders", []) != after.get("stakeholders", []):
            names = dict(StakeholderCategory.objects.values_list("key", "name"))
            fields.append((
                _("Stakeholders consulted"),
                ", ".join(names.get(k, k) for k in before.get("stakeholders", [])) or "—",
                ", ".join(names.get(k, k) for k in after.get("stakeholders", [])) or "—",
            ))  # fmt: skip
        if before.get("contacts", []) != after.get("contacts", []):
            users = {u.pk: str(u) for u in get_user_model().objects.filter(
                pk__in=[*before.get("contacts", []), *after.get("contacts", [])]
            )}  # fmt: skip
            fields.append((
                _("Contact focal points"),
                ", ".join(users.get(pk, "?") for pk in before.get("contacts", [])) or "—",
                ", ".join(users.get(pk, "?") for pk in after.get("contacts", [])) or "—",
            ))  # fmt: skip
        if before.get("limits_justification", "") != after.get("limits_justification", ""):
            fields.append((
                _("Why the review is longer than suggested"),
                before.get("limits_justification") or "—",
                after.get("limits_justification") or "—",
            ))  # fmt: skip
    parts = [{"label": _("Details"), "diff": [], "fields": fields}] if fields else []
    files_before = [a["name"] for a in old.get("attachments", [])]
    files_after = [a["name"] for a in new.get("attachments", [])]
    if files_before != files_after:
        parts.append({
            "label": _("Attachments"), "diff": [],
            "fields": [(_("Files"), ", ".join(files_before) or "—", ", ".join(files_after) or "—")],
        })  # fmt: skip
    return parts
