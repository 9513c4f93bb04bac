"""Cold public pages stay cheap (issue 17, item 2): an objective's entries are counted and paged
in the database, the dropdowns read only the names they show, the reference data's version is
read once per request. (Speed itself is measured by bench/cold.py.)"""

import re
from unittest import mock

import pytest
from django.db import connection
from django.db.models import Count
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from reviews import choice_memo
from reviews.filters import PublicReviewFilter
from reviews.models import ImplementationStatus, MemberState, PublishedPart, VoluntaryReview
from reviews.selectors import (
    objective_rows,
    publication_summary,
    review_document,
    status_distribution,
)
from reviews.views import browse
from tests.publishing import draft_review, published_review

pytestmark = pytest.mark.django_db


def _names(html: str) -> list[str]:
    return re.findall(r'<h3 class="h5"><a href="[^"]*">([^<]*)</a>', html)


def test_objective_page_pages_the_sorted_entries_then_reads_their_text(client, monkeypatch):
    for iso3 in ("MEX", "GHA", "FRA"):
        published_review(iso3, objectives={5: ("achieved", f"Text of {iso3}.")})
    published_review("DEU", objectives={6: ("planned", "Not objective five.")})
    monkeypatch.setattr(browse, "PAGE_SIZE", 2)
    first = client.get("/en/objectives/5/").content.decode()
    second = client.get("/en/objectives/5/?page=2").content.decode()
    assert _names(first) == ["France", "Ghana"]
    assert _names(second) == ["Mexico"]
    assert "Text of MEX." in second and "Text of FRA." not in second


def test_status_distribution_is_counted_by_the_database_in_one_query():
    published_review("GHA", objectives={5: ("achieved", "x"), 6: ("planned", "y")})
    published_review("MEX", objectives={5: ("achieved", "z")})
    entries = PublishedPart.objects.filter(kind=PublishedPart.Kind.OBJECTIVE)
    with CaptureQueriesContext(connection) as done:
        counted = status_distribution(entries)
    assert len(done.captured_queries) == 1
    assert "GROUP BY" in done.captured_queries[0]["sql"]
    assert counted == status_distribution(["achieved", "planned", "achieved"])
    assert {d["status"].value: (d["count"], d["percent"]) for d in counted if d["count"]} == {
        "achieved": (2, 67),
        "planned": (1, 33),
    }
    assert len(counted) == len(ImplementationStatus) - 1  # every status but "not addressed"


def test_dropdowns_read_only_the_active_and_english_names():
    choice_memo.forget_choices()
    with translation.override("fr"), CaptureQueriesContext(connection) as done:
        str(PublicReviewFilter(None, queryset=VoluntaryReview.objects.none()).form["state"])
    (statement,) = [q["sql"] for q in done.captured_queries if "reviews_memberstate" in q["sql"]]
    # The States' part of the one statement of `reviews.choice_rows` (its columns unqualified).
    (states,) = [b for b in statement.split("UNION ALL") if '"reviews_memberstate"' in b]
    columns = set(re.findall(r'"(\w+)"', states.split(" FROM ")[0]))
    assert sorted(columns) == ["iso3", "name_en", "name_fr"]


def test_the_reference_version_is_read_once_per_request(client):
    published_review("GHA", objectives={5: ("achieved", "x")})
    with mock.patch.object(
        choice_memo, "_read_generation", wraps=choice_memo._read_generation
    ) as read:
        assert client.get("/en/reviews/").status_code == 200
        assert read.call_count == 1  # eight dropdowns
        assert client.get("/en/objectives/5/").status_code == 200
        assert read.call_count == 2
    # Outside a request, every call reads it (a change made meanwhile is seen).
    with mock.patch.object(choice_memo, "_read_generation", return_value=7) as read:
        choice_memo.reference_generation()
        choice_memo.reference_generation()
    assert read.call_count == 2


@pytest.mark.parametrize(
    ("number", "previous", "following"), [(1, None, 2), (5, 4, 6), (23, 22, None)]
)
def test_objective_page_links_its_neighbours_read_in_one_query(
    client, number, previous, following, django_assert_num_queries
):
    published_review("GHA", objectives={number: ("achieved", "x")})
    choice_memo.forget_choices()
    # The objective and its neighbours, the chart (which counts the entries too), the page's
    # entries with their names, their HTML, and the dropdowns' cycles, commissions, States and
    # objectives (one statement).
    with django_assert_num_queries(5):
        html = client.get(f"/en/objectives/{number}/").content.decode()
    links = re.findall(r'<a href="/en/objectives/(\d+)/" rel="(prev|next)">', html)
    expected = [(str(n), rel) for n, rel in ((previous, "prev"), (following, "next")) if n]
    assert links == expected


def test_objective_page_of_no_objective_is_not_found(client):
    assert client.get("/en/objectives/24/").status_code == 404
    assert client.get("/en/objectives/0/").status_code == 404


@pytest.mark.parametrize(
    ("table", "name", "columns", "orders"),
    [
        ("reviews_document", "published_documents_latest", ["published_at", "id"], ["DESC", "ASC"]),
        (
            "reviews_publishedpart",
            "published_objective_entries",
            ["objective_id", "status", "document_id", "id"],
            ["ASC", "ASC", "ASC", "ASC"],
        ),
    ],
)
def test_the_public_pages_indexes_exist(table, name, columns, orders):
    """Why each: their `Meta.indexes` (measured by bench/cold.py)."""
    with connection.cursor() as cursor:
        index = connection.introspection.get_constraints(cursor, table)[name]
    assert (index["columns"], index["orders"], index["index"]) == (columns, orders, True)


def _plans(sqls: list[str]) -> list[str]:
    """EXPLAIN of each of `sqls`, index scans forced: on a test's handful of rows a table scan
    wins whatever the indexes, and the question is what the indexes can answer."""
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        for sql in sqls:
            cursor.execute(f"EXPLAIN {sql}")
            plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def _review_rows_read(plan: str) -> list[str]:
    return [
        line.strip()
        for line in plan.splitlines()
        if "on reviews_voluntaryreview" in line and "Index Only Scan" not in line
    ]


@pytest.mark.postgresql
def test_objective_page_reads_each_reviews_state_without_its_row(client):
    """An objective's entries are sorted by their State's name: each review's State is read
    from the index `review_state_lookup`, not from the review's wide row (its drafts), which
    made the page read the whole table (1.9 ms at 4,000 reviews, bench/cold.py)."""
    for iso3 in ("MEX", "GHA", "FRA"):
        published_review(iso3, objectives={5: ("achieved", f"Text of {iso3}.")})
    choice_memo.forget_choices()
    with CaptureQueriesContext(connection) as ran:
        assert client.get("/en/objectives/5/").status_code == 200
    (entries,) = [q["sql"] for q in ran if "reviews_voluntaryreview" in q["sql"]]
    (plan,) = _plans([entries])
    assert "Index Only Scan using review_state_lookup" in plan
    assert _review_rows_read(plan) == []


@pytest.mark.postgresql
def test_every_reviews_state_is_read_from_the_index_alone():
    """What the list sorted by State joins, every review with its State, from the index."""
    for iso3 in ("MEX", "GHA"):
        published_review(iso3)
    (plan,) = _plans(["SELECT id, member_state_id FROM reviews_voluntaryreview"])
    assert "Index Only Scan using review_state_lookup" in plan


def test_review_page_counts_no_words_it_does_not_show(client):
    published_review("GHA", objectives={5: ("achieved", "Five words in this narrative.")})
    with mock.patch("reviews.selectors.entry_words", return_value=0) as counted:
        page = client.get("/en/reviews/imrf-2026/GHA/")
    assert page.status_code == 200
    assert counted.call_count == 0
    assert "Five words in this narrative." in page.content.decode()


def test_the_workspace_and_the_pdf_still_count_an_entrys_words():
    content = {
        "language": "en",
        "sections": {},
        "objectives": {
            "5": {"status": "achieved", "narrative": "Three words here.", "practices": []}
        },
    }
    words = {e["objective"].number: e["words"] for _t, es in objective_rows(content) for e in es}
    assert words[5] == 3
    assert words[6] == 0
    document = review_document(content)
    assert [e["words"] for _t, es in document["objective_rows"] for e in es if e["entry"]] == [3]


def test_home_summary_counts_a_state_in_each_of_its_commissions_once_in_the_total():
    two = MemberState.objects.annotate(n=Count("regional_commissions")).filter(n=2).first().iso3
    published_review(two, objectives={5: ("achieved", "x")})
    published_review("GHA" if two != "GHA" else "MEX", objectives={5: ("achieved", "x")})
    published_review("FRA", "imrf-2022", objectives={5: ("achieved", "x")})
    draft_review("DEU", objectives={5: ("achieved", "x")})  # not published: not counted
    expected = {}
    for review in VoluntaryReview.objects.filter(published_revision__isnull=False):
        for code in review.member_state.regional_commissions.values_list("code", flat=True):
            key = (review.cycle.slug, code)
            expected[key] = expected.get(key, 0) + 1
    with CaptureQueriesContext(connection) as done:
        summary = publication_summary()
    assert len(done.captured_queries) == 3  # the counts, the commissions, the cycles
    cells = {
        (row["cycle"].slug, c.code): n for row in summary["rows"] for c, n in row["cells"] if n
    }
    totals = {row["cycle"].slug: row["total"] for row in summary["rows"] if row["total"]}
    assert cells == expected
    # Three reviews, two of them by a State in two commissions (`two`; France: ECE and ECLAC).
    assert sum(cells.values()) == 6
    assert totals == {"imrf-2026": 2, "imrf-2022": 1}


@pytest.mark.parametrize(("code", "bidi"), [("en", False), ("ar", True), ("zh-hans", False)])
def test_ui_lang_tag_writes_what_the_include_writes(code, bidi):
    context = {"LANGUAGE_CODE": code, "LANGUAGE_BIDI": bidi}
    tag = Template("{% load reviews_tags %}{% ui_lang as ui %}<h2 {{ ui }}>").render(
        Context(context)
    )
    include = Template('<h2 {% include "reviews/_ui_lang.html" %}>').render(Context(context))
    assert tag == include
    assert (
        tag
        == {
            "en": '<h2 lang="en" dir="ltr">',
            "ar": '<h2 lang="ar" dir="rtl">',
            "zh-hans": '<h2 lang="zh-Hans" dir="ltr">',
        }[code]
    )


def test_review_page_headings_carry_the_interface_language(client):
    published_review("GHA", language="ar", objectives={5: ("achieved", "نص")})
    html = client.get("/en/reviews/imrf-2026/GHA/").content.decode()
    assert '<h2 lang="en" dir="ltr">1. ' in html
    assert '<h4 lang="en" dir="ltr">5. ' in html
    assert '<div class="document-text" lang="ar" dir="rtl">' in html


def test_list_rows_read_only_the_active_and_english_names(client):
    """The rows' State names and cycle titles: the active language's column and English (its
    fallback), not all six (issue 17); a name missing in French shows in English, with no query
    per row to fetch it."""
    published_review("GHA")
    published_review("MEX")
    MemberState.objects.filter(iso3="MEX").update(name_fr="")
    with CaptureQueriesContext(connection) as done:
        html = client.get("/fr/reviews/").content.decode()
    rows_sql = next(q["sql"] for q in done.captured_queries if "reviews_publishedpart" in q["sql"])
    assert "state.name_fr" in rows_sql and "state.name_en" in rows_sql
    assert "cycle.title_fr" in rows_sql and "cycle.title_en" in rows_sql
    assert "name_ar" not in rows_sql and "title_ru" not in rows_sql
    names = re.findall(r'<h3 class="h5 mb-1"><a href="[^"]*">([^<]*)</a>', html)
    assert sorted(names) == ["Ghana", "Mexico"]  # Mexico's French name missing
    with CaptureQueriesContext(connection) as english:
        client.get("/en/reviews/?sort=state")
    assert len(done.captured_queries) == len(english.captured_queries)
