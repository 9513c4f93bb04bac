"""The one door of a special accreditation application (stakeholders.accreditation): its state
machine, the secretariat's decision, Member States' non-objection period, and its e-mails."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from reviews.models import Objective, StakeholderCategory
from stakeholders import accreditation, accreditation_notices, tasks
from stakeholders.decisions import DecisionRefused, StaleDecision
from stakeholders.models import AccreditationApplication, AccreditationLog, Objection
from tests.personas import authorizing_official_of, focal_point_of, reporter_of, secretariat_member
from tests.stakeholders.accrediting import application, organization
from tests.stakeholders.factories import EventFactory

pytestmark = pytest.mark.django_db
S = AccreditationApplication.Status


@pytest.fixture
def event():
    return EventFactory(accreditation_deadline=timezone.now() + timedelta(days=5))


def send_pending(mailoutbox):
    """Deliver every pending row, as the task would; the messages sent."""
    before = len(mailoutbox)
    for pk in AccreditationLog.objects.filter(notify_status="pending").values_list("pk", flat=True):
        accreditation_notices.deliver_notice(pk)
    return mailoutbox[before:]


def apply_as(event, name="Migrant Voices", website="https://voices.example.org", **extra):
    return accreditation.apply(
        event=event,
        organization_fields={
            "name": name,
            "website": website,
            "category": StakeholderCategory.objects.get(key="civil_society"),
            "headquarters_id": "SEN",
            "email": extra.pop("email", "office@voices.example.org"),
        },
        application_fields={"purpose": "Defend migrants' rights.", "relevance": "Objective 7."},
        objectives=Objective.objects.filter(number__in=[7, 15]),
        roundtables=["1", "3"],
        language=extra.pop("language", "en"),
    )


# --- apply and verify --------------------------------------------------------------------------


def test_apply_creates_an_unverified_application_and_mails_the_verification_link(
    event, mailoutbox, settings
):
    settings.SITE_URL = "https://portal.example.org"
    made = apply_as(event, language="fr")
    assert (made.status, made.is_duplicate, made.roundtables) == (S.UNVERIFIED, False, [1, 3])
    assert sorted(made.objectives.values_list("number", flat=True)) == [7, 15]
    (message,) = send_pending(mailoutbox)
    assert message.to == ["office@voices.example.org"]
    assert f"https://portal.example.org/fr/events/accreditation/verify/{made.pk}." in message.body
    with translation.override("fr"):
        from django.template.loader import render_to_string

        subject = render_to_string(
            "stakeholders/email/accreditation/applied_subject.txt",
            {"event": event},
        )
    assert message.subject == " ".join(subject.split())


def test_a_second_application_of_the_same_organisation_creates_nothing(event, mailoutbox):
    first = apply_as(event)
    accreditation.verify(first)
    # Same website, another spelling of the name and another address typed.
    again = apply_as(event, name="MIGRANT-VOICES", email="someone@else.example.org")
    assert (again.pk, again.is_duplicate) == (first.pk, True)
    assert AccreditationApplication.objects.count() == 1
    actions = list(first.log.values_list("action", flat=True))
    assert actions == ["applied", "verified", "link_resent"]
    messages = send_pending(mailoutbox)
    # The link goes to the address on record, never to the one just typed.
    assert [m.to for m in messages] == [["office@voices.example.org"]] * 3
    assert "/events/accreditation/manage/" in messages[-1].body


def test_apply_is_refused_after_the_deadline_and_for_a_regional_meeting(event):
    event.accreditation_deadline = timezone.now() - timedelta(minutes=1)
    event.save()
    with pytest.raises(ValidationError) as refused:
        apply_as(event)
    assert refused.value.messages[0].startswith("Applications for special accreditation closed on")
    regional = EventFactory(kind="regional", accreditation_deadline=timezone.now() + timedelta(1))
    with pytest.raises(ValidationError, match="only for an IMRF"):
        apply_as(regional)
    assert AccreditationApplication.objects.count() == 0


def test_verify_moves_to_applied_once(event):
    made = apply_as(event)
    verified = accreditation.verify(made)
    assert (verified.status, verified.version) == (S.APPLIED, 2)
    assert accreditation.verify(made).version == 2  # a second click changes nothing
    assert list(made.log.values_list("action", "to_status")) == [
        ("applied", S.UNVERIFIED),
        ("verified", S.APPLIED),
    ]


# --- the secretariat's decision ----------------------------------------------------------------


def test_recommend_and_not_recommend(event, mailoutbox):
    staff = secretariat_member()
    app = application(event, organization("A"), S.APPLIED)
    app = accreditation.recommend(app, by=staff, version=app.version)
    assert (app.status, app.version) == (S.RECOMMENDED, 2)
    with pytest.raises(DecisionRefused, match="Give the reason"):
        accreditation.not_recommend(app, by=staff, reason="  ", version=app.version)
    app = accreditation.not_recommend(app, by=staff, reason="Not relevant.", version=2)
    assert (app.status, app.reason) == (S.NOT_RECOMMENDED, "Not relevant.")
    (message,) = send_pending(mailoutbox)  # only not recommending is e-mailed
    assert "Not relevant." in message.body


def test_a_recommendation_on_a_stale_page_is_refused(event):
    staff = secretariat_member()
    app = application(event, organization("A"), S.APPLIED)
    accreditation.not_recommend(app, by=staff, reason="Too early.", version=app.version)
    with pytest.raises(StaleDecision) as refused:
        accreditation.recommend(app, by=staff, version=1)
    assert "it is now “Not recommended”" in str(refused.value)
    app.refresh_from_db()
    assert (app.status, app.version) == (S.NOT_RECOMMENDED, 2)


def test_withdraw_from_any_unsettled_status_only(event):
    app = application(event, organization("A"), S.UNDER_REVIEW)
    assert accreditation.withdraw(app).status == S.WITHDRAWN
    done = application(event, organization("B"), S.ACCREDITED)
    assert accreditation.withdraw(done).status == S.ACCREDITED


# --- the non-objection period ------------------------------------------------------------------


def open_list(event, *apps, by=None):
    by = by or secretariat_member()
    return accreditation.open_review(event, by=by, closes_at=timezone.now() + timedelta(days=14))


def test_open_review_puts_the_recommended_list_under_review_and_mails_focal_points(
    event, mailoutbox
):
    fr = focal_point_of("FRA", preferred_language="fr")
    official = authorizing_official_of("GHA")
    reporter_of(commission="ECE")  # not a focal point: not told
    listed = application(event, organization("A"), S.RECOMMENDED, language="es")
    other = application(event, organization("B"), S.APPLIED)
    assert open_list(event) == 1
    listed.refresh_from_db(), other.refresh_from_db(), event.refresh_from_db()
    assert (listed.status, other.status) == (S.UNDER_REVIEW, S.APPLIED)
    assert event.review_opened_at is not None
    messages = send_pending(mailoutbox)
    by_address = {m.to[0]: m for m in messages}
    assert sorted(by_address) == sorted([fr.email, official.email, listed.organization.email])
    assert f"/fr/workspace/accreditation/{event.slug}/" in by_address[fr.email].body
    assert f"/en/workspace/accreditation/{event.slug}/" in by_address[official.email].body
    # The focal points' e-mails are no step of the application's history.
    assert list(accreditation.history(listed).values_list("action", flat=True)) == ["review_opened"]
    with pytest.raises(DecisionRefused, match="was sent to Member States on"):
        open_list(event)


def test_a_focal_point_objects_once_per_state(event):
    app = application(event, organization("A"), S.RECOMMENDED)
    open_list(event)
    person = focal_point_of("GHA")
    _, created = accreditation.object(app, **member_state_id_of(person), by=person, reason="One.")
    colleague = focal_point_of("GHA")
    _, again = accreditation.object(app, **member_state_id_of(person), by=colleague, reason="Two.")
    assert (created, again) == (True, False)
    assert list(Objection.objects.values_list("member_state_id", "reason")) == [("GHA", "Two.")]
    app.refresh_from_db()
    assert app.status == S.UNDER_REVIEW


def member_state_id_of(user):
    return {"member_state": user.focal_point_memberships.get().member_state}


def test_only_a_focal_point_of_that_state_objects_while_the_period_is_open(event):
    app = application(event, organization("A"), S.RECOMMENDED)
    ghana = focal_point_of("GHA").focal_point_memberships.get().member_state
    with pytest.raises(DecisionRefused, match="not allowed"):
        accreditation.object(app, member_state=ghana, by=focal_point_of("FRA"), reason="No.")
    with pytest.raises(DecisionRefused, match="review of this list is closed"):
        accreditation.object(app, member_state=ghana, by=focal_point_of("GHA"), reason="No.")
    assert Objection.objects.count() == 0


def test_close_review_accredits_only_the_one_without_objection_in_its_language(event, mailoutbox):
    clean = application(event, organization("Clean", email="clean@example.org"),
                        S.RECOMMENDED, language="fr")  # fmt: skip
    objected = application(event, organization("Objected"), S.RECOMMENDED)
    open_list(event)
    person = focal_point_of("GHA")
    accreditation.object(objected, **member_state_id_of(person), by=person, reason="Unknown.")
    mailoutbox.clear()
    AccreditationLog.objects.update(notify_status="none")

    assert accreditation.close_review(event).accredited == 0  # the period is not over
    event.refresh_from_db()
    later = event.review_closes_at + timedelta(seconds=1)
    closed = accreditation.close_review(event, now=later)
    assert (closed.accredited, closed.not_accredited) == (1, 1)
    clean.refresh_from_db(), objected.refresh_from_db(), event.refresh_from_db()
    assert (clean.status, objected.status) == (S.ACCREDITED, S.NOT_ACCREDITED)
    assert event.review_closed_at == later
    assert accreditation.is_accredited(clean.organization, event) is True
    assert accreditation.accreditation_track(objected.organization, event) is None
    messages = {m.to[0]: m for m in send_pending(mailoutbox)}
    assert sorted(messages) == sorted(["clean@example.org", objected.organization.email])
    with translation.override("fr"):
        from django.template.loader import render_to_string

        subject = render_to_string(
            "stakeholders/email/accreditation/accredited_subject.txt", {"event": event}
        )
    assert messages["clean@example.org"].subject == " ".join(subject.split())
    assert "/fr/events/accreditation/manage/" in messages["clean@example.org"].body
    # Idempotent: a second run settles nothing.
    assert accreditation.close_review(event, now=later) == accreditation.ClosedReview()


def test_the_scheduled_task_closes_the_passed_periods(event, monkeypatch):
    app = application(event, organization("A"), S.RECOMMENDED)
    open_list(event)
    assert tasks.close_accreditation_reviews() == 0
    settled = []
    monkeypatch.setattr(accreditation, "_settled", settled.append)
    type(event).objects.filter(pk=event.pk).update(
        review_closes_at=timezone.now() - timedelta(minutes=1)
    )
    assert tasks.close_accreditation_reviews() == 1
    app.refresh_from_db()
    assert app.status == S.ACCREDITED
    assert settled == [app]
    assert tasks.close_accreditation_reviews() == 0


def test_tracks(event):
    ecosoc = organization("E", ecosoc_status="special")
    gcm = organization("G", gcm_accredited=True)
    nobody = organization("N")
    application(EventFactory(), nobody, S.ACCREDITED)  # another IMRF's accreditation
    tracks = [accreditation.accreditation_track(o, event) for o in (ecosoc, gcm, nobody)]
    assert tracks == ["ecosoc", "gcm", None]


def test_the_sweep_sends_what_stayed_pending_and_a_gone_row_is_nothing(
    event, mailoutbox, audit_trail_unlocked
):
    made = apply_as(event)  # its e-mail's task was never queued (no commit in this test)
    AccreditationLog.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    assert tasks.sweep_accreditation_notices() == 1
    assert [m.to for m in mailoutbox] == [[made.organization.email]]
    assert AccreditationLog.objects.get().notify_status == "sent"
    assert tasks.send_accreditation_notice.apply(kwargs={"log_id": 10**9}).get() is False
