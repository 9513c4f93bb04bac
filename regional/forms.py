"""Forms of the regional editors: the parts that are not plain sections. No database writes.

Each part's form carries the version the editor started from (`reviews.forms.PartForm`), so a
stale save is refused as for national reviews.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from regional.models import RegionalInput
from reviews.forms import PartForm
from reviews.models import GuidingPrinciple, Objective


def _objective_choices():
    return [(o.number, str(o)) for o in Objective.objects.order_by("number")]


class ObjectivesAddressedForm(PartForm):
    """The objectives the report addresses; the page groups them by IMRF round table."""

    objectives = forms.TypedMultipleChoiceField(
        label=_("Objectives addressed"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objectives"].choices = _objective_choices()

    def part_data(self) -> dict:
        return {"objectives": sorted(self.cleaned_data["objectives"])}


class PrinciplesForm(PartForm):
    """Part (b) of an input: the guiding principles integrated (beside the text of (b))."""

    principles = forms.MultipleChoiceField(
        label=_("Guiding principles integrated"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["principles"].choices = [
            (p.key, p.name) for p in GuidingPrinciple.objects.order_by("position")
        ]

    def part_data(self) -> dict:
        return {"principles": sorted(self.cleaned_data["principles"])}


class InputPracticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250, required=False)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control review-text"}),
    )
    objectives = forms.TypedMultipleChoiceField(
        label=_("Objectives"), coerce=int, required=False, widget=forms.SelectMultiple
    )
    present_at_imrf = forms.BooleanField(label=_("To present at the IMRF"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objectives"].choices = _objective_choices()

    def clean(self):
        data = super().clean()
        # A field refused already (a NUL character) has its own message; do not add "missing".
        if data.get("description") and not data.get("title") and "title" not in self.errors:
            self.add_error("title", _("Give the practice a title."))
        if data.get("title") and not data.get("description") and "description" not in self.errors:
            self.add_error("description", _("Describe the practice in a few sentences."))
        return data


InputPracticeFormSet = forms.formset_factory(InputPracticeForm, extra=1, max_num=20)


class SupportNeedForm(forms.Form):
    area = forms.ChoiceField(
        label=_("Area"),
        choices=[("", "—"), *RegionalInput.SupportArea.choices],
        required=False,
    )
    objective = forms.TypedChoiceField(
        label=_("Objective"), coerce=int, required=False, empty_value=None
    )
    principle = forms.ChoiceField(label=_("Guiding principle"), required=False)
    note = forms.CharField(
        label=_("What is needed"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].choices = [("", "—"), *_objective_choices()]
        self.fields["principle"].choices = [
            ("", "—"),
            *((p.key, p.name) for p in GuidingPrinciple.objects.order_by("position")),
        ]

    def clean(self):
        data = super().clean()
        named = data.get("objective") or data.get("principle")
        if (data.get("note") or named) and not data.get("area") and "area" not in self.errors:
            self.add_error("area", _("Choose the area of support."))
        if data.get("area") and not named and "objective" not in self.errors:
            self.add_error("objective", _("Name an objective or a guiding principle."))
        return data


SupportNeedFormSet = forms.formset_factory(SupportNeedForm, extra=1, max_num=30)


def practices_data(formset) -> list[dict]:
    return [
        {
            "title": p["title"],
            "description": p["description"].replace("\r\n", "\n"),
            "objectives": sorted(p["objectives"]),
            "present_at_imrf": p["present_at_imrf"],
        }
        for p in formset.cleaned_data
        if p and p.get("title")
    ]


def needs_data(formset) -> list[dict]:
    return [
        {
            "area": n["area"],
            "objective": n["objective"],
            "principle": n["principle"] or None,
            "note": n["note"].replace("\r\n", "\n"),
        }
        for n in formset.cleaned_data
        if n and n.get("area")
    ]
