"""Every action says what it did, dated in the reader's language, and the ones that cannot be
taken back (submit, publish, unpublish, start a new version, remove an attachment) ask first:
a GET on their address says what will happen and changes nothing; a POST does it."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.models import Attachment, ModerationEvent, ReviewStatus
from reviews.views import confirmations
from reviews.workflow import publish_document, submit_document
from tests.personas import authorizing_official_of, cast

pytestmark = pytest.mark.django_db
S = ReviewStatus
WS = "/{}/workspace/imrf-2026/MEX/"
TODAY = date(2026, 11, 26)
# The date as each language writes it (Django's DATE_FORMAT of the language).
WRITTEN = {"en": "26 November 2026", "fr": "26 novembre 2026"}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(confirmations, "_today", lambda: TODAY)


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def check_said(response, language: str, english: str):
    """The English message exactly; in French the French date (the text is the lead's to
    translate: it may still read in English)."""
    assert response.status_code == 302
    message = said(response)[-1]  # after the upload's own message, when there was one
    if language == "en":
        assert message == english
    else:
        assert WRITTEN["fr"] in message and WRITTEN["en"] not in message


@pytest.fixture
def submitted(complete_draft, focal_point):
    return submit_document(complete_draft, by=focal_point)


@pytest.fixture
def published(submitted, secretariat_user):
    return publish_document(submitted, by=secretariat_user)


def upload(client, language="en") -> Attachment:
    client.post(
        WS.format(language) + "attachments/",
        {"kind": "supporting", "file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 x")},
    )
    return Attachment.objects.get()


def state_of(review) -> tuple:
    review.refresh_from_db()
    return review.status, review.version, ModerationEvent.objects.count()


# --- What each action says it did --------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_submit_says_when(client, complete_draft, focal_point, language):
    client.force_login(focal_point)
    response = client.post(WS.format(language) + "submit/")
    check_said(response, language, "Submitted to the secretariat on 26 November 2026.")
    complete_draft.refresh_from_db()
    assert complete_draft.status == S.SUBMITTED


def test_submit_to_the_official_names_them(client, complete_draft, focal_point):
    authorizing_official_of("MEX", full_name="Olivia Official")
    client.force_login(focal_point)
    response = client.post(WS.format("en") + "submit/")
    assert said(response) == ["Sent to Olivia Official for sign-off on 26 November 2026."]
    complete_draft.refresh_from_db()
    assert complete_draft.status == S.AWAITING_SIGN_OFF


@pytest.mark.parametrize("language", ["en", "fr"])
def test_publish_says_when(client, submitted, secretariat_user, language):
    client.force_login(secretariat_user)
    response = client.post(WS.format(language) + "action/publish/", {"version": submitted.version})
    check_said(
        response,
        language,
        "Published on 26 November 2026: the voluntary GCM review is on the public site and its "
        "PDF is being prepared.",
    )
    submitted.refresh_from_db()
    assert submitted.status == S.PUBLISHED


@pytest.mark.parametrize("language", ["en", "fr"])
def test_unpublish_says_when(client, published, secretariat_user, language):
    client.force_login(secretariat_user)
    response = client.post(
        WS.format(language) + "action/unpublish/",
        {"version": published.version, "comment": "A figure is wrong."},
    )
    check_said(
        response,
        language,
        "Unpublished on 26 November 2026: the public page now says that the voluntary GCM review "
        "is no longer published, with your reason.",
    )
    published.refresh_from_db()
    assert (published.status, published.unpublish_reason) == (S.SUBMITTED, "A figure is wrong.")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_new_version_says_which_and_when(client, published, focal_point, language):
    client.force_login(focal_point)
    response = client.post(WS.format(language) + "action/revise/", {"version": published.version})
    check_said(
        response,
        language,
        "Version 2 started on 26 November 2026: the published version stays online until the "
        "next one is published.",
    )
    published.refresh_from_db()
    assert published.status == S.DRAFT


@pytest.mark.parametrize("language", ["en", "fr"])
def test_removing_an_attachment_says_which_and_when(client, draft, focal_point, language):
    client.force_login(focal_point)
    attachment = upload(client)
    response = client.post(WS.format(language) + f"attachments/{attachment.pk}/delete/")
    check_said(response, language, "Attachment “plan.pdf” removed on 26 November 2026.")
    assert Attachment.objects.count() == 0


def test_assigning_says_to_whom(client, submitted, secretariat_user):
    client.force_login(secretariat_user)
    response = client.post(
        "/en/secretariat/reviews/imrf-2026/MEX/assign/", {"assignee": secretariat_user.pk}
    )
    assert said(response) == [f"Assigned to {secretariat_user}."]


# --- What a GET on each action's address answers: the page that asks, nothing done ------


def test_get_submit_says_what_will_happen_and_changes_nothing(client, complete_draft, focal_point):
    client.force_login(focal_point)
    before = state_of(complete_draft)
    response = client.get(WS.format("en") + "submit/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Submit the voluntary GCM review of Mexico to the secretariat?" in page
    assert "The secretariat will be told by e-mail and will review it." in page
    assert "You can no longer edit it, unless the secretariat asks for changes." in page
    assert f'<form method="post" action="{WS.format("en")}submit/"' in page
    assert f'href="{WS.format("en")}">Cancel</a>' in page
    assert state_of(complete_draft) == before


def test_get_submit_with_an_official_says_who_signs(client, complete_draft, focal_point):
    authorizing_official_of("MEX", full_name="Olivia Official")
    client.force_login(focal_point)
    page = client.get(WS.format("en") + "submit/").content.decode()
    assert "Send the voluntary GCM review of Mexico for sign-off?" in page
    assert "Olivia Official will be told by e-mail that it waits for their sign-off." in page


def test_get_publish_carries_the_version_and_comment(client, submitted, secretariat_user):
    client.force_login(secretariat_user)
    before = state_of(submitted)
    url = WS.format("en") + "action/publish/"
    response = client.get(url, {"version": "7", "comment": "Well done.", "next": "/en/x/"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Publish the voluntary GCM review of Mexico?" in page
    assert "goes on the public site, with its public attachments" in page
    assert '<input type="hidden" name="version" value="7">' in page
    assert ">Well done.</textarea>" in page
    assert '<input type="hidden" name="next" value="/en/x/">' in page
    assert f'<form method="post" action="{url}"' in page
    assert state_of(submitted) == before


def test_get_unpublish_asks_for_the_reason(client, published, secretariat_user):
    client.force_login(secretariat_user)
    before = state_of(published)
    response = client.get(WS.format("en") + "action/unpublish/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "This published text never comes back online" in page
    assert f'<input type="hidden" name="version" value="{published.version}">' in page
    assert 'name="comment" rows="3" required' in page
    assert state_of(published) == before


def test_get_new_version_says_the_published_one_stays(client, published, focal_point):
    client.force_login(focal_point)
    before = state_of(published)
    page = client.get(WS.format("en") + "action/revise/").content.decode()
    assert "Start a new version of the voluntary GCM review of Mexico?" in page
    assert "The published version stays online until the secretariat publishes the new one." in (
        page
    )
    assert state_of(published) == before


def test_get_remove_attachment_asks_and_keeps_it(client, draft, focal_point):
    client.force_login(focal_point)
    attachment = upload(client)
    response = client.get(WS.format("en") + f"attachments/{attachment.pk}/delete/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Remove the attachment “plan.pdf”?" in page
    assert f'href="{WS.format("en")}attachments/">Cancel</a>' in page
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert client.get(WS.format("en") + "attachments/99999/delete/").status_code == 404


def test_get_on_a_decision_the_status_no_longer_allows_goes_back(client, submitted, focal_point):
    client.force_login(focal_point)
    response = client.get(WS.format("en") + "submit/")
    assert response.status_code == 302 and response["Location"] == WS.format("en")
    assert said(response) == ["A review that is “Submitted” cannot be changed this way."]


def test_the_pages_link_to_the_confirmation_instead_of_posting(client, draft, focal_point):
    client.force_login(focal_point)
    upload(client)
    overview = client.get(WS.format("en")).content.decode()
    assert f'<a class="btn btn-success" href="{WS.format("en")}submit/">' in overview
    attachments = client.get(WS.format("en") + "attachments/").content.decode()
    assert 'method="post" action="/en/workspace/imrf-2026/MEX/attachments/' not in attachments


def test_the_moderation_page_opens_the_confirmation_of_publish(client, submitted, secretariat_user):
    client.force_login(secretariat_user)
    page = client.get("/en/secretariat/reviews/imrf-2026/MEX/").content.decode()
    publish = f'<form method="get" action="{WS.format("en")}action/publish/"'
    changes = f'<form method="post" action="{WS.format("en")}action/request_changes/"'
    assert publish in page and changes in page


# --- Who gets the page: the same 403/404 as a POST; 405 for decisions that do not ask ----

PERSONAS = (
    "anonymous", "focal_point", "colleague", "other_state", "official", "reporter",
    "secretariat", "admin",
)  # fmt: skip
# fmt: off
#                                 anonymous focal colleague other official reporter sec admin
GET_ANSWERS = {
    ("draft", "submit/"):             "login  200   200       404   403      404      403 403",
    ("submitted", "action/publish/"): "login  403   403       404   403      404      200 200",
    ("published", "action/unpublish/"): "login 403  403       404   403      404      200 200",
    ("published", "action/revise/"):  "login  200   200       404   403      404      403 403",
    ("draft", "action/withdraw/"):    "login  405   405       405   405      405      405 405",
    ("draft", "action/nonsense/"):    "login  405   405       405   405      405      405 405",
    ("draft", "attachments/{pk}/delete/"): "login 200 200     404   403      404      403 403",
}
# fmt: on


@pytest.mark.parametrize(("status", "path"), sorted(GET_ANSWERS))
def test_get_answers_per_persona(client, complete_draft, focal_point, secretariat_user, status,
                                 path):  # fmt: skip
    review = complete_draft
    client.force_login(focal_point)
    attachment = upload(client)
    client.logout()
    if status != "draft":
        review = submit_document(review, by=focal_point)
    if status == "published":
        review = publish_document(review, by=secretariat_user)
    # The official joins after the submission (from then on a submission waits for them).
    people = cast(state="MEX", other_state="GHA", commission="ECLAC", focal_point=focal_point)
    url = WS.format("en") + path.format(pk=attachment.pk)
    before = state_of(review)
    answers = dict(zip(PERSONAS, GET_ANSWERS[status, path].split(), strict=True))
    for persona, expected in answers.items():
        client.logout()
        if people[persona] is not None:
            client.force_login(people[persona])
        response = client.get(url)
        if expected == "login":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert (persona, response.status_code) == (persona, int(expected))
    assert state_of(review) == before
    assert Attachment.objects.count() == 1
