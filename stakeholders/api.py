"""Open data on stakeholders' written inputs: `/api/v1/stakeholder-inputs/` (list and detail;
`?format=csv` for the whole filtered list; `?cycle=<slug>&category=<key>`). Read-only,
anonymous, cached and throttled like the rest of the API (`reviews.api.views.OpenDataViewSet`);
every field comes from the published revision (`PublishedPart` and the pinned snapshot) or the
row's facts (the organisation, its website and category), never from the working copy.

The routes are in `stakeholders.api_urls`, which the project's URLconf puts under `api/v1/`
beside reviews' own.
"""

import django_filters
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from reviews.api.views import OpenDataViewSet
from reviews.models import PublishedPart, ReviewCycle, StakeholderCategory
from reviews.widgets import FastSelect
from stakeholders.models import StakeholderInput
from stakeholders.published import all_published_inputs
from stakeholders.template import INPUT_SECTIONS


class StakeholderInputFilter(django_filters.FilterSet):
    cycle = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Review cycle"),
        queryset=ReviewCycle.objects.all(),
        to_field_name="slug",
        empty_label=_("All cycles"),
    )
    category = django_filters.ModelChoiceFilter(
        widget=FastSelect,
        label=_("Stakeholder category"),
        queryset=StakeholderCategory.objects.all(),
        to_field_name="key",
        empty_label=_("All categories"),
    )

    class Meta:
        model = StakeholderInput
        fields = ["cycle", "category"]


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class StakeholderInputSerializer(serializers.ModelSerializer):
    kind = serializers.SerializerMethodField()
    # Empty when the organisation gave none: text, not a URL the schema would promise.
    organization_website = serializers.CharField(read_only=True)
    category = serializers.CharField(source="category.key", read_only=True)
    category_name = serializers.CharField(source="category.name", read_only=True)
    cycle = serializers.CharField(source="cycle.slug", read_only=True)
    event = serializers.CharField(source="event.slug", read_only=True)
    language = serializers.CharField(source="published_language", read_only=True)
    objectives = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = StakeholderInput
        fields = [
            "id", "kind", "organization", "organization_website", "category", "category_name",
            "cycle", "event", "language", "first_published_at", "published_at", "objectives",
            "url", "pdf_url",
        ]  # fmt: skip

    def get_kind(self, stakeholder_input) -> str:
        return "stakeholder_input"

    def get_objectives(self, stakeholder_input) -> list[int]:
        return list(stakeholder_input.published_revision.content.get("objectives", []))

    def get_url(self, stakeholder_input) -> str:
        return _absolute(self.context.get("request"), stakeholder_input.get_absolute_url())

    def get_pdf_url(self, stakeholder_input) -> str | None:
        if stakeholder_input.rendition.status != "ready":
            return None
        path = reverse(
            "stakeholders:input_pdf",
            kwargs={"cycle": stakeholder_input.cycle.slug, "pk": stakeholder_input.pk},
        )
        return _absolute(self.context.get("request"), path)


class StakeholderInputDetailSerializer(StakeholderInputSerializer):
    sections = serializers.SerializerMethodField()

    class Meta(StakeholderInputSerializer.Meta):
        fields = [*StakeholderInputSerializer.Meta.fields, "sections"]

    def get_sections(self, stakeholder_input) -> list[dict]:
        titles = {s.number: str(s.title) for s in INPUT_SECTIONS}
        return [
            {"number": p.number, "title": titles.get(p.number, ""), "text": p.text, "html": p.html}
            for p in stakeholder_input.published_parts.all()
            if p.kind == PublishedPart.Kind.SECTION
        ]


@extend_schema(tags=["stakeholder inputs"])
class StakeholderInputViewSet(OpenDataViewSet):
    """Published written inputs of stakeholders to an IMRF or a regional review. Filter with
    `cycle` (a review cycle's identifier) and `category` (a stakeholder category's key)."""

    filterset_class = StakeholderInputFilter
    csv_name = "gcm-stakeholder-inputs"

    def get_queryset(self):
        inputs = all_published_inputs()
        if self.action == "retrieve":
            parts = PublishedPart.objects.order_by("kind", "number")
            return inputs.prefetch_related(Prefetch("published_parts", queryset=parts))
        return inputs

    def get_serializer_class(self):
        if self.action == "retrieve":
            return StakeholderInputDetailSerializer
        return StakeholderInputSerializer
