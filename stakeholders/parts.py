"""The parts of a stakeholder's written input (see `reviews.parts` for the contract): its one
section, and the objectives of the GCM it concerns. Each is saved, versioned and checked for
conflicts on its own, as every kind's parts are."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.forms import PartForm
from reviews.models import Objective
from reviews.parts import Part, SectionPart
from stakeholders.template import INPUT_SECTIONS


class ObjectivesForm(PartForm):
    """The objectives the input concerns; the page groups them by IMRF round table."""

    objectives = forms.TypedMultipleChoiceField(
        label=_("Objectives the input concerns"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objectives"].choices = [
            (o.number, str(o)) for o in Objective.objects.order_by("number")
        ]

    def part_data(self) -> dict:
        return {"objectives": sorted(self.cleaned_data["objectives"])}


class ObjectivesPart(Part):
    key = "objectives"
    page = "stakeholders/inputs/objectives.html"
    form_class = ObjectivesForm

    def read(self, content):
        return {"objectives": list(content["objectives"])}

    def normalise(self, data):
        return {"objectives": sorted(int(n) for n in data["objectives"])}

    def write(self, document, value, *, base):
        document.objectives.set(value["objectives"])
        return value

    def refresh(self, content, value):
        return {**content, "objectives": value["objectives"]}


def input_parts() -> tuple[Part, ...]:
    return (*(SectionPart(s) for s in INPUT_SECTIONS), ObjectivesPart())
