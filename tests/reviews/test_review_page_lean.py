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
from reviews.models import Objective
from reviews.views.public import _with_others
from reviews.workflow import publish_document, revise_document, submit_document
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
