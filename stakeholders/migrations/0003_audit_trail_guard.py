"""The logs of accreditation applications and registrations cannot be edited or deleted, but
for their e-mail's delivery state, a registration log's reason blanked by the erasure of
personal data, and an accreditation notice's recipient set once: PostgreSQL triggers refuse the
rest (gcm_portal.accounts.audit_trail)."""

from django.db import migrations

from gcm_portal.accounts.audit_trail import NOTIFY_COLUMNS, guard_table


class Migration(migrations.Migration):
    dependencies = [("stakeholders", "0002_accreditation_pledges")]

    operations = [
        guard_table("stakeholders_registrationlog", *NOTIFY_COLUMNS, "reason="),
        guard_table("stakeholders_accreditationlog", *NOTIFY_COLUMNS, "recipient_id?"),
    ]
