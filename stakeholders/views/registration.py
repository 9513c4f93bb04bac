"""The registrant's pages: the public form, the neutral answer, "send the link again", the
confirmation of the address, and the self-service pages reached by the management link.

Thin: find the event (404 unless published) or the registration (through its signed token:
404 with a way to ask for the link again when the token is bad, expired or revoked), bind
the form, call one function of `stakeholders.registration`, redirect or render. Whatever
happened to the address, the form answers the same page.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from reviews.throttle import with_retry_after
from stakeholders import links, personal_data, registration
from stakeholders.forms.registration import (
    HONEYPOT,
    ConfirmForm,
    RegistrationEditForm,
    RegistrationForm,
    ResendForm,
)
from stakeholders.models import Event, Registration
from stakeholders.throttle import over_limit

Status = Registration.Status
T = "stakeholders/"


def _event(slug: str) -> Event:
    return get_object_or_404(Event, slug=slug, is_published=True)


def _typed(post) -> dict:
    """What was typed, to show again in a fresh form (a refused POST is not validated)."""
    return {k: v for k, v in post.items() if k not in ("csrfmiddlewaretoken", HONEYPOT)}


def _too_many(request, template, context, seconds: int):
    context["rate_limited"] = True
    return with_retry_after(render(request, template, context, status=429), seconds)


def _invalid_link(request):
    events = Event.objects.filter(is_published=True).order_by("-starts_on")[:12]
    return render(request, T + "manage/invalid.html", {"events": events}, status=404)


def _sent(event):
    return redirect("stakeholders:register_sent", slug=event.slug)


@require_http_methods(["GET", "POST"])
def register(request, slug):
    event = _event(slug)
    context = {"event": event, "retention_days": settings.REGISTRATION_RETENTION_DAYS}
    if not event.registration_is_open():
        return render(
            request,
            T + "register/closed.html",
            context,
            status=403 if request.method == "POST" else 200,
        )
    if request.method == "POST":
        if seconds := over_limit(request):
            context["form"] = RegistrationForm(event=event, initial=_typed(request.POST))
            return _too_many(request, T + "register/form.html", context, seconds)
        form = RegistrationForm(request.POST, event=event)
        if form.is_bot():
            return _sent(event)  # the same answer, nothing stored
        if form.is_valid():
            registration.register(
                event,
                email=form.cleaned_data["email"],
                fields=form.fields_to_save(),
                travel_requested=form.cleaned_data["travel_requested"],
            )
            return _sent(event)
    else:
        form = RegistrationForm(event=event)
    context["form"] = form
    return render(request, T + "register/form.html", context)


@require_GET
def register_sent(request, slug):
    return render(request, T + "register/sent.html", {"event": _event(slug)})


@require_http_methods(["GET", "POST"])
def resend(request, slug):
    event = _event(slug)
    context = {"event": event}
    if request.method == "POST":
        if seconds := over_limit(request):
            context["form"] = ResendForm(initial=_typed(request.POST))
            return _too_many(request, T + "register/resend.html", context, seconds)
        form = ResendForm(request.POST)
        if form.is_valid():
            registration.resend(event, form.cleaned_data["email"])
            return _sent(event)
    else:
        form = ResendForm()
    context["form"] = form
    return render(request, T + "register/resend.html", context)


def _to_manage(found):
    return redirect("stakeholders:manage", token=links.make_token(found, links.MANAGE))


@require_http_methods(["GET", "POST"])
def verify(request, token):
    """GET asks (mail scanners open links), POST confirms."""
    found = links.read_token(token, links.VERIFY)
    if found is None or found.status == Status.EXPIRED:
        return _invalid_link(request)
    if found.status != Status.UNVERIFIED:
        return _to_manage(found)
    if request.method == "POST":
        if registration.verify(found) == "expired":
            return _invalid_link(request)
        messages.success(request, _("Thank you: your address is confirmed."))
        return _to_manage(found)
    return render(request, T + "register/verify.html", {"registration": found})


def _managed(request, token):
    return links.read_token(
        token, links.MANAGE, Registration.objects.select_related("event", "category")
    )


@require_GET
def manage(request, token):
    found = _managed(request, token)
    if found is None:
        return _invalid_link(request)
    context = {
        "registration": found,
        "token": token,
        "editable": found.status in registration.EDITABLE,
        "cancellable": found.status in registration.CANCELLABLE,
        "decided": found.status in (Status.APPROVED, Status.REJECTED),
    }
    return render(request, T + "manage/view.html", context)


@require_POST
def manage_confirm(request, token):
    """Confirm the address from the management page: its link reached that mailbox too."""
    found = _managed(request, token)
    if found is None:
        return _invalid_link(request)
    if registration.verify(found) == "verified":
        messages.success(request, _("Thank you: your address is confirmed."))
    return redirect("stakeholders:manage", token=token)


@require_http_methods(["GET", "POST"])
def manage_edit(request, token):
    found = _managed(request, token)
    if found is None:
        return _invalid_link(request)
    if found.status not in registration.EDITABLE:
        return redirect("stakeholders:manage", token=token)
    if request.method == "POST":
        form = RegistrationEditForm(request.POST, event=found.event)
        if form.is_valid():
            registration.edit(
                found,
                fields=form.fields_to_save(),
                travel_requested=form.cleaned_data["travel_requested"],
            )
            messages.success(request, _("Your changes are saved."))
            return redirect("stakeholders:manage", token=token)
    else:
        initial = {name: getattr(found, name) for name in registration.PERSON_FIELDS}
        initial["category"] = found.category.key
        initial["travel_requested"] = found.travel != Registration.Travel.NONE
        form = RegistrationEditForm(event=found.event, initial=initial)
    context = {"registration": found, "token": token, "form": form}
    return render(request, T + "manage/edit.html", context)


def _confirmed_step(request, token, step):
    found = _managed(request, token)
    if found is None:
        return None, None, _invalid_link(request)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        return found, form, None
    context = {"registration": found, "token": token, "form": form, "step": step}
    return found, form, render(request, T + "manage/confirm.html", context)


@require_http_methods(["GET", "POST"])
def manage_cancel(request, token):
    found, _form, page = _confirmed_step(request, token, "cancel")
    if page is not None:
        return page
    if registration.cancel(found):
        messages.success(request, _("Your registration is cancelled."))
    return redirect("stakeholders:manage", token=token)


@require_http_methods(["GET", "POST"])
def manage_erase(request, token):
    found, _form, page = _confirmed_step(request, token, "erase")
    if page is not None:
        return page
    registration.erase(found)
    return render(request, T + "manage/erased.html", {"event": found.event})


@require_GET
def manage_data(request, token):
    found = _managed(request, token)
    if found is None:
        return _invalid_link(request)
    body = json.dumps(personal_data.own_data(found), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="registration-{found.pk}.json"'
    return response


urlpatterns = [
    path("events/<slug:slug>/register/", register, name="register"),
    path("events/<slug:slug>/register/sent/", register_sent, name="register_sent"),
    path("events/<slug:slug>/register/resend/", resend, name="register_resend"),
    path("events/verify/<str:token>/", verify, name="verify"),
    path("events/manage/<str:token>/", manage, name="manage"),
    path("events/manage/<str:token>/confirm/", manage_confirm, name="manage_confirm"),
    path("events/manage/<str:token>/edit/", manage_edit, name="manage_edit"),
    path("events/manage/<str:token>/cancel/", manage_cancel, name="manage_cancel"),
    path("events/manage/<str:token>/erase/", manage_erase, name="manage_erase"),
    path("events/manage/<str:token>/data/", manage_data, name="manage_data"),
]
