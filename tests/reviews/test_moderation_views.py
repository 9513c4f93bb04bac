"""The secretariat's pages, focal points' decisions and replies, and the public review page."""

import csv
import io
import re

import pytest
from django.core import mail

from reviews.models import ModerationEvent, ReviewStatus
from reviews.workflow import publish_document, revise_document, submit_document, unpublish_document

pytestmark = pytest.mark.django_db
WS = "/en/workspace/imrf-2026/MEX/"
MOD = "/en/secretariat/reviews/imrf-2026/MEX/"
PUBLIC = "/en/reviews/imrf-2026/MEX/"


@pytest.fixture
def submitted(complete_draft, focal_point):
    return submit_document(complete_draft, by=focal_point)


@pytest.mark.parametrize("url", ["/en/secretariat/", "/en/secretariat/audit/", MOD])
@pytest.mark.parametrize("persona,status", [
    ("secretariat_user", 200), ("focal_point", 403), ("other_focal_point", 403),
])  # fmt: skip
def test_secretariat_pages_per_persona(client, submitted, request, url, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url).status_code == status


def test_queue_filters_counts_and_days_waiting(client, submitted, secretariat_user):
    client.force_login(secretariat_user)
    response = client.get("/en/secretariat/?status=submitted&commission=ECLAC&language=en")
    assert [r["review"].member_state_id for r in response.context["rows"]] == ["MEX"]
    assert response.context["rows"][0]["days_waiting"] == 0
    assert ("submitted", "Submitted", 1) in response.context["statuses"]
    response = client.get("/en/secretariat/?commission=ECE")
    assert response.context["rows"] == []


def test_request_changes_with_section_comments_reply_and_resubmit(
    client, submitted, focal_point, secretariat_user, django_capture_on_commit_callbacks
):
    client.force_login(secretariat_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            MOD.replace("/secretariat/reviews/", "/workspace/") + "action/request_changes/",
            {"comment": "Nearly there.", "section_2": "Please add the SDG links."},
        )
    submitted.refresh_from_db()
    assert submitted.status == ReviewStatus.CHANGES_REQUESTED
    assert [m.to[0] for m in mail.outbox] == [focal_point.email]

    client.force_login(focal_point)
    page = client.get(WS + "section/2/").content.decode()
    assert "Please add the SDG links." in page  # the comment beside its section
    client.post(WS + "comment/", {"text": "Added in paragraph 3.", "section": "2"})
    assert ModerationEvent.objects.filter(action="comment").get().section_comments == {
        "2": "Added in paragraph 3."
    }
    client.post(WS + "section/2/", {"text": "Now with SDG links.", "version": submitted.version})
    response = client.post(WS + "submit/", follow=True)
    assert "Submitted to the secretariat on " in response.content.decode()

    client.force_login(secretariat_user)
    html = client.get(MOD).content.decode()
    assert "Changes since the secretariat requested changes on" in html
    assert "<del>migration</del><ins>Now</ins> <del>migration</del><ins>with</ins>" in html
    assert "Added in paragraph 3." in html


def test_publish_then_public_page_then_unpublish_is_410(client, submitted, secretariat_user):
    assert client.get(PUBLIC).status_code == 404  # not yet published: nothing to see
    publish_document(submitted, by=secretariat_user)
    response = client.get(PUBLIC)
    assert response.status_code == 200
    # The section's own paragraph: a word of it alone ("migration") is in the objectives' titles.
    assert f"<p>{submitted.section_1}</p>" in response.content.decode()
    unpublish_document(submitted, by=secretariat_user, comment="Published by mistake.")
    gone = client.get(PUBLIC)
    assert gone.status_code == 410
    assert "Published by mistake." in gone.content.decode()


def test_public_page_shows_only_the_published_revision_while_a_new_version_is_drafted(
    client, submitted, focal_point, secretariat_user
):
    from reviews.editing import save_part

    publish_document(submitted, by=secretariat_user)
    draft = revise_document(submitted, by=focal_point)
    save_part(draft.pk, "section-1", {"text": "SECRET DRAFT WORDING"}, by=focal_point,
              base_version=draft.version, kind="save")  # fmt: skip
    assert "SECRET DRAFT WORDING" not in client.get(PUBLIC).content.decode()
    draft.refresh_from_db()
    submit_document(draft, by=focal_point)
    publish_document(draft, by=secretariat_user)
    html = client.get(PUBLIC).content.decode()
    assert "SECRET DRAFT WORDING" in html
    assert "updated on" in html and "Earlier versions" in html


def audit_rows(html: str) -> list[list[str]]:
    """The audit table's body rows as the text of their cells (tags dropped, spaces joined)."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    rows = [
        re.findall(r"<td>(.*?)</td>", row, re.S)
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]
    return [[" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in row] for row in rows]


def test_audit_trail_filters_and_csv(client, submitted, secretariat_user):
    from django.utils import formats

    publish_document(submitted, by=secretariat_user)
    published_at = ModerationEvent.objects.get(action="publish").created_at
    client.force_login(secretariat_user)
    # Unfiltered, the submission is there too: the filter below has something to leave out.
    everything = audit_rows(client.get("/en/secretariat/audit/").content.decode())
    assert [row[3].split(" E-mail")[0] for row in everything] == [
        "Published by the secretariat",
        "Submitted to the secretariat",
    ]

    html = client.get("/en/secretariat/audit/?action=publish").content.decode()
    assert audit_rows(html) == [[
        formats.date_format(published_at, "DATETIME_FORMAT"), "Mexico", "imrf-2026",
        # The label people read; the CSV below keeps the code. E-mail: on commit, which never
        # comes inside the test.
        "Published by the secretariat E-mail: Waiting to be sent",
        "Submitted → Published", "Sam Secretariat", "",
    ]]  # fmt: skip

    response = client.get("/en/secretariat/audit/?action=publish&format=csv")
    assert list(csv.reader(io.StringIO(response.content.decode()))) == [
        ["time", "cycle", "member_state", "action", "from", "to", "actor", "comment"],
        [published_at.isoformat(), "imrf-2026", "MEX", "publish", "submitted", "published",
         secretariat_user.email, ""],
    ]  # fmt: skip


def test_refused_decision_is_explained(client, submitted, focal_point):
    client.force_login(focal_point)
    response = client.post(WS + "action/publish/", follow=True)
    assert "You are not allowed to do this." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == ReviewStatus.SUBMITTED


def test_assignment_is_recorded(client, submitted, secretariat_user):
    client.force_login(secretariat_user)
    client.post(MOD + "assign/", {"assignee": secretariat_user.pk})
    submitted.refresh_from_db()
    assert submitted.assigned_to == secretariat_user
    assert ModerationEvent.objects.filter(action="assign").count() == 1


def test_secretariat_admin_cannot_change_reference_data(client, secretariat_user):
    client.force_login(secretariat_user)
    assert client.get("/admin/reviews/memberstate/").status_code == 200
    assert client.get("/admin/reviews/memberstate/MEX/change/").status_code == 200  # view only
    response = client.post("/admin/reviews/memberstate/MEX/change/", {"name": "X"})
    assert response.status_code == 403


# --- decisions on what was seen -------------------------------------------------------------


def decision_version(html: str, action: str) -> int:
    """The version the moderation page's form for this decision carries."""
    form = re.search(rf'action="[^"]*/action/{action}/"(.*?)</form>', html, re.S).group(1)
    return int(re.search(r'name="version" value="(\d+)"', form).group(1))


@pytest.mark.parametrize(
    "action,data",
    [
        ("publish", {"comment": "Looks good."}),
        ("request_changes", {"comment": "Nearly there.", "section_2": "Add the SDG links."}),
    ],
)
def test_decision_on_a_stale_page_is_refused_with_the_changes_and_the_comment_kept(
    client, submitted, focal_point, secretariat_user, action, data
):
    from reviews.editing import save_part
    from reviews.workflow import reopen_document, withdraw_document

    client.force_login(secretariat_user)
    seen = decision_version(client.get(MOD).content.decode(), action)
    assert seen == submitted.version
    # Meanwhile the focal point withdrew, changed section 1 and submitted again.
    review = reopen_document(withdraw_document(submitted, by=focal_point), by=focal_point)
    review = save_part(review.pk, "section-1", {"text": "Unseen new wording."}, by=focal_point,
                       base_version=review.version, kind="save")  # fmt: skip
    review = submit_document(review, by=focal_point)

    response = client.post(WS + f"action/{action}/", {**data, "version": seen, "next": MOD})
    assert response.status_code == 409
    html = response.content.decode()
    assert f"The review changed since you opened it (version {seen}, now {review.version})" in html
    # The diff from what was read to what is there now.
    stale = html[html.index('id="stale-decision"') : html.index("Your comments are kept below.")]
    inserted = " ".join(re.findall(r"<ins>(.*?)</ins>", stale, re.S))
    assert " ".join(inserted.split()) == "Unseen new wording."
    assert "migration" in " ".join(re.findall(r"<del>(.*?)</del>", stale, re.S))
    assert f"{data['comment']}</textarea>" in html  # what the secretariat typed is kept
    if "section_2" in data:
        assert "Add the SDG links.</textarea>" in html
    assert decision_version(html, action) == review.version  # deciding again is on the new text
    review.refresh_from_db()
    assert (review.status, review.published_revision) == (ReviewStatus.SUBMITTED, None)
    assert not ModerationEvent.objects.filter(action=action).exists()

    response = client.post(WS + f"action/{action}/", {**data, "version": review.version})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status != ReviewStatus.SUBMITTED


def test_a_decision_refused_for_its_comment_still_carries_the_version_that_was_read(
    client, submitted, focal_point, secretariat_user
):
    from reviews.editing import save_part
    from reviews.workflow import reopen_document, withdraw_document

    seen = submitted.version
    review = reopen_document(withdraw_document(submitted, by=focal_point), by=focal_point)
    review = save_part(review.pk, "section-1", {"text": "Unseen new wording."}, by=focal_point,
                       base_version=review.version, kind="save")  # fmt: skip
    review = submit_document(review, by=focal_point)
    client.force_login(secretariat_user)
    url = WS + "action/request_changes/"
    response = client.post(url, {"comment": "", "section_2": "SDG links.", "version": seen})
    assert response.status_code == 400
    assert decision_version(response.content.decode(), "request_changes") == seen
    response = client.post(url, {"comment": "Nearly there.", "version": seen})
    assert response.status_code == 409  # the comment fixed, the changes are shown first
    review.refresh_from_db()
    assert review.status == ReviewStatus.SUBMITTED
