"""An objective's public page reads its entries as plain rows (`reviews/objective_page.py`):
the number of entries comes from the chart's GROUP BY (no `SELECT COUNT(*)`), names show in the
reader's language or else in English, each entry's text in its own language and direction.
(Speed itself is measured by bench/cold.py.)"""

import html as html_lib
import re

import pytest
from django.utils import translation

from reviews import choice_memo
from reviews.models import ImplementationStatus, MemberState, ReviewCycle
from reviews.views import browse
from tests.publishing import published_review

pytestmark = pytest.mark.django_db

ENTRY = re.compile(
    r'<h3 class="h5"><a href="([^"]*)">([^<]*)</a> <span class="text-body-secondary">· ([^<]*)'
    r'</span></h3>\s*<p class="mb-1"><span class="status-mark status-(\w+)" aria-hidden="true">'
    r'</span> <strong>([^<]*)</strong></p>\s*<div lang="([^"]*)" dir="([^"]*)">'
)


def _entries(page: str) -> list[tuple[str, ...]]:
    return [tuple(html_lib.unescape(group) for group in e) for e in ENTRY.findall(page)]


@pytest.fixture
def four_entries(monkeypatch):
    """Objective 5 in four reviews, one per page: achieved by Ghana, Mexico and Nigeria (Ghana
    and Nigeria in ECA), planned by France."""
    for iso3, status in (("GHA", "achieved"), ("MEX", "achieved"), ("NGA", "achieved")):
        published_review(iso3, objectives={5: (status, f"Text of {iso3}.")})
    published_review("FRA", objectives={5: ("planned", "Text of FRA.")})
    monkeypatch.setattr(browse, "PAGE_SIZE", 1)


@pytest.mark.parametrize(
    ("query", "pages", "first", "queries"),
    [
        ("", "Page 1 of 4", "France", 5),
        ("?status=achieved", "Page 1 of 3", "Ghana", 5),
        ("?status=achieved&page=3", "Page 3 of 3", "Nigeria", 5),
        ("?status=planned", None, "France", 5),  # one entry: no page links
        ("?status=bogus", "Page 1 of 4", "France", 5),  # not a status: the filter ignores it
        # The form is cleaned once: the commission chosen is looked up once (not per filter set).
        ("?commission=ECA", "Page 1 of 2", "Ghana", 6),
        ("?commission=ECA&status=achieved&page=2", "Page 2 of 2", "Nigeria", 6),
        ("?page=9", "Page 4 of 4", "Nigeria", 5),  # past the last page: the last
    ],
)
def test_objective_page_counts_its_entries_with_the_chart(
    client, four_entries, django_assert_num_queries, query, pages, first, queries
):
    choice_memo.forget_choices()
    # The objective and its neighbours, the chart (whose counts give the number of pages),
    # the page's entries sorted with their names, their HTML by id (reviews.objective_page),
    # and the dropdowns' rows (one statement, `reviews.choice_rows`).
    with django_assert_num_queries(queries):
        page = client.get(f"/en/objectives/5/{query}").content.decode()
    assert re.findall(r"Page \d+ of \d+", page) == ([pages] if pages else [])
    assert [name for _url, name, *_ in _entries(page)] == [first]


def test_objective_entries_show_names_in_the_readers_language_or_english(client):
    MemberState.objects.filter(iso3="GHA").update(name_fr="")  # no French name: English
    ReviewCycle.objects.filter(slug="imrf-2022").update(title_fr="")
    published_review("GHA", objectives={5: ("achieved", "Ghana on pathways.")})
    published_review("MEX", language="ar", objectives={5: ("planned", "نص")})
    published_review("MEX", "imrf-2022", language="zh-hans", objectives={5: ("planned", "文本")})
    cycles = dict(ReviewCycle.objects.values_list("slug", "title_fr"))
    english_2022 = ReviewCycle.objects.get(slug="imrf-2022").title_en
    with translation.override("fr"):
        achieved, planned = (str(ImplementationStatus(s).label) for s in ("achieved", "planned"))
    page = client.get("/fr/objectives/5/").content.decode()
    link = "/fr/reviews/{}/#objective-5".format
    assert _entries(page) == [
        (link("imrf-2026/GHA"), "Ghana", cycles["imrf-2026"], "achieved", achieved, "en", "ltr"),
        (link("imrf-2026/MEX"), "Mexique", cycles["imrf-2026"], "planned", planned, "ar", "rtl"),
        (link("imrf-2022/MEX"), "Mexique", english_2022, "planned", planned, "zh-Hans", "ltr"),
    ]


def test_an_objective_nobody_addressed_shows_no_entries(client):
    # Seen failing with a 500 (EmptyResultSet) when the page's entries were first read by SQL
    # of their own: an empty page's ids were no query at all.
    published_review("GHA", objectives={5: ("achieved", "Ghana on pathways.")})
    for url in ["/en/objectives/1/", "/en/objectives/1/?page=2", "/en/objectives/5/?state=MEX"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "No published review addresses this objective" in response.content.decode(), url


def test_objective_entries_follow_the_states_names_in_the_readers_language(client):
    # Seen failing: the entries were ordered by the States' English names in every language
    # (the Netherlands before Norway, also in French, where "Pays-Bas" comes after "Norvège").
    for iso3 in ("NLD", "NOR"):
        published_review(iso3, objectives={5: ("achieved", f"{iso3} on pathways.")})
    assert _names("/en/objectives/5/", client)[0].startswith("Netherlands")
    assert _names("/fr/objectives/5/", client) == ["Norvège", "Pays-Bas"]


def _names(url: str, client) -> list[str]:
    return [name for _url, name, *_ in _entries(client.get(url).content.decode())]


def test_the_coverage_matrix_lists_the_states_in_the_readers_order(client):
    # Seen failing: by the English names in every language.
    for iso3 in ("NLD", "NOR"):
        published_review(iso3, objectives={5: ("achieved", f"{iso3} on pathways.")})
    french = client.get("/fr/cycles/imrf-2026/coverage/").content.decode()
    english = client.get("/en/cycles/imrf-2026/coverage/").content.decode()
    assert french.index("Norvège") < french.index("Pays-Bas")
    assert english.index("Netherlands") < english.index("Norway")
