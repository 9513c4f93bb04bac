"""The regional documents as plain data: what a revision stores (the agreed snapshot format).

report: {"language", "sections": {"1".."6": text}, "objectives": [numbers addressed],
         "attachments": [...]}
input:  {"language", "sections": {"1".."5": text}, "principles": [keys],
         "practices": [{"title", "description", "objectives": [n], "present_at_imrf"}],
         "needs": [{"area", "objective": n | None, "principle": key | None, "note"}],
         "attachments": [...]}
"""

from regional.template import INPUT_SECTIONS, REPORT_SECTIONS
from reviews.content import attachments_of

REPORT_KEYS = {"language", "sections", "objectives", "attachments"}
INPUT_KEYS = {"language", "sections", "principles", "practices", "needs", "attachments"}


def _sections(document, template) -> dict:
    return {str(s.number): getattr(document, s.field) for s in template}


def report_snapshot(report) -> dict:
    return {
        "language": report.language,
        "sections": _sections(report, REPORT_SECTIONS),
        "objectives": sorted(report.objectives_addressed.values_list("number", flat=True)),
        "attachments": attachments_of(report),
    }


def practice_data(practice) -> dict:
    return {
        "title": practice.title,
        "description": practice.description,
        "objectives": sorted(o.number for o in practice.objectives.all()),
        "present_at_imrf": practice.present_at_imrf,
    }


def input_snapshot(regional_input) -> dict:
    practices = regional_input.practices.prefetch_related("objectives").order_by("position", "pk")
    needs = regional_input.needs.select_related("principle").order_by("pk")
    return {
        "language": regional_input.language,
        "sections": _sections(regional_input, INPUT_SECTIONS),
        "principles": sorted(regional_input.principles_integrated.values_list("key", flat=True)),
        "practices": [practice_data(p) for p in practices],
        "needs": [
            {
                "area": n.area,
                "objective": n.objective_id,
                "principle": n.principle.key if n.principle_id else None,
                "note": n.note,
            }
            for n in needs
        ],
        "attachments": attachments_of(regional_input),
    }


def report_has_every_key(content: dict) -> bool:
    return content.keys() >= REPORT_KEYS


def input_has_every_key(content: dict) -> bool:
    return content.keys() >= INPUT_KEYS
