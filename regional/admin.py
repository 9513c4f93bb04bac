from django.contrib import admin
from django.db import models

from regional.models import RegionalProcess, RegionalReporterMembership


@admin.register(RegionalProcess)
class RegionalProcessAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym"]
    prepopulated_fields = {"slug": ["name"]}
    # A website typed without a scheme is https (Django 6's default; 5.2 warns until asked).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(RegionalReporterMembership)
class RegionalReporterMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "commission", "process", "created_at"]
    list_filter = ["commission"]
    search_fields = ["user__email", "user__full_name", "process__name"]
    autocomplete_fields = ["user", "process"]
