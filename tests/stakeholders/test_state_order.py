"""The public forms list the States in the reader's language order: their querysets are made
at import, in English ("Allemagne" came under G in French)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.stakeholders.accrediting import apply_url
from tests.stakeholders.factories import EventFactory

pytestmark = pytest.mark.django_db

FRENCH_A = ["Afghanistan", "Afrique du Sud", "Albanie", "Algérie", "Allemagne"]


def _states(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="[^"]+"[^>]*>([^<]*)', select)


def test_registration_lists_residence_and_nationality_in_french_order(client):
    event = EventFactory(slug="imrf-2026")
    url = reverse("stakeholders:register", args=[event.slug]).replace("/en/", "/fr/", 1)
    html = client.get(url).content.decode()
    assert _states(html, "residence")[:5] == FRENCH_A
    assert _states(html, "nationality")[:5] == FRENCH_A


def test_accreditation_lists_the_headquarters_in_french_order(client):
    event = EventFactory(
        slug="imrf-2026", accreditation_deadline=timezone.now() + timedelta(days=20)
    )
    html = client.get(apply_url(event, lang="fr")).content.decode()
    assert _states(html, "headquarters")[:5] == FRENCH_A
