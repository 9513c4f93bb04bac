"""Text typed into a national review, from outside: sections, objective entries, messages in
the conversation and the secretariat's decisions. Any text gives a clear answer: stored and
shown inert (no live script on the editor, the preview, the overview), or refused with a
message at the field and the text kept. Never a 5xx. PostgreSQL (which refuses NUL) makes
this mean something: run through scripts/with-services.sh."""

import pytest
from hypothesis import example, given

from reviews.editing import save_part, start_review
from reviews.models import ModerationEvent, VoluntaryReview
from reviews.workflow import submit_document
from tests.properties.conftest import undone
from tests.properties.html_checks import (
    INVALID_UTF8,
    MEGABYTE,
    PAYLOADS,
    PROPERTY_SETTINGS,
    TEXT,
    answered_well,
    assert_inert,
    field_value,
    lines,
)

pytestmark = pytest.mark.django_db
WS = "/en/workspace/imrf-2026/MEX/"
FORM = "application/x-www-form-urlencoded; charset=utf-8"


def with_examples(test=None, **fixed):
    """The named payloads of the issue, each as an explicit example (as `text`, with the other
    arguments `fixed`), before the drawn ones."""
    if test is None:
        return lambda test: with_examples(test, **fixed)
    for payload in [MEGABYTE, *PAYLOADS]:
        test = example(text=payload, **fixed)(test)
    return test


@pytest.fixture
def draft(open_cycle, focal_point):
    return start_review("MEX", open_cycle, by=focal_point)


@pytest.fixture
def submitted(draft, focal_point):
    review = draft
    for number in range(1, 6):
        review = save_part(review.pk, f"section-{number}", {"text": "Safe migration."},
                           by=focal_point, base_version=review.version, kind="save")  # fmt: skip
    return submit_document(review, by=focal_point)


def version() -> int:
    return VoluntaryReview.objects.get(member_state_id="MEX").version


@PROPERTY_SETTINGS
@given(text=TEXT)
@with_examples
def test_a_section_saved_with_any_text(client, draft, focal_point, text):
    client.force_login(focal_point)
    with undone():
        response = client.post(WS + "section/2/", {"text": text, "version": version()})
        if answered_well(response, "text", typed=text):
            page = client.get(WS + "section/2/")
            assert_inert(page)
            stored = field_value(page.content.decode(), "text")
            assert lines(stored).strip() == lines(text).strip()
            assert_inert(client.get(WS + "preview/"))


@PROPERTY_SETTINGS
@given(text=TEXT)
@with_examples
def test_a_section_autosaved_with_any_text(client, draft, focal_point, text):
    client.force_login(focal_point)
    with undone():
        response = client.post(WS + "autosave/section-3/", {"text": text, "version": version()})
        assert response.status_code in (200, 400), response.status_code
        answer = response.json()
        if not answer["ok"]:
            assert response.status_code == 400
            assert answer["errors"]["text"][0]["message"]
        assert_inert(client.get(WS + "preview/"))


@PROPERTY_SETTINGS
@given(text=TEXT)
@with_examples
def test_an_objective_entry_with_any_text(client, draft, focal_point, text):
    client.force_login(focal_point)
    data = {
        "status": "planned", "priority": 2, "narrative": text, "version": version(),
        "practices-TOTAL_FORMS": 1, "practices-INITIAL_FORMS": 0,
        "practices-0-title": text[:200] or "A title", "practices-0-description": text,
        "practices-0-partners": text[:200],
    }  # fmt: skip
    with undone():
        response = client.post(WS + "objectives/4/", data)
        also = ("practices-0-title", "practices-0-description", "practices-0-partners")
        if answered_well(response, "narrative", typed=text, also=also):
            assert_inert(client.get(WS + "objectives/4/"))
            assert_inert(client.get(WS + "preview/"))


@PROPERTY_SETTINGS
@given(text=TEXT)
@with_examples
def test_a_message_in_the_conversation_with_any_text(client, submitted, focal_point, text):
    client.force_login(focal_point)
    with undone():
        response = client.post(WS + "comment/", {"text": text})
        if answered_well(response, "text", typed=text):
            assert ModerationEvent.objects.filter(action="comment").count() == 1
            assert_inert(client.get(WS))


@PROPERTY_SETTINGS
@given(text=TEXT)
@with_examples
def test_a_request_for_changes_with_any_text(client, submitted, secretariat_user, text):
    client.force_login(secretariat_user)
    data = {"comment": text or "Nearly.", "section_2": text, "version": version()}
    with undone():
        response = client.post(WS + "action/request_changes/", data)
        if answered_well(response, "comment", typed=data["comment"], also=["section_2"]):
            assert_inert(client.get(WS))
            assert_inert(client.get("/en/secretariat/reviews/imrf-2026/MEX/"))


@pytest.mark.parametrize(
    "path", ["section/2/", "autosave/section-2/", "objectives/4/", "comment/", "details/"]
)
def test_invalid_utf8_in_a_posted_form_is_no_server_error(client, submitted, focal_point, path):
    client.force_login(focal_point)
    body = (
        b"text="
        + INVALID_UTF8
        + b"&narrative="
        + INVALID_UTF8
        + b"&version="
        + str(version()).encode()
    )
    response = client.generic("POST", WS + path, body, content_type=FORM)
    assert response.status_code in (200, 302, 400, 403), response.status_code
    assert_inert(client.get(WS))


def test_invalid_utf8_in_a_decision_is_no_server_error(client, submitted, secretariat_user):
    client.force_login(secretariat_user)
    body = b"comment=" + INVALID_UTF8 + b"&version=" + str(version()).encode()
    response = client.generic("POST", WS + "action/request_changes/", body, content_type=FORM)
    assert response.status_code in (302, 400), response.status_code
