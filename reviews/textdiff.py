"""What changed between two versions of a text, paragraph by paragraph and word by word, at a
cost that stays near linear whatever the text.

`word_diff(old, new)` is pure (no database, no settings). Contract:

- A paragraph is a non-blank line: a Markdown source's paragraphs and list items are lines, and
  so are the paragraphs, list items and table rows of `publication.plain_text`.
- The result's `paragraphs` is a list of paragraphs, each a non-empty list of `(op, text)` with
  `op` in `equal`, `delete`, `insert`. Reading `equal` + `delete` gives the old words in order,
  `equal` + `insert` the new ones. A line break in either text starts a paragraph.
- Paragraphs are compared first; words only inside the paragraphs that changed.
- Both comparisons are patience diffs (match the tokens that occur once on each side, keep the
  longest run of them in order, recurse between them). A small gap left between those anchors
  goes to `difflib.SequenceMatcher`; a large one with no unique token is split at the longest
  common run through its rarest shared token (as git's histogram diff). `SequenceMatcher`
  alone over a whole text is quadratic or worse when words repeat: a statistics annex of
  thousands of numbers held every request of the public review page past gunicorn's timeout.
- The work has a fixed budget (about 0.1 s). Where it runs out, what is left to compare is
  shown as deleted and inserted whole, and `rewritten` is True.
"""

import bisect
import difflib
import itertools
import re
from collections import Counter
from typing import NamedTuple

# Units of work, about one token counted; 600,000 is about 0.1 s of CPU in the worst case.
WORK_BUDGET = 600_000
# A gap between anchors that SequenceMatcher may take: its cost grows with len(a) * len(b).
SMALL_GAP = 10_000
# Budget units per pair of occurrences of a rare token tried as a split point.
RARE_PAIR_COST = 40

_TOKENS = re.compile(r"\n|[^\S\n]+|\S+")


class TextDiff(NamedTuple):
    paragraphs: list[list[tuple[str, str]]]
    rewritten: bool


class _Budget:
    def __init__(self, units: int):
        self.left = units
        self.gave_up = False

    def spend(self, units: int) -> bool:
        if units > self.left:
            self.left = 0
            self.gave_up = True
            return False
        self.left -= units
        return True


def _unique_anchors(a, alo, ahi, b, blo, bhi, count_a, count_b) -> list[tuple[int, int]]:
    """Positions (i, j) of the tokens found exactly once in each range, the longest run of
    them in the same order on both sides (patience sorting)."""
    where_b = {b[j]: j for j in range(blo, bhi) if count_b[b[j]] == 1}
    pairs = [(i, where_b[a[i]]) for i in range(alo, ahi) if count_a[a[i]] == 1 and a[i] in where_b]
    # Longest increasing subsequence of j over pairs ordered by i.
    tails: list[int] = []  # j of the smallest tail of each run length
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        length = bisect.bisect_left(tails, j)
        if length == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[length] = j
            tail_index[length] = index
        previous[index] = tail_index[length - 1] if length else -1
    run = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        run.append(pairs[index])
        index = previous[index]
    return run[::-1]


def _common_length(a, i, b, j, limit: int, step: int) -> int:
    """How many tokens from a[i] and b[j] on are equal (`step` -1: backwards from a[i - 1]
    and b[j - 1]), at most `limit`. Galloping over slices keeps the comparing in C."""
    length, stride = 0, 1
    while length < limit:
        k = min(stride, limit - length)
        if step > 0:
            same = a[i + length : i + length + k] == b[j + length : j + length + k]
        else:
            same = a[i - length - k : i - length] == b[j - length - k : j - length]
        if same:
            length += k
            stride *= 2
        elif k == 1:
            break
        else:
            stride = k // 2
    return length


def _rare_match(a, alo, ahi, b, blo, bhi, count_a, count_b, budget: _Budget):
    """Where no token is unique: the longest common run through an occurrence of the rarest
    token found on both sides (as git's histogram diff), or None if even that one is common."""
    shared = [token for token in count_a if token in count_b]
    if not shared:
        return None
    rarest = min(shared, key=lambda token: count_a[token] * count_b[token])
    if not budget.spend(RARE_PAIR_COST * count_a[rarest] * count_b[rarest]):
        return None
    best = (0, 0, 0)
    where_b = [j for j in range(blo, bhi) if b[j] == rarest]
    for i in (i for i in range(alo, ahi) if a[i] == rarest):
        for j in where_b:
            # Most pairs share only the rare token itself: the neighbours tell so without the
            # slicing of `_common_length` (same result, several times faster on long texts).
            back = (
                _common_length(a, i, b, j, min(i - alo, j - blo), -1)
                if i > alo and j > blo and a[i - 1] == b[j - 1]
                else 0
            )
            ahead = min(ahi - i, bhi - j)
            size = back + (
                _common_length(a, i, b, j, ahead, 1) if ahead > 1 and a[i + 1] == b[j + 1] else 1
            )
            if size > best[2]:
                best = (i - back, j - back, size)
    return best


def _matches(a, b, budget: _Budget) -> list[tuple[int, int, int]]:
    """Matching blocks (i, j, size), ordered, as `SequenceMatcher.get_matching_blocks`."""
    found = []
    ranges = [(0, len(a), 0, len(b))]
    while ranges:
        alo, ahi, blo, bhi = ranges.pop()
        # The common head and tail are outside the budget: every token is matched once at
        # most, so this part stays linear.
        head = _common_length(a, alo, b, blo, min(ahi - alo, bhi - blo), 1)
        if head:
            found.append((alo, blo, head))
            alo, blo = alo + head, blo + head
        tail = _common_length(a, ahi, b, bhi, min(ahi - alo, bhi - blo), -1)
        if tail:
            ahi, bhi = ahi - tail, bhi - tail
            found.append((ahi, bhi, tail))
        n, m = ahi - alo, bhi - blo
        if not n or not m or not budget.spend(n + m):
            continue
        count_a, count_b = Counter(a[alo:ahi]), Counter(b[blo:bhi])
        anchors = _unique_anchors(a, alo, ahi, b, blo, bhi, count_a, count_b)
        if anchors:
            found += [(i, j, 1) for i, j in anchors]
            edges = [(alo - 1, blo - 1), *anchors, (ahi, bhi)]
            for (i1, j1), (i2, j2) in itertools.pairwise(edges):
                if i2 - i1 > 1 or j2 - j1 > 1:
                    ranges.append((i1 + 1, i2, j1 + 1, j2))
        elif n * m <= SMALL_GAP and budget.spend(n * m):
            matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
            found += [(alo + i, blo + j, size) for i, j, size in matcher.get_matching_blocks()]
        elif block := _rare_match(a, alo, ahi, b, blo, bhi, count_a, count_b, budget):
            i, j, size = block
            found.append(block)
            ranges += [(alo, i, blo, j), (i + size, ahi, j + size, bhi)]
        # Otherwise the range is shown whole: nothing in common, or (`budget.gave_up`) no
        # budget left to look further.
    merged: list[tuple[int, int, int]] = []
    for i, j, size in sorted(found):
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            merged[-1] = (merged[-1][0], merged[-1][1], merged[-1][2] + size)
        elif size:
            merged.append((i, j, size))
    return merged


def _opcodes(a, b, budget: _Budget):
    """(op, i1, i2, j1, j2) as `SequenceMatcher.get_opcodes`, from `_matches`."""
    i = j = 0
    for mi, mj, size in [*_matches(a, b, budget), (len(a), len(b), 0)]:
        if i < mi and j < mj:
            yield "replace", i, mi, j, mj
        elif i < mi:
            yield "delete", i, mi, j, j
        elif j < mj:
            yield "insert", i, i, j, mj
        if size:
            yield "equal", mi, mi + size, mj, mj + size
        i, j = mi + size, mj + size


class _Paragraphs:
    """Collects (op, text) into paragraphs: a line break in `text` starts the next paragraph;
    neighbours of the same op are merged."""

    def __init__(self):
        self.paragraphs: list[list[tuple[str, str]]] = []
        self.current: list[tuple[str, str]] = []

    def add(self, op: str, text: str):
        first, *others = text.split("\n")
        self._append(op, first)
        for line in others:
            self.close()
            self._append(op, line)

    def _append(self, op: str, text: str):
        if not text:
            return
        if self.current and self.current[-1][0] == op:
            self.current[-1] = (op, self.current[-1][1] + text)
        else:
            self.current.append((op, text))

    def close(self):
        if self.current:
            self.paragraphs.append(self.current)
        self.current = []


def _lines(text: str) -> list[str]:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return [line for line in text.split("\n") if line.strip()]


def word_diff(old: str, new: str) -> TextDiff:
    """Paragraphs of `new` against `old`, words marked inside the paragraphs that changed."""
    budget = _Budget(WORK_BUDGET)
    a, b = _lines(old), _lines(new)
    out = _Paragraphs()
    for op, i1, i2, j1, j2 in _opcodes(a, b, budget):
        if op != "replace":
            for line in a[i1:i2] if op != "insert" else b[j1:j2]:
                out.add(op, line)
                out.close()
            continue
        words_a = _TOKENS.findall("\n".join(a[i1:i2]))
        words_b = _TOKENS.findall("\n".join(b[j1:j2]))
        for wop, w1, w2, v1, v2 in _opcodes(words_a, words_b, budget):
            if wop == "equal":
                out.add("equal", "".join(words_a[w1:w2]))
                continue
            out.add("delete", "".join(words_a[w1:w2]))
            out.add("insert", "".join(words_b[v1:v2]))
        out.close()
    return TextDiff(out.paragraphs, budget.gave_up)


# A Markdown list item's marker: `-`, `*`, `+`, or a number and `.` or `)`, then a space.
_LIST_ITEM = re.compile(r"\s*(?:([-*+])|\d{1,9}[.)])\s+")


def blocks(paragraphs: list[list[tuple[str, str]]]) -> list[dict]:
    """`word_diff` paragraphs grouped as a reader sees them: a run of Markdown list items is
    one list, `{"list": "ul" or "ol", "items": [paragraph, …]}` (each item without its
    marker), any other paragraph a block of its own, `{"list": None, "items": [paragraph]}`.
    An item whose marker itself changed is shown as a paragraph, marker and all."""
    out: list[dict] = []
    for paragraph in paragraphs:
        op, text = paragraph[0]
        match = _LIST_ITEM.match(text)
        rest = text[match.end() :] if match else ""
        item = ([(op, rest)] if rest else []) + paragraph[1:]
        if match is None or not item:
            out.append({"list": None, "items": [paragraph]})
            continue
        tag = "ul" if match.group(1) else "ol"
        if out and out[-1]["list"] == tag:
            out[-1]["items"].append(item)
        else:
            out.append({"list": tag, "items": [item]})
    return out
