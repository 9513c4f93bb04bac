"""Pledges for the tests, made the way the portal makes them: a State's focal point starts the
draft (`stakeholders.pledges.drafting`), saves its parts through `reviews.editing.save_part`,
submits through `reviews.workflow`; the secretariat publishes."""

from datetime import timedelta

from django.utils import timezone

from reviews.editing import save_part
from reviews.models import ReviewCycle, StakeholderCategory
from reviews.workflow import publish_document, submit_document
from stakeholders.models import Organization
from stakeholders.pledges.drafting import start_state_pledge
from tests.personas import focal_point_of
from tests.publishing import secretariat

WHAT = "Open three one-stop centres for migrant workers' recruitment grievances."
WHO = "The Ministry of Labour, with the national trade union federation."
MEASURE = "Number of centres open and grievances resolved, from the ministry's register."


def open_cycle(slug: str = "imrf-2026") -> ReviewCycle:
    ReviewCycle.objects.filter(slug=slug).update(is_open=True)
    return ReviewCycle.objects.get(slug=slug)


def organization(name="Migrant Voices", **fields) -> Organization:
    fields.setdefault("category", StakeholderCategory.objects.get(key="civil_society"))
    return Organization.objects.create(name=name, **fields)


def details(**overrides) -> dict:
    value = {
        "title": "Fair recruitment centres",
        "due_by": (timezone.localdate() + timedelta(days=400)).isoformat(),
        "progress": "",
        "language": "en",
        "objectives": [6, 16],
        "principles": [],
        "regions": ["ECA"],
        "countries": ["GHA"],
    }
    return {**value, **overrides}


def save(pledge, part, data, *, by):
    return save_part(pledge.pk, part, data, by=by, base_version=pledge.version, kind="save")


def fill(pledge, *, by, **detail_overrides):
    pledge = save(pledge, "section-1", {"text": WHAT}, by=by)
    pledge = save(pledge, "section-2", {"text": WHO}, by=by)
    pledge = save(pledge, "section-3", {"text": MEASURE}, by=by)
    return save(pledge, "details", details(**detail_overrides), by=by)


def drafted_pledge(iso3="GHA", *, author=None, **detail_overrides):
    open_cycle()
    author = author or focal_point_of(iso3)
    pledge = start_state_pledge(iso3, by=author, language="en")
    pledge = fill(pledge, by=author, **detail_overrides)
    pledge.author = author
    return pledge


def published_pledge(iso3="GHA", **detail_overrides):
    pledge = drafted_pledge(iso3, **detail_overrides)
    author = pledge.author
    pledge = submit_document(pledge, by=author)
    pledge = publish_document(pledge, by=secretariat())
    pledge.author = author
    return pledge
