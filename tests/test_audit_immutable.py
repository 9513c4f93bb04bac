"""The audit trail cannot be edited or deleted, by SQL, the ORM or the admin (issue 16, item 8).

PostgreSQL triggers (gcm_portal.accounts.audit_trail) refuse it; the admin says so beforehand.
What the code legitimately changes (an e-mail's delivery state, a reason blanked by the erasure
of personal data, a notice's recipient set once) still goes through.
"""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.db import IntegrityError, connection, transaction
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from reviews.models import ModerationEvent
from stakeholders.models import AccreditationLog, RegistrationLog
from stakeholders.trail import record
from tests.personas import administrator
from tests.publishing import draft_review
from tests.stakeholders.accrediting import application, organization
from tests.stakeholders.factories import EventFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]
REFUSED = "the audit trail"


def moderation_event():
    review = draft_review("MEX")
    return ModerationEvent.objects.create(
        document=review, action="comment", from_status="draft", to_status="draft", comment="Hi."
    )


def accreditation_log():
    made = application(EventFactory(), organization("Voices"))
    return AccreditationLog.objects.create(application=made, action="applied", reason="Why.")


def registration_log():
    return record(RegistrationFactory(), "registered", notify=False)


def log_entry():
    admin = administrator()
    LogEntry.objects.log_actions(
        user_id=admin.pk, queryset=[admin], action_flag=ADDITION, change_message="Made."
    )
    return LogEntry.objects.get(user=admin)


ROWS = {
    "moderation event": (moderation_event, "comment"),
    "accreditation log": (accreditation_log, "reason"),
    "registration log": (registration_log, "action"),
    "admin log": (log_entry, "change_message"),
}


def refused(do) -> str:
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        do()
    return str(caught.value)


@pytest.mark.parametrize("kind", ROWS)
def test_sql_cannot_update_or_delete_an_audit_row(kind):
    make, column = ROWS[kind]
    row = make()
    table = row._meta.db_table

    def execute(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql, [row.pk])

    forge = f"UPDATE {table} SET {column} = 'forged' WHERE id = %s"  # noqa: S608 (our names)
    message = refused(lambda: execute(forge))
    assert f"{REFUSED} ({table}) cannot be changed" in message
    message = refused(lambda: execute(f"DELETE FROM {table} WHERE id = %s"))  # noqa: S608
    assert f"{REFUSED} ({table}) cannot be deleted" in message
    assert type(row).objects.filter(pk=row.pk).count() == 1


@pytest.mark.parametrize("kind", ROWS)
def test_the_orm_cannot_update_or_delete_an_audit_row(kind):
    make, column = ROWS[kind]
    row = make()
    rows = type(row).objects.filter(pk=row.pk)
    assert "cannot be changed" in refused(lambda: rows.update(**{column: "forged"}))
    assert "cannot be changed" in refused(lambda: rows.update(**backdated(row)))
    assert "cannot be deleted" in refused(row.delete)
    assert "cannot be deleted" in refused(rows.delete)
    assert getattr(rows.get(), column) == getattr(row, column)


def backdated(row) -> dict:
    """A back-dated timestamp, the other way to forge a trail."""
    name = "action_time" if isinstance(row, LogEntry) else "created_at"
    return {name: "2001-01-01T00:00:00Z"}


def test_deleting_what_has_an_audit_trail_is_refused_by_the_database():
    event = moderation_event()
    assert "cannot be deleted" in refused(event.document.delete)
    registration = registration_log().registration
    assert "cannot be deleted" in refused(registration.delete)


@pytest.mark.parametrize("kind", ["moderation event", "accreditation log", "registration log"])
def test_the_delivery_state_of_the_e_mail_may_change(kind):
    row = ROWS[kind][0]()
    updated = (
        type(row)
        .objects.filter(pk=row.pk)
        .update(notify_status="failed", notify_attempts=5, notify_error="SMTP down")
    )
    assert updated == 1
    assert type(row).objects.get(pk=row.pk).notify_error == "SMTP down"


def test_a_registration_logs_reason_may_only_be_blanked():
    entry = record(RegistrationFactory(), "rejected", notify=False, reason="Named Ms X.")
    rows = RegistrationLog.objects.filter(pk=entry.pk)
    assert "may only be blanked" in refused(lambda: rows.update(reason="Someone else."))
    assert rows.update(reason="") == 1
    assert rows.get().reason == ""


def test_an_accreditation_notices_recipient_is_set_once(secretariat_user):
    entry = accreditation_log()
    rows = AccreditationLog.objects.filter(pk=entry.pk)
    assert rows.update(recipient=secretariat_user) == 1
    assert "is already set" in refused(lambda: rows.update(recipient=administrator()))


def test_the_break_glass_setting_lets_a_test_age_a_row(audit_trail_unlocked):
    event = moderation_event()
    rows = ModerationEvent.objects.filter(pk=event.pk)
    assert rows.update(created_at="2001-01-01T00:00:00Z") == 1


# --- the admin -------------------------------------------------------------------------------


def log_in_as_administrator(client):
    """A superuser with a verified second factor (the admin requires one)."""
    user = administrator()
    device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return user


def test_a_superuser_reads_the_admin_log_but_cannot_add_change_or_delete(client):
    entry = log_entry()
    log_in_as_administrator(client)
    base = "/admin/admin/logentry/"
    listing = client.get(base, {"q": "Made."})
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 1
    assert client.get(f"{base}{entry.pk}/change/").status_code == 200  # read-only view
    assert client.post(f"{base}{entry.pk}/change/", {"change_message": "x"}).status_code == 403
    assert client.get(f"{base}{entry.pk}/delete/").status_code == 403
    assert client.post(f"{base}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get(f"{base}add/").status_code == 403
    assert LogEntry.objects.get(pk=entry.pk).change_message == "Made."


def test_the_admin_refuses_to_delete_a_user_who_acted(client):
    actor = administrator(full_name="Ada Actor")
    event = moderation_event()
    acted = ModerationEvent.objects.create(
        document=event.document, action="comment", from_status="draft", to_status="draft",
        actor=actor,
    )  # fmt: skip
    log_in_as_administrator(client)
    url = f"/admin/accounts/user/{actor.pk}/delete/"
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["protected"] == [
        "1 entry of the audit trail (moderation events), which is never deleted"
    ]
    assert client.post(url, {"post": "yes"}).status_code == 200  # the same refusal, again
    assert ModerationEvent.objects.get(pk=acted.pk).actor == actor


def test_the_admin_refuses_to_delete_a_review_with_its_trail(client):
    event = moderation_event()
    log_in_as_administrator(client)
    url = f"/admin/reviews/voluntaryreview/{event.document_id}/delete/"
    page = client.get(url)
    assert page.context["protected"] == [
        "1 entry of the audit trail (moderation events), which is never deleted"
    ]
    client.post(url, {"post": "yes"})
    assert ModerationEvent.objects.filter(document_id=event.document_id).count() == 1


def test_the_admin_still_deletes_what_has_no_audit_trail(client):
    lonely = administrator(full_name="Nobody Acted")
    log_in_as_administrator(client)
    url = f"/admin/accounts/user/{lonely.pk}/delete/"
    assert client.get(url).context["protected"] == []
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not type(lonely).objects.filter(pk=lonely.pk).exists()
