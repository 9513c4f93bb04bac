"""A stakeholder's written input, for its authors: start it from the registration's management
link, then the overview, the text, the objectives it concerns, attachments, submit and the
authors' decisions (withdraw, reopen, revise).

Thin: each view finds the input through the shared permission helpers (404 when not visible:
`reviews.permissions.can_view_review` asks the kind, whose authors are the invited people),
then calls the pages every kind shares (`reviews.views.kind_pages`: a part's editor, the
attachments, submitting, the authors' decisions) and `reviews.views.editor` (autosave's JSON).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from reviews.content import section_counts, snapshot
from reviews.models import Attachment
from reviews.parts import SectionPart
from reviews.permissions import can_view_review
from reviews.selectors import objectives_by_roundtable
from reviews.views import kind_pages
from reviews.views.attachments import attachment_file, remove_attachment
from reviews.views.editor import autosave_part, part_or_404
from stakeholders import links
from stakeholders.drafting import InputRefused, start_input
from stakeholders.models import Registration, StakeholderInput
from stakeholders.template import GUIDANCE_SOURCES, INPUT_SECTIONS

# Only supporting documents: a national plan, a Note Verbale or a meeting's outcome document
# are other kinds' attachments.
ATTACHMENT_KINDS = [(Attachment.Kind.SUPPORTING, Attachment.Kind.SUPPORTING.label)]


def get_input_or_404(request, pk: int) -> StakeholderInput:
    """The input for those who may see its working copy; 404 for everyone else."""
    found = StakeholderInput.objects.select_related("cycle", "event", "category").filter(pk=pk)
    stakeholder_input = found.first()
    if stakeholder_input is None or not can_view_review(request.user, stakeholder_input):
        raise Http404
    return stakeholder_input


def url_of(stakeholder_input, name: str, **extra) -> str:
    """An authors' page of the input: `name` without the "input_" prefix."""
    return reverse(f"stakeholders:input_{name}", kwargs={"pk": stakeholder_input.pk, **extra})


def _nav(stakeholder_input) -> list[dict]:
    section = INPUT_SECTIONS[0]
    return [
        {"key": "overview", "label": _("Overview"), "url": url_of(stakeholder_input, "overview")},
        {
            "key": SectionPart.key_for(section.number),
            "label": str(section.title),
            "url": url_of(stakeholder_input, "section", number=section.number),
        },
        {
            "key": "objectives",
            "label": _("Objectives"),
            "url": url_of(stakeholder_input, "objectives"),
        },
        {
            "key": "attachments",
            "label": _("Attachments"),
            "url": url_of(stakeholder_input, "attachments"),
        },
    ]


def _page_context(request, stakeholder_input, active: str) -> dict:
    return kind_pages.page_context(request, stakeholder_input, _nav(stakeholder_input), active)


# --- starting ------------------------------------------------------------------------------


@require_POST
def start(request, token):
    """The registrant starts their organisation's input (or reaches the one that exists), from
    the management link; the invitation to write it goes to the registration's address."""
    registration = links.read_token(
        token,
        links.MANAGE,
        queryset=Registration.objects.select_related("event__cycle", "category"),
    )
    if registration is None:
        raise Http404
    manage = reverse("stakeholders:manage", args=[token])
    try:
        start_input(registration, language=request.LANGUAGE_CODE)
    except InputRefused:
        messages.error(
            request,
            _(
                "A written input can be started only for an event of an open review cycle, "
                "once your address is confirmed and while your registration stands."
            ),
        )
        return redirect(manage)
    messages.success(
        request,
        _(
            "Your organisation's written input is ready to draft. An invitation to write it "
            "is on its way to %(email)s: follow its link to set your password. If you are an "
            "author already, log in: the input is in your workspace."
        )
        % {"email": registration.email},
    )
    return redirect(manage)


# --- the authors' pages --------------------------------------------------------------------


def _overview(request, stakeholder_input, *, problems=None, status=200):
    content = snapshot(stakeholder_input)
    [count] = section_counts(content, INPUT_SECTIONS)
    chosen = set(content["objectives"])
    context = {
        **_page_context(request, stakeholder_input, "overview"),
        "section": INPUT_SECTIONS[0],
        "words": count.words,
        "over": count.over,
        "section_url": url_of(stakeholder_input, "section", number=count.number),
        "objectives": [
            o for _table, group in objectives_by_roundtable() for o in group if o.number in chosen
        ],
        "attachments": stakeholder_input.attachments.all(),
        "problems": problems.messages() if problems else [],
        "decisions": kind_pages.authors_decisions(request.user, stakeholder_input, url_of=url_of),
        "submit_url": url_of(stakeholder_input, "submit"),
    }
    return render(request, "stakeholders/inputs/overview.html", context, status=status)


@login_required
def overview(request, pk):
    return _overview(request, get_input_or_404(request, pk))


def _edit_part(request, stakeholder_input, part, extra=None):
    """A part's editor (`reviews.views.kind_pages.edit_part`): the section with the guidance's
    sources."""
    return kind_pages.edit_part(
        request,
        stakeholder_input,
        part,
        url_of=url_of,
        context={**_page_context(request, stakeholder_input, part.key), **(extra or {})},
        section_page="stakeholders/inputs/section.html",
        section_context=_guidance,
    )


def _guidance(part) -> dict:
    prompts = part.section.prompts
    return {
        "guidance": [
            (prompt, source) for (_n, prompt), source in zip(prompts, GUIDANCE_SOURCES, strict=True)
        ]
    }


@login_required
def section(request, pk, number):
    stakeholder_input = get_input_or_404(request, pk)
    part = part_or_404(stakeholder_input, SectionPart.key_for(number))
    return _edit_part(request, stakeholder_input, part)


@login_required
def objectives(request, pk):
    stakeholder_input = get_input_or_404(request, pk)
    part = part_or_404(stakeholder_input, "objectives")
    if request.method == "POST":
        posted = request.POST.getlist("objectives")
        chosen = {int(n) for n in posted if n.isdigit() and len(n) < 3}
    else:
        chosen = set(snapshot(stakeholder_input)["objectives"])
    roundtables = [
        (table, [(o, o.number in chosen) for o in group])
        for table, group in objectives_by_roundtable()
    ]
    return _edit_part(request, stakeholder_input, part, {"roundtables": roundtables})


@login_required
@require_POST
def autosave(request, pk, part):
    stakeholder_input = get_input_or_404(request, pk)
    return autosave_part(request, stakeholder_input, part_or_404(stakeholder_input, part))


@login_required
def attachments(request, pk):
    stakeholder_input = get_input_or_404(request, pk)
    return kind_pages.attachments_page(
        request,
        stakeholder_input,
        url_of=url_of,
        context=_page_context(request, stakeholder_input, "attachments"),
        template="stakeholders/inputs/attachments.html",
        kinds=ATTACHMENT_KINDS,
        initial={"kind": Attachment.Kind.SUPPORTING},
    )


@login_required
def download_attachment(request, pk, attachment):
    return attachment_file(get_input_or_404(request, pk), attachment)


@login_required
@require_http_methods(["GET", "POST"])
def delete_attachment(request, pk, attachment):
    stakeholder_input = get_input_or_404(request, pk)
    back = url_of(stakeholder_input, "attachments")
    return remove_attachment(request, stakeholder_input, attachment, cancel_url=back) or redirect(
        back
    )


@login_required
@require_http_methods(["GET", "POST"])
def submit(request, pk):
    """Submit; refused content comes back on the overview, listing each problem (400)."""
    stakeholder_input = get_input_or_404(request, pk)
    return kind_pages.submit(request, stakeholder_input, url_of=url_of, on_problems=_overview)


@login_required
@require_http_methods(["GET", "POST"])
def act(request, pk, action):
    """The authors' own decisions (withdraw, reopen, revise) through the workflow's doors."""
    return kind_pages.decide(request, get_input_or_404(request, pk), action, url_of=url_of)


written = "workspace/inputs/<int:pk>/"
urlpatterns = [
    path("events/manage/<str:token>/input/", start, name="start_input"),
    path(written, overview, name="input_overview"),
    path(f"{written}section/<int:number>/", section, name="input_section"),
    path(f"{written}objectives/", objectives, name="input_objectives"),
    path(f"{written}autosave/<str:part>/", autosave, name="input_autosave"),
    path(f"{written}attachments/", attachments, name="input_attachments"),
    path(f"{written}attachments/<int:attachment>/", download_attachment, name="input_attachment"),
    path(f"{written}attachments/<int:attachment>/delete/", delete_attachment,
         name="input_delete_attachment"),
    path(f"{written}submit/", submit, name="input_submit"),
    path(f"{written}action/<slug:action>/", act, name="input_act"),
]  # fmt: skip
