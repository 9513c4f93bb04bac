"""The regional documents' parts beyond their sections (see `reviews.parts` for the contract).

A report is its six sections and the objectives it addresses; an input is its five sections,
the guiding principles integrated, its promising practices and the support it needs. Each is
saved, versioned and checked for conflicts on its own, as a national review's parts are.
"""

from regional.forms import (
    InputPracticeFormSet,
    ObjectivesAddressedForm,
    PrinciplesForm,
    SupportNeedFormSet,
    needs_data,
    practices_data,
)
from regional.models import InputPractice, SupportNeed
from regional.template import INPUT_SECTIONS, REPORT_SECTIONS
from reviews.forms import PartForm
from reviews.models import GuidingPrinciple
from reviews.parts import Part, SectionPart


class ObjectivesAddressedPart(Part):
    """The objectives the report addresses (grouped by IMRF round table on its page)."""

    key = "objectives"
    page = "regional/workspace/objectives.html"
    form_class = ObjectivesAddressedForm

    def read(self, content):
        return {"objectives": list(content["objectives"])}

    def normalise(self, data):
        return {"objectives": sorted(int(n) for n in data["objectives"])}

    def write(self, document, value, *, base):
        document.objectives_addressed.set(value["objectives"])
        return value

    def refresh(self, content, value):
        return {**content, "objectives": value["objectives"]}


class PrinciplesPart(Part):
    """Part (b) of an input, the guiding principles integrated, as a list to tick."""

    key = "principles"
    page = "regional/workspace/principles.html"
    form_class = PrinciplesForm

    def read(self, content):
        return {"principles": list(content["principles"])}

    def normalise(self, data):
        return {"principles": sorted(data["principles"])}

    def write(self, document, value, *, base):
        document.principles_integrated.set(
            GuidingPrinciple.objects.filter(key__in=value["principles"])
        )
        return value

    def refresh(self, content, value):
        return {**content, "principles": value["principles"]}


class _RowsPart(Part):
    """A list of rows edited as a formset (practices, support needs); the form holds only the
    version."""

    form_class = PartForm
    formset_class = None

    def read(self, content):
        return {self.key: [dict(row) for row in content[self.key]]}

    def refresh(self, content, value):
        return {**content, self.key: value[self.key]}

    def bind(self, document, data=None, *, current=None):
        initial = None if current is None else {"version": document.version}
        rows = self.formset_class(
            data, initial=None if current is None else current[self.key], prefix=self.key
        )
        return PartForm(data, initial=initial), rows


class InputPracticesPart(_RowsPart):
    """Part (d): promising practices, each flagged or not "to present at the IMRF"."""

    key = "practices"
    page = "regional/workspace/practices.html"
    formset_class = InputPracticeFormSet

    def normalise(self, data):
        return {
            "practices": [
                {
                    "title": p["title"],
                    "description": p["description"],
                    "objectives": sorted(int(n) for n in p.get("objectives", [])),
                    "present_at_imrf": bool(p.get("present_at_imrf")),
                }
                for p in data["practices"]
            ]
        }

    def write(self, document, value, *, base):
        if base["practices"] == value["practices"]:
            return value
        InputPractice.objects.filter(input=document).delete()
        for position, practice in enumerate(value["practices"]):
            row = InputPractice.objects.create(
                input=document,
                position=position,
                title=practice["title"],
                description=practice["description"],
                present_at_imrf=practice["present_at_imrf"],
            )
            row.objectives.set(practice["objectives"])
        return value

    def form_value(self, form, practices):
        return {"practices": practices_data(practices)}


class SupportNeedsPart(_RowsPart):
    """Part (e): where the region needs support, by area and objective or principle."""

    key = "needs"
    page = "regional/workspace/needs.html"
    formset_class = SupportNeedFormSet

    def normalise(self, data):
        return {
            "needs": [
                {
                    "area": n["area"],
                    "objective": n.get("objective"),
                    "principle": n.get("principle") or None,
                    "note": n.get("note", ""),
                }
                for n in data["needs"]
            ]
        }

    def write(self, document, value, *, base):
        if base["needs"] == value["needs"]:
            return value
        principles = dict(GuidingPrinciple.objects.values_list("key", "pk"))
        SupportNeed.objects.filter(input=document).delete()
        SupportNeed.objects.bulk_create(
            SupportNeed(
                input=document,
                area=need["area"],
                objective_id=need["objective"],
                principle_id=principles.get(need["principle"]),
                note=need["note"],
            )
            for need in value["needs"]
        )
        return value

    def form_value(self, form, practices):
        return {"needs": needs_data(practices)}


def report_parts() -> tuple[Part, ...]:
    return (*(SectionPart(s) for s in REPORT_SECTIONS), ObjectivesAddressedPart())


def input_parts() -> tuple[Part, ...]:
    return (
        *(SectionPart(s) for s in INPUT_SECTIONS),
        PrinciplesPart(),
        InputPracticesPart(),
        SupportNeedsPart(),
    )
