"""Periodic erasure of registrants' personal data after the event (stakeholders.retention)."""

from datetime import datetime, time, timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from reviews.models import StakeholderCategory
from stakeholders import links
from stakeholders.models import Event, Registration, RegistrationLog
from stakeholders.retention import erase_personal_data
from stakeholders.tasks import erase_personal_data as erase_task

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _event(slug, ended_days_ago):
    ends = TODAY - timedelta(days=ended_days_ago)
    opens = timezone.make_aware(datetime.combine(ends - timedelta(days=60), time(9)))
    return Event.objects.create(
        slug=slug,
        kind=Event.Kind.CONSULTATION,
        title=f"Consultation {slug}",
        starts_on=ends - timedelta(days=1),
        ends_on=ends,
        mode=Event.Mode.ONLINE,
        registration_opens=opens,
        registration_closes=opens + timedelta(days=30),
        is_published=True,
    )


def _register(event, n, category, status, **extra):
    return Registration.objects.create(
        event=event,
        full_name=f"Person {n}",
        email=f"Person{n}@Example.org",
        organization=f"Organisation {n}",
        organization_website=f"https://org{n}.example.org",
        category=StakeholderCategory.objects.get(key=category),
        level=Registration.Level.NATIONAL,
        residence_id="NPL",
        nationality_id="NPL",
        gender=Registration.Gender.WOMAN,
        age_group=Registration.AgeGroup.FROM_25,
        participation=Registration.Participation.IN_PERSON,
        accessibility_needs="Step-free access",
        language="fr",
        consented_privacy_at=timezone.now(),
        consent_public_list=True,
        status=status,
        decision_reason="Known to the secretariat" if status == "rejected" else "",
        **extra,
    )


def _counts(event):
    return list(
        Registration.objects.filter(event=event)
        .values("category__key", "status", "residence_id", "gender", "age_group", "travel")
        .annotate(n=Count("pk"))
        .order_by("category__key", "status")
    )


@pytest.fixture
def old_and_recent():
    old = _event("ended-91-days-ago", 91)
    recent = _event("ended-89-days-ago", 89)
    for event in (old, recent):
        _register(event, 1, "migrants", Registration.Status.APPROVED)
        _register(event, 2, "civil_society", Registration.Status.APPROVED)
        _register(event, 3, "civil_society", Registration.Status.REJECTED)
        _register(
            event,
            4,
            "academia",
            Registration.Status.APPROVED,
            travel=Registration.Travel.GRANTED,
            travel_justification="No funding from my university",
            category_other="",
        )
    rejected = Registration.objects.get(event=old, full_name="Person 3")
    RegistrationLog.objects.create(
        registration=rejected, action="rejected", reason="Known to the secretariat"
    )
    return old, recent


def test_event_ended_91_days_ago_is_erased_and_its_counts_stay(old_and_recent):
    old, _recent = old_and_recent
    counts_before = _counts(old)

    report = erase_personal_data()

    assert report.events == ["ended-91-days-ago"]
    assert report.registrations == 4
    assert _counts(old) == counts_before
    person = Registration.objects.get(event=old, category__key="academia")
    erased = {
        name: getattr(person, name)
        for name in (
            "full_name",
            "email",
            "email_key",
            "organization",
            "organization_website",
            "accessibility_needs",
            "travel_justification",
            "category_other",
            "decision_reason",
        )
    }
    assert erased == dict.fromkeys(erased, "")
    assert person.erased_at is not None
    assert person.consent_public_list is False
    assert (person.status, person.travel, person.residence_id) == ("approved", "granted", "NPL")
    assert Registration.objects.get(event=old, status="rejected").decision_reason == ""
    assert list(
        RegistrationLog.objects.filter(registration__event=old).values_list("reason", flat=True)
    ) == [""]
    old.refresh_from_db()
    assert old.personal_data_erased_at is not None


def test_event_ended_89_days_ago_is_untouched(old_and_recent):
    _old, recent = old_and_recent
    before = list(Registration.objects.filter(event=recent).order_by("pk").values())

    erase_personal_data()

    assert list(Registration.objects.filter(event=recent).order_by("pk").values()) == before
    recent.refresh_from_db()
    assert recent.personal_data_erased_at is None


def test_retention_days_come_from_the_setting(old_and_recent, settings):
    settings.REGISTRATION_RETENTION_DAYS = 88
    report = erase_personal_data()
    assert sorted(report.events) == ["ended-89-days-ago", "ended-91-days-ago"]


def test_second_run_changes_nothing(old_and_recent):
    old, _recent = old_and_recent
    erase_personal_data()
    old.refresh_from_db()
    after_first = list(Registration.objects.order_by("pk").values())

    report = erase_personal_data()

    assert (report.events, report.registrations) == ([], 0)
    assert list(Registration.objects.order_by("pk").values()) == after_first
    erased_at = old.personal_data_erased_at
    old.refresh_from_db()
    assert old.personal_data_erased_at == erased_at


def test_management_link_of_an_erased_registration_no_longer_works(old_and_recent):
    old, recent = old_and_recent
    person = Registration.objects.get(event=old, full_name="Person 1")
    token = links.make_token(person, links.MANAGE)
    kept = Registration.objects.get(event=recent, full_name="Person 1")
    kept_token = links.make_token(kept, links.MANAGE)
    assert links.read_token(token, links.MANAGE) == person

    erase_personal_data()

    person.refresh_from_db()
    assert links.read_token(token, links.MANAGE) is None
    # The secret is rotated: the old signature is refused even where erased_at is not checked.
    assert person.secret != Registration.objects.get(pk=kept.pk).secret
    assert links.read_token(kept_token, links.MANAGE) == kept


def test_secret_is_rotated(old_and_recent):
    old, _recent = old_and_recent
    secrets_before = set(Registration.objects.filter(event=old).values_list("secret", flat=True))
    erase_personal_data()
    secrets_after = set(Registration.objects.filter(event=old).values_list("secret", flat=True))
    assert len(secrets_after) == 4
    assert secrets_before.isdisjoint(secrets_after)


def test_an_ended_event_without_registrations_is_marked():
    empty = _event("empty", 100)
    erase_personal_data()
    empty.refresh_from_db()
    assert empty.personal_data_erased_at is not None


def test_task_erases_and_returns_the_count(old_and_recent):
    assert erase_task.delay().get() == 4
    assert Registration.objects.filter(erased_at__isnull=False).count() == 4
