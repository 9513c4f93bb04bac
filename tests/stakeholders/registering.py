"""Helpers of the registration tests: the form's data, posting it, and the links e-mailed."""

import re

from django.urls import reverse

from stakeholders.models import Registration


def form_data(**overrides) -> dict:
    data = {
        "full_name": "Amina Diallo",
        "email": "amina@example.org",
        "organization": "Migrant Voices",
        "organization_website": "https://migrantvoices.example.org",
        "category": "civil_society",
        "level": Registration.Level.NATIONAL,
        "residence": "SEN",
        "nationality": "SEN",
        "gender": "",
        "age_group": "",
        "participation": Registration.Participation.IN_PERSON,
        "accessibility_needs": "",
        "language": "en",
        "travel_justification": "",
        "consent_privacy": "on",
        "contact_fax": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def register(client, event, capture, ip="10.0.0.1", lang="en", **overrides):
    url = reverse("stakeholders:register", args=[event.slug]).replace("/en/", f"/{lang}/", 1)
    with capture(execute=True):
        return client.post(url, form_data(**overrides), REMOTE_ADDR=ip)


def link_in(message, kind: str) -> str:
    """The path of the verification ("verify") or management ("manage") link in an e-mail."""
    match = re.search(rf"https?://[^/\s]+(/[a-z-]+/events/{kind}/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)
