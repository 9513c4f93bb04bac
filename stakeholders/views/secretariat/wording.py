"""The wording of the decisions' e-mails: per decision and language, what is in force (the
event's own, else the portal's default, else the built-in text), and a form to write it."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from stakeholders import messages as wording
from stakeholders.forms.decisions import DecisionMessageForm
from stakeholders.models import DecisionMessage, Event
from stakeholders.views.secretariat.common import require_secretariat

DECISIONS = dict(DecisionMessage.Decision.choices)
LANGUAGES = dict(settings.LANGUAGES)
SOURCE_LABELS = {
    "event": _("written for this event"),
    "default": _("the portal's default, as the secretariat wrote it"),
    "built-in": _("the portal's built-in text"),
}


def _event_or_none(request):
    """The event of `?event=<slug>`, None without one; 404 for an unknown slug."""
    slug = request.GET.get("event", "")
    if not slug:
        return None
    if len(slug) > 60:
        raise Http404
    return get_object_or_404(Event, slug=slug)


def _edit_url(decision, language, event):
    url = reverse("stakeholders:decision_message", args=[decision, language])
    return f"{url}?{urlencode({'event': event.slug})}" if event else url


@login_required
@require_GET
def message_list(request):
    require_secretariat(request)
    event = _event_or_none(request)
    either = Q(event__isnull=True) | Q(event=event) if event else Q(event__isnull=True)
    stored = {
        (r.event_id, r.decision, r.language): r for r in DecisionMessage.objects.filter(either)
    }
    rows = []
    for decision, decision_label in DECISIONS.items():
        cells = []
        for language, language_label in LANGUAGES.items():
            subject, _body, source = wording.wording(decision, language, event, stored=stored)
            cells.append({
                "language": language, "language_label": language_label, "subject": subject,
                "source": source, "source_label": SOURCE_LABELS[source],
                "url": _edit_url(decision, language, event),
            })  # fmt: skip
        rows.append({"decision": decision, "label": decision_label, "cells": cells})
    context = {"rows": rows, "event": event, "events": Event.objects.only("slug", "title")}
    return render(request, "stakeholders/secretariat/messages.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def message_edit(request, decision, language):
    """Write the wording of one decision in one language: for the event of `?event=`, or the
    portal's default without one. The form starts from the wording in force."""
    require_secretariat(request)
    if decision not in DECISIONS or language not in LANGUAGES:
        raise Http404
    event = _event_or_none(request)
    instance = DecisionMessage.objects.filter(
        decision=decision, language=language, event=event
    ).first() or DecisionMessage(decision=decision, language=language, event=event)
    if request.method == "POST":
        form = DecisionMessageForm(request.POST, instance=instance, decision=decision)
        if form.is_valid():
            form.save()
            messages.success(request, _("Message saved."))
            back = reverse("stakeholders:decision_messages")
            return redirect(f"{back}?{urlencode({'event': event.slug})}" if event else back)
        status = 400
    else:
        subject, body, _source = wording.wording(decision, language, event)
        initial = {} if instance.pk else {"subject": subject, "body": body}
        form = DecisionMessageForm(instance=instance, decision=decision, initial=initial)
        status = 200
    context = {
        "form": form,
        "event": event,
        "decision_label": DECISIONS[decision],
        "language": language,
        "language_label": LANGUAGES[language],
        "placeholders": ["{" + p + "}" for p in wording.PLACEHOLDERS[decision]],
    }
    return render(request, "stakeholders/secretariat/message_edit.html", context, status=status)


urlpatterns = [
    path("secretariat/registrations/messages/", message_list, name="decision_messages"),
    path(
        "secretariat/registrations/messages/<slug:decision>/<str:language>/",
        message_edit,
        name="decision_message",
    ),
]
