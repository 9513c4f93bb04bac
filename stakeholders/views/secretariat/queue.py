"""The registration queue: filters, a page of rows, and one decision for the rows ticked."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from stakeholders.decisions import decide_many, travel_budget_summary
from stakeholders.forms.decisions import BulkDecisionForm
from stakeholders.forms.queue import RegistrationQueueFilter, queue_registrations
from stakeholders.views.secretariat.common import require_secretariat

PAGE_SIZE = 50


def _queue_page(request, *, bulk_form=None, report=None, status=200):
    filters = RegistrationQueueFilter(request.GET or None, queryset=queue_registrations())
    # An invalid filter shows its message and no rows, rather than every registration.
    rows = filters.qs if not filters.is_bound or filters.is_valid() else filters.queryset.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    event = (
        filters.form.cleaned_data.get("event") if filters.is_bound and filters.is_valid() else None
    )
    # The box of each row carries the version it shows; a refused bulk form keeps its ticks.
    ticked = set(request.POST.getlist("selected")) if request.method == "POST" else set()
    for row in page:
        row.bulk_value = f"{row.pk}:{row.version}"
        row.ticked = row.bulk_value in ticked
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filters,
        "page": page,
        "now": timezone.now(),
        "bulk_form": bulk_form or BulkDecisionForm(),
        "report": report,
        "query_string": query.urlencode(),
        "event": event,
        "budget": travel_budget_summary(event) if event else None,
    }
    return render(request, "stakeholders/secretariat/queue.html", context, status=status)


@login_required
@require_GET
def queue(request):
    require_secretariat(request)
    return _queue_page(request)


@login_required
@require_POST
def bulk_decide(request):
    """Each ticked row through the same door as a single decision; what was refused and why
    is listed on the queue page (a full event, a row that changed meanwhile)."""
    require_secretariat(request)
    form = BulkDecisionForm(request.POST)
    if not form.is_valid():
        return _queue_page(request, bulk_form=form, status=400)
    data = form.cleaned_data
    outcome = decide_many(data["selected"], data["action"], by=request.user, reason=data["reason"])
    if outcome.done:
        messages.success(
            request,
            ngettext(
                "%(n)s registration decided.", "%(n)s registrations decided.", len(outcome.done)
            )
            % {"n": len(outcome.done)},
        )
    if outcome.unchanged:
        messages.info(
            request,
            ngettext(
                "%(n)s registration already had this decision.",
                "%(n)s registrations already had this decision.",
                len(outcome.unchanged),
            )
            % {"n": len(outcome.unchanged)},
        )
    for _pk, name, why in outcome.refused:
        messages.error(
            request, _("Not decided: %(name)s. %(why)s") % {"name": name or "—", "why": why}
        )
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    return redirect("stakeholders:registration_queue")


urlpatterns = [
    path("secretariat/registrations/", queue, name="registration_queue"),
    path("secretariat/registrations/bulk/", bulk_decide, name="registration_bulk"),
]
