"""Every search that takes `q` from outside (the public pages and the API): any query, of any
length, in any script, with NUL or invalid UTF-8, gets an answer (a page, a field error, a 400)
and never a 5xx; the query shown back on the page is inert."""

import pytest
from django.utils.http import urlencode
from hypothesis import example, given

from tests.properties.html_checks import (
    INVALID_UTF8,
    MEGABYTE,
    PAYLOADS,
    PROPERTY_SETTINGS,
    TEXT,
    assert_inert,
    field_errors,
    field_value,
)

pytestmark = pytest.mark.django_db
PAGES = ["/en/reviews/", "/ar/reviews/", "/en/pledges/"]
API = ["/api/v1/reviews/", "/api/v1/pledges/"]


def searched(test):
    for payload in [MEGABYTE[:20_000], *PAYLOADS]:
        test = example(q=payload)(test)
    return test


SEARCHES = [
    ("/en/reviews/", "/api/v1/reviews/"),
    ("/ar/reviews/", "/api/v1/reviews/"),
    ("/en/pledges/", "/api/v1/pledges/"),
]


@pytest.mark.parametrize("path,api", SEARCHES)
@PROPERTY_SETTINGS
@given(q=TEXT)
@searched
def test_a_search_answers_any_query_on_the_page_and_in_the_api(client, path, api, q):
    """The page and the API agree: a query the API refuses (400, its message under `q`) is
    refused at the page's field with the same message (in the page's language), the typed
    query kept in the box."""
    query = "?" + urlencode({"q": q})
    response, answer = client.get(path + query), client.get(api + query)
    assert response.status_code in (200, 400), response.status_code
    assert answer.status_code in (200, 400), answer.status_code
    assert_inert(response)
    html = response.content.decode()
    refused = answer.json()["q"] if answer.status_code == 400 else []
    shown = field_errors(html).get("q", [])
    if path.startswith("/en/"):
        assert shown == refused
    else:  # the page speaks its language, the API English: the same refusals
        assert len(shown) == len(refused) and all(shown)
    assert field_value(html, "q") == q


@pytest.mark.parametrize("path", PAGES + API)
@pytest.mark.parametrize("raw", [INVALID_UTF8, b"%ff%fe%c3%28", b"%00", b"%C0%80"])
def test_invalid_utf8_in_the_query_string(client, path, raw):
    response = client.get(path, QUERY_STRING=b"q=".decode() + raw.decode("latin-1"))
    assert response.status_code in (200, 400), response.status_code
    if not path.startswith("/api/"):
        assert_inert(response)
