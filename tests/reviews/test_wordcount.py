"""The word-counting rule, checked against the shared vectors and by properties."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviews.wordcount import WHITESPACE, count_words

VECTORS = json.loads(
    (Path(__file__).resolve().parent.parent / "data" / "wordcount_vectors.json").read_text()
)["vectors"]

texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200)
whitespace = st.text(alphabet=WHITESPACE, min_size=1, max_size=5)


def test_there_are_enough_vectors_covering_the_six_languages():
    assert len(VECTORS) >= 60
    names = " ".join(v["name"] for v in VECTORS)
    for topic in [
        "english",
        "french",
        "spanish",
        "arabic",
        "chinese",
        "russian",
        "emoji",
        "markdown",
        "hyphen",
        "apostrophe",
        "no-break",
        "ideographic",
        "empty",
    ]:
        assert topic in names, topic


@pytest.mark.parametrize("vector", VECTORS, ids=[v["name"] for v in VECTORS])
def test_vector(vector):
    assert count_words(vector["text"]) == vector["words"]


@given(texts, texts)
def test_joining_two_texts_with_a_space_adds_their_counts(a, b):
    assert count_words(a + " " + b) == count_words(a) + count_words(b)


@given(texts, whitespace, whitespace)
def test_surrounding_whitespace_changes_nothing(text, before, after):
    assert count_words(before + text + after) == count_words(text)


@given(texts)
def test_never_more_words_than_visible_characters(text):
    visible = sum(1 for ch in text if ch not in WHITESPACE)
    assert 0 <= count_words(text) <= visible


@given(
    st.lists(st.sampled_from(["data", "1,000", "中", "—", "é", "🌍", "**"]), max_size=30),
    whitespace,
)
def test_any_whitespace_separates_the_same_way(tokens, separator):
    assert count_words(separator.join(tokens)) == count_words(" ".join(tokens))


def test_none_counts_as_empty():
    assert count_words(None) == 0
