"""Open data on pledges: `/api/v1/pledges/` (list and detail by reference; `?format=csv` for
the whole filtered list; the filters of the public list, `stakeholders.pledges.filters`).
Read-only, anonymous, cached and throttled like the rest of the API
(`reviews.api.views.OpenDataViewSet`); every field of the text comes from the published
revision, the pledger from the row's facts; the detail adds the history of published versions.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from reviews.api.views import OpenDataViewSet
from stakeholders.pledges.content import due_date
from stakeholders.pledges.filters import PledgeFilter
from stakeholders.pledges.published import all_published_pledges, history
from stakeholders.pledges.template import PLEDGE_SECTIONS


def _published(pledge) -> dict:
    return pledge.published_revision.content


class PledgeSerializer(serializers.Serializer):
    reference = serializers.CharField(read_only=True)
    title = serializers.SerializerMethodField()
    pledger = serializers.CharField(read_only=True)
    pledger_name = serializers.CharField(read_only=True)
    member_state = serializers.CharField(source="member_state_id", read_only=True)
    organization_type = serializers.SerializerMethodField()
    cycle = serializers.CharField(source="cycle.slug", read_only=True)
    year = serializers.IntegerField(source="cycle.year", read_only=True)
    language = serializers.CharField(source="published_language", read_only=True)
    due_by = serializers.SerializerMethodField()
    progress = serializers.SerializerMethodField()
    objectives = serializers.SerializerMethodField()
    principles = serializers.SerializerMethodField()
    regions = serializers.SerializerMethodField()
    countries = serializers.SerializerMethodField()
    first_published_at = serializers.DateTimeField(read_only=True)
    published_at = serializers.DateTimeField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        fields = [
            "reference", "title", "pledger", "pledger_name", "member_state", "organization_type",
            "cycle", "year", "language", "due_by", "progress", "objectives", "principles",
            "regions", "countries", "first_published_at", "published_at", "url",
        ]  # fmt: skip

    def get_title(self, pledge) -> str:
        return _published(pledge)["title"]

    def get_organization_type(self, pledge) -> str | None:
        return pledge.organization.category.key if pledge.organization_id else None

    def get_due_by(self, pledge) -> str | None:
        found = due_date(_published(pledge))
        return found.isoformat() if found else None

    def get_progress(self, pledge) -> str:
        return _published(pledge)["progress"]

    def get_objectives(self, pledge) -> list[int]:
        return list(_published(pledge)["objectives"])

    def get_principles(self, pledge) -> list[str]:
        return list(_published(pledge)["principles"])

    def get_regions(self, pledge) -> list[str]:
        return list(_published(pledge)["regions"])

    def get_countries(self, pledge) -> list[str]:
        return list(_published(pledge)["countries"])

    def get_url(self, pledge) -> str:
        request = self.context.get("request")
        path = pledge.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


class PledgeDetailSerializer(PledgeSerializer):
    sections = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()

    class Meta(PledgeSerializer.Meta):
        fields = [*PledgeSerializer.Meta.fields, "sections", "history"]

    def get_sections(self, pledge) -> list[dict]:
        texts = _published(pledge)["sections"]
        return [
            {"number": s.number, "title": str(s.title), "text": texts.get(str(s.number), "")}
            for s in PLEDGE_SECTIONS
        ]

    def get_history(self, pledge) -> list[dict]:
        return [
            {
                "published_at": entry["published_at"].isoformat(),
                "progress": entry["progress"],
                "due_by": entry["due_by"].isoformat() if entry["due_by"] else None,
            }
            for entry in history(pledge)
        ]


@extend_schema(tags=["pledges"])
class PledgeViewSet(OpenDataViewSet):
    """Published pledges of the GCM pledging initiative, by Member States and accredited
    organisations. Filter with `objective` (1-23), `region` (a regional commission's code),
    `pledger` (state or organization), `year` (of the IMRF cycle), `due` (year due) and `q`."""

    filterset_class = PledgeFilter
    csv_name = "gcm-pledges"
    lookup_field = "reference"

    def get_queryset(self):
        return all_published_pledges()

    def get_serializer_class(self):
        if self.action == "retrieve":
            return PledgeDetailSerializer
        return PledgeSerializer
