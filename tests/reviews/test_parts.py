"""The registry of parts: keys built and parsed in one place, each part's slice of a snapshot."""

import pytest

from reviews import kinds
from reviews.content import snapshot
from reviews.models import NATIONAL_REVIEW, VoluntaryReview
from reviews.parts import (
    EMPTY_ENTRY,
    ObjectiveEntryPart,
    SectionPart,
    UnknownPart,
    part_of,
    parts_of,
)
from reviews.template import SECTIONS
from tests.reviews.conftest import ENTRY

pytestmark = pytest.mark.django_db

BASE = "/en/workspace/imrf-2026/MEX/"


def test_the_national_review_has_its_sections_the_23_entries_and_the_details():
    keys = [part.key for part in parts_of(NATIONAL_REVIEW)]
    assert keys == [
        *(f"section-{n}" for n in range(1, 6)),
        *(f"objective-{n}" for n in range(1, 24)),
        "details",
    ]
    section = part_of(NATIONAL_REVIEW, "section-2")
    assert (section.number, section.limit, section.page) == (
        2,
        1500,
        "reviews/workspace/section.html",
    )
    assert str(section.title) == "Policy and enabling environment"
    assert [letter for letter, _prompt in section.guidance] == ["a", "b", "c", "d"]
    assert part_of(NATIONAL_REVIEW, ObjectiveEntryPart.key_for(23)).number == 23


@pytest.mark.parametrize(
    "key", ["section-6", "section-0", "section-", "objective-24", "objective-x", "detail", ""]
)
def test_a_key_the_kind_does_not_have_is_refused(key):
    with pytest.raises(UnknownPart, match="unknown part"):
        part_of(NATIONAL_REVIEW, key)
    assert issubclass(UnknownPart, ValueError)


@pytest.mark.parametrize("key", ["section-6", "objective-24", "objective-1x", "bogus"])
def test_autosave_of_an_unknown_part_is_404(client, draft, focal_point, key):
    client.force_login(focal_point)
    assert client.post(f"{BASE}autosave/{key}/", {"text": "x", "version": 1}).status_code == 404


@pytest.mark.parametrize("page", ["section/6/", "section/0/", "objectives/24/", "objectives/0/"])
def test_editor_of_a_part_beyond_the_template_is_404(client, draft, focal_point, page):
    client.force_login(focal_point)
    assert client.get(BASE + page).status_code == 404


def test_an_entry_not_written_yet_reads_as_not_addressed_and_a_copy(draft):
    part = part_of(NATIONAL_REVIEW, "objective-4")
    entry = part.read(snapshot(draft))
    assert entry == EMPTY_ENTRY
    entry["principles"].append("human_rights")
    assert EMPTY_ENTRY["principles"] == []


def written(draft, key, value):
    """Write one part on `draft`; the snapshot refreshed by the part, and the real one."""
    part = part_of(NATIONAL_REVIEW, key)
    before = snapshot(draft)
    stored = part.write(draft, part.normalise(value), base=before)
    after = VoluntaryReview.objects.get(pk=draft.pk)
    return part.refresh(before, stored), snapshot(after)


def test_a_section_refreshes_only_its_text(draft):
    refreshed, real = written(draft, "section-4", {"text": "Financing."})
    assert refreshed == real
    assert real["sections"]["4"] == "Financing."


def test_an_objective_entry_refreshes_its_entry_new_or_changed(draft):
    refreshed, real = written(draft, "objective-9", ENTRY)
    assert refreshed == real
    assert list(real["objectives"]) == ["9"]
    refreshed, real = written(draft, "objective-2", {**ENTRY, "principles": []})
    assert refreshed == real
    assert list(real["objectives"]) == ["2", "9"]  # in objective order, as snapshots list them
    changed = {**ENTRY, "principles": ["gender_responsive"], "practices": []}
    refreshed, real = written(draft, "objective-9", changed)
    assert refreshed == real
    assert (real["objectives"]["9"]["principles"], real["objectives"]["9"]["practices"]) == (
        ["gender_responsive"],
        [],
    )


def test_the_details_refresh_the_language_and_keep_only_the_states_contacts(
    draft, colleague, other_focal_point
):
    details = {
        "language": "ar",
        "stakeholders": ["migrants", "academia"],
        "part_of_national_plan": True,
        "limits_justification": "",
        "contacts": [other_focal_point.pk, colleague.pk],
    }
    refreshed, real = written(draft, "details", details)
    assert refreshed == real
    assert (real["language"], real["details"]["contacts"]) == ("ar", [colleague.pk])


def test_a_kind_that_lists_no_parts_is_edited_section_by_section(monkeypatch):
    national = kinds.kind_named(NATIONAL_REVIEW)
    plain = kinds.DocumentKind(**{**national.__dict__, "slug": "test-sections-only", "parts": None})
    monkeypatch.setitem(kinds._KINDS, plain.slug, plain)
    parts = parts_of(plain.slug)
    assert [part.key for part in parts] == [f"section-{s.number}" for s in SECTIONS]
    assert all(isinstance(part, SectionPart) for part in parts)
