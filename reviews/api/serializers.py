"""Open data: what the API and the CSV exports say about published reviews. Every field comes
from the published revision (via `PublishedPart`) or from reference data, never the draft."""

from django.urls import reverse
from rest_framework import serializers

from reviews.models import (
    MemberState,
    Objective,
    PublishedPart,
    RegionalCommission,
    ReviewCycle,
    VoluntaryReview,
)
from reviews.template import SECTIONS_BY_NUMBER


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path


class CommissionSerializer(serializers.ModelSerializer):
    class Meta:
        model = RegionalCommission
        fields = ["code", "name", "seat_city", "member_states_count"]


class MemberStateSerializer(serializers.ModelSerializer):
    regional_commissions = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    url = serializers.SerializerMethodField()

    class Meta:
        model = MemberState
        fields = [
            "iso3", "iso2", "m49", "name", "un_regional_group", "m49_region", "m49_subregion",
            "regional_commissions", "is_ldc", "is_lldc", "is_sids", "url",
        ]  # fmt: skip

    def get_url(self, state) -> str:
        return _absolute(self.context.get("request"), reverse("reviews:state", args=[state.iso3]))


class ObjectiveSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Objective
        fields = ["number", "title", "roundtable", "url"]

    def get_url(self, objective) -> str:
        path = reverse("reviews:objective_page", args=[objective.number])
        return _absolute(self.context.get("request"), path)


class CycleSerializer(serializers.ModelSerializer):
    published_reviews = serializers.IntegerField(read_only=True)
    tracker_url = serializers.SerializerMethodField()

    class Meta:
        model = ReviewCycle
        fields = [
            "slug", "kind", "year", "title", "submission_opens", "submission_closes", "is_open",
            "published_reviews", "tracker_url",
        ]  # fmt: skip

    def get_tracker_url(self, cycle) -> str:
        return _absolute(self.context.get("request"), reverse("reviews:tracker", args=[cycle.slug]))


class ReviewSerializer(serializers.ModelSerializer):
    member_state = serializers.CharField(source="member_state_id", read_only=True)
    member_state_name = serializers.CharField(source="member_state.name", read_only=True)
    regional_commissions = serializers.SerializerMethodField()
    cycle = serializers.CharField(source="cycle.slug", read_only=True)
    language = serializers.CharField(source="published_language", read_only=True)
    objectives_addressed = serializers.IntegerField(read_only=True)
    url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = VoluntaryReview
        fields = [
            "id", "member_state", "member_state_name", "regional_commissions", "cycle",
            "language", "first_published_at", "published_at", "objectives_addressed", "url",
            "pdf_url",
        ]  # fmt: skip

    def get_regional_commissions(self, review) -> list[str]:
        return [c.code for c in review.member_state.regional_commissions.all()]

    def get_url(self, review) -> str:
        return _absolute(self.context.get("request"), review.get_absolute_url())

    def get_pdf_url(self, review) -> str | None:
        if review.rendition.status != "ready":
            return None
        path = reverse(
            "reviews:public_pdf",
            kwargs={"cycle": review.cycle.slug, "iso3": review.member_state_id},
        )
        return _absolute(self.context.get("request"), path)


class PartSerializer(serializers.ModelSerializer):
    title = serializers.SerializerMethodField()

    class Meta:
        model = PublishedPart
        fields = ["number", "title", "status", "text", "html"]

    def get_title(self, part) -> str:
        if part.kind == PublishedPart.Kind.SECTION:
            return str(SECTIONS_BY_NUMBER[part.number].title)
        return part.objective.title if part.objective_id else ""


class ReviewDetailSerializer(ReviewSerializer):
    sections = serializers.SerializerMethodField()
    objectives = serializers.SerializerMethodField()

    class Meta(ReviewSerializer.Meta):
        fields = [*ReviewSerializer.Meta.fields, "sections", "objectives"]

    def _parts(self, review, kind):
        parts = [p for p in review.published_parts.all() if p.kind == kind]
        return PartSerializer(parts, many=True, context=self.context).data

    def get_sections(self, review) -> list[dict]:
        return [
            {k: v for k, v in part.items() if k != "status"}
            for part in self._parts(review, PublishedPart.Kind.SECTION)
        ]

    def get_objectives(self, review) -> list[dict]:
        return self._parts(review, PublishedPart.Kind.OBJECTIVE)


class ObjectiveEntrySerializer(serializers.ModelSerializer):
    review = serializers.IntegerField(source="document_id", read_only=True)
    member_state = serializers.CharField(
        source="document.national_review.member_state_id", read_only=True
    )
    member_state_name = serializers.CharField(
        source="document.national_review.member_state.name", read_only=True
    )
    cycle = serializers.CharField(source="document.cycle.slug", read_only=True)
    objective = serializers.IntegerField(source="number", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = PublishedPart
        fields = [
            "review", "member_state", "member_state_name", "cycle", "objective", "status",
            "language", "text", "url",
        ]  # fmt: skip

    def get_url(self, part) -> str:
        path = f"{part.document.get_absolute_url()}#{part.anchor}"
        return _absolute(self.context.get("request"), path)
