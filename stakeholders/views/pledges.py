"""A pledge, for its authors: start one (for a State as its focal point, for an organisation
as its pledger), then the overview, its four parts, its details, submit, and the authors'
decisions (withdraw, reopen, revise: revising a published pledge starts the version that
reports progress).

Thin: each view finds the pledge through the shared permission helpers (404 when not visible:
`reviews.permissions.can_view_review` asks the kind), then calls the pages every kind shares
(`reviews.views.kind_pages`) and `reviews.views.editor` (autosave's JSON).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reviews.content import section_counts, snapshot
from reviews.parts import SectionPart
from reviews.permissions import can_view_review
from reviews.views import kind_pages
from reviews.views.editor import autosave_part, part_or_404
from stakeholders.models import Organization, Pledge
from stakeholders.pledges.content import submission_problems
from stakeholders.pledges.drafting import (
    PledgeRefused,
    start_organization_pledge,
    start_state_pledge,
)
from stakeholders.pledges.published import progress_label
from stakeholders.pledges.template import PLEDGE_SECTIONS


def get_pledge_or_404(request, pk: int) -> Pledge:
    """The pledge for those who may see its working copy; 404 for everyone else."""
    pledge = (
        Pledge.objects.select_related("cycle", "member_state", "organization").filter(pk=pk).first()
    )
    if pledge is None or not can_view_review(request.user, pledge):
        raise Http404
    return pledge


def url_of(pledge, name: str, **extra) -> str:
    """An authors' page of the pledge: `name` without the "pledge_" prefix."""
    return reverse(f"stakeholders:pledge_{name}", kwargs={"pk": pledge.pk, **extra})


def _nav(pledge) -> list[dict]:
    items = [{"key": "overview", "label": _("Overview"), "url": url_of(pledge, "overview")}]
    items += [
        {
            "key": SectionPart.key_for(s.number),
            "label": str(s.title),
            "url": url_of(pledge, "section", number=s.number),
        }
        for s in PLEDGE_SECTIONS
    ]
    items.append({"key": "details", "label": _("Details"), "url": url_of(pledge, "details")})
    return items


def _page_context(request, pledge, active: str) -> dict:
    return kind_pages.page_context(request, pledge, _nav(pledge), active)


# --- starting ------------------------------------------------------------------------------


@login_required
@require_POST
def start_for_state(request, iso3):
    try:
        pledge = start_state_pledge(
            iso3.upper()[:3], by=request.user, language=request.LANGUAGE_CODE
        )
    except PledgeRefused:
        raise Http404 from None
    return redirect(url_of(pledge, "overview"))


@login_required
@require_POST
def start_for_organization(request, organization):
    found = get_object_or_404(Organization, pk=organization)
    try:
        pledge = start_organization_pledge(found, by=request.user, language=request.LANGUAGE_CODE)
    except PledgeRefused:
        messages.error(
            request,
            _("A pledge can be started only by a pledger of the organisation, while it is "
              "accredited to the IMRF of a cycle open for pledges."),
        )  # fmt: skip
        return redirect("reviews:workspace")
    return redirect(url_of(pledge, "overview"))


# --- the authors' pages --------------------------------------------------------------------


def _overview(request, pledge, *, problems=None, status=200):
    content = snapshot(pledge)
    context = {
        **_page_context(request, pledge, "overview"),
        "content": content,
        "counts": [
            (count, url_of(pledge, "section", number=count.number))
            for count in section_counts(content, PLEDGE_SECTIONS)
        ],
        "progress_label": progress_label(content["progress"]),
        "objectives": pledge.objectives.order_by("number"),
        "open_problems": submission_problems(content) if pledge.is_editable else [],
        "problems": problems.messages() if problems else [],
        "decisions": kind_pages.authors_decisions(request.user, pledge, url_of=url_of),
        "submit_url": url_of(pledge, "submit"),
    }
    return render(request, "stakeholders/pledges/overview.html", context, status=status)


@login_required
@require_GET
def overview(request, pk):
    return _overview(request, get_pledge_or_404(request, pk))


def _guidance(part) -> dict:
    return {"guidance": [prompt for _n, prompt in part.section.prompts]}


@login_required
def section(request, pk, number):
    pledge = get_pledge_or_404(request, pk)
    part = part_or_404(pledge, SectionPart.key_for(number))
    return kind_pages.edit_part(
        request,
        pledge,
        part,
        url_of=url_of,
        context=_page_context(request, pledge, part.key),
        section_page="stakeholders/pledges/section.html",
        section_context=_guidance,
    )


@login_required
def details(request, pk):
    pledge = get_pledge_or_404(request, pk)
    part = part_or_404(pledge, "details")
    return kind_pages.edit_part(
        request,
        pledge,
        part,
        url_of=url_of,
        context=_page_context(request, pledge, part.key),
        section_page="stakeholders/pledges/section.html",
    )


@login_required
@require_POST
def autosave(request, pk, part):
    pledge = get_pledge_or_404(request, pk)
    return autosave_part(request, pledge, part_or_404(pledge, part))


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, pk):
    """Submit; refused content comes back on the overview, listing each problem (400)."""
    pledge = get_pledge_or_404(request, pk)
    return kind_pages.submit(request, pledge, url_of=url_of, on_problems=_overview)


@login_required
@require_http_methods(["GET", "POST"])
def act(request, pk, action):
    """The authors' own decisions (withdraw, reopen, revise) through the workflow's doors."""
    return kind_pages.decide(request, get_pledge_or_404(request, pk), action, url_of=url_of)


drafted = "workspace/pledges/<int:pk>/"
urlpatterns = [
    path("workspace/pledges/start/state/<str:iso3>/", start_for_state, name="start_state_pledge"),
    path("workspace/pledges/start/organization/<int:organization>/", start_for_organization,
         name="start_organization_pledge"),
    path(drafted, overview, name="pledge_overview"),
    path(f"{drafted}section/<int:number>/", section, name="pledge_section"),
    path(f"{drafted}details/", details, name="pledge_details"),
    path(f"{drafted}autosave/<str:part>/", autosave, name="pledge_autosave"),
    path(f"{drafted}submit/", submit, name="pledge_submit"),
    path(f"{drafted}action/<slug:action>/", act, name="pledge_act"),
]  # fmt: skip
