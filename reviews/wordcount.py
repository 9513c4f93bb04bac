"""The one word-counting rule of the portal (word-processor convention), see DESIGN.md.

1. Split the text on whitespace (any character with the Unicode White_Space property).
2. In a token, every character of the scripts Han, Hiragana and Katakana is one word.
3. Each remaining maximal run of other characters is one word if it holds at least one letter
   or digit: `state-of-the-art`, `e.g.`, `3.5`, `1,000`, `(a)`, `don't` are one word each;
   `—`, `…`, `*`, `•` alone are none; `中文English` is three; `第23条` is three.
4. Text is counted as typed: Markdown markers (`#`, `*`, `-`, `|`, `>`) hold no letter or digit
   and so are never words; a bare URL is one word.

The JavaScript mirror is static/reviews/js/wordcount.js. KEEP THE TWO IN SYNC: both run the
vectors in tests/data/wordcount_vectors.json (pytest for this one, Chromium for the other).
"""

import re

# Unicode White_Space, written out so that Python and JavaScript use the same set.
WHITESPACE = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# Han, Hiragana and Katakana (Unicode Script property, as blocks of code points).
IDEOGRAPHIC = (
    "\u2e80-\u2e99\u2e9b-\u2ef3\u2f00-\u2fd5"  # CJK and Kangxi radicals
    "\u3005\u3007\u3021-\u3029\u3038-\u303b"  # iteration mark, ideographic zero, numerals
    "\u3041-\u3096\u309d-\u309f"  # Hiragana
    "\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff\u32d0-\u32fe\u3300-\u3357"  # Katakana
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufa6d\ufa70-\ufad9"  # Han
    "\uff66-\uff6f\uff71-\uff9d"  # half-width Katakana
    "\U0001b000-\U0001b122\U0001b150-\U0001b152\U0001b164-\U0001b167"  # kana supplements
    "\U00020000-\U0002a6df\U0002a700-\U0002ebe0\U0002f800-\U0002fa1d\U00030000-\U0003134a"
)

_SPACES = re.compile(f"[{WHITESPACE}]+")
_PIECES = re.compile(f"[{IDEOGRAPHIC}]|[^{IDEOGRAPHIC}]+")
_IDEOGRAPH = re.compile(f"[{IDEOGRAPHIC}]")


def _is_word(run: str) -> bool:
    # isalpha covers the letter categories (L*), isnumeric the number categories (N*).
    return any(ch.isalpha() or ch.isnumeric() for ch in run)


def count_words(text: str) -> int:
    """Count the words of `text` by the rule above. Empty or blank text has none."""
    count = 0
    for token in _SPACES.split(text or ""):
        for piece in _PIECES.findall(token):
            if _IDEOGRAPH.fullmatch(piece) or _is_word(piece):
                count += 1
    return count
