from django.contrib import admin

from regional.models import RegionalProcess, RegionalReporterMembership


@admin.register(RegionalProcess)
class RegionalProcessAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(RegionalReporterMembership)
class RegionalReporterMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "commission", "process", "created_at"]
    list_filter = ["commission"]
    search_fields = ["user__email", "user__full_name", "process__name"]
    autocomplete_fields = ["user", "process"]
