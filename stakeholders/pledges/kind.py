"""The pledge, declared to the shared machinery (`reviews.kinds`): who drafts it and reads it
(`stakeholders.pledges.pledgers`), its template and parts, its snapshot and own rules, its
public address and its PDF."""

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reviews import kinds
from reviews.models import FocalPointMembership
from stakeholders.models import PLEDGE, Pledge
from stakeholders.pledges.content import has_every_key, pledge_snapshot, submission_problems
from stakeholders.pledges.parts import pledge_parts
from stakeholders.pledges.pledgers import is_pledge_author, is_pledge_reader
from stakeholders.pledges.published import pledge_document
from stakeholders.pledges.template import PLEDGE_SECTIONS, PROGRESS_SECTION


def _authors(pledge) -> list:
    """Whom the secretariat's decisions reach: the State's focal points (and officials), or
    the organisation's pledgers."""
    people = get_user_model().objects.filter(is_active=True)
    if pledge.member_state_id:
        ids = FocalPointMembership.objects.filter(member_state_id=pledge.member_state_id)
    else:
        ids = pledge.organization.pledgers.all()
    return list(people.filter(pk__in=ids.values("user_id")).order_by("pk"))


PLEDGE_KIND = kinds.DocumentKind(
    slug=PLEDGE,
    label=_("pledge"),
    model=Pledge,
    template=PLEDGE_SECTIONS,
    is_author=is_pledge_author,
    is_reader=is_pledge_reader,
    needs_sign_off=lambda pledge: False,
    is_signer=lambda user, pledge: False,
    authors=_authors,
    body_name=lambda pledge: pledge.pledger_name,
    public_url=lambda pledge: reverse("stakeholders:pledge", args=[pledge.reference]),
    index_paths=lambda: [reverse("stakeholders:pledges")],
    workspace_url=lambda pledge: reverse("stakeholders:pledge_overview", kwargs={"pk": pledge.pk}),
    pdf_cover=lambda pledge: {"title": pledge.title or pledge.pledger_name,
                              "subtitle": pledge.pledger_name},
    parts=pledge_parts,
    snapshot=pledge_snapshot,
    has_every_key=has_every_key,
    optional_sections=frozenset({PROGRESS_SECTION}),
    submission_problems=submission_problems,
    pdf_template="stakeholders/pledges/pdf.html",
    pdf_context=pledge_document,
    public_related=("member_state", "organization"),
)  # fmt: skip


def register() -> None:
    kinds.register(PLEDGE_KIND)
