"""The secretariat's pages of special accreditation: the IMRF editions, an edition's
applications (filters, possible duplicates) with the control of Member States' review period,
one application (details, documents, history, objections, the decision), and the upload of the
ECOSOC / GCM-process lists.

Secretariat only (`reviews.permissions.is_secretariat`): others 403, anonymous visitors log
in. Thin: find the event (404 unless an IMRF) and the application (404 unless of that event),
bind the form, call one function of `stakeholders.accreditation` or
`stakeholders.organizations`, redirect or render.
"""

from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from stakeholders import accreditation, organizations
from stakeholders.accreditation_selectors import (
    Filters,
    application_page,
    notice_counts,
    secretariat_applications,
    status_counts,
)
from stakeholders.decisions import DecisionRefused, StaleDecision
from stakeholders.forms.accreditation_review import (
    FilterForm,
    ImportForm,
    OpenReviewForm,
    RecommendForm,
)
from stakeholders.models import AccreditationApplication, Event, SupportingDocument
from stakeholders.views.secretariat.common import require_secretariat

Status = AccreditationApplication.Status
T = "stakeholders/accreditation/secretariat/"
DECIDABLE = {Status.APPLIED, Status.RECOMMENDED, Status.NOT_RECOMMENDED}
DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
}


def _event(slug) -> Event:
    return get_object_or_404(Event, slug=slug, kind=Event.Kind.IMRF)


@login_required
@require_GET
def events(request):
    require_secretariat(request)
    rows = (
        Event.objects.filter(kind=Event.Kind.IMRF)
        .annotate(
            applications_count=Count("applications"),
            accredited_count=Count(
                "applications", filter=Q(applications__status=Status.ACCREDITED)
            ),
        )
        .order_by("-starts_on")
    )
    return render(request, T + "events.html", {"events": rows})


def _list_page(request, event, *, review_form=None, status=200):
    form = FilterForm(request.GET or None)
    filters = Filters(**form.cleaned_data) if form.is_valid() else Filters()
    counts = status_counts(event)
    context = {
        "event": event,
        "form": form,
        "applications": secretariat_applications(event, filters),
        "counts": counts,
        "status_rows": [(value, label, counts[value]) for value, label in Status.choices],
        "notices": notice_counts(event),
        "review_open": accreditation.review_is_open(event),
        "review_form": review_form or OpenReviewForm(),
    }
    return render(request, T + "applications.html", context, status=status)


@login_required
@require_GET
def applications(request, slug):
    require_secretariat(request)
    return _list_page(request, _event(slug))


@login_required
@require_POST
def open_review(request, slug):
    """Send the recommended list to Member States' focal points until the date given."""
    require_secretariat(request)
    event = _event(slug)
    form = OpenReviewForm(request.POST)
    if not form.is_valid():
        return _list_page(request, event, review_form=form, status=400)
    try:
        count = accreditation.open_review(
            event, by=request.user, closes_at=form.cleaned_data["closes_at"]
        )
    except DecisionRefused as refused:
        form.add_error(None, str(refused))
        return _list_page(request, event, review_form=form, status=400)
    messages.success(
        request,
        _("The list of %(n)s recommended organisations was sent to Member States.") % {"n": count},
    )
    return redirect("stakeholders:accreditation_applications", slug=event.slug)


def _detail_page(request, event, pk, *, form=None, refused="", status=200):
    application = application_page(event, pk)
    if application is None:
        raise Http404
    context = {
        "event": event,
        "application": application,
        "decidable": application.status in DECIDABLE and event.review_opened_at is None,
        "form": form or RecommendForm(initial={"version": application.version}),
        "refused": refused,
    }
    return render(request, T + "application.html", context, status=status)


@login_required
@require_GET
def application_detail(request, slug, pk):
    require_secretariat(request)
    return _detail_page(request, _event(slug), pk)


@login_required
@require_POST
def decide(request, slug, pk):
    """Recommend or not, on the version the page showed: a stale page comes back with what
    changed (409), a refused decision with its reason (400), what was typed kept."""
    require_secretariat(request)
    event = _event(slug)
    application = get_object_or_404(AccreditationApplication, pk=pk, event=event)
    form = RecommendForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, event, pk, form=form, status=400)
    data = form.cleaned_data
    door = (
        accreditation.recommend if data["decision"] == "recommend" else accreditation.not_recommend
    )
    try:
        door(application, by=request.user, reason=data["reason"], version=data["version"])
    except DecisionRefused as refused:
        status = 409 if isinstance(refused, StaleDecision) else 400
        return _detail_page(request, event, pk, form=form, refused=str(refused), status=status)
    messages.success(request, _("Decision recorded."))
    return redirect("stakeholders:accreditation_application", slug=event.slug, pk=pk)


@login_required
@require_GET
def document(request, slug, pk, document_pk):
    require_secretariat(request)
    found = get_object_or_404(
        SupportingDocument, pk=document_pk, application_id=pk, application__event__slug=slug
    )
    extension = PurePosixPath(found.file.name).suffix.lower()
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=f"application-{pk}-{found.pk}{extension}",
        content_type=DOCUMENT_TYPES.get(extension, "application/octet-stream"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_list(request):
    """Upload the ECOSOC or GCM-process list; the result page lists what was created, updated
    and every refused row with its line."""
    require_secretariat(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        result = organizations.import_list(form.cleaned_data["file"], form.cleaned_data["track"])
        context = {"result": result, "track": form.cleaned_data["track"]}
        return render(request, T + "import_result.html", context)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "columns": organizations.COLUMNS}
    return render(request, T + "import.html", context, status=status)


urlpatterns = [
    path("secretariat/accreditation/", events, name="accreditation_events"),
    path("secretariat/accreditation/import/", import_list, name="accreditation_import"),
    path(
        "secretariat/accreditation/<slug:slug>/",
        applications,
        name="accreditation_applications",
    ),
    path(
        "secretariat/accreditation/<slug:slug>/review/",
        open_review,
        name="accreditation_open_review",
    ),
    path(
        "secretariat/accreditation/<slug:slug>/<int:pk>/",
        application_detail,
        name="accreditation_application",
    ),
    path(
        "secretariat/accreditation/<slug:slug>/<int:pk>/decide/",
        decide,
        name="accreditation_decide",
    ),
    path(
        "secretariat/accreditation/<slug:slug>/<int:pk>/documents/<int:document_pk>/",
        document,
        name="accreditation_document",
    ),
]
