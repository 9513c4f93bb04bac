"""The parts of a pledge (see `reviews.parts` for the contract): its four sections, each saved
on its own, and its details (title, by when, progress, language, the objectives and guiding
principles it serves, the regions and countries concerned), saved together on one page."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from reviews.forms import PartForm
from reviews.models import GuidingPrinciple, MemberState, Objective, RegionalCommission
from reviews.parts import Part, SectionPart
from stakeholders.models import Pledge
from stakeholders.pledges.template import PLEDGE_SECTIONS

LISTS = ("objectives", "principles", "regions", "countries")


class PledgeDetailsForm(PartForm):
    title = forms.CharField(label=_("Title of the pledge"), max_length=250, required=False)
    due_by = forms.DateField(
        label=_("By when will it be done?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("A date in the future (YYYY-MM-DD)."),
    )
    progress = forms.ChoiceField(
        label=_("Progress"),
        choices=Pledge.Progress.choices,
        required=False,
        help_text=_("Leave “No progress reported yet” on a new pledge; choose one when you "
                    "report progress, and write the progress report."),
    )  # fmt: skip
    language = forms.ChoiceField(label=_("Language of the pledge"), choices=settings.LANGUAGES)
    objectives = forms.TypedMultipleChoiceField(
        label=_("GCM objectives the pledge serves"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    principles = forms.MultipleChoiceField(
        label=_("Guiding principles"), required=False, widget=forms.CheckboxSelectMultiple
    )
    regions = forms.MultipleChoiceField(
        label=_("Regions concerned (regional commissions)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries concerned"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["objectives"].choices = [(o.number, str(o)) for o in Objective.objects.all()]
        fields["principles"].choices = [(p.key, p.name) for p in GuidingPrinciple.objects.all()]
        fields["regions"].choices = [
            (c.code, f"{c.code}: {c.name}") for c in RegionalCommission.objects.all()
        ]
        fields["countries"].choices = list(MemberState.objects.values_list("iso3", "name"))

    def part_data(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "due_by": data["due_by"].isoformat() if data["due_by"] else "",
            "progress": data["progress"],
            "language": data["language"],
            **{name: sorted(data[name]) for name in LISTS},
        }


class DetailsPart(Part):
    key = "details"
    page = "stakeholders/pledges/details.html"
    form_class = PledgeDetailsForm

    def read(self, content):
        return {
            "title": content["title"],
            "due_by": content["due_by"],
            "progress": content["progress"],
            "language": content["language"],
            **{name: list(content[name]) for name in LISTS},
        }

    def normalise(self, data):
        return {
            "title": data["title"],
            "due_by": data["due_by"],
            "progress": data["progress"],
            "language": data["language"],
            **{name: sorted(data[name]) for name in LISTS},
        }

    def write(self, document, value, *, base):
        document.title = value["title"]
        document.due_by = value["due_by"] or None
        document.progress = value["progress"]
        document.language = value["language"]
        document.save(update_fields=["title", "due_by", "progress", "language"])
        before = self.read(base)
        if before["objectives"] != value["objectives"]:
            document.objectives.set(value["objectives"])
        if before["principles"] != value["principles"]:
            document.principles.set(GuidingPrinciple.objects.filter(key__in=value["principles"]))
        if before["regions"] != value["regions"]:
            document.regions.set(RegionalCommission.objects.filter(code__in=value["regions"]))
        if before["countries"] != value["countries"]:
            document.countries.set(value["countries"])
        return value

    def refresh(self, content, value):
        return {**content, **value}


def pledge_parts() -> tuple[Part, ...]:
    return (*(SectionPart(s) for s in PLEDGE_SECTIONS), DetailsPart())
