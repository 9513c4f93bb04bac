"""Events as the secretariat manages them and the public reads them.

- `save_event(form, agenda, documents)`: the one place an event, its agenda and its
  background documents are written, together (one transaction): a half-saved event never shows.
- `published_events()`: the public list, upcoming events first (soonest first), then past
  ones (latest first).
- `event_summary(event)`: the secretariat's figures: registrations by status, places left,
  travel support granted against the budget (the running total of `stakeholders.decisions`).
- `roundtable_flags(event, today)`: for an IMRF, the round-table background notes that are
  late (published after their due date, six weeks before the forum opens) and the round
  tables with no note at all once the due date passed.
- `public_documents(event, today)`: the background documents already out.

Each costs a constant number of queries whatever the number of registrations.
"""

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from reviews.models import Document
from stakeholders import decisions, meetings, participants
from stakeholders.models import BackgroundDocument, Event, Registration

ROUNDTABLES = (1, 2, 3, 4)


@transaction.atomic
def save_event(form, agenda, documents) -> Event:
    """Save a valid event form and its two valid formsets (agenda items, documents)."""
    event = form.save()
    for formset in (agenda, documents):
        formset.instance = event
        formset.save()
    return event


def published_events(today=None) -> list[Event]:
    today = today or timezone.localdate()
    events = list(Event.objects.filter(is_published=True).select_related("cycle"))
    upcoming = sorted((e for e in events if e.ends_on >= today), key=lambda e: e.starts_on)
    past = sorted((e for e in events if e.ends_on < today), key=lambda e: e.starts_on)
    return upcoming + past[::-1]


def event_summary(event) -> dict:
    counts = dict.fromkeys(Registration.Status.values, 0)
    rows = event.registrations.values("status").annotate(n=Count("pk")).order_by()
    counts.update({row["status"]: row["n"] for row in rows})
    travel = decisions.travel_budget_summary(event)
    return {
        "by_status": [
            {"status": status, "label": label, "count": counts[status]}
            for status, label in Registration.Status.choices
        ],
        "total": sum(counts.values()),
        "approved": counts[Registration.Status.APPROVED],
        "places_left": decisions.places_left(event),
        "travel": travel,
    }


def roundtable_flags(event, today=None) -> list[dict]:
    """What is late among the round-table background notes of an IMRF, round table by round
    table: {"roundtable", "due_on", "document" (None: no note at all), "published_on"}."""
    due = event.roundtable_note_due_on
    if due is None:
        return []
    today = today or timezone.localdate()
    notes = [d for d in event.documents.all() if d.kind == BackgroundDocument.Kind.ROUNDTABLE_NOTE]
    flags = []
    for number in ROUNDTABLES:
        own = [d for d in notes if d.roundtable == number]
        if not own and today > due:
            flags.append({"roundtable": number, "due_on": due, "document": None})
        for document in own:
            if document.is_late(today):
                flags.append({
                    "roundtable": number, "due_on": due, "document": document,
                    "published_on": document.published_on,
                })  # fmt: skip
    return flags


def public_documents(event, today=None) -> list[BackgroundDocument]:
    """The background documents out by today, in the model's order."""
    today = today or timezone.localdate()
    return [d for d in event.documents.all() if d.published_on and d.published_on <= today]


# The regional app's kind of document for a regional review report (regional.models), named
# here by its slug: the two apps never import each other.
REGIONAL_REPORT_KIND = "regional_report"


def regional_report(event):
    """The published regional review report of the event's body and cycle, or None."""
    if event.kind != Event.Kind.REGIONAL or not event.body or event.cycle_id is None:
        return None
    return (
        Document.objects.filter(
            kind=REGIONAL_REPORT_KIND,
            cycle_id=event.cycle_id,
            authored_by=event.body,
            published_revision__isnull=False,
        )
        .select_related("cycle")
        .first()
    )


def public_page(event, today=None) -> dict:
    """What the public page of an event shows, in a constant number of queries."""
    report = regional_report(event)
    return {
        "event": event,
        "registration_open": event.registration_is_open(),
        "places_left": decisions.places_left(event),
        "agenda": list(event.agenda.all()),
        "documents": public_documents(event, today),
        "meeting": meetings.meeting_for(event),
        "report": report,
        "report_url": report.get_absolute_url() if report else "",
        "organizations": participants.organizations(event),
        "participants": participants.public_participants(event),
    }
