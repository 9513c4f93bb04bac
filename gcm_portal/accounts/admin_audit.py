"""The audit trail in the admin: read by the staff, changed by no one, not even a superuser.

- "Administration › Log entries" lists Django's admin log (every change made in the admin,
  and the membership changes written by reviews.membership_log): list, filter, search, read;
  no add, change or delete for anyone.
- Deleting anything in the admin whose deletion would delete or change audit rows (a document
  with its moderation events, a user who acted) is refused with the admin's own "cannot delete"
  page, which lists what is in the way; the database would refuse it anyway
  (gcm_portal.accounts.audit_trail), this turns an error into an explanation.
"""

from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db import router
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gcm_portal.accounts.audit_trail import audit_rows_in_the_way


@admin.register(LogEntry)
class AuditTrailAdmin(admin.ModelAdmin):
    list_display = ["action_time", "user", "action_flag", "content_type", "object_repr", "message"]
    list_filter = ["action_flag", "content_type", "action_time"]
    search_fields = ["object_repr", "change_message", "user__email", "user__full_name"]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]
    fields = [*list_display[:-1], "object_id", "message"]
    readonly_fields = fields
    actions = None

    @admin.display(description=_("change"))
    def message(self, entry):
        return entry.get_change_message()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


_django_get_deleted_objects = admin.ModelAdmin.get_deleted_objects


def _get_deleted_objects(self, objs, request):
    """Django's summary of a deletion, with the audit rows it would touch listed as protected
    (the admin then shows "cannot delete" and refuses the POST, for one object and for the
    "delete selected" action alike)."""
    deleted, counts, perms_needed, protected = _django_get_deleted_objects(self, objs, request)
    in_the_way = audit_rows_in_the_way(objs, using=router.db_for_write(self.model))
    protected = list(protected) + [
        ngettext(
            "%(count)d entry of the audit trail (%(name)s), which is never deleted",
            "%(count)d entries of the audit trail (%(name)s), which are never deleted",
            count,
        )
        % {"count": count, "name": name}
        for name, count in in_the_way.items()
    ]
    return deleted, counts, perms_needed, protected


# Every ModelAdmin, the project's and Django's own (users, groups), present and future.
admin.ModelAdmin.get_deleted_objects = _get_deleted_objects
