"""Saving parts of a review: versions, conflicts, revisions, autosave merging."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reviews.editing import EditConflict, EditRefused, save_part, start_review
from reviews.models import ObjectiveProgress, ReviewRevision, ReviewStatus, VoluntaryReview
from tests.reviews.conftest import words

pytestmark = pytest.mark.django_db

ENTRY = {
    "status": "under_way",
    "priority": 2,
    "narrative": "Data on labour migration is now collected quarterly.",
    "principles": ["human_rights", "whole_of_government"],
    "practices": [
        {"title": "One-stop centre", "description": "Advice for returnees.", "partners": "IOM"}
    ],
}


def test_start_creates_one_draft_with_a_first_revision(draft, focal_point, colleague):
    assert (draft.status, draft.version, draft.language) == (ReviewStatus.DRAFT, 1, "en")
    assert draft.revisions.get().kind == ReviewRevision.Kind.SYSTEM
    # A colleague starting at the same moment gets the same draft, not a second one.
    assert start_review("MEX", draft.cycle, by=colleague) == draft
    assert VoluntaryReview.objects.count() == 1


def test_start_refused_for_another_state_or_a_closed_cycle(
    open_cycle, other_focal_point, focal_point
):
    with pytest.raises(EditRefused):
        start_review("MEX", open_cycle, by=other_focal_point)
    open_cycle.is_open = False
    open_cycle.save()
    with pytest.raises(EditRefused):
        start_review("MEX", open_cycle, by=focal_point)


def test_save_section_bumps_version_and_records_a_revision(draft, focal_point):
    saved = save_part(
        draft.pk, "section-1", {"text": "Our method."}, by=focal_point, base_version=1, kind="save"
    )
    assert (saved.section_1, saved.version, saved.part_versions) == (
        "Our method.",
        2,
        {"section-1": 2},
    )
    latest = saved.revisions.order_by("-number").first()
    assert (latest.number, latest.kind, latest.author, latest.version) == (
        2,
        "save",
        focal_point,
        2,
    )
    assert latest.content["sections"]["1"] == "Our method."


def test_stale_save_of_the_same_part_is_refused_with_the_current_text(
    draft, focal_point, colleague
):
    save_part(
        draft.pk, "section-2", {"text": "Alice's text"}, by=focal_point, base_version=1, kind="save"
    )
    with pytest.raises(EditConflict) as conflict:
        save_part(
            draft.pk, "section-2", {"text": "Bob's text"}, by=colleague, base_version=1, kind="save"
        )
    assert conflict.value.theirs == {"text": "Alice's text"}
    assert conflict.value.version == 2
    assert VoluntaryReview.objects.get(pk=draft.pk).section_2 == "Alice's text"


def test_colleagues_editing_different_parts_do_not_conflict(draft, focal_point, colleague):
    save_part(draft.pk, "section-1", {"text": "Alice"}, by=focal_point, base_version=1, kind="save")
    saved = save_part(
        draft.pk, "section-4", {"text": "Bob"}, by=colleague, base_version=1, kind="save"
    )
    assert (saved.section_1, saved.section_4, saved.version) == ("Alice", "Bob", 3)


def test_other_states_focal_point_cannot_save(draft, other_focal_point):
    with pytest.raises(EditRefused):
        save_part(
            draft.pk, "section-1", {"text": "x"}, by=other_focal_point, base_version=1, kind="save"
        )


def test_submitted_review_cannot_be_edited(complete_draft, focal_point):
    from reviews.workflow import submit_review

    submit_review(complete_draft, by=focal_point)
    with pytest.raises(EditRefused):
        save_part(
            complete_draft.pk,
            "section-1",
            {"text": "late"},
            by=focal_point,
            base_version=99,
            kind="save",
        )


def test_autosaves_of_one_author_within_ten_minutes_refresh_one_revision(draft, focal_point):
    v = draft.version
    for text in ["a", "ab", "abc"]:
        v = save_part(
            draft.pk, "section-1", {"text": text}, by=focal_point, base_version=v, kind="autosave"
        ).version
    autosaves = draft.revisions.filter(kind="autosave")
    assert autosaves.count() == 1
    assert autosaves.get().content["sections"]["1"] == "abc"
    assert autosaves.get().version == v


def test_autosave_after_ten_minutes_or_after_a_save_starts_a_new_revision(draft, focal_point):
    v = save_part(
        draft.pk, "section-1", {"text": "a"}, by=focal_point, base_version=1, kind="autosave"
    ).version
    ReviewRevision.objects.filter(kind="autosave").update(
        created_at=timezone.now() - timedelta(minutes=11)
    )
    v = save_part(
        draft.pk, "section-1", {"text": "ab"}, by=focal_point, base_version=v, kind="autosave"
    ).version
    v = save_part(
        draft.pk, "section-1", {"text": "abc"}, by=focal_point, base_version=v, kind="save"
    ).version
    save_part(
        draft.pk, "section-1", {"text": "abcd"}, by=focal_point, base_version=v, kind="autosave"
    )
    assert list(draft.revisions.order_by("number").values_list("kind", flat=True)) == [
        "system",
        "autosave",
        "autosave",
        "save",
        "autosave",
    ]


def test_autosave_by_a_colleague_does_not_refresh_anothers_autosave(draft, focal_point, colleague):
    v = save_part(
        draft.pk, "section-1", {"text": "a"}, by=focal_point, base_version=1, kind="autosave"
    ).version
    save_part(draft.pk, "section-2", {"text": "b"}, by=colleague, base_version=v, kind="autosave")
    assert draft.revisions.filter(kind="autosave").count() == 2


def test_idle_autosave_writes_nothing(draft, focal_point):
    v = save_part(
        draft.pk, "section-1", {"text": "same"}, by=focal_point, base_version=1, kind="save"
    ).version
    again = save_part(
        draft.pk, "section-1", {"text": "same"}, by=focal_point, base_version=v, kind="autosave"
    )
    assert again.version == v
    assert draft.revisions.count() == 2


def test_objective_entry_with_principles_and_practices(draft, focal_point):
    save_part(draft.pk, "objective-6", ENTRY, by=focal_point, base_version=1, kind="save")
    entry = ObjectiveProgress.objects.get(review=draft, objective_id=6)
    assert (entry.status, entry.priority) == ("under_way", 2)
    assert sorted(entry.guiding_principles.values_list("key", flat=True)) == ENTRY["principles"]
    assert list(entry.practices.values_list("title", "partners")) == [("One-stop centre", "IOM")]


def test_copy_from_a_published_review_for_a_new_cycle(draft, focal_point):
    from reviews.editing import record_revision
    from reviews.models import ReviewCycle

    save_part(
        draft.pk, "section-1", {"text": words(3)}, by=focal_point, base_version=1, kind="save"
    )
    save_part(draft.pk, "objective-6", ENTRY, by=focal_point, base_version=2, kind="save")
    draft.refresh_from_db()
    # Publishing belongs to the moderation workflow; here the published snapshot is pinned by hand.
    draft.published_revision = record_revision(draft, by=focal_point, kind="system")
    draft.status = ReviewStatus.PUBLISHED
    draft.save()
    next_cycle = ReviewCycle.objects.create(
        slug="regional-2028",
        kind="regional",
        year=2028,
        title="Regional reviews 2028",
        is_open=True,
    )
    copy = start_review("MEX", next_cycle, by=focal_point, copy_from=draft)
    assert copy.based_on == draft
    assert copy.section_1 == words(3)
    assert copy.objective_entries.get(objective_id=6).practices.count() == 1
    assert copy.status == ReviewStatus.DRAFT


def test_details_with_contacts_only_among_the_states_focal_points(
    draft, focal_point, colleague, other_focal_point
):
    details = {
        "language": "es",
        "stakeholders": ["migrants", "academia"],
        "part_of_national_plan": True,
        "limits_justification": "",
        "contacts": [colleague.pk, other_focal_point.pk],
    }
    saved = save_part(draft.pk, "details", details, by=focal_point, base_version=1, kind="save")
    assert saved.language == "es"
    assert list(saved.contacts.all()) == [colleague]
    assert sorted(saved.stakeholders_consulted.values_list("key", flat=True)) == [
        "academia",
        "migrants",
    ]
    assert saved.part_of_national_plan is True
