from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from regional.models import RegionalMeeting, RegionalProcess, RegionalReporterMembership
from reviews.membership_admin import MembershipAdminMixin


@admin.register(RegionalProcess)
class RegionalProcessAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}
    # A website typed without a scheme is https (Django 6's default; 5.2 warns until asked).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    # The Member States a process covers: its regional synthesis reads their reviews.
    filter_horizontal = ["member_states"]


@admin.register(RegionalReporterMembership)
class RegionalReporterMembershipAdmin(MembershipAdminMixin, admin.ModelAdmin):
    list_display = ["user", "commission", "process", "created_at"]
    list_filter = ["commission"]
    search_fields = ["user__email", "user__full_name", "process__name"]
    autocomplete_fields = ["user", "process"]


@admin.register(RegionalMeeting)
class RegionalMeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "commission", "process", "cycle", "starts_on", "ends_on", "mode"]
    list_filter = ["cycle", "commission", "mode"]
    search_fields = ["title", "place", "process__name"]
    autocomplete_fields = ["process"]
    readonly_fields = ["report_due_on"]

    @admin.display(description=_("report due"))
    def report_due_on(self, meeting):
        return meeting.report_due_on if meeting.ends_on else "—"
