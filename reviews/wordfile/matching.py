"""Which part of the template a heading of an imported file names, in any of the six languages.

A file comes back from government clearance with its headings retyped: "III. POLICY AND ENABLING
ENVIRONMENT", "2) policy and enabling environment", "Objectif 5 : ...", "الهدف 5". So a heading is
compared after folding: its numbering removed ("3.", "3)", "III.", "Section 3 -", "三、"), case,
accents and punctuation folded, spaces collapsed. It names a section when it then equals the
section's title in one of the six languages; an objective when it starts with the word "Objective"
of one of the languages and a number, or equals an objective's title. Round-table headings and
"Promising practice: ..." headings are recognised the same way, from the catalogue's words.

`Matcher()` reads the titles once (six languages, the 23 objectives, statuses, principles) for
one file; its methods answer for one heading or label each.
"""

import re
import unicodedata

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from reviews.models import GuidingPrinciple, ImplementationStatus, Objective
from reviews.template import SECTIONS

# The word before an objective's number, beside what the catalogues say: a file typed by hand
# in a language whose catalogue is not compiled yet still matches.
OBJECTIVE_WORDS = ("Objective", "Objectif", "Objetivo", "الهدف", "目标", "Цель")
OBJECTIVE = _("Objective %(number)s")
ROUND_TABLE = _("Round table %(number)s")
PRACTICE = _("Promising practice:")
PARTNERS = _("Partners: %(partners)s")
STATUS, PRIORITY, PRINCIPLES = _("Status"), _("Priority"), _("Guiding principles")

_NUMBERING = re.compile(
    r"^\s*(?:(?:section|chapter|part|partie|chapitre|sección|seccion|capítulo|capitulo|"
    r"раздел|глава|القسم|الفصل|第)\s*)?"
    r"(?:\d+(?:\.\d+)*\s*[.):\-–—]?|[IVXLC]+\s*[.):\-–—]|[a-z]\s*[.)]|[一二三四五六七八九十]+\s*[、.．])"
    r"\s*(?:[.):\-–—]\s*)?",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, spaces collapsed: what headings compare in."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category == "Mn":  # accents, Arabic short vowels
            continue
        kept.append(" " if category[0] in "PSZC" else char)
    return " ".join("".join(kept).casefold().split())


def without_numbering(text: str) -> str:
    return _NUMBERING.sub("", text, count=1)


def _in_each_language(message, **values) -> set[str]:
    found = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            found.add(str(message) % values if values else str(message))
    return found


def _prefixes(message, placeholder: str) -> set[str]:
    """The folded words before a placeholder, in each language ("objectif", "الهدف")."""
    marker = "\u2063"  # an invisible character no translation contains
    found = set()
    for text in _in_each_language(message, **{placeholder: marker}):
        found.add(fold(text.split(marker)[0]))
    return {prefix for prefix in found if prefix}


class Matcher:
    """The template's names in the six languages, read once per imported file."""

    def __init__(self):
        self.sections = {}
        for section in SECTIONS:
            for title in _in_each_language(section.title):
                self.sections[fold(title)] = section.number
        self.objectives = {}
        languages = [code.replace("-", "_") for code, _name in settings.LANGUAGES]
        for objective in Objective.objects.all():
            for code in languages:
                title = getattr(objective, f"title_{code}", "") or ""
                if title:
                    self.objectives[fold(title)] = objective.number
        objective_words = _prefixes(OBJECTIVE, "number") | {fold(w) for w in OBJECTIVE_WORDS}
        self.objective_word = _alternatives(objective_words)
        self.round_table = _alternatives(_prefixes(ROUND_TABLE, "number"))
        self.practice = _alternatives({fold(t) for t in _in_each_language(PRACTICE)})
        self.partners = _alternatives(_prefixes(PARTNERS, "partners"))
        self.labels = {}
        for field, label in (
            ("status", STATUS),
            ("priority", PRIORITY),
            ("principles", PRINCIPLES),
        ):
            for text in _in_each_language(label):
                self.labels[fold(text)] = field
        self.statuses = {fold(value): value for value in ImplementationStatus.values}
        for value, label in ImplementationStatus.choices:
            for text in _in_each_language(label):
                self.statuses[fold(text)] = value
        self.principles = {}
        for principle in GuidingPrinciple.objects.all():
            self.principles[fold(principle.key)] = principle.key
            for code in languages:
                name = getattr(principle, f"name_{code}", "") or ""
                if name:
                    self.principles[fold(name)] = principle.key

    def section(self, heading: str) -> int | None:
        """The number of the section this heading names, or None."""
        for candidate in (without_numbering(heading), heading):
            number = self.sections.get(fold(candidate))
            if number:
                return number
        return None

    def objective(self, heading: str) -> int | None:
        """The objective this heading names ("Objectif 5 : ...", "الهدف ٥", or its title)."""
        for candidate in (heading, without_numbering(heading)):
            found = re.match(rf"^(?:{self.objective_word})\s*(\d+)(?:\s|$)", fold(candidate))
            if found:
                number = int(found[1])
                return number if 1 <= number <= 23 else None
        for candidate in (without_numbering(heading), heading):
            number = self.objectives.get(fold(candidate))
            if number:
                return number
        return None

    def is_round_table(self, heading: str) -> bool:
        return bool(re.match(rf"^(?:{self.round_table})\s*\d+(?:\s|$)", fold(heading)))

    def practice_title(self, heading: str) -> str | None:
        """The title of a "Promising practice: <title>" heading, or None for another heading."""
        if not re.match(rf"^(?:{self.practice})(?:\s|$)", fold(heading)):
            return None
        return _after_colon(heading)

    def partners_text(self, text: str) -> str | None:
        """The partners of a "Partners: ..." paragraph, or None for another paragraph."""
        if not re.match(rf"^(?:{self.partners})(?:\s|$)", fold(text)):
            return None
        return _after_colon(text)

    def label(self, text: str) -> str | None:
        """ "status", "priority" or "principles" for an entry table's label."""
        return self.labels.get(fold(text))

    def status(self, text: str) -> str | None:
        return self.statuses.get(fold(text))

    def principle(self, text: str) -> str | None:
        return self.principles.get(fold(text))


def _alternatives(words: set[str]) -> str:
    # Longest first, so that "objetivo" is tried before a shorter word it starts with.
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _after_colon(text: str) -> str:
    colon = re.search(r"[:：]", text)
    return text[colon.end() :].strip() if colon else ""
