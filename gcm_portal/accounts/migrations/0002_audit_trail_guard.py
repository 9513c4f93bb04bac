"""Django's admin log (where membership changes are written too) cannot be edited or deleted:
a PostgreSQL trigger refuses it (gcm_portal.accounts.audit_trail)."""

from django.db import migrations

from gcm_portal.accounts.audit_trail import guard_table


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("admin", "0003_logentry_add_action_flag_choices"),
    ]

    operations = [guard_table("django_admin_log")]
