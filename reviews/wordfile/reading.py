"""Reading an uploaded .docx or .odt into the parts of a national review: `read_file`.

The upload is hostile until proven otherwise: it is first checked as an attachment is
(`reviews.uploads.check_document`: size, type from content, zip bombs), only DOCX and ODT go
further, and the readers (`docx_in`, `odt_in`) parse the few members they need with a parser
that resolves no entity and fetches nothing. Every failure is a `ValidationError` with a
translated message for the upload's field, never a 500.

The walk of the file is then cut at its headings (`matching`): a section's text runs to the next
heading of level 1-3; an objective's heading is followed by its entry table (status, priority,
principles), its narrative and its "Promising practice: ..." headings (level 4); a heading that
names nothing starts an `Unmatched` block for the focal point to place; round-table headings,
the cover and the guidance and limit notes are skipped. Texts come back as canonical Markdown
(`to_markdown`). Nothing is written here.
"""

import logging
import zipfile
import zlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from reviews.content import snapshot
from reviews.parts import ObjectiveEntryPart, SectionPart
from reviews.uploads import DOCX, ODT, check_document
from reviews.wordfile import identity
from reviews.wordfile.docx_in import UnreadableFile, read_docx
from reviews.wordfile.matching import Matcher
from reviews.wordfile.odt_in import read_odt
from reviews.wordfile.outline import COVER, ENTRY_TABLE, GUIDANCE, LIMIT, PARTNERS, TITLE
from reviews.wordfile.to_markdown import Paragraph, Table, blocks_markdown

logger = logging.getLogger(__name__)

NOT_IMPORTABLE = _("Only .docx and .odt files can be imported.")
UNREADABLE = _("This file could not be read as a Word or OpenDocument text: %(reason)s")
DAMAGED = _("it is damaged.")
ENCRYPTED = _("it is encrypted, or in the old .doc format; save it as .docx or .odt.")
# The template's own notes and cover: written by the export, never content.
# Style names as the readers give them (lower case): the export's own, one contract (`outline`).
SKIPPED_STYLES = {style.lower() for style in (TITLE, COVER, GUIDANCE, LIMIT)}
OLE_FILE = b"\xd0\xcf\x11\xe0"  # an encrypted Office file, or a .doc
ENTRY_FIELDS = ("status", "priority", "principles")
NO_VALUE = {"", "—", "-", "–"}


@dataclass
class Unmatched:
    heading: str  # as written in the file ("" for text before the first heading)
    text: str  # its Markdown


@dataclass
class ImportedFile:
    identity: dict | None  # identity.read(...) of the file; None when absent or not valid
    parts: dict[str, dict]  # part key -> value in the part's shape
    unmatched: list[Unmatched] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # translated, for people


def read_file(upload, *, document) -> ImportedFile:
    """What a .docx or .odt says about the parts of `document` (a national review)."""
    content_type = _checked_type(upload)
    reader = read_docx if content_type == DOCX else read_odt
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            walk = reader(archive)
    except UnreadableFile as error:
        raise _unreadable(error.reason) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError):
        raise _unreadable(DAMAGED) from None
    except (ValueError, RecursionError):
        # A last guard, not the rule: the readers check what they read (`docx_in.number`),
        # but a hostile file must never give a 500 through something they missed.
        logger.warning("word import: unreadable file", exc_info=True)
        raise _unreadable(DAMAGED) from None
    finally:
        upload.seek(0)
    found = _Assembler(Matcher(), snapshot(document)).assemble(walk.blocks)
    found.identity = identity.read(walk.identifier)
    found.warnings += _left_out(walk)
    return found


# What the file holds that is not imported, said to the reader: pictures, and text that would
# otherwise be lost without a word. (The walk's count, what is said of it: plural by "count".)
LEFT_OUT = [
    ("images", ngettext_lazy(
        "%(count)s image was left out: images are not imported.",
        "%(count)s images were left out: images are not imported.",
        "count",
    )),
    ("notes", ngettext_lazy(
        "%(count)s footnote or endnote was left out: notes are not imported. Copy what it says "
        "into the text if it should be in the review.",
        "%(count)s footnotes or endnotes were left out: notes are not imported. Copy what they "
        "say into the text if it should be in the review.",
        "count",
    )),
    ("text_boxes", ngettext_lazy(
        "%(count)s text box was left out: text boxes are not imported. Copy its text into the "
        "body of the document if it should be in the review.",
        "%(count)s text boxes were left out: text boxes are not imported. Copy their text into "
        "the body of the document if it should be in the review.",
        "count",
    )),
]  # fmt: skip


def _left_out(walk) -> list[str]:
    counts = ((walk.left_out[counted], said) for counted, said in LEFT_OUT)
    return [str(said % {"count": count}) for count, said in counts if count]


def _checked_type(upload) -> str:
    """DOCX or ODT, checked by content; anything else a ValidationError for the field."""
    try:
        content_type, _extension = check_document(upload)
    except ValidationError as error:
        if error.code != "not_a_document":
            raise  # too big, a zip bomb: the attachment rule's own message
        upload.seek(0)
        head = upload.read(4)
        upload.seek(0)
        if head == b"PK\x03\x04":
            raise _unreadable(DAMAGED) from None
        if head == OLE_FILE:
            raise _unreadable(ENCRYPTED) from None
        raise ValidationError(NOT_IMPORTABLE, code="not_importable") from None
    if content_type not in {DOCX, ODT}:
        raise ValidationError(NOT_IMPORTABLE, code="not_importable")
    return content_type


def _unreadable(reason) -> ValidationError:
    return ValidationError(UNREADABLE, code="unreadable", params={"reason": reason})


@dataclass
class _Entry:
    number: int
    table: Table | None = None
    narrative: list = field(default_factory=list)
    practices: list = field(default_factory=list)  # [title, blocks, partners]


class _Assembler:
    """Cuts the walk at its headings; `current` is where the next content goes."""

    def __init__(self, matcher: Matcher, content: dict):
        self.matcher, self.content = matcher, content
        self.sections: dict[int, list] = {}
        self.entries: dict[int, _Entry] = {}
        self.unmatched: list[tuple[str, list]] = []
        self.warnings: list[str] = []
        self.current = None  # a list of blocks, an _Entry, or None before the first heading
        self.practice = None  # the open practice of the current entry
        self.round_table = None  # the round-table heading the current position is under

    def assemble(self, blocks) -> ImportedFile:
        for block in blocks:
            if isinstance(block, Paragraph) and block.style in SKIPPED_STYLES:
                continue
            if isinstance(block, Paragraph) and block.heading and self.heading(block):
                continue
            self.add(block)
        return self.result()

    def heading(self, paragraph: Paragraph) -> bool:
        """Whether the heading starts a place; False: it is content of the current one."""
        text = paragraph.text
        if not text:
            return True
        if paragraph.heading >= 4:
            if isinstance(self.current, _Entry):
                title = self.matcher.practice_title(text)
                if title is not None:
                    self.practice = [title, [], ""]
                    self.current.practices.append(self.practice)
                    return True
            if self.current is None or self._in_unmatched():
                return self.named(text)
            return False
        if not self.named(text):
            self.practice = self.round_table = None
            if self.matcher.is_round_table(text):
                self.current, self.round_table = "round table", text
            else:
                self.current = []
                self.unmatched.append((text, self.current))
        return True

    def named(self, text: str) -> bool:
        """Start the section or objective the heading names, if it names one."""
        number = self.matcher.section(text)
        if number:
            self._once(number in self.sections, text)
            self.current = self.sections.setdefault(number, [])
        else:
            number = self.matcher.objective(text)
            if not number:
                return False
            self._once(number in self.entries, text)
            self.current = self.entries.setdefault(number, _Entry(number))
        self.practice = self.round_table = None
        return True

    def _once(self, seen: bool, text: str) -> None:
        if seen:
            message = _("The file names “%(heading)s” more than once; the texts were joined.")
            self.warnings.append(str(message) % {"heading": text})

    def _in_unmatched(self) -> bool:
        return self.current == "round table" or any(
            blocks is self.current for _heading, blocks in self.unmatched
        )

    def add(self, block) -> None:
        if self.current is None:
            self.current = []
            self.unmatched.append(("", self.current))
        if self.current == "round table":
            self.current = []
            self.unmatched.append((self.round_table, self.current))
        if isinstance(self.current, list):
            self.current.append(block)
        elif self.practice is not None:
            self._add_to_practice(block)
        elif self._is_entry_table(block):
            self.current.table = block
        else:
            self.current.narrative.append(block)

    def _add_to_practice(self, block) -> None:
        if isinstance(block, Paragraph) and block.style == PARTNERS.lower():
            partners = self.matcher.partners_text(block.text)
            self.practice[2] = partners if partners is not None else block.text
        else:
            self.practice[1].append(block)

    def _is_entry_table(self, block) -> bool:
        """The first table under an objective heading, before its narrative, that is styled
        as the entry table or whose first column names the entry's fields."""
        entry = self.current
        if not isinstance(block, Table) or entry.table is not None or entry.narrative:
            return False
        labels = [self.matcher.label(row[0]) for row in block.cell_texts() if row]
        return block.style == ENTRY_TABLE.lower() or sum(1 for label in labels if label) >= 2

    def result(self) -> ImportedFile:
        parts = {
            SectionPart.key_for(number): {"text": blocks_markdown(blocks)}
            for number, blocks in sorted(self.sections.items())
        }
        for number, entry in sorted(self.entries.items()):
            part = ObjectiveEntryPart(number)
            parts[part.key] = part.normalise(self._entry_value(part, entry))
        unmatched = [
            Unmatched(heading, blocks_markdown(blocks))
            for heading, blocks in self.unmatched
            if heading or blocks_markdown(blocks)
        ]
        return ImportedFile(None, parts, unmatched, self.warnings)

    def _entry_value(self, part, entry: _Entry) -> dict:
        value = dict(part.read(self.content))  # what the file does not say stays as it is
        if entry.table is not None:
            value.update(self._facts(entry))
        value["narrative"] = blocks_markdown(entry.narrative)
        value["practices"] = [
            {"title": title, "description": blocks_markdown(blocks), "partners": partners}
            for title, blocks, partners in entry.practices
        ]
        return value

    def _facts(self, entry: _Entry) -> dict:
        """Status, priority and principles from the entry table (a row per fact; the label
        in any of the six languages, or the row's place when the label was retyped)."""
        facts = {}
        for index, row in enumerate(entry.table.cell_texts()):
            if len(row) < 2:
                continue
            name = self.matcher.label(row[0]) or (
                ENTRY_FIELDS[index] if index < len(ENTRY_FIELDS) else None
            )
            if name == "status":
                self._status(entry.number, row[1], facts)
            elif name == "priority":
                self._priority(entry.number, row[1], facts)
            elif name == "principles":
                facts["principles"] = self._principles(entry.number, row[1])
        return facts

    def _status(self, number: int, text: str, facts: dict) -> None:
        status = self.matcher.status(text)
        if status:
            facts["status"] = status
            return
        message = _(
            "Objective %(number)s: the status “%(status)s” is not one of the portal's; "
            "the draft's status was kept."
        )
        self.warnings.append(str(message) % {"number": number, "status": text})

    def _priority(self, number: int, text: str, facts: dict) -> None:
        text = text.strip()
        if text in NO_VALUE:
            facts["priority"] = None
        elif text.isdigit() and 1 <= int(text) <= 32767:
            facts["priority"] = int(text)
        else:
            message = _(
                "Objective %(number)s: the priority “%(priority)s” is not a number; "
                "the draft's priority was kept."
            )
            self.warnings.append(str(message) % {"number": number, "priority": text})

    def _principles(self, number: int, text: str) -> list[str]:
        keys = []
        for name in (n.strip() for n in text.replace("؛", ";").replace("；", ";").split(";")):
            if name in NO_VALUE:
                continue
            key = self.matcher.principle(name)
            if key:
                keys.append(key)
                continue
            message = _(
                "Objective %(number)s: the guiding principle “%(name)s” is not one of the "
                "GCM's; it was left out."
            )
            self.warnings.append(str(message) % {"number": number, "name": name})
        return sorted(set(keys))
