"""Open data on regional reviews: `/api/v1/regional-reports/` and `/api/v1/regional-inputs/`
(list and detail; `?format=csv` for the whole filtered list). Read-only, anonymous, cached and
throttled like the rest of the API (`reviews.api.views.OpenDataViewSet`); every field comes
from the published revision (`PublishedPart` and the pinned snapshot) or reference data.

The routes are in `regional.api_urls`, which the project's URLconf puts under `api/v1/` beside
`reviews.api.urls`: `reviews` never learns that regional documents exist.
"""

from django.db.models import Prefetch
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from regional.filters import RegionalInputFilter, RegionalReportFilter
from regional.models import RegionalInput, RegionalReviewReport
from regional.published import published_inputs, published_reports
from regional.template import INPUT_SECTIONS, REPORT_SECTIONS
from reviews.api.views import OpenDataViewSet
from reviews.models import PublishedPart


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


def _sections(document, template) -> list[dict]:
    titles = {s.number: str(s.title) for s in template}
    return [
        {"number": p.number, "title": titles.get(p.number, ""), "text": p.text, "html": p.html}
        for p in document.published_parts.all()
        if p.kind == PublishedPart.Kind.SECTION
    ]


class RegionalReportSerializer(serializers.ModelSerializer):
    body = serializers.CharField(source="authored_by", read_only=True)
    body_name = serializers.CharField(source="meeting.body.name", read_only=True)
    cycle = serializers.CharField(source="cycle.slug", read_only=True)
    feeds = serializers.SerializerMethodField()
    meeting = serializers.CharField(source="meeting.title", read_only=True)
    meeting_starts_on = serializers.DateField(source="meeting.starts_on", read_only=True)
    meeting_ends_on = serializers.DateField(source="meeting.ends_on", read_only=True)
    meeting_mode = serializers.CharField(source="meeting.mode", read_only=True)
    meeting_place = serializers.CharField(source="meeting.place", read_only=True)
    working_languages = serializers.ListField(
        source="meeting.working_languages", child=serializers.CharField(), read_only=True
    )
    language = serializers.CharField(source="published_language", read_only=True)
    objectives_addressed = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = RegionalReviewReport
        fields = [
            "id", "body", "body_name", "cycle", "feeds", "meeting", "meeting_starts_on",
            "meeting_ends_on", "meeting_mode", "meeting_place", "working_languages", "language",
            "first_published_at", "published_at", "objectives_addressed", "url", "pdf_url",
        ]  # fmt: skip

    def get_feeds(self, report) -> str | None:
        return report.cycle.feeds.slug if report.cycle.feeds_id else None

    def get_objectives_addressed(self, report) -> list[int]:
        return list(report.published_revision.content.get("objectives", []))

    def get_url(self, report) -> str:
        return _absolute(self.context.get("request"), report.get_absolute_url())

    def get_pdf_url(self, report) -> str | None:
        if report.rendition.status != "ready":
            return None
        path = reverse(
            "regional:report_pdf", kwargs={"cycle": report.cycle.slug, "body": report.authored_by}
        )
        return _absolute(self.context.get("request"), path)


class RegionalReportDetailSerializer(RegionalReportSerializer):
    sections = serializers.SerializerMethodField()

    class Meta(RegionalReportSerializer.Meta):
        fields = [*RegionalReportSerializer.Meta.fields, "sections"]

    def get_sections(self, report) -> list[dict]:
        return _sections(report, REPORT_SECTIONS)


class RegionalInputSerializer(serializers.ModelSerializer):
    commission = serializers.CharField(source="commission.code", read_only=True)
    author = serializers.CharField(source="author_name", read_only=True)
    process = serializers.SerializerMethodField()
    cycle = serializers.CharField(source="cycle.slug", read_only=True)
    language = serializers.CharField(source="published_language", read_only=True)
    principles = serializers.SerializerMethodField()
    practices_to_present_at_imrf = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = RegionalInput
        fields = [
            "id", "commission", "author", "process", "cycle", "language", "first_published_at",
            "published_at", "principles", "practices_to_present_at_imrf", "url",
        ]  # fmt: skip

    def get_process(self, regional_input) -> str | None:
        return regional_input.process.slug if regional_input.process_id else None

    def get_principles(self, regional_input) -> list[str]:
        return list(regional_input.published_revision.content.get("principles", []))

    def get_practices_to_present_at_imrf(self, regional_input) -> list[str]:
        practices = regional_input.published_revision.content.get("practices", [])
        return [p["title"] for p in practices if p.get("present_at_imrf")]

    def get_url(self, regional_input) -> str:
        return _absolute(self.context.get("request"), regional_input.get_absolute_url())


class RegionalInputDetailSerializer(RegionalInputSerializer):
    sections = serializers.SerializerMethodField()
    practices = serializers.SerializerMethodField()
    needs = serializers.SerializerMethodField()

    class Meta(RegionalInputSerializer.Meta):
        fields = [*RegionalInputSerializer.Meta.fields, "sections", "practices", "needs"]

    def get_sections(self, regional_input) -> list[dict]:
        return _sections(regional_input, INPUT_SECTIONS)

    def get_practices(self, regional_input) -> list[dict]:
        return regional_input.published_revision.content.get("practices", [])

    def get_needs(self, regional_input) -> list[dict]:
        return regional_input.published_revision.content.get("needs", [])


def _with_parts(documents):
    return documents.prefetch_related(
        Prefetch("published_parts", queryset=PublishedPart.objects.order_by("kind", "number"))
    )


@extend_schema(tags=["regional reviews"])
class RegionalReportViewSet(OpenDataViewSet):
    """Published regional review reports. Filter with `cycle` (a regional cycle) and `body`
    (a regional commission's code or a regional process's identifier)."""

    filterset_class = RegionalReportFilter
    csv_name = "gcm-regional-reports"

    def get_queryset(self):
        reports = published_reports()
        return _with_parts(reports) if self.action == "retrieve" else reports

    def get_serializer_class(self):
        if self.action == "retrieve":
            return RegionalReportDetailSerializer
        return RegionalReportSerializer


@extend_schema(tags=["regional reviews"])
class RegionalInputViewSet(OpenDataViewSet):
    """Published inputs to the regional reviews (framework Annex 3). Filter with `cycle` and
    `commission` (the regional review the input feeds)."""

    filterset_class = RegionalInputFilter
    csv_name = "gcm-regional-inputs"

    def get_queryset(self):
        inputs = published_inputs()
        return _with_parts(inputs) if self.action == "retrieve" else inputs

    def get_serializer_class(self):
        if self.action == "retrieve":
            return RegionalInputDetailSerializer
        return RegionalInputSerializer
