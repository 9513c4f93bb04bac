"""Part (vi)'s list of participants: an extension point for the registrations of the meeting."""

import pytest
from django.utils import translation

from regional import participants
from reviews.markdown import render_markdown


@pytest.fixture
def no_sources(monkeypatch):
    monkeypatch.setattr(participants, "_SOURCES", [])


def test_without_a_source_there_is_no_list_yet(no_sources):
    assert participants.participants_of(meeting=object()) is None


def test_a_registered_source_gives_the_consenting_participants_sorted(no_sources):
    def registrations(meeting):
        return [
            {"name": "Zoë Ortiz", "organization": "Migrant Forum", "country": "Spain"},
            {"name": "amina Diallo", "organization": "City of Geneva", "country": "Switzerland"},
        ]

    participants.register_participants_source(registrations)
    participants.register_participants_source(registrations)  # once, however often
    listed = participants.participants_of(meeting=object())
    assert [p["name"] for p in listed] == ["amina Diallo", "Zoë Ortiz"]
    with translation.override("en"):
        html = render_markdown(participants.as_markdown(listed))
    assert html.count("<tr>") == 3
    assert "<td>City of Geneva</td>" in html
