"""Bad input gets a clear answer, never a 500: a 404 for a path, the form with a message at the
field for typed input. PostgreSQL refuses NUL characters in text (SQLite stores them), so these
tests mean something only on PostgreSQL: the test command provides it (DATABASE_URL)."""

import os
import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation

from reviews.editing import save_part, start_review
from reviews.models import ModerationEvent, ReviewCycle, ReviewStatus, VoluntaryReview
from reviews.workflow import publish_document, submit_document

pytestmark = pytest.mark.django_db

NUL = "%00"
NUL_MESSAGE = "Null characters are not allowed."
WS = "/en/workspace/imrf-2026/MEX/"
MOD = "/en/secretariat/reviews/imrf-2026/MEX/"


def test_these_tests_run_on_postgresql_when_the_test_command_provides_it():
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        pytest.skip("plain pytest on SQLite: run through scripts/with-services.sh or make test")
    assert connection.vendor == "postgresql"


@pytest.fixture
def submitted(open_cycle, focal_point):
    review = start_review("MEX", open_cycle, by=focal_point)
    for number in range(1, 6):
        review = save_part(review.pk, f"section-{number}", {"text": "Safe and orderly migration."},
                           by=focal_point, base_version=review.version, kind="save")  # fmt: skip
    return submit_document(review, by=focal_point)


@pytest.fixture
def published(submitted, secretariat_user):
    return publish_document(submitted, by=secretariat_user)


@pytest.fixture
def open_cycle(db):
    cycle = ReviewCycle.objects.get(slug="imrf-2026")
    cycle.is_open = True
    cycle.save()
    return cycle


# --- paths: 404 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        f"/en/states/{NUL}/",
        f"/en/reviews/imrf-2026/{NUL}/",
        f"/en/reviews/imrf-2026/{NUL}/pdf",
        f"/en/reviews/imrf-2026/{NUL}/versions/1/",
        f"/en/reviews/imrf-2026/MEX{NUL}/",
    ],
)
def test_nul_in_a_public_path_is_404(client, published, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "url", [f"/en/workspace/imrf-2026/{NUL}/", f"/en/secretariat/reviews/imrf-2026/{NUL}/"]
)
def test_nul_in_a_working_path_is_404(client, published, secretariat_user, url):
    client.force_login(secretariat_user)
    assert client.get(url).status_code == 404


# --- typed input: the form, with the message at the field ----------------------------------


def field_error(html: str, field_id: str) -> list[str]:
    """The messages shown under the field with this id (aria-describedby names them)."""
    found = re.search(rf'<div[^>]*id="{re.escape(field_id)}_errors"[^>]*>(.*?)</div>', html, re.S)
    return re.findall(r"<p[^>]*>(.*?)</p>", found.group(1)) if found else []


def test_nul_in_a_comment_is_refused_at_the_field(client, submitted, focal_point):
    client.force_login(focal_point)
    response = client.post(WS + "comment/", {"text": "Added\x00 in paragraph 3."})
    assert response.status_code == 400
    assert field_error(response.content.decode(), "reply-text") == [NUL_MESSAGE]
    assert ModerationEvent.objects.filter(action="comment").count() == 0


def test_nul_in_a_section_reply_is_refused_beside_the_section(client, submitted, focal_point):
    client.force_login(focal_point)
    response = client.post(WS + "comment/", {"text": "Done\x00", "section": "2"})
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, "section-reply") == [NUL_MESSAGE]
    assert 'id="section-heading">2.' in html  # the section page, where the reply was typed


def test_nul_in_a_decision_is_refused_at_the_field_and_the_text_kept(
    client, submitted, secretariat_user
):
    client.force_login(secretariat_user)
    response = client.post(
        WS + "action/request_changes/",
        {"comment": "Nearly\x00 there.", "section_2": "Add the SDG links.",
         "version": submitted.version},
    )  # fmt: skip
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, "comment-request_changes") == [NUL_MESSAGE]
    assert "Add the SDG links.</textarea>" in html
    submitted.refresh_from_db()
    assert submitted.status == ReviewStatus.SUBMITTED


def test_nul_in_a_section_comment_of_a_decision_is_refused_at_its_field(
    client, submitted, secretariat_user
):
    client.force_login(secretariat_user)
    response = client.post(
        WS + "action/request_changes/",
        {"comment": "Nearly there.", "section_2": "SDG\x00", "version": submitted.version},
    )
    assert response.status_code == 400
    assert field_error(response.content.decode(), "rc-section-2") == [NUL_MESSAGE]


def test_nul_in_a_focal_points_decision_is_refused_on_the_overview(client, submitted, focal_point):
    client.force_login(focal_point)
    response = client.post(WS + "action/withdraw/", {"comment": "Oops\x00", "version": 9})
    assert response.status_code == 400
    assert field_error(response.content.decode(), "comment-withdraw") == [NUL_MESSAGE]
    submitted.refresh_from_db()
    assert submitted.status == ReviewStatus.SUBMITTED


NOT_OFFERED = "Select a valid choice. That choice is not one of the available choices."
BAD_CHOICES = [("abc", NOT_OFFERED), ("\x00", NUL_MESSAGE), ("999999", NOT_OFFERED)]


@pytest.mark.parametrize("value,message", BAD_CHOICES)
def test_bad_assignee_is_refused_at_the_field(client, submitted, secretariat_user, value, message):
    client.force_login(secretariat_user)
    response = client.post(MOD + "assign/", {"assignee": value})
    assert response.status_code == 400
    assert field_error(response.content.decode(), "assignee") == [message]
    submitted.refresh_from_db()
    assert submitted.assigned_to is None


@pytest.mark.parametrize("value,message", BAD_CHOICES)
def test_bad_copy_from_is_refused_at_the_field(client, open_cycle, focal_point, value, message):
    client.force_login(focal_point)
    response = client.post(WS + "start/", {"copy_from": value})
    assert response.status_code == 400
    assert field_error(response.content.decode(), "copy-from-imrf-2026-MEX") == [message]
    assert VoluntaryReview.objects.count() == 0


def test_nul_in_section_text_is_refused_at_the_field_and_the_text_kept(
    client, open_cycle, focal_point
):
    start_review("MEX", open_cycle, by=focal_point)
    client.force_login(focal_point)
    response = client.post(WS + "section/1/", {"text": "Our\x00 method.", "version": 1})
    assert response.status_code == 400
    html = response.content.decode()
    assert field_error(html, "id_text") == [NUL_MESSAGE]
    assert 'aria-describedby="id_text_errors guidance word-counter"' in html
    assert "Our\x00 method.</textarea>" in html  # kept as typed


def test_nul_in_an_objective_narrative_is_refused_at_the_field(client, open_cycle, focal_point):
    start_review("MEX", open_cycle, by=focal_point)
    client.force_login(focal_point)
    response = client.post(WS + "objectives/2/", {
        "status": "planned", "narrative": "Keep\x00 me", "version": 1,
        "practices-TOTAL_FORMS": 0, "practices-INITIAL_FORMS": 0,
    })  # fmt: skip
    assert response.status_code == 400
    assert NUL_MESSAGE in response.content.decode()


@pytest.mark.parametrize(
    "part,data,field",
    [
        ("section-1", {"text": "Our\x00 method."}, "text"),
        ("objective-2", {"status": "planned", "narrative": "x\x00", "practices-TOTAL_FORMS": 1,
                         "practices-INITIAL_FORMS": 0, "practices-0-title": "T\x00",
                         "practices-0-description": "D"}, "practices-0-title"),
    ],
)  # fmt: skip
def test_nul_in_autosave_is_a_json_error_naming_the_field(
    client, open_cycle, focal_point, part, data, field
):
    start_review("MEX", open_cycle, by=focal_point)
    client.force_login(focal_point)
    response = client.post(WS + f"autosave/{part}/", {**data, "version": 1})
    assert response.status_code == 400
    body = response.json()
    assert body["ok"] is False
    assert body["errors"][field] == [
        {"message": NUL_MESSAGE, "code": "null_characters_not_allowed"}
    ]
    assert NUL_MESSAGE in body["error"]  # what the editor's status line shows


# --- every URL of the URLconf, with a NUL in each text parameter ----------------------------

# A value that exists for each named parameter, so that the NUL in *another* parameter reaches
# as deep into the view as it can.
SAMPLES = {"cycle": "imrf-2026", "iso3": "MEX", "code": "ECE", "part": "section-1",
           "action": "publish", "app_label": "reviews", "slug": "imrf-2026",
           "body": "ECE", "decision": "rejected", "language": "fr"}  # fmt: skip
TEXT_CONVERTERS = {"StringConverter", "SlugConverter", "PathConverter", "Iso3Converter"}
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?:[^()]|\([^()]*\))*\)")


def _route_parts(pattern) -> tuple[str, list[tuple[str, bool]]]:
    """A route as a format string with {name} slots, and its parameters (name, takes text)."""
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix, []
    if isinstance(pattern, RoutePattern):
        route, params = str(pattern._route), []
        for match in PARAMETER.finditer(route):
            converter = pattern.converters[match["name"]]
            params.append((match["name"], type(converter).__name__ in TEXT_CONVERTERS))
        return PARAMETER.sub(lambda m: "{" + m["name"] + "}", route.replace("{", "{{")), params
    assert isinstance(pattern, RegexPattern)
    regex = pattern._regex.removeprefix("^").removesuffix("$").removesuffix(r"\Z")
    params = [(m["name"], True) for m in GROUP.finditer(regex)]
    return GROUP.sub(lambda m: "{" + m["name"] + "}", regex).replace("\\", ""), params


def every_route(resolver=None, prefix="", params=()):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route, own = _route_parts(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from every_route(entry, prefix + route, (*params, *own))
        else:
            assert isinstance(entry, URLPattern)
            yield prefix + route, [*params, *own]


def nul_urls() -> list[str]:
    """Each route once per text parameter, that parameter holding a NUL, the others real."""
    urls = set()
    with translation.override("en"):
        for route, params in every_route():
            for name, text in params:
                if not text:
                    continue
                values = {n: SAMPLES.get(n, "1" if not t else "x") for n, t in params}
                for bad in (NUL, f"{values[name]}{NUL}"):
                    urls.add("/" + route.format(**{**values, name: bad}))
    return sorted(urls)


def test_the_url_walk_finds_the_urls_with_text_parameters():
    urls = nul_urls()
    for expected in [f"/en/states/{NUL}/", f"/en/reviews/imrf-2026/{NUL}/pdf",
                     f"/en/workspace/imrf-2026/MEX/autosave/{NUL}/",
                     f"/en/accounts/invitation/{NUL}/", f"/api/v1/states/{NUL}/",
                     f"/admin/reviews/memberstate/{NUL}/change/"]:  # fmt: skip
        assert expected in urls


@pytest.mark.parametrize("persona", [None, "secretariat_user", "focal_point"])
def test_no_url_answers_500_to_a_nul_in_a_path_parameter(request, published, persona):
    client = Client(raise_request_exception=False)
    if persona:
        client.force_login(request.getfixturevalue(persona))
    failures = []
    for url in nul_urls():
        response = client.get(url)
        if response.status_code >= 500:
            failures.append((url, response.status_code, repr(getattr(response, "exc_info", ""))))
    assert failures == []
