"""The regional review report and the Annex 3 input, declared to the shared machinery."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from regional.content import (
    input_has_every_key,
    input_snapshot,
    report_has_every_key,
    report_snapshot,
)
from regional.models import REGIONAL_INPUT, REGIONAL_REPORT, RegionalInput, RegionalReviewReport
from regional.parts import input_parts, report_parts
from regional.permissions import is_input_author, is_report_author
from regional.published import input_document, published_inputs, published_reports, report_document
from regional.template import INPUT_SECTIONS, REPORT_SECTIONS
from reviews import kinds
from reviews.names import name_of
from reviews.public_cache import INDEX


def _reporters(commission_id=None, process_id=None):
    memberships = (
        Q(regional_memberships__commission_id=commission_id)
        if commission_id
        else Q(regional_memberships__process_id=process_id)
    )
    return list(get_user_model().objects.filter(memberships, is_active=True).distinct())


def _report_authors(report):
    return _reporters(report.meeting.commission_id, report.meeting.process_id)


def _input_authors(regional_input):
    people = {u.pk: u for u in regional_input.authors.filter(is_active=True)}
    if regional_input.process_id:
        people.update({u.pk: u for u in _reporters(process_id=regional_input.process_id)})
    return list(people.values())


ROMAN = {1: "(i)", 2: "(ii)", 3: "(iii)", 4: "(iv)", 5: "(v)", 6: "(vi)"}
LETTERS = {1: "(a)", 2: "(b)", 3: "(c)", 4: "(d)", 5: "(e)"}


def _body_name(body) -> str:
    # Marked when it is a commission's English name shown in another language (issue 15).
    return name_of(body) if hasattr(body, "name") else str(body)


def _public_pages() -> list[str]:
    """The list, and every published report and input: their pages gather documents of several
    kinds (a report lists its region's reviews and inputs), so they are the index's."""
    return [
        reverse("regional:list"),
        *(REPORT.public_url(report) for report in published_reports().select_related("cycle")),
        *(
            INPUT.public_url(found)
            for found in published_inputs().select_related("cycle", "commission")
        ),
    ]


REPORT = kinds.DocumentKind(
    slug=REGIONAL_REPORT,
    label=_("regional review report"),
    model=RegionalReviewReport,
    template=REPORT_SECTIONS,
    is_author=is_report_author,
    needs_sign_off=lambda report: False,
    is_signer=lambda user, report: False,
    authors=_report_authors,
    body_name=lambda report: _body_name(report.meeting.body),
    public_url=lambda report: reverse(
        "regional:report", kwargs={"cycle": report.cycle.slug, "body": report.authored_by}
    ),
    public_scope=lambda report: INDEX,
    scope_paths=lambda report: [],
    index_paths=_public_pages,
    workspace_url=lambda report: reverse(
        "regional:report_overview",
        kwargs={"cycle": report.cycle.slug, "body": report.authored_by},
    ),
    pdf_cover=lambda report: {
        "title": _body_name(report.meeting.body),
        "subtitle": report.cycle.title,
    },
    parts=report_parts,
    snapshot=report_snapshot,
    has_every_key=report_has_every_key,
    # (vi), the organization of work and the participants, may wait for the registrations.
    optional_sections=frozenset({6}),
    numbering=ROMAN.get,
    # No `limits_justification`: the framework suggests no length for a report or an input
    # (regional.template), so no cycle, advisory or strict, has a limit to apply to them.
    pdf_template="regional/pdf/report.html",
    pdf_context=report_document,
    public_related=("meeting__commission", "meeting__process"),
)

INPUT = kinds.DocumentKind(
    slug=REGIONAL_INPUT,
    label=_("regional input (Annex 3)"),
    model=RegionalInput,
    template=INPUT_SECTIONS,
    is_author=is_input_author,
    needs_sign_off=lambda regional_input: False,
    is_signer=lambda user, regional_input: False,
    authors=_input_authors,
    body_name=lambda regional_input: regional_input.author_name,
    public_url=lambda regional_input: reverse(
        "regional:input",
        kwargs={
            "cycle": regional_input.cycle.slug,
            "body": regional_input.commission.code,
            "pk": regional_input.pk,
        },
    ),
    public_scope=lambda regional_input: INDEX,
    scope_paths=lambda regional_input: [],
    workspace_url=lambda regional_input: reverse(
        "regional:input_overview",
        kwargs={
            "cycle": regional_input.cycle.slug,
            "body": regional_input.commission.code,
            "pk": regional_input.pk,
        },
    ),
    pdf_cover=lambda regional_input: {
        "title": regional_input.author_name,
        "subtitle": regional_input.cycle.title,
    },
    parts=input_parts,
    snapshot=input_snapshot,
    has_every_key=input_has_every_key,
    numbering=LETTERS.get,
    pdf_template="regional/pdf/input.html",
    pdf_context=input_document,
    public_related=("commission", "process"),
)


def register() -> None:
    kinds.register(REPORT)
    kinds.register(INPUT)
