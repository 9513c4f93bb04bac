"""Saving parts of a review: versions, conflicts, revisions, autosave merging."""

from datetime import timedelta

import pytest
from django.utils import timezone

from reviews.content import snapshot
from reviews.editing import EditConflict, EditRefused, save_part, start_review
from reviews.models import (
    Document,
    ObjectiveProgress,
    ReviewRevision,
    ReviewStatus,
    VoluntaryReview,
)
from tests.reviews.conftest import ENTRY, words

pytestmark = pytest.mark.django_db


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
    from reviews.workflow import submit_document

    submit_document(complete_draft, by=focal_point)
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


def test_an_objective_status_that_does_not_exist_is_never_stored(draft, focal_point):
    # The form refuses it for people; any other caller (an import, the demo) is stopped here,
    # before a page reading the entry would fail on it.
    with pytest.raises(ValueError, match="unknown implementation status: 'in_progress'"):
        save_part(draft.pk, "objective-6", {**ENTRY, "status": "in_progress"},
                  by=focal_point, base_version=1, kind="save")  # fmt: skip
    assert not ObjectiveProgress.objects.filter(review=draft, objective_id=6).exists()
    draft.refresh_from_db()
    assert draft.version == 1


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


# --- autosave touches only the part saved ---------------------------------------------------

BASE = "/en/workspace/imrf-2026/MEX/"


def entry_post(version: int, narrative: str) -> dict:
    practice = ENTRY["practices"][0]
    return {
        "version": version,
        "status": ENTRY["status"],
        # None: priorities are unique per review, and the busy draft's first entry has ENTRY's.
        "priority": "",
        "narrative": narrative,
        "principles": ENTRY["principles"],
        "practices-TOTAL_FORMS": 1,
        "practices-INITIAL_FORMS": 0,
        "practices-0-title": practice["title"],
        "practices-0-description": practice["description"],
        "practices-0-partners": practice["partners"],
    }


def test_save_part_of_a_section_uses_at_most_8_queries(
    busy_draft, focal_point, django_assert_max_num_queries
):
    """Compare, write and record only the part: no full snapshot of the review (20 before)."""
    with django_assert_max_num_queries(8):
        save_part(busy_draft, "section-2", {"text": "Typed a little more."}, by=focal_point,
                  base_version=busy_draft.version, kind="autosave")  # fmt: skip


def test_save_part_of_an_objective_entry_uses_at_most_8_queries(
    busy_draft, focal_point, django_assert_max_num_queries
):
    """The entry keeps its principles and practices; only its narrative changes (29 before)."""
    with django_assert_max_num_queries(8):
        save_part(busy_draft, "objective-5", {**ENTRY, "narrative": "Typed a little more."},
                  by=focal_point, base_version=busy_draft.version, kind="autosave")  # fmt: skip


def test_autosave_of_a_section_through_the_view_uses_at_most_14_queries(
    client, busy_draft, focal_point, django_assert_max_num_queries
):
    """Through the real view (32 before): the session, the user, the review and three
    permission questions, then the save's own 8."""
    client.force_login(focal_point)
    with django_assert_max_num_queries(14):
        response = client.post(
            BASE + "autosave/section-2/", {"text": "Typed.", "version": busy_draft.version}
        )
    assert (response.status_code, response.json()["version"]) == (200, busy_draft.version + 1)


def test_autosave_of_an_objective_entry_through_the_view_uses_at_most_15_queries(
    client, busy_draft, focal_point, django_assert_max_num_queries
):
    """The same, plus the form's choice of guiding principles (40 before)."""
    client.force_login(focal_point)
    with django_assert_max_num_queries(15):
        response = client.post(
            BASE + "autosave/objective-5/", entry_post(busy_draft.version, "Typed.")
        )
    assert (response.status_code, response.json()["version"]) == (200, busy_draft.version + 1)


def test_revision_after_autosaving_a_section_is_the_whole_review(client, busy_draft, focal_point):
    """Only the part is written, yet the revision holds everything, the attachment added since
    the last revision included."""
    client.force_login(focal_point)
    client.post(BASE + "autosave/section-2/", {"text": "Typed.", "version": busy_draft.version})
    review = VoluntaryReview.objects.get(pk=busy_draft.pk)
    latest = review.revisions.order_by("-number").first()
    assert (latest.kind, latest.version) == ("autosave", review.version)
    assert latest.content["attachments"][0]["name"] == "plan.pdf"
    assert latest.content == snapshot(review)


def test_revision_after_autosaving_an_objective_entry_is_the_whole_review(
    client, busy_draft, focal_point
):
    client.force_login(focal_point)
    data = {**entry_post(busy_draft.version, "Typed."), "principles": ["gender_responsive"]}
    data["practices-TOTAL_FORMS"] = 2
    data.update({"practices-1-title": "Second", "practices-1-description": "More.",
                 "practices-1-partners": ""})  # fmt: skip
    assert client.post(BASE + "autosave/objective-7/", data).status_code == 200  # a new entry
    assert (
        client.post(
            BASE + "autosave/objective-5/", {**data, "version": busy_draft.version + 1}
        ).status_code
        == 200
    )
    review = VoluntaryReview.objects.get(pk=busy_draft.pk)
    assert review.revisions.order_by("-number").first().content == snapshot(review)
    entry = review.objective_entries.get(objective_id=5)
    assert list(entry.guiding_principles.values_list("key", flat=True)) == ["gender_responsive"]
    assert list(entry.practices.values_list("title", flat=True)) == ["One-stop centre", "Second"]


def test_revision_after_saving_the_details_is_the_whole_review(
    busy_draft, focal_point, colleague, other_focal_point
):
    details = {
        "language": "fr",
        "stakeholders": ["migrants"],
        "part_of_national_plan": True,
        "limits_justification": "Long.",
        "contacts": [colleague.pk, other_focal_point.pk],
    }
    saved = save_part(busy_draft, "details", details, by=focal_point,
                      base_version=busy_draft.version, kind="save")  # fmt: skip
    review = VoluntaryReview.objects.get(pk=saved.pk)
    latest = review.revisions.order_by("-number").first()
    assert latest.content == snapshot(review)
    assert (latest.content["language"], latest.content["details"]["contacts"]) == (
        "fr",
        [colleague.pk],
    )


def test_a_save_from_a_copy_read_before_a_colleagues_save_keeps_both(
    busy_draft, focal_point, colleague
):
    """The caller's copy of the review is older than a colleague's save of another part: the
    save waits for theirs, starts again from it and records both changes."""
    stale = VoluntaryReview.objects.get(pk=busy_draft.pk)
    save_part(busy_draft.pk, "section-4", {"text": "Bob's"}, by=colleague,
              base_version=busy_draft.version, kind="save")  # fmt: skip
    saved = save_part(stale, "section-1", {"text": "Alice's"}, by=focal_point,
                      base_version=stale.version, kind="autosave")  # fmt: skip
    review = VoluntaryReview.objects.get(pk=busy_draft.pk)
    assert (review.section_1, review.section_4, review.version) == (
        "Alice's",
        "Bob's",
        busy_draft.version + 2,
    )
    assert saved.version == review.version
    assert review.part_versions["section-1"] == review.version
    assert review.revisions.order_by("-number").first().content == snapshot(review)


def test_a_stale_copy_of_the_same_part_is_still_a_conflict(busy_draft, focal_point, colleague):
    stale = VoluntaryReview.objects.get(pk=busy_draft.pk)
    save_part(busy_draft.pk, "section-1", {"text": "Bob's"}, by=colleague,
              base_version=busy_draft.version, kind="save")  # fmt: skip
    with pytest.raises(EditConflict) as conflict:
        save_part(stale, "section-1", {"text": "Alice's"}, by=focal_point,
                  base_version=stale.version, kind="autosave")  # fmt: skip
    assert (conflict.value.theirs, conflict.value.author) == ({"text": "Bob's"}, "Bob Colleague")


def test_a_save_after_a_revision_older_than_the_review_takes_a_full_snapshot(
    busy_draft, focal_point
):
    """A revision that does not hold the current version (the version moved on without one) is
    not used as the base: what it lacks would be lost."""
    VoluntaryReview.objects.filter(pk=busy_draft.pk).update(section_5="Changed elsewhere.")
    Document.objects.filter(pk=busy_draft.pk).update(version=busy_draft.version + 1)
    saved = save_part(busy_draft.pk, "section-1", {"text": "Mine."}, by=focal_point,
                      base_version=busy_draft.version + 1, kind="save")  # fmt: skip
    content = saved.revisions.order_by("-number").first().content
    assert (content["sections"]["1"], content["sections"]["5"]) == ("Mine.", "Changed elsewhere.")


def test_save_of_an_unknown_part_is_refused(draft, focal_point):
    with pytest.raises(ValueError, match="unknown part 'section-9'"):
        save_part(draft.pk, "section-9", {"text": "x"}, by=focal_point, base_version=1,
                  kind="save")  # fmt: skip


def test_a_practice_saved_by_one_autosave_is_kept_by_the_next_from_the_same_page(
    client, draft, focal_point
):
    """The page was opened before the entry had a practice (its formset says 0 initial forms):
    the next autosave repeats the practice unchanged, and it must not be dropped."""
    client.force_login(focal_point)
    first = client.post(BASE + "autosave/objective-3/", entry_post(1, "First words.")).json()
    client.post(BASE + "autosave/objective-3/", entry_post(first["version"], "More words."))
    entry = ObjectiveProgress.objects.get(review=draft, objective_id=3)
    assert (entry.narrative, list(entry.practices.values_list("title", flat=True))) == (
        "More words.",
        ["One-stop centre"],
    )


def test_a_save_after_a_revision_recorded_before_a_key_existed_records_the_whole_review(
    busy_draft, focal_point
):
    """Revisions stored before the snapshot listed contacts (or attachments) lack them: the save
    reads the whole review instead of carrying the gap into the new revision."""
    latest = busy_draft.revisions.order_by("-number").first()
    del latest.content["details"]["contacts"]
    latest.save(update_fields=["content"])
    saved = save_part(busy_draft, "section-1", {"text": "Mine."}, by=focal_point,
                      base_version=busy_draft.version, kind="save")  # fmt: skip
    content = saved.revisions.order_by("-number").first().content
    assert content == snapshot(saved)
    assert content["details"]["contacts"] == []


def test_a_save_whose_version_moved_on_after_it_read_the_base_starts_again_under_the_lock(
    busy_draft, focal_point
):
    """The version moved on between reading the latest revision and claiming the next version
    (here without a revision, as publishing does): the claim fails, the save holds the row,
    reads again, and neither version is taken twice."""
    copy = VoluntaryReview.objects.get(pk=busy_draft.pk)
    Document.objects.filter(pk=busy_draft.pk).update(version=busy_draft.version + 1)
    saved = save_part(copy, "section-1", {"text": "Mine."}, by=focal_point,
                      base_version=copy.version, kind="save")  # fmt: skip
    review = VoluntaryReview.objects.get(pk=busy_draft.pk)
    assert (saved.version, review.version) == (busy_draft.version + 2, busy_draft.version + 2)
    assert review.revisions.order_by("-number").first().content == snapshot(review)
