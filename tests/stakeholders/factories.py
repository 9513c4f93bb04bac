"""Events and registrations for the stakeholders' tests (no side effects: no log, no e-mail).

Add factories here; do not rewrite the ones others use.
"""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from reviews.models import StakeholderCategory
from stakeholders.models import AgendaItem, BackgroundDocument, Event, Registration


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = Event.Kind.IMRF
    title = factory.Sequence(lambda n: f"IMRF {2026 + n}")
    starts_on = date(2026, 5, 5)
    ends_on = date(2026, 5, 8)
    mode = Event.Mode.HYBRID
    venue = "United Nations Headquarters, New York"
    registration_opens = factory.LazyFunction(lambda: timezone.now() - timedelta(days=10))
    registration_closes = factory.LazyFunction(lambda: timezone.now() + timedelta(days=10))
    capacity = None
    travel_budget = Decimal("10000.00")
    daily_subsistence_rate = Decimal("300.00")
    is_published = True


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration waiting for a decision (status pending) unless told."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    full_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"registrant{n}@example.org")
    organization = factory.Sequence(lambda n: f"Organisation {n}")
    category = factory.LazyFunction(lambda: StakeholderCategory.objects.order_by("position")[0])
    level = Registration.Level.NATIONAL
    residence_id = "MEX"
    nationality_id = "MEX"
    participation = Registration.Participation.IN_PERSON
    language = "en"
    consented_privacy_at = factory.LazyFunction(timezone.now)
    status = Registration.Status.PENDING
    verified_at = factory.LazyFunction(timezone.now)


# --- agenda and background documents (events pages) ----------------------------------------


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    position = factory.Sequence(lambda n: n)


class BackgroundDocumentFactory(factory.django.DjangoModelFactory):
    """A concept note given by its address on the web, not published unless told."""

    class Meta:
        model = BackgroundDocument

    event = factory.SubFactory(EventFactory)
    kind = BackgroundDocument.Kind.CONCEPT_NOTE
    title = factory.Sequence(lambda n: f"Document {n}")
    language = "en"
    url = "https://example.org/document.pdf"
