"""The reference names that exist in the six UN languages (django-modeltranslation): each field
gains a column per language (`name_fr`, `name_zh_hans`…) and reading `name` gives the active
language's, English where none was sourced. Loaded from fixtures/ by `load_reference_data`;
sources in fixtures/SOURCES.md."""

from modeltranslation.translator import TranslationOptions, register

from reviews.models import (
    GuidingPrinciple,
    MemberState,
    Objective,
    RegionalCommission,
    ReviewCycle,
    StakeholderCategory,
)


@register(MemberState)
class MemberStateNames(TranslationOptions):
    fields = ("name",)


@register(Objective)
class ObjectiveTitles(TranslationOptions):
    fields = ("title", "short_title")


@register(GuidingPrinciple)
class GuidingPrincipleNames(TranslationOptions):
    fields = ("name",)


@register(RegionalCommission)
class RegionalCommissionNames(TranslationOptions):
    fields = ("name",)


@register(StakeholderCategory)
class StakeholderCategoryNames(TranslationOptions):
    fields = ("name",)


@register(ReviewCycle)
class ReviewCycleTitles(TranslationOptions):
    fields = ("title",)
