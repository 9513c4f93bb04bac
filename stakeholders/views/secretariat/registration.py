"""One registration for the secretariat: every field, the audit trail, the decision form with
the e-mail each decision would send (in the person's language), and travel support."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from stakeholders import messages as wording
from stakeholders.decisions import (
    DECIDABLE,
    DecisionRefused,
    StaleDecision,
    decide_registration,
    grant_travel,
    places_left,
    refuse_travel,
    travel_budget_summary,
)
from stakeholders.forms.decisions import DecisionForm, TravelForm
from stakeholders.models import DecisionMessage, Registration
from stakeholders.trail import action_label
from stakeholders.views.secretariat.common import require_secretariat

Decision = DecisionMessage.Decision
# What each decision of the form sends, as shown beside it.
PREVIEWS = [
    ("approve", Decision.APPROVED),
    ("waitlist", Decision.WAITLISTED),
    ("reject", Decision.REJECTED),
    ("reset", Decision.RESET),
]


def _get_registration(pk):
    return get_object_or_404(
        Registration.objects.select_related("event", "category", "residence", "nationality"),
        pk=pk,
    )


def _page(request, registration, *, decision_form=None, travel_form=None, refused="", status=200):
    trail = list(registration.log.select_related("actor").order_by("created_at", "pk"))
    for entry in trail:
        entry.label = action_label(entry.action)
    reason_hint = _("(the reason you write)")
    previews = []
    for action, decision in PREVIEWS:
        subject, body = wording.compose(decision, registration, reason=reason_hint)
        previews.append({"action": action, "subject": subject, "body": body})
    initial = {"version": registration.version}
    context = {
        "registration": registration,
        "event": registration.event,
        "trail": trail,
        "decidable": registration.status in DECIDABLE,
        "decision_form": decision_form or DecisionForm(initial=initial),
        "travel_form": travel_form or TravelForm(initial=initial),
        "previews": previews,
        "places_left": places_left(registration.event),
        "budget": travel_budget_summary(registration.event),
        "refused": refused,
    }
    return render(request, "stakeholders/secretariat/registration.html", context, status=status)


@login_required
@require_GET
def registration_detail(request, pk):
    require_secretariat(request)
    return _page(request, _get_registration(pk))


@login_required
@require_POST
def decide(request, pk):
    """A decision on the version the page showed: a stale one comes back with what changed
    (409), a refused one with its reason (400), what was typed kept."""
    require_secretariat(request)
    registration = _get_registration(pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _page(request, registration, decision_form=form, status=400)
    data = form.cleaned_data
    try:
        outcome = decide_registration(
            registration.pk, data["action"], by=request.user,
            version=data["version"], reason=data["reason"],
        )  # fmt: skip
    except DecisionRefused as refused:
        status = 409 if isinstance(refused, StaleDecision) else 400
        return _page(
            request, _get_registration(pk), decision_form=form, refused=str(refused), status=status
        )
    if outcome.changed:
        messages.success(request, _("Decision recorded; the person is e-mailed."))
    else:
        messages.info(request, outcome.message)
    for person in outcome.promoted:
        messages.info(
            request,
            _("%(name)s was approved from the waiting list.") % {"name": person.full_name},
        )
    return redirect("stakeholders:registration_detail", pk=pk)


@login_required
@require_POST
def travel(request, pk):
    require_secretariat(request)
    registration = _get_registration(pk)
    form = TravelForm(request.POST)
    if not form.is_valid():
        return _page(request, registration, travel_form=form, status=400)
    data = form.cleaned_data
    try:
        if data["decision"] == TravelForm.GRANT:
            outcome = grant_travel(
                registration.pk, by=request.user, days=data["days"],
                amount=data["amount"], version=data["version"],
            )  # fmt: skip
        else:
            outcome = refuse_travel(
                registration.pk, by=request.user, reason=data["reason"], version=data["version"]
            )
    except DecisionRefused as refused:
        status = 409 if isinstance(refused, StaleDecision) else 400
        return _page(
            request, _get_registration(pk), travel_form=form, refused=str(refused), status=status
        )
    if outcome.changed:
        messages.success(request, _("Travel support recorded; the person is e-mailed."))
    else:
        messages.info(request, outcome.message)
    return redirect("stakeholders:registration_detail", pk=pk)


urlpatterns = [
    path("secretariat/registrations/<int:pk>/", registration_detail, name="registration_detail"),
    path("secretariat/registrations/<int:pk>/decide/", decide, name="registration_decide"),
    path("secretariat/registrations/<int:pk>/travel/", travel, name="registration_travel"),
]
