"""The regional review report and the Annex 3 input, declared to the shared machinery."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from regional.models import REGIONAL_INPUT, REGIONAL_REPORT, RegionalInput, RegionalReviewReport
from regional.permissions import is_input_author, is_report_author
from regional.template import INPUT_SECTIONS, REPORT_SECTIONS
from reviews import kinds


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


def _body_name(body) -> str:
    return getattr(body, "name", str(body))


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
    pdf_cover=lambda report: {
        "title": _body_name(report.meeting.body),
        "subtitle": report.cycle.title,
    },
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
    pdf_cover=lambda regional_input: {
        "title": regional_input.author_name,
        "subtitle": regional_input.cycle.title,
    },
)


def register() -> None:
    kinds.register(REPORT)
    kinds.register(INPUT)
