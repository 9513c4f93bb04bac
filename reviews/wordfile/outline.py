"""What an exported file says, in order, before any file format is chosen.

`outline(document, content, ...)` reads a national review's snapshot (a revision's content or
the draft's) and gives an `Outline`: the review's language and direction, the signed identity,
and a flat list of blocks (paragraphs with a named style, tables). The two writers
(`docx_out`, `odt_out`) only translate these blocks into their format, so both files have the
same structure and neither knows the template. The structure is the contract with the import
(reviews.wordfile.{matching,reading}; design of issue 18): style names are ASCII and never
translated; the texts are in the review's language.
"""

from dataclasses import dataclass

from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reviews.content import section_counts, text_direction
from reviews.models import GuidingPrinciple, ImplementationStatus
from reviews.selectors import objectives_by_roundtable
from reviews.template import OBJECTIVES_SECTION, SECTIONS, guidance_for, template_heading
from reviews.wordfile import identity
from reviews.wordfile.md_runs import Block, Paragraph, Run, Table, blocks

# The styles the template's own paragraphs carry (the import skips those four).
TITLE = "Title"
COVER = "GCM Cover"
GUIDANCE = "GCM Guidance"
LIMIT = "GCM Limit"
PARTNERS = "GCM Partners"
ENTRY_TABLE = "GCM Entry"

# Each portal language as a file's language: (language, country) for Word's w:lang and
# OpenDocument's fo:language/fo:country. English is the UN's British English.
LANGUAGE_TAGS = {
    "en": ("en", "GB"),
    "fr": ("fr", "FR"),
    "es": ("es", "ES"),
    "ar": ("ar", "SA"),
    "ru": ("ru", "RU"),
    "zh-hans": ("zh", "CN"),
}


@dataclass
class Outline:
    language: str  # the portal's code ("zh-hans")
    title: str  # the State's name: the file's title property
    identity: str  # reviews.wordfile.identity.sign(...): hidden in the file's properties
    blocks: list[Block]

    @property
    def rtl(self) -> bool:
        return text_direction(self.language) == "rtl"

    @property
    def tag(self) -> tuple[str, str]:
        return LANGUAGE_TAGS.get(self.language, LANGUAGE_TAGS["en"])


def heading(level: int, text: str) -> Paragraph:
    return Paragraph(f"Heading {level}", [Run(text)])


def styled(style: str, text: str) -> Paragraph:
    return Paragraph(style, [Run(text)])


def outline(
    document, content: dict, *, revision_number, version: int, status_label: str, saved_at=None
) -> Outline:
    """The file's blocks for `content` (a national review's snapshot), in its language.

    `revision_number`: the revision exported (None: the working draft), `version`: the
    document's version that content is (the import's base version), `status_label`: what the
    cover says the text is (draft, submitted, published); `saved_at`: when that revision was
    saved (the cover names it with the revision's number)."""
    review = document.specific
    language = content.get("language") or review.language
    with translation.override(language):
        parts = [
            *_cover(review, revision_number, version, status_label, saved_at),
            *_sections(review, content),
        ]
        title = str(review.member_state.name)
    token = identity.sign(document, revision_number, version)
    return Outline(language=language, title=title, identity=token, blocks=parts)


def _cover(review, revision_number, version, status_label, saved_at) -> list[Block]:
    if revision_number is None:
        which = _("Version %(version)s") % {"version": version}
    elif saved_at is not None:
        when = date_format(timezone.localtime(saved_at), "DATE_FORMAT")
        which = _("Revision %(number)s of %(date)s") % {"number": revision_number, "date": when}
    else:
        which = _("Revision %(number)s") % {"number": revision_number}
    return [
        styled(TITLE, str(review.member_state.name)),
        styled(COVER, str(review.cycle.title)),
        styled(COVER, str(template_heading(review.cycle.kind)["title"])),
        styled(COVER, which),
        styled(COVER, _("Status: %(status)s") % {"status": status_label}),
    ]


def _sections(review, content: dict) -> list[Block]:
    counts = {c.number: c for c in section_counts(content)}
    out: list[Block] = []
    for section in SECTIONS:
        out.append(heading(1, f"{section.number}. {section.title}"))
        for letter, prompt in guidance_for(section, review.cycle.kind):
            out.append(styled(GUIDANCE, f"({letter}) {prompt}"))
        out.append(styled(LIMIT, limit_text(counts[section.number])))
        out.extend(blocks(content["sections"].get(str(section.number), "")))
        if section is OBJECTIVES_SECTION:
            out.extend(_round_tables(content.get("objectives") or {}))
    return out


def limit_text(count) -> str:
    """The section's suggested limit and its words now (a `reviews.content.SectionCount`)."""
    if count.limit is None:
        return _("No suggested limit. Now: %(words)s words.") % {"words": count.words}
    return _("Suggested limit: %(limit)s words. Now: %(words)s words.") % {
        "limit": count.limit,
        "words": count.words,
    }


def _round_tables(entries: dict) -> list[Block]:
    """Every objective under its round table, in round-table order; an objective the review
    has not written on yet is shown as not addressed, so the file has a place for it."""
    # Read as objects: a translated name falls back to English there, not in values_list().
    names = {p.key: p.name for p in GuidingPrinciple.objects.all()}
    out: list[Block] = []
    for table, objectives in objectives_by_roundtable():
        out.append(heading(2, _("Round table %(number)s") % {"number": table}))
        for objective in objectives:
            entry = entries.get(str(objective.number)) or {}
            title = {"number": objective.number, "title": objective.title}
            out.append(heading(3, _("Objective %(number)s: %(title)s") % title))
            out.extend(_entry(entry, names))
    return out


def _entry(entry: dict, names: dict) -> list[Block]:
    status = ImplementationStatus(entry.get("status") or ImplementationStatus.NOT_ADDRESSED)
    principles = [str(names.get(key, key)) for key in entry.get("principles", [])]
    rows = [
        (_("Status"), str(status.label)),
        (_("Priority"), str(entry["priority"]) if entry.get("priority") else "—"),
        (_("Guiding principles"), "; ".join(principles) or "—"),
    ]
    facts = Table([[[Run(label)], [Run(value)]] for label, value in rows], ENTRY_TABLE, False)
    out: list[Block] = [facts, *blocks(entry.get("narrative", ""))]
    for practice in entry.get("practices", []):
        out.append(heading(4, _("Promising practice: %(title)s") % {"title": practice["title"]}))
        out.extend(blocks(practice.get("description", "")))
        if practice.get("partners"):
            partners = _("Partners: %(partners)s") % {"partners": practice["partners"]}
            out.append(styled(PARTNERS, partners))
    return out
