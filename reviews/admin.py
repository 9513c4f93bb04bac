from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from reviews.membership_admin import InvitationAdminMixin, MembershipAdminMixin
from reviews.models import (
    FocalPointMembership,
    GuidingPrinciple,
    Invitation,
    MemberState,
    Objective,
    ObjectiveProgress,
    RegionalCommission,
    ReviewCycle,
    StakeholderCategory,
    VoluntaryReview,
)
from reviews.warming import refresh_everything


@admin.register(RegionalCommission)
class RegionalCommissionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "seat_city", "member_states_count"]
    search_fields = ["code", "name"]


@admin.register(MemberState)
class MemberStateAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "iso3",
        "iso2",
        "m49",
        "un_regional_group",
        "is_ldc",
        "is_lldc",
        "is_sids",
    ]
    list_filter = [
        "un_regional_group",
        "regional_commissions",
        "m49_region",
        "is_ldc",
        "is_lldc",
        "is_sids",
    ]
    search_fields = ["name", "iso3", "iso2", "m49"]
    filter_horizontal = ["regional_commissions"]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "roundtable"]
    list_filter = ["roundtable"]
    search_fields = ["title"]


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(admin.ModelAdmin):
    list_display = ["position", "name", "key"]


@admin.register(StakeholderCategory)
class StakeholderCategoryAdmin(admin.ModelAdmin):
    list_display = ["position", "name", "key"]


@admin.register(ReviewCycle)
class ReviewCycleAdmin(admin.ModelAdmin):
    list_display = [
        "slug",
        "title",
        "kind",
        "year",
        "is_open",
        "word_limits",
        "tracker_shows_submitted",
    ]
    list_filter = ["kind", "is_open", "limits_advisory", "tracker_shows_submitted"]
    search_fields = ["slug", "title"]

    def get_form(self, request, obj=None, **kwargs):
        # The words say "strict" where the secretariat decides, without migrating the field's
        # own label: the template's limits are suggested, a strict cycle is the exception.
        kwargs["labels"] = {
            "limits_advisory": _("Word limits are suggested (untick to make them strict)")
        }
        kwargs["help_texts"] = {
            "limits_advisory": _(
                "Ticked (the default): a review over a suggested word limit can still be "
                "submitted with a short justification, which the secretariat reads beside the "
                "overrun. Unticked, the cycle is strict: a review over any limit is refused at "
                "submission, with the section named."
            )
        }
        return super().get_form(request, obj, **kwargs)

    @admin.display(description=_("word limits"), ordering="limits_advisory")
    def word_limits(self, cycle):
        return _("suggested") if cycle.limits_advisory else _("strict")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The tracker, home and lists show cycles: cached public pages must not keep old ones.
        transaction.on_commit(refresh_everything)


@admin.register(FocalPointMembership)
class FocalPointMembershipAdmin(MembershipAdminMixin, admin.ModelAdmin):
    list_display = ["user", "member_state", "role", "is_lead", "created_at"]
    list_editable = ["is_lead"]  # the secretariat names a State's lead focal point here
    list_filter = ["role", "is_lead", "member_state__regional_commissions"]
    fields = ["user", "member_state", "role", "is_lead"]
    search_fields = ["user__email", "user__full_name", "member_state__name", "member_state__iso3"]
    autocomplete_fields = ["user", "member_state"]


class ObjectiveProgressInline(admin.TabularInline):
    model = ObjectiveProgress
    extra = 0
    fields = ["objective", "status", "priority"]
    readonly_fields = fields
    can_delete = False


@admin.register(VoluntaryReview)
class VoluntaryReviewAdmin(admin.ModelAdmin):
    """Read-only: reviews change through the workspace and the workflow, never here."""

    view_on_site = False  # a draft has no public page

    list_display = ["member_state", "cycle", "status", "language", "version", "updated_at"]
    list_filter = ["status", "cycle", "language", "member_state__regional_commissions"]
    search_fields = ["member_state__name", "member_state__iso3"]
    inlines = [ObjectiveProgressInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Invitation)
class InvitationAdmin(InvitationAdminMixin, admin.ModelAdmin):
    list_display = [
        "email", "member_state", "grant", "grant_key", "role", "created_at", "accepted_at",
        "invited_by",
    ]  # fmt: skip
    list_filter = ["role", "accepted_at"]
    search_fields = ["email", "member_state__name"]
    readonly_fields = ["key", "created_at", "accepted_at", "invited_by"]
