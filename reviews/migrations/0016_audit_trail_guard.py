"""Moderation events cannot be edited or deleted, but for their e-mail's delivery state: a
PostgreSQL trigger refuses it (gcm_portal.accounts.audit_trail)."""

from django.db import migrations

from gcm_portal.accounts.audit_trail import NOTIFY_COLUMNS, guard_table


class Migration(migrations.Migration):
    dependencies = [("reviews", "0015_state_names_collation")]

    operations = [guard_table("reviews_moderationevent", *NOTIFY_COLUMNS)]
