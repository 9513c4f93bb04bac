"""The public review page cold (issue 17, item 2): what it reads from the database. Its output is
the templates' of before, to the byte (bench/review_page.py checks it at scale; the page's
own tests, unchanged, check what it shows)."""

import pytest

from reviews.editing import save_part
from reviews.models import GuidingPrinciple
from reviews.workflow import publish_document, submit_document
from tests.publishing import draft_review, published_review, secretariat

pytestmark = pytest.mark.django_db


def test_review_page_reads_the_review_and_the_states_others_in_one_query(
    client, django_assert_num_queries
):
    published_review("GHA", "imrf-2022", sections={1: "Before."})
    published_review("GHA", sections={1: "After."})
    url = "/en/reviews/imrf-2026/GHA/"
    client.get(url)  # computes and stores what changed since 2022 (the warming task's job)
    # The review with the State's other published reviews, its earlier versions, its stored
    # parts, the guiding principles, the objectives, the stored diff.
    with django_assert_num_queries(6):
        html = client.get(url).content.decode()
    assert html.count('<a href="/en/reviews/imrf-2022/GHA/">') == 1
    assert html.count('<h2 id="changes-heading" class="h4">What changed since ') == 1
    assert "<del>Before.</del><ins>After.</ins>" in html


def test_review_page_of_an_earlier_cycle_links_the_later_one_and_shows_no_changes(client):
    published_review("GHA", "imrf-2022")
    published_review("GHA")
    html = client.get("/en/reviews/imrf-2022/GHA/").content.decode()
    assert html.count('<a href="/en/reviews/imrf-2026/GHA/">') == 1
    assert 'id="changes"' not in html


def test_review_page_is_not_found_for_a_cycle_the_state_has_no_review_of(client):
    published_review("GHA")
    assert client.get("/en/reviews/imrf-2022/GHA/").status_code == 404
    assert client.get("/en/reviews/imrf-2026/MEX/").status_code == 404


def _published_with_principles(cycle, keys):
    review = draft_review("GHA", cycle)
    author = review.author
    entry = {"status": "planned", "narrative": "Same.", "principles": keys}
    review = save_part(
        review.pk, "objective-1", entry, by=author, base_version=review.version, kind="save"
    )
    submit_document(review, by=author)
    return publish_document(review, by=secretariat())


def test_what_changed_names_the_guiding_principles_the_page_has_read(
    client, django_assert_num_queries
):
    keys = list(GuidingPrinciple.objects.order_by("position").values_list("key", flat=True))
    _published_with_principles("imrf-2022", keys[:1])
    review = _published_with_principles("imrf-2026", keys[:2])
    # As the review keeps them (the diff lists them in that order).
    kept = review.published_revision.content["objectives"]["1"]["principles"]
    url = "/en/reviews/imrf-2026/GHA/"
    client.get(url)  # computes and stores what changed since 2022
    names = dict(GuidingPrinciple.objects.values_list("key", "name"))
    # As above: no second read of the principles for the changed entry's field.
    with django_assert_num_queries(6):
        html = client.get(url).content.decode()
    assert (
        html.count(
            f"<p>Guiding principles: <del>{names[keys[0]]}</del> "
            '<span class="arrow-forward">→</span> '
            f"<ins>{names[kept[0]]}, {names[kept[1]]}</ins></p>"
        )
        == 1
    )
