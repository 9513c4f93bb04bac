"""The public portal: home, list with filters and search, review page, State, objective,
tracker and coverage pages, the cache of public pages, constant query counts."""

import pytest

from reviews.models import ReviewCycle
from reviews.workflow import submit_document, unpublish_document
from tests.publishing import draft_review, published_review, secretariat

pytestmark = pytest.mark.django_db


def page(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_home_shows_latest_publications_counts_per_commission_and_a_search_box(client):
    published_review("GHA")
    published_review("MEX", language="es")
    html = page(client, "/en/")
    assert 'action="/en/reviews/"' in html and 'name="q"' in html
    assert html.index("Mexico") < html.index("Ghana")  # latest first
    assert 'href="/en/reviews/?cycle=imrf-2026&amp;commission=ECA">1</a>' in html
    assert 'href="/en/reviews/?cycle=imrf-2026">2</a>' in html


def test_list_filters_by_commission_group_language_objective_and_category(client):
    published_review("GHA", objectives={5: ("achieved", "Pathways.")})
    published_review("MEX", language="es", objectives={6: ("planned", "Recruitment.")})
    published_review("FJI")  # a SIDS in ESCAP
    published_review("MLI", cycle="imrf-2022")  # LDC, LLDC; earlier cycle

    def states(query):
        html = page(client, f"/en/reviews/?{query}")
        names = ["Ghana", "Mexico", "Fiji", "Mali"]
        return sorted(n for n in names if f">{n}</a>" in html)

    assert states("commission=ECLAC") == ["Mexico"]
    assert states("group=African") == ["Ghana", "Mali"]
    assert states("language=es") == ["Mexico"]
    assert states("objective=5") == ["Ghana"]
    assert states("category=sids") == ["Fiji"]
    assert states("category=lldc") == ["Mali"]
    assert states("cycle=imrf-2022") == ["Mali"]
    assert states("state=GHA") == ["Ghana"]
    assert states("commission=ECA&cycle=imrf-2026") == ["Ghana"]


def test_list_sorts_and_paginates_with_shareable_links(client):
    for iso3 in ["GHA", "MEX", "FRA"]:
        published_review(iso3)
    html = page(client, "/en/reviews/?sort=state")
    assert html.index(">France</a>") < html.index(">Ghana</a>") < html.index(">Mexico</a>")
    html = page(client, "/en/reviews/?sort=-state")
    assert html.index(">Mexico</a>") < html.index(">France</a>")
    from reviews.views import browse

    browse.PAGE_SIZE, size = 2, browse.PAGE_SIZE
    try:
        html = page(client, "/en/reviews/?sort=state&page=2")
    finally:
        browse.PAGE_SIZE = size
    assert ">Mexico</a>" in html and ">France</a>" not in html
    assert 'href="?sort=state&amp;page=1"' in html


@pytest.mark.parametrize("api", [False, True])
def test_sorting_by_state_follows_the_names_in_the_readers_language(client, api):
    # Seen failing: "Member State (A–Z)" sorted by the English names in every language (in
    # French, "Pays-Bas" (Netherlands) before "Norvège" (Norway), "Allemagne" (Germany) last).
    for iso3 in ("NLD", "NOR", "DEU"):
        published_review(iso3)
    if api:
        answer = client.get("/api/v1/reviews/?sort=state", headers={"accept-language": "fr"})
        names = [row["member_state_name"] for row in answer.json()["results"]]
    else:
        html = page(client, "/fr/reviews/?sort=state")
        names = [n for n in ("Allemagne", "Norvège", "Pays-Bas") if f">{n}</a>" in html]
        names.sort(key=lambda name: html.index(f">{name}</a>"))
    assert names == ["Allemagne", "Norvège", "Pays-Bas"]
    html = page(client, "/fr/reviews/?sort=-state")
    assert html.index(">Pays-Bas</a>") < html.index(">Norvège</a>") < html.index(">Allemagne</a>")


def test_bad_filters_are_explained_at_the_field_and_kept(client):
    published_review("GHA")
    html = page(client, "/en/reviews/?cycle=nope&objective=99&q=kept+words")
    assert "Select a valid choice" in html
    assert 'value="kept words"' in html
    html = page(client, "/fr/reviews/?cycle=nope")
    assert "Sélectionnez un choix valide" in html
    too_long = "-".join(["migration"] * 30)
    html = page(client, f"/en/reviews/?q={too_long}")
    assert "Ensure this value has at most 200 characters (it has 299)." in html
    assert f'value="{too_long}"' in html  # kept, to shorten
    assert 'aria-describedby="id_q_helptext id_q_errors"' in html


def test_search_results_link_to_the_section_and_offer_csv(client):
    published_review("GHA", sections={4: "Budget lines for consular protection."})
    html = page(client, "/en/reviews/?q=consular")
    assert 'href="/en/reviews/imrf-2026/GHA/#section-4"' in html
    assert "<mark>consular</mark>" in html
    assert 'href="/api/v1/reviews/?format=csv&amp;q=consular"' in html


def test_review_page_has_objective_table_other_cycles_changes_and_citation(client):
    published_review("GHA", "imrf-2022", sections={2: "Old policy wording."})
    published_review(
        "GHA",
        sections={2: "New policy wording."},
        objectives={7: ("under_way", "Vulnerabilities addressed.")},
    )
    html = page(client, "/en/reviews/imrf-2026/GHA/")
    assert 'href="#objective-7"' in html and 'id="objective-7"' in html
    assert 'href="/en/reviews/imrf-2022/GHA/"' in html
    assert "What changed since International Migration Review Forum 2022" in html
    assert "<del>Old</del><ins>New</ins> policy wording." in html
    assert "Government of Ghana (2026). Voluntary GCM review" in html
    assert "http://testserver/en/reviews/imrf-2026/GHA/" in html


def test_review_page_marks_the_language_and_direction_of_the_content(client):
    published_review("JOR", language="ar", sections={1: "نص عربي"})
    html = page(client, "/en/reviews/imrf-2026/JOR/")
    assert '<article lang="ar" dir="rtl"' in html
    html = page(client, "/ar/reviews/imrf-2026/JOR/")
    assert '<html lang="ar" dir="rtl">' in html


def test_state_page_lists_cycles_and_objectives_covered(client):
    published_review("GHA", objectives={3: ("achieved", "Information.")})
    html = page(client, "/en/states/GHA/")
    # The objective's cell says its status; the key above the table names every status anyway.
    assert (
        '<a href="/en/reviews/imrf-2026/GHA/#objective-3"><span class="status-mark status-achieved"'
        ' title="Achieved"' in html
    )
    html = page(client, "/en/states/NOR/")
    assert "has not published a voluntary GCM review" in html
    page(client, "/en/states/XXX/", status=404)


def test_objective_page_filters_by_commission_and_status_with_a_chart(client):
    published_review("GHA", objectives={5: ("achieved", "Ghana on pathways.")})
    published_review("MEX", language="es", objectives={5: ("planned", "México y las vías.")})
    published_review("FRA", objectives={6: ("planned", "Not objective five.")})
    html = page(client, "/en/objectives/5/")
    assert "Ghana on pathways." in html and "México y las vías." in html
    assert "Not objective five." not in html
    assert '<rect class="bar-achieved" x="0" y="0" height="10" width="50">' in html
    html = page(client, "/en/objectives/5/?commission=ECLAC")
    assert "México" in html and "Ghana on pathways." not in html
    html = page(client, "/en/objectives/5/?status=achieved")
    assert "Ghana on pathways." in html and "México" not in html
    # the chart keeps every status under the other filters
    assert 'class="bar-planned" x="0" y="0" height="10" width="50"' in html
    page(client, "/en/objectives/24/", status=404)


def test_tracker_shows_publications_and_submissions_only_when_enabled(client):
    published_review("GHA")
    submitted = draft_review("MEX")
    submit_document(submitted, by=submitted.author)
    draft_review("FRA")
    html = page(client, "/en/cycles/imrf-2026/")
    assert "1 Member State has published its review." in html
    assert "Submitted" not in html
    ReviewCycle.objects.filter(slug="imrf-2026").update(tracker_shows_submitted=True)
    html = page(client, "/en/cycles/imrf-2026/")
    assert "1 more has submitted and awaits publication." in html
    row = html[html.index(">Mexico</a>") :][:400]
    assert "Submitted" in row
    row = html[html.index(">France</a>") :][:400]
    assert "Submitted" not in row and "Published" not in row


def test_coverage_matrix_has_a_row_per_review_and_totals(client):
    published_review("GHA", objectives={1: ("achieved", "x"), 2: ("planned", "y")})
    published_review("MEX", objectives={1: ("under_way", "z")})
    html = page(client, "/en/cycles/imrf-2026/coverage/")
    assert html.count('class="status-mark status-achieved"') == 2  # legend + Ghana
    footer = html[html.index("<tfoot>") :]
    assert footer.count('<td class="text-center">2</td>') == 1
    assert footer.count('<td class="text-center">1</td>') == 1


PUBLIC_URLS = [
    "/en/",
    "/en/reviews/",
    "/en/reviews/?commission=ECA&objective=1",
    "/en/reviews/?q=section",
    "/en/reviews/imrf-2026/GHA/",
    "/en/states/GHA/",
    "/en/objectives/1/",
    "/en/cycles/imrf-2026/",
    "/en/cycles/imrf-2026/coverage/",
    "/feeds/publications/",
    "/sitemap.xml",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_query_count_does_not_grow_with_the_number_of_reviews(
    client, url, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    objectives = {1: ("achieved", "Section words.")}
    published_review("GHA", objectives=objectives)
    client.get(url)  # the filters' options are built once (reviews.choice_memo), then kept
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for iso3 in ["MEX", "FRA"]:
        published_review(iso3, objectives=objectives)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(url).status_code == 200


@pytest.mark.public_cache
def test_anonymous_pages_are_cached_and_invalidated_on_publish_and_unpublish(
    django_capture_on_commit_callbacks, client, django_assert_num_queries
):
    with django_capture_on_commit_callbacks(execute=True):
        review = published_review("GHA")
    assert ">Ghana</a>" in page(client, "/en/reviews/")
    with django_assert_num_queries(0):
        assert ">Ghana</a>" in page(client, "/en/reviews/")
    with django_capture_on_commit_callbacks(execute=True):
        published_review("MEX")
    assert ">Mexico</a>" in page(client, "/en/reviews/")
    with django_capture_on_commit_callbacks(execute=True):
        unpublish_document(review, by=secretariat(), comment="Mistake.")
    assert ">Ghana</a>" not in page(client, "/en/reviews/")
    page(client, "/en/reviews/imrf-2026/GHA/", status=410)


@pytest.mark.public_cache
def test_signed_in_users_always_get_a_fresh_page(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        published_review("GHA")
    page(client, "/en/reviews/")  # now cached for anonymous readers
    published_review("MEX")  # its on-commit invalidation never runs inside this test
    assert ">Mexico</a>" not in page(client, "/en/reviews/")  # the cached page
    client.force_login(secretariat())
    html = page(client, "/en/reviews/")
    assert ">Mexico</a>" in html and "Log out" in html


@pytest.mark.public_cache
def test_a_new_publication_of_the_same_review_shows_its_own_text_and_changes(
    client, django_capture_on_commit_callbacks
):
    # The rendered text and the diff between cycles are kept per published revision: a new
    # publication must never be served the previous one's.
    from reviews.editing import save_part
    from reviews.workflow import publish_document, revise_document

    published_review("GHA", "imrf-2022", sections={2: "Old policy wording."})
    with django_capture_on_commit_callbacks(execute=True):
        review = published_review("GHA", sections={2: "New policy wording."})
    html = page(client, "/en/reviews/imrf-2026/GHA/")
    assert "<del>Old</del><ins>New</ins> policy wording." in html
    author = review.author
    with django_capture_on_commit_callbacks(execute=True):
        review = revise_document(review, by=author)
        review = save_part(
            review.pk,
            "section-2",
            {"text": "Newer policy wording."},
            by=author,
            base_version=review.version,
            kind="save",
        )
        submit_document(review, by=author)
        publish_document(review, by=secretariat())
    html = page(client, "/en/reviews/imrf-2026/GHA/")
    assert "<p>Newer policy wording.</p>" in html
    assert "<del>Old</del><ins>Newer</ins> policy wording." in html
    assert "<p>New policy wording.</p>" not in html


def test_sitemap_lists_published_pages_in_every_language(client):
    published_review("GHA")
    draft_review("MEX")
    xml = page(client, "/sitemap.xml")
    for code in ["en", "fr", "es", "ar", "zh-hans", "ru"]:
        assert f"http://testserver/{code}/reviews/imrf-2026/GHA/</loc>" in xml
    assert 'hreflang="ar" href="http://testserver/ar/states/GHA/"' in xml
    assert "/objectives/23/</loc>" in xml and "/cycles/imrf-2026/coverage/</loc>" in xml
    assert "MEX" not in xml  # a draft: neither its review nor its State page
