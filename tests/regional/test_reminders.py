"""Reminders of a regional report's due date: two weeks before and on the day, once each, to
the body's reporters in their language, never once the report is submitted."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.core import mail

from regional.models import ReportReminder
from regional.reminders import send_due_reminders
from reviews.workflow import submit_document
from tests.personas import reporter_of
from tests.regional.publishing import draft_report, meeting

pytestmark = pytest.mark.django_db

# The ECE meeting of tests.regional.publishing ends on 15 November 2024: due 15 January 2025.
DUE = date(2025, 1, 15)


@pytest.fixture
def ece_meeting():
    made = meeting("ECE")
    assert made.report_due_on == DUE
    return made


def test_two_weeks_before_the_reporters_get_a_reminder_in_their_language(ece_meeting):
    rita = reporter_of(commission="ECE", preferred_language="fr")
    reporter_of(commission="ESCWA")  # another body's reporter hears nothing
    assert send_due_reminders(today=DUE - timedelta(days=14)) == 1
    [message] = mail.outbox
    assert message.to == [rita.email]
    assert "15" in message.subject and "Economic Commission for Europe" in message.subject
    assert '<html lang="fr"' in message.alternatives[0][0]
    assert list(ReportReminder.objects.values_list("kind", "recipients")) == [("two_weeks", 1)]


def test_a_second_run_sends_nothing_more(ece_meeting):
    reporter_of(commission="ECE")
    assert send_due_reminders(today=DUE - timedelta(days=14)) == 1
    assert send_due_reminders(today=DUE - timedelta(days=13)) == 0
    assert len(mail.outbox) == 1


def test_on_the_day_a_second_reminder_says_it_is_due_today(ece_meeting):
    reporter_of(commission="ECE")
    send_due_reminders(today=DUE - timedelta(days=14))
    assert send_due_reminders(today=DUE) == 1
    assert mail.outbox[1].subject.startswith("The regional review report of")
    assert "is due today" in mail.outbox[1].subject
    assert sorted(ReportReminder.objects.values_list("kind", flat=True)) == ["due", "two_weeks"]


def test_nothing_before_the_window_nor_long_after(ece_meeting):
    reporter_of(commission="ECE")
    assert send_due_reminders(today=DUE - timedelta(days=15)) == 0
    assert send_due_reminders(today=DUE + timedelta(days=8)) == 0
    assert mail.outbox == []


def test_no_reminder_once_the_report_is_submitted(ece_meeting):
    report = draft_report("ECE")
    submit_document(report, by=report.author)
    assert send_due_reminders(today=DUE) == 0
    assert mail.outbox == []


def test_a_failed_send_is_tried_again_on_the_next_run(ece_meeting):
    reporter_of(commission="ECE")
    with (
        mock.patch("regional.reminders.send_templated_email", side_effect=OSError("down")),
        pytest.raises(OSError),
    ):
        send_due_reminders(today=DUE)
    assert ReportReminder.objects.count() == 0
    assert send_due_reminders(today=DUE + timedelta(days=1)) == 1


def test_the_beat_task_is_scheduled_by_name(settings):
    from gcm_portal import celery_app

    names = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "regional.send_report_reminders" in names
    assert "regional.send_report_reminders" in celery_app.tasks
