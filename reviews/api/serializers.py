"""Open data: what the API and the CSV exports say about published reviews. Every field comes
from the published revision (via `PublishedPart`, or the revision's snapshot itself for what
the index does not copy: priorities, guiding principles, stakeholders consulted, the national
plan flag, public attachments) or from reference data, never the draft."""

from django.urls import reverse
from rest_framework import serializers

from reviews.models import (
    Document,
    MemberState,
    Objective,
    PublishedPart,
    RegionalCommission,
    ReviewCycle,
    VoluntaryReview,
)
from reviews.selectors import public_attachments
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


def _entry_facts(entry: dict | None) -> dict:
    """An objective entry's priority and guiding principles (keys), as a snapshot holds them."""
    entry = entry or {}
    return {"priority": entry.get("priority"), "principles": sorted(entry.get("principles", []))}


class ReviewDetailSerializer(ReviewSerializer):
    sections = serializers.SerializerMethodField()
    objectives = serializers.SerializerMethodField()
    stakeholders_consulted = serializers.SerializerMethodField()
    part_of_national_plan = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()

    class Meta(ReviewSerializer.Meta):
        fields = [
            *ReviewSerializer.Meta.fields, "sections", "objectives", "stakeholders_consulted",
            "part_of_national_plan", "attachments",
        ]  # fmt: skip

    def _content(self, review) -> dict:
        return review.published_revision.content

    def _parts(self, review, kind):
        parts = [p for p in review.published_parts.all() if p.kind == kind]
        return PartSerializer(parts, many=True, context=self.context).data

    def get_sections(self, review) -> list[dict]:
        return [
            {k: v for k, v in part.items() if k != "status"}
            for part in self._parts(review, PublishedPart.Kind.SECTION)
        ]

    def get_objectives(self, review) -> list[dict]:
        entries = self._content(review).get("objectives", {})
        return [
            {**part, **_entry_facts(entries.get(str(part["number"])))}
            for part in self._parts(review, PublishedPart.Kind.OBJECTIVE)
        ]

    def get_stakeholders_consulted(self, review) -> list[str]:
        """Keys of the stakeholder categories (as `/api/v1/` reference data and the filters
        spell them)."""
        return sorted((self._content(review).get("details") or {}).get("stakeholders", []))

    def get_part_of_national_plan(self, review) -> bool:
        return bool((self._content(review).get("details") or {}).get("part_of_national_plan"))

    def get_attachments(self, review) -> list[dict]:
        """The attachments published with the review (its national implementation plan)."""
        request = self.context.get("request")
        return [
            {
                "name": a["name"],
                "kind": a["kind"],
                "size": a["size"],
                "content_type": a["content_type"],
                "url": _absolute(
                    request,
                    reverse(
                        "reviews:public_attachment",
                        kwargs={
                            "cycle": review.cycle.slug,
                            "iso3": review.member_state_id,
                            "pk": a["id"],
                        },
                    ),
                ),
            }
            for a in public_attachments(self._content(review))
        ]


class ObjectiveEntryListSerializer(serializers.ListSerializer):
    """Reads the published entries of every review on the page in one query (their priority
    and principles are in the published revision only), whatever the number of rows."""

    def to_representation(self, data):
        parts = list(data.all() if hasattr(data, "all") else data)
        self.child.published_entries = dict(
            Document.objects.filter(pk__in={p.document_id for p in parts}).values_list(
                "pk", "published_revision__content__objectives"
            )
        )
        return super().to_representation(parts)


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
    priority = serializers.SerializerMethodField()
    principles = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = PublishedPart
        list_serializer_class = ObjectiveEntryListSerializer
        fields = [
            "review", "member_state", "member_state_name", "cycle", "objective", "status",
            "priority", "principles", "language", "text", "url",
        ]  # fmt: skip

    published_entries: dict | None = None  # {document id: objectives}, set by the list

    def _entry(self, part) -> dict | None:
        if self.published_entries is not None and part.document_id in self.published_entries:
            entries = self.published_entries[part.document_id] or {}
        else:
            entries = part.document.published_revision.content.get("objectives", {})
        return entries.get(str(part.number))

    def get_priority(self, part) -> int | None:
        return _entry_facts(self._entry(part))["priority"]

    def get_principles(self, part) -> list[str]:
        """Keys of the guiding principles applied (reference data's spelling)."""
        return _entry_facts(self._entry(part))["principles"]

    def get_url(self, part) -> str:
        path = f"{part.document.get_absolute_url()}#{part.anchor}"
        return _absolute(self.context.get("request"), path)
