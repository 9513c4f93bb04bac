"""Every transition, allowed and forbidden, for each persona; effects and e-mails."""

from datetime import date

import pytest
from django.core import mail

from reviews.models import FocalPointMembership, ModerationEvent, ReviewStatus
from reviews.workflow import (
    ACTIONS,
    TRANSITIONS,
    TransitionRefused,
    publish_document,
    request_changes,
    revise_document,
    sign_off_document,
    submit_document,
    unpublish_document,
)
from tests.factories import FocalPointFactory

pytestmark = pytest.mark.django_db
S = ReviewStatus

# (status before, action, persona) -> status after; every other combination is refused.
ALLOWED = {
    (S.DRAFT, "submit", "focal_point"): S.AWAITING_SIGN_OFF,
    (S.CHANGES_REQUESTED, "submit", "focal_point"): S.AWAITING_SIGN_OFF,
    (S.SUBMITTED, "request_changes", "secretariat_user"): S.CHANGES_REQUESTED,
    (S.SUBMITTED, "publish", "secretariat_user"): S.PUBLISHED,
    (S.PUBLISHED, "unpublish", "secretariat_user"): S.SUBMITTED,
    (S.DRAFT, "withdraw", "focal_point"): S.WITHDRAWN,
    (S.SUBMITTED, "withdraw", "focal_point"): S.WITHDRAWN,
    (S.CHANGES_REQUESTED, "withdraw", "focal_point"): S.WITHDRAWN,
    (S.WITHDRAWN, "reopen", "focal_point"): S.DRAFT,
    (S.PUBLISHED, "revise", "focal_point"): S.DRAFT,
    (S.AWAITING_SIGN_OFF, "sign_off", "official"): S.SUBMITTED,
    (S.AWAITING_SIGN_OFF, "send_back", "official"): S.DRAFT,
}
PERSONAS = ["focal_point", "other_focal_point", "secretariat_user", "official"]
SIGNED = {"name": "Ana Ruiz", "title": "Director-General", "signed_on": date(2026, 11, 20)}
STATUSES = [S.DRAFT, S.AWAITING_SIGN_OFF, S.SUBMITTED, S.CHANGES_REQUESTED, S.PUBLISHED,
            S.WITHDRAWN]  # fmt: skip


@pytest.fixture
def official(db):
    return FocalPointFactory(
        member_state_id="MEX", role=FocalPointMembership.Role.AUTHORIZING_OFFICIAL
    ).user


def put_in(review, status):
    # Test set-up only: production code changes a status through reviews.workflow alone.
    type(review).objects.filter(pk=review.pk).update(status=status)
    review.refresh_from_db()
    return review


@pytest.fixture
def ready_review(open_cycle):
    """A complete review made directly (the table below runs 216 times: keep set-up cheap)."""
    from reviews.editing import record_revision
    from reviews.models import VoluntaryReview

    review = VoluntaryReview.objects.create(
        member_state_id="MEX",
        cycle=open_cycle,
        **{f"section_{n}": "Some text." for n in range(1, 6)},
    )
    record_revision(review, by=None, kind="system")
    return review


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("persona", PERSONAS)
def test_transition_table(ready_review, request, status, action, persona):
    user = request.getfixturevalue(persona)
    if persona != "official":
        request.getfixturevalue("official")  # the State always has one: sign-off is reachable
    review = put_in(ready_review, status)
    expected = ALLOWED.get((status, action, persona))
    comment = "Because." if TRANSITIONS[action].comment_required else ""
    # Sign-off always carries who cleared the text (its door refuses it otherwise).
    extra = SIGNED if action == "sign_off" else {}
    if expected is None:
        with pytest.raises(TransitionRefused):
            ACTIONS[action](review, by=user, comment=comment, **extra)
        review.refresh_from_db()
        assert review.status == status
        assert ModerationEvent.objects.count() == 0
    else:
        version = review.version
        after = ACTIONS[action](review, by=user, comment=comment, **extra)
        assert after.status == expected
        assert after.version == version + 1
        event = ModerationEvent.objects.get()
        assert (event.action, event.from_status, event.to_status, event.actor) == (
            action, status, expected, user
        )  # fmt: skip


def test_comment_required_to_request_changes(complete_draft, focal_point, secretariat_user):
    submit_document(complete_draft, by=focal_point)
    with pytest.raises(TransitionRefused, match="Please write a comment"):
        request_changes(complete_draft, by=secretariat_user, comment="  ")


def test_repeating_a_transition_someone_just_made_is_harmless(
    complete_draft, focal_point, secretariat_user
):
    submit_document(complete_draft, by=focal_point)
    publish_document(complete_draft, by=secretariat_user)
    again = publish_document(complete_draft, by=secretariat_user)
    assert again.status == S.PUBLISHED
    assert ModerationEvent.objects.filter(action="publish").count() == 1


def test_state_with_an_authorizing_official_goes_through_sign_off(
    complete_draft, focal_point, official, secretariat_user
):
    review = submit_document(complete_draft, by=focal_point)
    assert (review.status, review.submitted_at) == (S.AWAITING_SIGN_OFF, None)
    with pytest.raises(TransitionRefused):
        sign_off_document(review, by=focal_point, **SIGNED)
    review = sign_off_document(review, by=official, comment="Cleared by the Ministry.", **SIGNED)
    assert review.status == S.SUBMITTED and review.submitted_at is not None


def test_publish_pins_the_revision_and_a_new_version_leaves_it_online(
    complete_draft, focal_point, secretariat_user
):
    from reviews.editing import save_part

    submit_document(complete_draft, by=focal_point)
    published = publish_document(complete_draft, by=secretariat_user)
    pinned = published.published_revision
    assert pinned.content["sections"]["1"] == complete_draft.section_1
    assert published.published_at is not None

    draft = revise_document(published, by=focal_point)
    save_part(draft.pk, "section-1", {"text": "A correction."}, by=focal_point,
              base_version=draft.version, kind="save")  # fmt: skip
    draft.refresh_from_db()
    assert (draft.status, draft.published_revision) == (S.DRAFT, pinned)
    assert draft.published_revision.content["sections"]["1"] != "A correction."
    submit_document(draft, by=focal_point)
    republished = publish_document(draft, by=secretariat_user)
    assert republished.published_revision.content["sections"]["1"] == "A correction."
    assert republished.first_published_at == published.published_at


def test_unpublish_needs_a_reason_and_clears_the_published_revision(
    complete_draft, focal_point, secretariat_user
):
    submit_document(complete_draft, by=focal_point)
    publish_document(complete_draft, by=secretariat_user)
    with pytest.raises(TransitionRefused):
        unpublish_document(complete_draft, by=secretariat_user, comment="")
    review = unpublish_document(
        complete_draft, by=secretariat_user, comment="Published by mistake."
    )
    assert (review.published_revision, review.unpublish_reason) == (None, "Published by mistake.")
    assert review.unpublished_at is not None


def test_emails_go_out_on_commit_in_each_recipients_language(
    complete_draft, focal_point, colleague, secretariat_user, django_capture_on_commit_callbacks
):
    colleague.preferred_language = "fr"
    colleague.save()
    with django_capture_on_commit_callbacks(execute=True):
        submit_document(complete_draft, by=focal_point)
    assert "secretariat@localhost" in [m.to[0] for m in mail.outbox]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request_changes(complete_draft, by=secretariat_user, comment="Please shorten section 2.",
                        section_comments={"2": "Too long"})  # fmt: skip
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == sorted([focal_point.email, colleague.email])
    assert by_address[focal_point.email].subject.startswith("Changes requested")
    # Each in their own language: the French colleague's e-mail is not the English one.
    assert by_address[colleague.email].subject != by_address[focal_point.email].subject
    assert "Please shorten section 2." in by_address[focal_point.email].body
    assert by_address[focal_point.email].alternatives[0][1] == "text/html"


def test_a_rolled_back_transition_sends_nothing(
    complete_draft, focal_point, django_capture_on_commit_callbacks
):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                submit_document(complete_draft, by=focal_point)
                raise RuntimeError("the surrounding request failed")
        except RuntimeError:
            pass
    assert callbacks == [] and mail.outbox == []
    complete_draft.refresh_from_db()
    assert complete_draft.status == S.DRAFT


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_notification_sent_by_the_real_worker(reference_data, celery_worker):
    """Publish on PostgreSQL, the task goes through Redis, the worker sends the e-mail."""
    import time

    from reviews.editing import save_part, start_review
    from reviews.models import ReviewCycle
    from tests.factories import UserFactory

    cycle = ReviewCycle.objects.get(slug="imrf-2026")
    cycle.is_open = True
    cycle.save()
    author = FocalPointFactory(member_state_id="MEX").user
    secretariat = UserFactory()
    from django.contrib.auth.models import Group, Permission

    secretariat.groups.add(Group.objects.get(name="Secretariat"))
    assert Permission.objects.filter(codename="moderate_review").exists()
    review = start_review("MEX", cycle, by=author)
    for number in range(1, 6):
        review = save_part(review.pk, f"section-{number}", {"text": "Enough words here."},
                           by=author, base_version=review.version, kind="save")  # fmt: skip
    submit_document(review, by=author)
    publish_document(review, by=secretariat)
    for _ in range(100):
        if any(author.email in m.to for m in mail.outbox):
            break
        time.sleep(0.1)
    published = [m for m in mail.outbox if author.email in m.to]
    assert len(published) == 1 and published[0].subject.startswith("Published")
    assert ModerationEvent.objects.get(action="publish").notified_at is not None


# --- decisions on what was seen -------------------------------------------------------------


def resubmitted_meanwhile(review, focal_point, text="A newer text, never read."):
    """The focal point withdraws, edits section 1 and submits again (the version moves on)."""
    from reviews.editing import save_part
    from reviews.workflow import reopen_document, withdraw_document

    review = reopen_document(withdraw_document(review, by=focal_point), by=focal_point)
    review = save_part(review.pk, "section-1", {"text": text}, by=focal_point,
                       base_version=review.version, kind="save")  # fmt: skip
    return submit_document(review, by=focal_point)


@pytest.mark.parametrize("action", ["publish", "request_changes"])
def test_decision_on_a_version_that_moved_on_is_refused(
    complete_draft, focal_point, secretariat_user, action
):
    from reviews.workflow import StaleDecision

    seen = submit_document(complete_draft, by=focal_point).version
    current = resubmitted_meanwhile(complete_draft, focal_point)
    with pytest.raises(StaleDecision) as refused:
        ACTIONS[action](current, by=secretariat_user, comment="Fine.", seen_version=seen)
    assert (refused.value.seen_version, refused.value.current_version) == (seen, current.version)
    assert isinstance(refused.value, TransitionRefused)  # every door that handles refusals
    current.refresh_from_db()
    assert (current.status, current.published_revision) == (S.SUBMITTED, None)
    assert not ModerationEvent.objects.filter(action=action).exists()
    # Decided on what is there now: accepted.
    after = ACTIONS[action](
        current, by=secretariat_user, comment="Fine.", seen_version=current.version
    )
    assert after.status == ALLOWED[(S.SUBMITTED, action, "secretariat_user")]


def test_publish_on_the_seen_version_pins_that_text(complete_draft, focal_point, secretariat_user):
    seen = submit_document(complete_draft, by=focal_point)
    published = publish_document(seen, by=secretariat_user, seen_version=seen.version)
    assert published.published_revision.content["sections"]["1"] == complete_draft.section_1


def test_send_back_on_a_version_that_moved_on_is_refused(
    complete_draft, focal_point, official, colleague
):
    from reviews.workflow import StaleDecision, send_back_document

    seen = submit_document(complete_draft, by=focal_point).version
    # Another official sent it back; the focal points changed it and submitted it again.
    second = FocalPointFactory(
        member_state_id="MEX", role=FocalPointMembership.Role.AUTHORIZING_OFFICIAL
    ).user
    review = send_back_document(complete_draft, by=second, comment="Fix section 1.")
    from reviews.editing import save_part

    review = save_part(review.pk, "section-1", {"text": "Fixed."}, by=colleague,
                       base_version=review.version, kind="save")  # fmt: skip
    review = submit_document(review, by=focal_point)
    with pytest.raises(StaleDecision):
        send_back_document(review, by=official, comment="Fix section 4.", seen_version=seen)
    review.refresh_from_db()
    assert review.status == S.AWAITING_SIGN_OFF


def test_sign_off_without_the_officials_details_is_refused(complete_draft, focal_point, official):
    review = submit_document(complete_draft, by=focal_point)
    for details in [
        {},
        {"name": "Ana Ruiz", "title": " ", "signed_on": date(2026, 11, 20)},
        {"name": "Ana Ruiz", "title": "Director-General", "signed_on": None},
    ]:
        with pytest.raises(TransitionRefused, match="Give the official's name, title and the"):
            sign_off_document(review, by=official, **details)
    review.refresh_from_db()
    assert (review.status, review.signed_off_name) == (S.AWAITING_SIGN_OFF, "")
