"""What changed since the previous cycle is stored per pair of published revisions
(`PublishedDiff`): computed once (after publication, or by the first page that misses it), then
read in one query, and shown exactly as when it was computed at each request."""

import datetime
from unittest import mock

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string

from reviews import published_diff
from reviews.content import diff_content
from reviews.models import GuidingPrinciple, PublishedDiff
from reviews.public_index import plain_text
from reviews.published_diff import changes, store_diff_for
from tests.publishing import published_review

pytestmark = pytest.mark.django_db


def _refuse(*args, **kwargs):
    raise AssertionError("the diff was computed")


def _pair(iso3="GHA", old="Old policy wording.", new="New policy wording."):
    previous = published_review(iso3, "imrf-2022", sections={2: old})
    review = published_review(iso3, sections={2: new})
    return previous, review


def _rich_pair():
    """Sections, lists, an objective's status, priority, principles and practices changed."""
    keys = list(GuidingPrinciple.objects.order_by("position").values_list("key", flat=True))
    previous = published_review(
        "GHA", "imrf-2022", sections={1: "- one\n- two", 2: "Old <b>policy</b> & more."},
        objectives={5: ("planned", "Old narrative."), 7: ("achieved", "Kept.")},
    )  # fmt: skip
    review = published_review(
        "GHA", sections={1: "- one\n- three\n\n1. first", 2: "New <b>policy</b> & more."},
        objectives={
            5: ("achieved", "New narrative."), 7: ("achieved", "Kept."), 9: ("planned", "")
        },
    )  # fmt: skip
    for document, principles, priority, practices in (
        (previous, keys[:1], 2, [{"title": "Desk", "description": "Old.", "partners": ""}]),
        (review, keys[:2], 1, [{"title": "Desk <x>", "description": "New.", "partners": "IOM"}]),
    ):
        entry = document.published_revision.content["objectives"]["5"]
        entry.update(principles=principles, priority=priority, practices=practices)
        document.published_revision.save(update_fields=["content"])
    return previous, review


def test_the_stored_diff_reads_as_the_diff_computed_at_each_request():
    previous, review = _rich_pair()
    old, new = previous.published_revision, review.published_revision
    before = render_to_string(
        "reviews/_diff_parts.html",
        {"parts": diff_content(old.content, new.content, text=plain_text)},
    )
    computed = render_to_string(
        "reviews/public/_review_changes.html", {"parts": changes(previous, new)}
    )
    with mock.patch.object(published_diff, "compare_content", _refuse):
        stored = render_to_string(
            "reviews/public/_review_changes.html", {"parts": changes(previous, new)}
        )
    assert stored == computed == before
    assert "<p>one</p><p><del>two</del><ins>three</ins></p><p><ins>first</ins></p>" in stored
    assert (
        "<p>Guiding principles: <del>People-centred</del> "
        '<span class="arrow-forward">→</span> '
        "<ins>People-centred, International cooperation</ins></p>"
    ) in stored
    assert "<p>Desk <ins>&lt;x&gt; </ins>· <del>Old.</del><ins>New. · IOM</ins></p>" in stored
    assert '<p class="small">Only blank lines changed.</p>' in stored
    assert "<del>Old</del><ins>New</ins> &lt;b&gt;policy&lt;/b&gt; &amp; more." in stored


def test_the_page_reads_a_stored_diff_without_computing_it(client):
    _previous, review = _pair()
    assert store_diff_for(review) == 1
    cache.clear()
    with mock.patch.object(published_diff, "compare_content", _refuse):
        html = client.get(review.get_absolute_url()).content.decode()
    assert "<del>Old</del><ins>New</ins> policy wording." in html


def test_a_missing_diff_is_computed_once_and_stored(client):
    previous, review = _pair()
    assert PublishedDiff.objects.count() == 0
    real = published_diff.compare_content
    with mock.patch.object(published_diff, "compare_content", side_effect=real) as compare:
        for _ in range(2):
            cache.clear()
            html = client.get(review.get_absolute_url()).content.decode()
            assert "<del>Old</del><ins>New</ins> policy wording." in html
    assert compare.call_count == 1
    row = PublishedDiff.objects.get()
    assert (row.older_id, row.newer_id) == (
        previous.published_revision_id,
        review.published_revision_id,
    )
    assert [part["section"] for part in row.parts] == [1, 2, 3, 4, 5]
    assert row.parts[1] == {
        "section": 2,
        "rewritten": False,
        "diff_html": "<p><del>Old</del><ins>New</ins> policy wording.</p>",
    }


def test_pairs_of_revisions_do_not_mix():
    ghana = _pair("GHA", "Ghana before.", "Ghana after.")
    mexico = _pair("MEX", "Mexico before.", "Mexico after.")
    assert store_diff_for(ghana[1]) == 1
    assert store_diff_for(mexico[1]) == 1
    with mock.patch.object(published_diff, "compare_content", _refuse):
        shown = {
            iso3: changes(previous, review.published_revision)[1]["diff_html"]
            for iso3, (previous, review) in (("GHA", ghana), ("MEX", mexico))
        }
    assert shown == {
        "GHA": "<p>Ghana <del>before.</del><ins>after.</ins></p>",
        "MEX": "<p>Mexico <del>before.</del><ins>after.</ins></p>",
    }


def test_store_diff_for_stores_every_pair_of_the_state_once():
    older = published_review("GHA", "imrf-2022", sections={2: "First."})
    newer = published_review("GHA", sections={2: "Third."})
    assert store_diff_for(newer) == 1
    assert store_diff_for(older) == 0  # the same pair: stored already
    assert store_diff_for(published_review("MEX")) == 0  # no earlier review
    pairs = set(PublishedDiff.objects.values_list("older_id", "newer_id"))
    assert pairs == {(older.published_revision_id, newer.published_revision_id)}


def test_a_revision_refreshed_since_is_compared_again():
    previous, review = _pair()
    store_diff_for(review)
    revision = review.published_revision
    revision.content["sections"]["2"] = "Newest policy wording."
    revision.updated_at += datetime.timedelta(seconds=1)
    revision.save(update_fields=["content", "updated_at"])
    assert changes(previous, revision)[1]["diff_html"] == (
        "<p><del>Old</del><ins>Newest</ins> policy wording.</p>"
    )
    assert PublishedDiff.objects.get().parts[1]["diff_html"] == (
        "<p><del>Old</del><ins>Newest</ins> policy wording.</p>"
    )


def test_labels_follow_the_readers_language():
    from django.utils import translation

    previous, review = _rich_pair()
    store_diff_for(review)
    with translation.override("fr"):
        labels = [p["label"] for p in changes(previous, review.published_revision)]
    assert labels[-2:] == ["Objectif 5", "Objectif 9"]


def test_a_missing_diff_compares_the_published_parts_without_rendering_markdown(client):
    from reviews import markdown, public_index, selectors

    _previous, review = _pair()
    cache.clear()
    with (
        mock.patch.object(markdown, "render_markdown", _refuse),
        mock.patch.object(selectors, "render_markdown", _refuse),
        mock.patch.object(public_index, "render_markdown", _refuse),
    ):
        html = client.get(review.get_absolute_url()).content.decode()
    assert "<del>Old</del><ins>New</ins> policy wording." in html
    assert PublishedDiff.objects.count() == 1
