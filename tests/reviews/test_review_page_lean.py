"""The public review page cold reads and translates only what it shows (issue 17, item 2): the
contents of its own revision, not those of the State's other reviews nor of its earlier versions;
each status label translated once per page. Same output: the page's own tests, unchanged, and
bench/review_page.py check that."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.functional import lazy

from reviews.document_html import changes_html, objectives_table_html
from reviews.editing import save_part
from reviews.models import Objective, PdfRendition, VoluntaryReview
from reviews.selectors import _WORKING_COPY_FIELDS
from reviews.state_reviews import state_reviews
from reviews.views.public import _with_others
from reviews.workflow import (
    publish_document,
    revise_document,
    submit_document,
    unpublish_document,
)
from tests.publishing import published_review, secretariat

pytestmark = pytest.mark.django_db

REVISION_CONTENT = '"reviews_reviewrevision"."content"'


def test_the_states_other_reviews_come_without_their_contents(django_assert_num_queries):
    published_review("GHA", "imrf-2022", sections={1: "Before."})
    published_review("GHA", sections={1: "After."})
    with django_assert_num_queries(1):
        review, others = _with_others("imrf-2026", "GHA")
        assert review.published_revision.content["sections"]["1"] == "After."
    assert [o.cycle.slug for o in others] == ["imrf-2022"]
    assert review.published_revision.get_deferred_fields() == set()
    assert others[0].published_revision.get_deferred_fields() == {"content"}
    # Read when asked for (a diff computed at a request): one query, the right content.
    with django_assert_num_queries(1):
        assert others[0].published_revision.content["sections"]["1"] == "Before."


def _loaded(instance) -> dict:
    """The values an instance was read with (its deferred fields left out)."""
    deferred = instance.get_deferred_fields()
    fields = instance._meta.concrete_fields
    return {f.attname: getattr(instance, f.attname) for f in fields if f.attname not in deferred}


def test_the_states_reviews_are_the_instances_the_orm_reads(django_assert_num_queries):
    """`state_reviews` writes its statement by hand (the ORM compiled it at every cold
    request): each row gives the instances `select_related` gave, the same values, with the
    same fields deferred, the relations read with it, and None where a left join found none."""
    older = published_review("GHA", "imrf-2022", sections={1: "Before."})
    newer = published_review("GHA", sections={1: "After."})
    PdfRendition.objects.filter(document=older).delete()  # not wanted yet: no row
    unpublish_document(newer, by=secretariat(), comment="Withdrawn for a correction.")
    published_review("SEN", sections={1: "Another State."})
    expected = {
        r.pk: r
        for r in VoluntaryReview.objects.select_related(
            "member_state", "cycle", "published_revision", "pdf"
        ).defer(*_WORKING_COPY_FIELDS, "published_revision__content")
    }
    with CaptureQueriesContext(connection) as queries:
        reviews = state_reviews("imrf-2026", "GHA")
        read = [
            (r.cycle, r.member_state, r.published_revision, r.rendition.status) for r in reviews
        ]
    assert len(queries) == 1
    # The cycle asked for (unpublished: no revision) and the State's other published review.
    assert [r.pk for r in reviews] == [newer.pk, older.pk]
    assert read[0][2] is None and read[1][2] is not None
    assert read[1][3] == PdfRendition(document=older).status  # no row: "not needed yet"
    for review in reviews:
        orm = expected[review.pk]
        assert review.get_deferred_fields() == set(_WORKING_COPY_FIELDS)
        assert _loaded(review) == _loaded(orm)
        for relation in ("cycle", "member_state", "published_revision"):
            ours, theirs = getattr(review, relation), getattr(orm, relation)
            assert (ours is None) == (theirs is None), relation
            if ours is not None:
                assert type(ours) is type(theirs) and _loaded(ours) == _loaded(theirs)
        assert review.member_state.name == "Ghana"
    assert reviews[1].published_revision.get_deferred_fields() == {"content"}
    # Asked for the older cycle: it brings its revision's content; the unpublished one is
    # no other published review.
    with django_assert_num_queries(1):
        reviews = state_reviews("imrf-2022", "GHA")
        assert [r.pk for r in reviews] == [older.pk]
        assert reviews[0].published_revision.content["sections"]["1"] == "Before."


def test_a_missing_diff_is_computed_from_the_previous_reviews_deferred_content(client):
    published_review("GHA", "imrf-2022", sections={1: "Before."})
    published_review("GHA", sections={1: "After."})
    # No warming task has stored the diff: the first request computes it.
    html = client.get("/en/reviews/imrf-2026/GHA/").content.decode()
    assert html.count("<del>Before.</del><ins>After.</ins>") == 1


def test_the_earlier_versions_list_reads_no_revision_content(client):
    first = published_review("GHA", sections={1: "First wording."})
    draft = revise_document(first, by=first.author)
    draft = save_part(draft.pk, "section-1", {"text": "Second wording."}, by=first.author,
                      base_version=draft.version, kind="save")  # fmt: skip
    submit_document(draft, by=first.author)
    publish_document(draft, by=secretariat())
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/en/reviews/imrf-2026/GHA/").content.decode()
    assert "Second wording." in html
    # The first version, linked by its number.
    number = first.published_revision.number
    assert html.count(f'href="/en/reviews/imrf-2026/GHA/versions/{number}/"') == 1
    events = [q["sql"] for q in queries.captured_queries if "reviews_moderationevent" in q["sql"]]
    assert len(events) == 1
    assert REVISION_CONTENT not in events[0]
    assert '"reviews_reviewrevision"."number"' in events[0]


def _counted_label(text, calls):
    def translate():
        calls.append(text)
        return text

    return lazy(translate, str)()


def test_the_objectives_table_translates_each_status_once():
    calls = []
    planned = _counted_label("Planned", calls)
    rows = [
        (1, [
            {"objective": o, "entry": {"status": "planned"}, "status_label": planned}
            for o in Objective.objects.order_by("number")[:3]
        ]),
    ]  # fmt: skip
    html = objectives_table_html(rows)
    assert html.count("</span> Planned</td>") == 3
    assert calls == ["Planned"]


def test_what_changed_translates_each_status_label_once():
    calls = []
    before, after = _counted_label("Planned", calls), _counted_label("Done & dusted", calls)
    same = _counted_label("Planned", calls)
    parts = [
        {"label": "Objective 1", "status": (before, after), "fields": [], "diff_html": "x"},
        {"label": "Objective 2", "status": (same, same), "fields": [], "diff_html": "y"},
        {"label": "Objective 3", "status": ("", after), "fields": [], "diff_html": "z"},
    ]
    html = changes_html(parts)
    assert html.count("<del>Planned</del>") == 1
    assert html.count("<ins>Done &amp; dusted</ins>") == 2
    assert html.count("<del>—</del>") == 1
    assert "Status: <del>Planned</del>" in html and html.count("Status:") == 2
    assert sorted(calls) == sorted(
        ["Planned", "Done & dusted", "Planned", "Planned", "Done & dusted"]
    )
