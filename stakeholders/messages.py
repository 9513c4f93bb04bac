"""What a decision's e-mail says, in the person's language, as the secretariat wrote it.

The wording in force for a decision, a language and an event is, first found:
1. the event's own `DecisionMessage` in that language;
2. the portal's default `DecisionMessage` (no event) in that language;
3. the portal's built-in wording below, translated (gettext) into that language.

Subject and body are plain text with placeholders ({name}, {event}, {reason}; the travel
messages also {days} and {amount}). They are filled with `str.format_map` over a dictionary
that leaves any other brace text as typed: the secretariat's text is never handed to
`str.format` itself (no attribute or index lookups, no error on a stray brace). The form
refuses unknown placeholders (`check_placeholders`), so what is saved is what is sent.

The composers registered here with `stakeholders.notices` turn a decision's log entry into
its e-mail: `stakeholders.apps` imports this module at start-up so that a worker knows them.
"""

import string

from django.conf import settings
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from stakeholders import links
from stakeholders.models import DecisionMessage, Registration
from stakeholders.notices import register_composer

Decision = DecisionMessage.Decision

PLACEHOLDERS = {
    Decision.APPROVED: ("name", "event", "reason"),
    Decision.REJECTED: ("name", "event", "reason"),
    Decision.WAITLISTED: ("name", "event", "reason"),
    Decision.RESET: ("name", "event", "reason"),
    Decision.TRAVEL: ("name", "event", "days", "amount"),
    Decision.TRAVEL_REFUSED: ("name", "event", "reason"),
}

# The portal's own wording, used where the secretariat wrote none (translated by gettext).
BUILT_IN = {
    Decision.APPROVED: (
        _("Your registration for {event} is approved"),
        _(
            "Dear {name},\n\nYour registration for {event} is approved. We look forward to "
            "your participation.\n\n{reason}"
        ),
    ),
    Decision.REJECTED: (
        _("Your registration for {event}"),
        _(
            "Dear {name},\n\nWe regret that your registration for {event} could not be "
            "approved.\n\nReason: {reason}"
        ),
    ),
    Decision.WAITLISTED: (
        _("You are on the waiting list for {event}"),
        _(
            "Dear {name},\n\nAll places for {event} are taken for now: you are on the waiting "
            "list. If a place frees, it is offered in the order people joined the list, and "
            "we will write to you.\n\n{reason}"
        ),
    ),
    Decision.RESET: (
        _("The decision on your registration for {event} was withdrawn"),
        _(
            "Dear {name},\n\nThe decision on your registration for {event} was withdrawn: "
            "your registration is waiting for a new decision, and we will write to you when "
            "it is taken.\n\n{reason}"
        ),
    ),
    Decision.TRAVEL: (
        _("Travel support for {event}"),
        _(
            "Dear {name},\n\nYou are granted travel support for {event}: {days} days of "
            "daily subsistence allowance and USD {amount} for travel."
        ),
    ),
    Decision.TRAVEL_REFUSED: (
        _("Travel support for {event}"),
        _(
            "Dear {name},\n\nWe regret that travel support for {event} could not be "
            "granted.\n\nReason: {reason}"
        ),
    ),
}

# The log entry's action -> the message it sends (a promotion is an approval to the person).
ACTION_MESSAGES = {
    "approve": Decision.APPROVED,
    "promote": Decision.APPROVED,
    "reject": Decision.REJECTED,
    "waitlist": Decision.WAITLISTED,
    "reset": Decision.RESET,
    "travel_grant": Decision.TRAVEL,
    "travel_refuse": Decision.TRAVEL_REFUSED,
}


class _KeepUnknown(dict):
    """format_map's mapping: a placeholder it does not know stays as typed."""

    def __missing__(self, key):
        return "{" + key + "}"


def check_placeholders(text: str, decision: str) -> list[str]:
    """Problems with the placeholders of `text` (empty: fine): unknown names, attribute or
    index lookups, conversions, unbalanced braces."""
    allowed = PLACEHOLDERS.get(decision, ())
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return [str(_("Unbalanced braces: write {{ and }} for a brace itself."))]
    problems = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if name not in allowed or spec or conversion:
            problems.append(
                str(_("Unknown placeholder {%(name)s}: use %(allowed)s."))
                % {"name": name, "allowed": ", ".join("{" + a + "}" for a in allowed)}
            )
    return problems


def fill(text: str, values: dict) -> str:
    """The text with its placeholders replaced; never raises on what the secretariat typed."""
    try:
        return str(text).format_map(_KeepUnknown(values))
    except (ValueError, IndexError, AttributeError, KeyError):
        # Saved before the form checked it (admin, fixtures): sent as typed, not lost.
        return str(text)


def wording(decision: str, language: str, event=None, *, stored=None) -> tuple[str, str, str]:
    """(subject, body, source) in force; source: "event", "default" or "built-in".

    `stored`: the messages already read ({(event_id, decision, language): row}), so that a
    page listing many asks the database once.
    """
    if stored is None:
        either = Q(event__isnull=True) | Q(event=event) if event is not None else Q(event=None)
        rows = DecisionMessage.objects.filter(either, decision=decision, language=language)
        stored = {(r.event_id, r.decision, r.language): r for r in rows}
    if event is not None and (event.pk, decision, language) in stored:
        row = stored[(event.pk, decision, language)]
        return row.subject, row.body, "event"
    if (None, decision, language) in stored:
        row = stored[(None, decision, language)]
        return row.subject, row.body, "default"
    subject, body = BUILT_IN[decision]
    with translation.override(language):
        return str(subject), str(body), "built-in"


def compose(decision: str, registration: Registration, *, reason="", days=None, amount=None):
    """(subject, body) of the decision's e-mail to the person, in their language."""
    language = registration.language or settings.LANGUAGE_CODE
    subject, body, _source = wording(decision, language, registration.event)
    values = {
        "name": registration.full_name,
        "event": registration.event.title,
        "reason": reason,
        "days": "" if days is None else days,
        "amount": "" if amount is None else amount,
    }
    subject = " ".join(fill(subject, values).split())  # one line, whatever was typed
    body = fill(body, values).strip()
    with translation.override(language):
        manage = _("Your registration: %(url)s") % {
            "url": links.absolute_link(registration, links.MANAGE)
        }
    return subject, f"{body}\n\n{manage}\n"


def compose_notice(entry) -> tuple[str, str]:
    """A decision's log entry -> its e-mail (the composer given to `stakeholders.notices`)."""
    registration = entry.registration
    return compose(
        ACTION_MESSAGES[entry.action],
        registration,
        reason=entry.reason if entry.action != "travel_grant" else "",
        days=registration.subsistence_days,
        amount=registration.travel_amount,
    )


for _action in ACTION_MESSAGES:
    register_composer(_action, compose_notice)
