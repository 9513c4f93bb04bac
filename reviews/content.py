"""Reading a review's content: snapshots for revisions, word counts against the limits."""

import difflib
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from reviews.models import ObjectiveProgress, VoluntaryReview
from reviews.template import SECTIONS
from reviews.wordcount import count_words


def snapshot(review: VoluntaryReview) -> dict:
    """The whole review as plain data: what a `ReviewRevision` stores and a diff compares."""
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
    }


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
    limit: int

    @property
    def over(self) -> bool:
        return self.words > self.limit


def section_counts(content: dict) -> list[SectionCount]:
    """Words per section; section 3 includes every objective entry and promising practice."""
    counts = []
    for section in SECTIONS:
        words = count_words(content["sections"].get(str(section.number), ""))
        if section.number == 3:
            words += sum(entry_words(e) for e in content["objectives"].values())
        counts.append(SectionCount(section.number, str(section.title), words, section.word_limit))
    return counts


def html_lang(language: str) -> str:
    """The BCP 47 tag for `lang=`: Django's `zh-hans` is `zh-Hans`, which picks the SC fonts."""
    return "zh-Hans" if language == "zh-hans" else language


def text_direction(language: str) -> str:
    return "rtl" if language == "ar" else "ltr"


_WORDS = re.compile(r"\S+|\s+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """A word-level diff: a list of (op, text) with op in equal/insert/delete."""
    a, b = _WORDS.findall(old or ""), _WORDS.findall(new or "")
    result = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            result.append(("equal", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                result.append(("delete", "".join(a[i1:i2])))
            if j2 > j1:
                result.append(("insert", "".join(b[j1:j2])))
    return result


def _status_label(entry: dict) -> str:
    from reviews.models import ImplementationStatus

    return ImplementationStatus(entry.get("status", "not_addressed")).label if entry else ""


def diff_content(old: dict, new: dict, text=lambda source: source) -> list[dict]:
    """Per part that changed: its label and the word diff of its text. `text`: what is
    compared of each Markdown source (the source itself; the public page compares what readers
    see, without markup)."""

    def diff(before: str, after: str):
        return word_diff(text(before or ""), text(after or ""))

    parts = []
    for section in SECTIONS:
        key = str(section.number)
        before, after = old["sections"].get(key, ""), new["sections"].get(key, "")
        if before != after:
            parts.append(
                {"label": f"{section.number}. {section.title}", "diff": diff(before, after)}
            )
    for number in range(1, 24):
        before = old["objectives"].get(str(number)) or {}
        after = new["objectives"].get(str(number)) or {}
        if before != after:
            parts.append(
                {
                    "label": _("Objective %(number)s") % {"number": number},
                    "status": (_status_label(before), _status_label(after)),
                    "diff": diff(before.get("narrative", ""), after.get("narrative", "")),
                }
            )
    return parts
