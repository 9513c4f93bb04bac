import pytest

from reviews.editing import save_part
from reviews.models import ReviewStatus
from reviews.workflow import (
    SubmissionProblems,
    TransitionRefused,
    check_submission,
    submit_document,
)
from tests.reviews.conftest import words

pytestmark = pytest.mark.django_db


def test_submit_a_complete_review(complete_draft, focal_point):
    submitted = submit_document(complete_draft, by=focal_point)
    assert submitted.status == ReviewStatus.SUBMITTED
    assert submitted.submitted_at is not None
    assert submitted.revisions.order_by("-number").first().kind == "submission"


def test_submit_refused_when_section_over_limit_naming_it_and_keeping_the_text(
    complete_draft, focal_point
):
    complete_draft.cycle.limits_advisory = False  # a strict cycle (advisory is the default)
    complete_draft.cycle.save()
    text = words(612)
    save_part(
        complete_draft.pk,
        "section-4",
        {"text": text},
        by=focal_point,
        base_version=complete_draft.version,
        kind="save",
    )
    with pytest.raises(SubmissionProblems) as problems:
        submit_document(complete_draft, by=focal_point)
    assert [(c.number, c.words, c.limit) for c in problems.value.over_limit] == [(4, 612, 500)]
    assert problems.value.messages() == [
        "Section 4, “Means of implementation”, has 612 words; the limit is 500."
    ]
    complete_draft.refresh_from_db()
    assert (complete_draft.status, complete_draft.section_4) == (ReviewStatus.DRAFT, text)


def test_objective_entries_count_toward_section_3(complete_draft, focal_point):
    entry = {"status": "achieved", "narrative": words(1901), "principles": [], "practices": []}
    save_part(
        complete_draft.pk,
        "objective-1",
        entry,
        by=focal_point,
        base_version=complete_draft.version,
        kind="save",
    )
    problems = check_submission(complete_draft)
    assert [(c.number, c.words) for c in problems.over_limit] == [(3, 2001)]


def test_empty_sections_are_named(draft, focal_point):
    with pytest.raises(SubmissionProblems) as problems:
        submit_document(draft, by=focal_point)
    assert problems.value.empty_sections == [1, 2, 3, 4, 5]


def test_advisory_limits_accept_an_overrun_with_a_justification(complete_draft, focal_point):
    complete_draft.cycle.limits_advisory = True
    complete_draft.cycle.save()
    save_part(
        complete_draft.pk,
        "section-5",
        {"text": words(700)},
        by=focal_point,
        base_version=complete_draft.version,
        kind="save",
    )
    complete_draft.refresh_from_db()
    problems = check_submission(complete_draft)
    assert (problems.limits_advisory, problems.justification_missing) == (True, True)
    assert [(c.number, c.overrun) for c in problems.over_limit] == [(5, 200)]
    complete_draft.refresh_from_db()
    details = {
        "language": "en",
        "stakeholders": [],
        "part_of_national_plan": False,
        "limits_justification": "Section 5 lists 40 planned measures.",
    }
    save_part(
        complete_draft.pk,
        "details",
        details,
        by=focal_point,
        base_version=complete_draft.version,
        kind="save",
    )
    assert submit_document(complete_draft, by=focal_point).status == ReviewStatus.SUBMITTED


@pytest.mark.parametrize("persona", ["other_focal_point", "secretariat_user"])
def test_only_the_states_focal_points_submit(complete_draft, persona, request):
    with pytest.raises(TransitionRefused):
        submit_document(complete_draft, by=request.getfixturevalue(persona))
