"""An organisation's pages of special accreditation to an IMRF, without an account: the form,
the neutral answer, the confirmation of the address (signed link: GET asks, POST confirms, as
mail scanners open links), the management page (status, details, withdraw); and the public
list of the organisations taking part in an IMRF edition.

Thin: find the event (404 unless a published IMRF with an accreditation deadline) or the
application (by its signed token: 404 when bad, expired or revoked), bind the form, call one
function of `stakeholders.accreditation`, redirect or render. A first application and a
second one of the same organisation answer the same page; only the e-mail differs.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reviews.throttle import with_retry_after
from stakeholders import accreditation, links
from stakeholders.accredited import accredited_organizations
from stakeholders.forms.accreditation import AccreditationForm, WithdrawForm
from stakeholders.forms.registration import HONEYPOT
from stakeholders.models import AccreditationApplication, Event
from stakeholders.throttle import over_limit

Status = AccreditationApplication.Status
T = "stakeholders/accreditation/public/"
# Lists in the typed form, kept as lists when a refused POST is shown again.
MULTIPLE = ("objectives", "roundtables")


def _imrf(slug: str) -> Event:
    return get_object_or_404(
        Event,
        slug=slug,
        is_published=True,
        kind=Event.Kind.IMRF,
        accreditation_deadline__isnull=False,
    )


def _typed(post) -> dict:
    """What was typed, to show again in a fresh form (a refused POST is not validated)."""
    typed = {k: v for k, v in post.items() if k not in ("csrfmiddlewaretoken", HONEYPOT, *MULTIPLE)}
    typed.update({name: post.getlist(name) for name in MULTIPLE})
    return typed


def _closed(request, event, status):
    return render(request, T + "closed.html", {"event": event}, status=status)


def _sent(event):
    return redirect("stakeholders:accreditation_sent", slug=event.slug)


@require_http_methods(["GET", "POST"])
def apply(request, slug):
    event = _imrf(slug)
    if not event.accreditation_is_open():
        return _closed(request, event, 403 if request.method == "POST" else 200)
    context = {"event": event}
    if request.method == "POST":
        if seconds := over_limit(request):
            context["form"] = AccreditationForm(initial=_typed(request.POST))
            context["rate_limited"] = True
            return with_retry_after(render(request, T + "form.html", context, status=429), seconds)
        form = AccreditationForm(request.POST, request.FILES)
        if form.is_bot():
            return _sent(event)  # the same answer, nothing stored
        if form.is_valid():
            try:
                accreditation.apply(
                    event=event,
                    organization_fields=form.organization_fields(),
                    application_fields=form.application_fields(),
                    objectives=form.cleaned_data["objectives"],
                    roundtables=form.roundtables_chosen(),
                    documents=form.cleaned_data["documents"],
                    language=translation.get_language(),
                )
            except ValidationError:  # the deadline passed while the form was being filled
                return _closed(request, event, 403)
            return _sent(event)
    else:
        form = AccreditationForm()
    context["form"] = form
    return render(request, T + "form.html", context)


@require_GET
def sent(request, slug):
    return render(request, T + "sent.html", {"event": _imrf(slug)})


def _invalid_link(request):
    return render(request, T + "invalid.html", status=404)


def _to_manage(application):
    return redirect(
        "stakeholders:accreditation_manage",
        token=links.application_token(application, links.APPLICATION_MANAGE),
    )


@require_http_methods(["GET", "POST"])
def verify(request, token):
    """GET asks (mail scanners open links), POST confirms."""
    application = links.read_application_token(token, links.APPLICATION_VERIFY)
    if application is None:
        return _invalid_link(request)
    if application.status != Status.UNVERIFIED:
        return _to_manage(application)
    if request.method == "POST":
        accreditation.verify(application)
        messages.success(request, _("Thank you: the application is confirmed."))
        return _to_manage(application)
    return render(request, T + "verify.html", {"application": application})


@require_GET
def manage(request, token):
    application = links.read_application_token(token, links.APPLICATION_MANAGE)
    if application is None:
        return _invalid_link(request)
    context = {
        "application": application,
        "organization": application.organization,
        "objectives": application.objectives.order_by("number"),
        "documents": application.documents.order_by("pk"),
        "token": token,
        "withdrawable": application.status not in accreditation.SETTLED,
    }
    return render(request, T + "manage.html", context)


@require_http_methods(["GET", "POST"])
def withdraw(request, token):
    application = links.read_application_token(token, links.APPLICATION_MANAGE)
    if application is None:
        return _invalid_link(request)
    if application.status in accreditation.SETTLED:
        return redirect("stakeholders:accreditation_manage", token=token)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        accreditation.withdraw(application, by=None)
        messages.success(request, _("The application is withdrawn."))
        return redirect("stakeholders:accreditation_manage", token=token)
    context = {"application": application, "token": token, "form": form}
    return render(request, T + "withdraw.html", context)


@require_GET
def organizations(request, slug):
    event = get_object_or_404(Event, slug=slug, is_published=True, kind=Event.Kind.IMRF)
    context = {"event": event, **accredited_organizations(event)}
    return render(request, T + "organizations.html", context)


urlpatterns = [
    path("events/<slug:slug>/accreditation/apply/", apply, name="accreditation_apply"),
    path("events/<slug:slug>/accreditation/apply/sent/", sent, name="accreditation_sent"),
    path("events/accreditation/verify/<str:token>/", verify, name="accreditation_verify"),
    path("events/accreditation/manage/<str:token>/", manage, name="accreditation_manage"),
    path(
        "events/accreditation/manage/<str:token>/withdraw/",
        withdraw,
        name="accreditation_withdraw",
    ),
    path("events/<slug:slug>/organizations/", organizations, name="event_organizations"),
]
