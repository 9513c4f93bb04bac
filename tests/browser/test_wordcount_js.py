"""The JavaScript mirror of the word-counting rule gives the same counts in Chromium."""

import json
from pathlib import Path

import pytest

# Transactional: the live server reads committed rows (and runs after the rolled-back tests).
pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]


def test_javascript_counts_every_vector_like_python(page):
    vectors = json.loads((ROOT / "tests/data/wordcount_vectors.json").read_text())["vectors"]
    page.set_content("<!doctype html><title>wordcount</title>")
    page.add_script_tag(path=str(ROOT / "static/reviews/js/wordcount.js"))
    results = page.evaluate(
        "vectors => vectors.map(v => [v.name, window.gcmCountWords(v.text)])", vectors
    )
    mismatches = [
        (name, got, vector["words"])
        for (name, got), vector in zip(results, vectors, strict=True)
        if got != vector["words"]
    ]
    assert mismatches == []
    assert len(results) == len(vectors) >= 60
