"""The secretariat's balance dashboard of an event and the export of its participants."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.views.decorators.http import require_GET

from stakeholders import balance as balances
from stakeholders import charts, export
from stakeholders.forms.events import ExportForm
from stakeholders.models import Event
from stakeholders.views.event_admin import require_secretariat

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
@require_GET
def event_balance(request, slug):
    require_secretariat(request)
    event = get_object_or_404(Event, slug=slug)
    figures = balances.balance(event)
    sections, organization_sections = (
        [{"dimension": d, "chart": charts.bar_chart(d.title, d.rows)} for d in figures[key]]
        for key in ("dimensions", "organization_dimensions")
    )
    context = {
        "event": event,
        "figures": figures,
        "sections": sections,
        "organization_sections": organization_sections,
    }
    return render(request, "stakeholders/dashboard/balance.html", context)


@login_required
@require_GET
def event_export(request, slug):
    """The form (GET without a choice), or the file (GET with a valid choice)."""
    require_secretariat(request)
    event = get_object_or_404(Event, slug=slug)
    form = ExportForm(request.GET or None)
    if not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(
            request,
            "stakeholders/dashboard/export.html",
            {"event": event, "form": form},
            status=status,
        )
    choice = form.cleaned_data
    rows = export.table(event, choice["columns"], choice["status"])
    file_format = choice["format"]
    body = export.as_csv(rows) if file_format == "csv" else export.as_xlsx(rows, event.slug)
    response = HttpResponse(body, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = (
        f'attachment; filename="{export.filename(event, file_format)}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("secretariat/events/<slug:slug>/balance/", event_balance, name="event_balance"),
    path("secretariat/events/<slug:slug>/export/", event_export, name="event_export"),
]
