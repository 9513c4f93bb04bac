"""How the public search reads what was typed, the same on every database backend.

The help under the search box promises: words in any order, "a phrase" in quotes, -word leaves a
word out, `or` between alternatives; and a State's name finds that State's review. `parse_query`
reads those into clauses (all must match; each is a choice of alternatives) and the words left
out; `find_states` takes the States named out of the clauses. `fold` makes accents and case not
matter: it is applied to the query and to the indexed text alike.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.db.backends.signals import connection_created

from reviews.choice_memo import memoized_options
from reviews.models import MemberState
from reviews.names import first_given, read_columns

WORD = re.compile(r"\w+")
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
APOSTROPHES = {0x2018: "'", 0x2019: "'", 0x02BC: "'"}


class _FoldTable(dict):
    """`str.translate` table built as characters are met: a character without its accents
    (compatibility decomposition, combining marks dropped), curly apostrophes made straight."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code))
        folded = "".join(c for c in decomposed if not unicodedata.combining(c))
        self[code] = APOSTROPHES.get(code, folded)
        return self[code]


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """`Intégration` -> `integration`: what is compared, in queries and in the index."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD).casefold()


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text and, per folded character, where it came from in `text`."""
    out, offsets = [], []
    for i, ch in enumerate(text):
        piece = fold(ch)
        out.append(piece)
        offsets += [i] * len(piece)
    return "".join(out), offsets


def original_offset(text: str, folded_at: int) -> int:
    """Where in `text` the character at `folded_at` of `fold(text)` comes from. Folding works
    character by character, so the fold of a prefix is a prefix of the fold: a binary search
    over prefixes, each folded at C speed, instead of folding the text a character at a time
    (`fold_with_offsets`, which cost most of a search's passages)."""
    if len(fold(text[:folded_at])) == folded_at and len(fold(text[: folded_at + 1])) > folded_at:
        return folded_at  # nothing before it changed length (most text): two folds, not twelve
    low, high = 0, len(text)
    while low < high:
        middle = (low + high) // 2
        if len(fold(text[: middle + 1])) > folded_at:
            high = middle
        else:
            low = middle + 1
    return low


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def sqlite_fold(text: str | None) -> str:
    """The text SQLite searches: folded, every run of punctuation and spaces one space."""
    return " ".join(words(text or ""))


def register_sqlite_fold(connection, **kwargs):
    """SQL `gcm_fold(text)` on an open SQLite connection: `sqlite_fold`. Registered on each new
    connection, and again (it costs nothing) before a search, in case the connection was
    opened before this module was imported."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("gcm_fold", 1, sqlite_fold, deterministic=True)


connection_created.connect(
    lambda sender, connection, **kwargs: register_sqlite_fold(connection),
    weak=False,
    dispatch_uid="reviews.search_query.fold",
)


@dataclass(frozen=True)
class Query:
    """`clauses`: every clause must match, by one of its alternatives (a word, or a phrase
    kept in its quotes). `excluded`: the words and phrases after a minus."""

    clauses: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[str, ...] = ()

    def websearch(self) -> str:
        """The clauses in PostgreSQL's websearch syntax."""
        return " ".join(" or ".join(alternatives) for alternatives in self.clauses)


def parse_query(q: str) -> Query:
    clauses: list[list[str]] = []
    excluded: list[str] = []
    join_next = False
    for match in TOKEN.finditer(q or ""):
        minus, phrase, word = match.groups()
        if word is not None and word.lower() == "or":
            join_next = bool(clauses)
            continue
        if word is not None and word.startswith("-"):
            minus, word = "-", word[1:]
        item = f'"{phrase.strip()}"' if phrase is not None else word
        if not WORD.search(item):  # punctuation only: nothing to find
            continue
        if minus:
            excluded.append(item)
            join_next = False
        elif join_next:
            clauses[-1].append(item)
            join_next = False
        else:
            clauses.append([item])
    return Query(tuple(tuple(c) for c in clauses), tuple(excluded))


def _state_names() -> dict[tuple[str, ...], str]:
    """Each State by the words of its name, and of its short name before a bracket
    ("Bolivia (Plurinational State of)" is also "Bolivia"). Kept per language and version of
    the reference data (`reviews.choice_memo`, as the dropdowns' options): a results page asks
    three times (the reviews, the other kinds' documents, the passages) and reading and folding
    193 names each time cost more than the ranking query."""
    return memoized_options(("search", "state names"), _read_state_names)


def _read_state_names() -> dict[tuple[str, ...], str]:
    # The active language's and the English columns as stored (`raw_values`), the fallback
    # taken here: modeltranslation's `values_list("name")` cost a millisecond more, in Python.
    columns = read_columns("name")
    names = {}
    for row in MemberState.objects.raw_values("iso3", *columns):
        iso3, name = row["iso3"], first_given(row, columns)
        names[tuple(words(name))] = iso3
        short = name.split(" (")[0]
        names.setdefault(tuple(words(short)), iso3)
    return names


def find_states(query: Query) -> tuple[set[str], Query, set[str]]:
    """(States named among the clauses, the clauses without those names, States excluded)."""
    if not query.clauses and not query.excluded:
        return set(), query, set()
    names = _state_names()
    named: set[str] = set()
    rest: list[tuple[str, ...]] = []
    clauses = list(query.clauses)
    i = 0
    while i < len(clauses):
        alternatives = clauses[i]
        if len(alternatives) > 1:
            states = [names.get(tuple(words(a))) for a in alternatives]
            if all(states):
                named.update(states)
            else:
                rest.append(alternatives)
            i += 1
            continue
        # The longest run of one-word clauses that spells a State's name.
        for j in range(len(clauses), i, -1):
            run = clauses[i:j]
            if any(len(c) > 1 for c in run):
                continue
            state = names.get(tuple(w for c in run for w in words(c[0])))
            if state:
                named.add(state)
                i = j
                break
        else:
            rest.append(alternatives)
            i += 1
    excluded_states = {names[key] for key in map(tuple, map(words, query.excluded)) if key in names}
    return named, Query(tuple(rest), query.excluded), excluded_states
