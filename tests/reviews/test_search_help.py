"""The public search does what its help says, on the embedded default (SQLite) as on PostgreSQL:
`-word` leaves out the reviews that contain the word, a State's name finds its review, accents
and case do not matter, and a filter value that does not exist says so at the field instead of
listing every review.

Nothing here is marked `postgresql`: every test holds on both backends. `make test` runs them on
PostgreSQL; a plain `pytest tests/reviews/test_search_help.py` runs them on SQLite."""

import pytest
from django.urls import reverse

from reviews.search import search_reviews, snippets
from reviews.search_query import fold, parse_query
from reviews.selectors import published_reviews
from tests.publishing import published_review

pytestmark = pytest.mark.django_db


def found(q: str) -> set[str]:
    return {r.member_state_id for r in search_reviews(published_reviews(), q)}


def test_minus_word_leaves_out_every_review_containing_the_word():
    # Ghana's section 2 matches "migration" without "remittances": the review still goes,
    # because another of its parts says "remittances".
    published_review(
        "GHA",
        sections={2: "Labour migration agreements.", 3: "Remittances fund local schools."},
    )
    published_review("SEN", sections={2: "Migration data is collected by region."})
    assert found("migration") == {"GHA", "SEN"}
    assert found("migration -remittances") == {"SEN"}
    assert found("migration -labour") == {"SEN"}
    assert found('migration -"local schools"') == {"SEN"}
    assert found("-remittances") == {"SEN"}  # only words left out: every other review
    assert found("migration -data -labour") == set()


def test_or_between_alternatives():
    published_review("GHA", sections={2: "Remittances fund local schools."})
    published_review("SEN", sections={2: "Migration data is collected by region."})
    published_review("MEX", sections={2: "Consular services abroad."})
    assert found("remittances or consular") == {"GHA", "MEX"}
    assert found("remittances OR consular") == {"GHA", "MEX"}


def test_a_states_name_finds_its_review_even_if_the_text_never_says_it():
    published_review("GHA", sections={2: "Labour migration agreements."})
    published_review("SEN", sections={2: "Cooperation with Ghana on returns."})
    published_review("CIV", sections={2: "Labour mobility in the region."})
    published_review("BOL", sections={2: "Consular services."})
    assert found("Ghana") == {"GHA", "SEN"}  # its own review, and one that mentions it
    assert found("ghana labour") == {"GHA"}  # the State, and the other words in its text
    assert found("Ghana remittances") == set()
    assert found("cote d'ivoire") == {"CIV"}  # several words, accents and case aside
    assert found("Côte d’Ivoire mobility") == {"CIV"}
    assert found("Bolivia") == {"BOL"}  # "Bolivia (Plurinational State of)" by its short name
    assert found("Ghana or Bolivia") == {"GHA", "SEN", "BOL"}
    assert found("Ghana -returns") == {"GHA"}
    assert found("labour -Ghana") == {"CIV"}  # leaving out a State leaves out its review


def test_accents_and_case_do_not_matter():
    published_review(
        "FRA",
        language="fr",
        sections={2: "Les politiques d'intégration des migrants.", 3: "L'Éducation des enfants."},
    )
    published_review(
        "GHA", sections={2: "Integration policies for returnees.", 3: "Education for all."}
    )
    published_review("SEN", sections={2: "Consular services."})
    assert found("intégration") == {"FRA", "GHA"}
    assert found("integration") == {"FRA", "GHA"}
    # PostgreSQL's French stemmer drops the accent of "intégration", not of "éducation".
    assert found("éducation") == {"FRA", "GHA"}
    assert found("EDUCATION") == {"FRA", "GHA"}
    assert found('"politiques d integration"') == {"FRA"}
    assert found("consular -ÉDUCATION") == {"SEN"}


def test_the_passage_shown_highlights_the_word_whatever_its_accents():
    review = published_review(
        "FRA", language="fr", sections={2: "Les politiques d'éducation des migrants."}
    )
    [snippet] = snippets([review.pk], "EDUCATION")[review.pk]
    assert "<mark>éducation</mark>" in snippet.html


def test_the_query_is_read_as_the_help_says():
    query = parse_query('labour "seasonal work" or visas -remittances -"brain drain"')
    assert query.clauses == (("labour",), ('"seasonal work"', "visas"))
    assert query.excluded == ("remittances", '"brain drain"')
    assert fold("Intégration ÉTÉ Türkiye") == "integration ete turkiye"


NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."


@pytest.mark.parametrize(
    ("param", "value", "message"),
    [
        ("cycle", "nope", NOT_A_CHOICE),
        ("objective", "99", NOT_A_CHOICE),
        ("state", "XXX", NOT_A_CHOICE),
        ("language", "xx", "Select a valid choice. xx is not one of the available choices."),
    ],
)
def test_an_invalid_filter_says_so_at_the_field_instead_of_listing_every_review(
    client, param, value, message
):
    published_review("GHA", sections={2: "Labour migration agreements."})
    everything = client.get(reverse("reviews:public_list"))
    assert "1 review found" in everything.content.decode()

    page = client.get(reverse("reviews:public_list"), {param: value})
    html = page.content.decode()
    assert page.status_code == 200
    at_the_field = f'<div class="invalid-feedback d-block" id="id_{param}_errors">'
    assert f'{at_the_field}<p class="mb-0">{message}</p>' in html
    assert "0 reviews found" in html
    assert "Correct the filters marked above to see reviews." in html
    assert reverse("reviews:public_review", args=["imrf-2026", "GHA"]) not in html


def test_the_api_answers_400_with_the_same_message(client):
    published_review("GHA", sections={2: "Labour migration agreements."})
    answer = client.get(reverse("api:reviews-list"), {"cycle": "nope"})
    assert answer.status_code == 400
    assert answer.json() == {"cycle": [NOT_A_CHOICE]}
