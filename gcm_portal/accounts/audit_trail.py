"""The audit trail cannot be edited or deleted: PostgreSQL refuses it, whoever asks.

The audit tables are the moderation events of documents (`reviews_moderationevent`), the logs
of accreditation applications and registrations (`stakeholders_accreditationlog`,
`stakeholders_registrationlog`) and Django's admin log (`django_admin_log`, where membership
changes are written too: reviews.membership_log). A trigger on each raises on DELETE, and on an
UPDATE that changes any column but those the code legitimately changes:

- the delivery state of the e-mail a row sends (`notify_status`, `notify_attempts`,
  `notify_error`, `notified_at`: reviews.outbox is the only writer);
- `reason` of a registration's log, only to "" (the erasure of personal data blanks reasons,
  which may name the person: stakeholders.retention);
- `recipient_id` of an accreditation log, only while it is still empty (the "review opened"
  notice names its focal point right after writing the row: stakeholders.accreditation).

So deleting what has an audit trail (a document, a registration, a user who acted) fails too:
the admin refuses it beforehand (`audit_rows_in_the_way`, gcm_portal.accounts.admin_audit).
TRUNCATE (the test suite's flush, a restore into an empty database) is not affected.

Break glass: a database session that runs `SET gcm.audit_trail_unlocked = 'on'` may change
rows (the tests that age rows use it: fixture `audit_trail_unlocked`). Whoever can do that can
also drop the trigger; the guarantee is against the application, its admin and its bugs, not
against the owner of the database. docs/operations.md says so.
"""

from django.db import migrations
from django.db.models.deletion import Collector, ProtectedError, RestrictedError

FUNCTION = "gcm_audit_trail_guard"
UNLOCK_SETTING = "gcm.audit_trail_unlocked"

# The audit tables, by model label (used by the admin guard without importing the apps).
AUDIT_MODELS = frozenset(
    {
        "admin.logentry",
        "reviews.moderationevent",
        "stakeholders.accreditationlog",
        "stakeholders.registrationlog",
    }
)
NOTIFY_COLUMNS = ("notify_status", "notify_attempts", "notify_error", "notified_at")

# Each argument of the trigger names a column the code may change: `name` freely, `name=` only
# to the empty string, `name?` only while it is NULL.
CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    arg text;
    col text;
    free text[] := '{{}}';
    old_row jsonb;
    new_row jsonb;
BEGIN
    IF current_setting('{UNLOCK_SETTING}', true) = 'on' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'the audit trail (%) cannot be deleted', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END IF;
    old_row := to_jsonb(OLD);
    new_row := to_jsonb(NEW);
    FOREACH arg IN ARRAY COALESCE(TG_ARGV, '{{}}'::text[]) LOOP
        col := rtrim(arg, '=?');
        IF right(arg, 1) = '=' AND new_row->col IS DISTINCT FROM old_row->col
                AND new_row->>col <> '' THEN
            RAISE EXCEPTION 'the audit trail (%): % may only be blanked', TG_TABLE_NAME, col
                USING ERRCODE = 'restrict_violation';
        END IF;
        IF right(arg, 1) = '?' AND new_row->col IS DISTINCT FROM old_row->col
                AND old_row->col <> 'null'::jsonb THEN
            RAISE EXCEPTION 'the audit trail (%): % is already set', TG_TABLE_NAME, col
                USING ERRCODE = 'restrict_violation';
        END IF;
        free := free || col;
    END LOOP;
    IF (new_row - free) IS DISTINCT FROM (old_row - free) THEN
        RAISE EXCEPTION 'the audit trail (%) cannot be changed', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;
"""

# Dropped with the last trigger that uses it (each app's migration can be reversed alone).
DROP_FUNCTION_IF_UNUSED = f"""
DO $$ BEGIN
    DROP FUNCTION IF EXISTS {FUNCTION}();
EXCEPTION WHEN dependent_objects_still_exist THEN NULL;
END $$;
"""


def _trigger_name(table: str) -> str:
    return f"{table}_audit_guard"


def _create(table: str, columns: tuple[str, ...]):
    arguments = ", ".join(f"'{column}'" for column in columns)

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return  # SQLite (`make run`, plain pytest): no trigger
        schema_editor.execute(CREATE_FUNCTION, params=None)  # `%` is plpgsql's
        schema_editor.execute(
            f"CREATE TRIGGER {_trigger_name(table)} BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}({arguments})"
        )

    return forwards


def _drop(table: str):
    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {_trigger_name(table)} ON {table}")
        schema_editor.execute(DROP_FUNCTION_IF_UNUSED)

    return backwards


def guard_table(table: str, *columns: str) -> migrations.RunPython:
    """The migration operation that makes `table` append-only but for `columns` (see above)."""
    return migrations.RunPython(_create(table, columns), _drop(table))


def audit_rows_in_the_way(objs, using: str = "default") -> dict[str, int]:
    """How many rows of each audit table deleting `objs` would delete or change, by verbose
    name plural; empty when the deletion can go ahead."""
    # Django's own collector, as the deletion would run it: cascades, SET_NULL, fast deletes.
    collector = Collector(using=using)
    try:
        collector.collect(objs)
    except (ProtectedError, RestrictedError):
        # Protected rows stop the deletion anyway, and the admin's own summary lists them.
        return {}
    found: dict[str, int] = {}

    def count(model, n):
        if n and model._meta.label_lower in AUDIT_MODELS:
            name = str(model._meta.verbose_name_plural)
            found[name] = found.get(name, 0) + n

    for model, instances in collector.data.items():
        count(model, len(instances))
    for queryset in collector.fast_deletes:
        count(queryset.model, queryset.count())
    for (field, _value), batches in collector.field_updates.items():
        count(field.model, sum(len(batch) for batch in batches))
    return found
