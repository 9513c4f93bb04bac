"""The cycle's submission deadline, and the days left or overdue, in the workspace and the queue;
the reminder e-mails before it (reviews.deadlines, reviews.reminders)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone, translation
from django.utils.formats import date_format

from reviews import reminders
from reviews.models import ModerationEvent, ReviewCycle
from reviews.notifications import deliver_review_notification
from reviews.tasks import send_deadline_reminders, sweep_notifications
from reviews.workflow import submit_document
from tests import factories
from tests.personas import authorizing_official_of, focal_point_of
from tests.publishing import draft_review

pytestmark = pytest.mark.django_db
CYCLE = "International Migration Review Forum 2026"


def closes_in(days: int, slug: str = "imrf-2026"):
    """The cycle is open and closes `days` from today (negative: closed that many days ago)."""
    closes = timezone.localdate() + timedelta(days=days)
    ReviewCycle.objects.filter(slug=slug).update(is_open=True, submission_closes=closes)
    return closes


def workspace_row(page: str, cycle: str = CYCLE) -> str:
    start = page.index(f'<th scope="row">{cycle}</th>')
    return page[start : page.index("</tr>", start)]


def day(d) -> str:
    return date_format(d, "DATE_FORMAT")


# --- the workspace ----------------------------------------------------------------------------


def test_the_workspace_shows_the_deadline_and_the_days_left_of_a_draft(client, focal_point):
    closes = closes_in(10)
    draft_review("MEX", focal_point=focal_point)
    client.force_login(focal_point)
    row = workspace_row(client.get("/en/workspace/").text)
    assert f'{day(closes)}</time> · <span class="deadline-left">10 days left</span>' in row


def test_the_workspace_shows_the_days_left_before_a_review_is_started(client, focal_point):
    closes = closes_in(1)
    client.force_login(focal_point)
    row = workspace_row(client.get("/en/workspace/").text)
    assert "Not started" in row
    assert f'{day(closes)}</time> · <span class="deadline-left">1 day left</span>' in row


def test_the_workspace_says_due_today_and_overdue(client, focal_point):
    draft_review("MEX", focal_point=focal_point)
    client.force_login(focal_point)
    closes_in(0)
    assert '<strong class="deadline-today">due today</strong>' in workspace_row(
        client.get("/en/workspace/").text
    )
    closes_in(-3)
    row = workspace_row(client.get("/en/workspace/").text)
    assert '<strong class="text-danger deadline-overdue">overdue by 3 days</strong>' in row


def test_a_submitted_review_shows_its_deadline_without_a_count(client, focal_point):
    closes = closes_in(-5)
    review = draft_review("MEX", focal_point=focal_point)
    submit_document(review, by=focal_point)
    client.force_login(focal_point)
    row = workspace_row(client.get("/en/workspace/").text)
    assert (
        f'<span class="deadline"><time datetime="{closes:%Y-%m-%d}">{day(closes)}</time></span>'
        in row
    )
    assert "overdue" not in row and "left" not in row


# --- the queue --------------------------------------------------------------------------------


def queue_row(page: str, iso3: str = "MEX") -> str:
    start = page.index(f'href="/en/secretariat/reviews/imrf-2026/{iso3}/"')
    return page[start : page.index("</tr>", start)]


def test_the_queue_shows_a_national_reviews_deadline_and_days_left(client, secretariat_user):
    closes = closes_in(20)
    draft_review("MEX")
    client.force_login(secretariat_user)
    row = queue_row(client.get("/en/secretariat/?show=all").text)
    assert f'{day(closes)}</time> · <span class="deadline-left">20 days left</span>' in row


def test_the_queue_flags_an_overdue_national_draft(client, secretariat_user):
    draft_review("MEX")
    closes_in(-2)
    client.force_login(secretariat_user)
    page = client.get("/en/secretariat/?show=all").text
    assert '<strong class="text-danger deadline-overdue">overdue by 2 days</strong>' in queue_row(
        page
    )
    assert "1 document is overdue." in page


# --- reminders --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days_left", "reminder"),
    [(15, None), (14, 14), (4, 14), (3, 3), (1, 3), (0, 0), (-2, 0), (-3, None)],
)
def test_which_reminder_falls_due(days_left, reminder):
    assert reminders.reminder_due(days_left) == reminder


def reminder_events():
    return list(
        ModerationEvent.objects.filter(action__startswith="deadline_reminder_")
        .order_by("pk")
        .values_list("document__authored_by", "action", "notify_status")
    )


def test_a_reminder_goes_once_to_the_states_people_in_their_language(
    django_capture_on_commit_callbacks,
):
    alice = focal_point_of("MEX", preferred_language="fr")
    official = authorizing_official_of("MEX", preferred_language="es")
    draft_review("MEX", focal_point=alice)
    closes = closes_in(14)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders() == 0  # the same day again: nothing more
    assert reminder_events() == [("MEX", "deadline_reminder_14", "sent")]
    sent = sorted((m.to[0], m.body) for m in mail.outbox)
    assert [to for to, _ in sent] == sorted([alice.email, official.email])
    by_person = dict(sent)
    assert "/fr/workspace/imrf-2026/MEX/" in by_person[alice.email]
    assert "/es/workspace/imrf-2026/MEX/" in by_person[official.email]
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    for person, language in ((alice, "fr"), (official, "es")):
        with translation.override(language):  # the date as each reader reads it
            assert subjects[person.email].endswith(f" {day(closes)}")
    assert day(closes) not in subjects[alice.email]  # not the English date


def test_the_english_reminder_says_the_date_and_the_days_left(django_capture_on_commit_callbacks):
    alice = focal_point_of("MEX", preferred_language="en")
    draft_review("MEX", focal_point=alice)
    closes = closes_in(3)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders() == 1
    [message] = mail.outbox
    assert (
        message.subject == f"Reminder: the voluntary GCM review of Mexico is due on {day(closes)}"
    )
    assert (
        "Submissions of voluntary GCM reviews for International Migration Review Forum 2026 close "
        f"on {day(closes)}. The review of Mexico has not been submitted to the secretariat yet.\n"
        "3 days left.\n"
    ) in message.body
    assert f"{settings.SITE_URL}/en/workspace/imrf-2026/MEX/\n" in message.body


def test_each_reminder_window_sends_its_own_reminder_once(django_capture_on_commit_callbacks):
    draft_review("MEX")
    closes = closes_in(14)
    with django_capture_on_commit_callbacks(execute=True):
        for days_before in (14, 10, 3, 2, 0, -1, -2, -3):
            reminders.send_due_reminders(today=closes - timedelta(days=days_before))
    assert [a for _, a, _ in reminder_events()] == [
        "deadline_reminder_14",
        "deadline_reminder_3",
        "deadline_reminder_0",
    ]
    assert len(mail.outbox) == 3


def test_no_reminder_once_submitted_or_for_a_closed_cycle(
    django_capture_on_commit_callbacks, audit_trail_unlocked
):
    review = draft_review("MEX")
    draft_review("GHA")
    submit_document(review, by=review.author)
    closes_in(3)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders() == 1
    assert [s for s, _, _ in reminder_events()] == ["GHA"]
    ReviewCycle.objects.filter(slug="imrf-2026").update(is_open=False)
    ModerationEvent.objects.filter(action__startswith="deadline_reminder_").delete()
    assert send_deadline_reminders() == 0


def test_a_reminder_lost_to_a_broker_outage_is_swept_and_sent(
    django_capture_on_commit_callbacks, audit_trail_unlocked
):
    alice = focal_point_of("MEX")
    draft_review("MEX", focal_point=alice)
    closes_in(0)
    with django_capture_on_commit_callbacks(execute=False):  # the queueing never happened
        assert send_deadline_reminders() == 1
    assert reminder_events() == [("MEX", "deadline_reminder_0", "pending")]
    ModerationEvent.objects.update(created_at=timezone.now() - timedelta(minutes=3))
    assert sweep_notifications() == 1
    assert [m.to for m in mail.outbox] == [[alice.email]]
    assert mail.outbox[0].subject.startswith("The voluntary GCM review of Mexico is due today")
    assert "Today is the last day to submit it." in mail.outbox[0].body
    assert deliver_review_notification(ModerationEvent.objects.get().pk) == 0  # once


def test_a_state_without_a_review_is_not_reminded():
    factories.FocalPointFactory(member_state_id="MEX")
    closes_in(3)
    assert send_deadline_reminders() == 0
    assert mail.outbox == []
