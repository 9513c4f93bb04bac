"""The template's limits are suggested: an advisory cycle (the default) asks for a justification
where a section runs over, accepts the submission once it is written and shows it to the
secretariat beside the overrun; a strict cycle refuses, naming the section."""

import pytest

from reviews.editing import save_part
from reviews.models import ReviewCycle, ReviewStatus
from reviews.workflow import SubmissionProblems, check_submission, submit_document
from tests.reviews.conftest import words
from tests.stakeholders.inputs import drafted_input

pytestmark = pytest.mark.django_db

BASE = "/en/workspace/imrf-2026/MEX/"
JUSTIFICATION = "Section 4 sets out the budget of 23 ministries."
ASK = (
    "This cycle accepts a longer review: say briefly why in “Why the review is longer than "
    "suggested” (Details), then submit again."
)


def _save(review, part, data, by):
    review.refresh_from_db()
    return save_part(review.pk, part, data, by=by, base_version=review.version, kind="save")


def _details(justification: str) -> dict:
    return {
        "language": "en",
        "stakeholders": [],
        "part_of_national_plan": False,
        "limits_justification": justification,
    }


@pytest.fixture
def overrun(complete_draft, focal_point):
    """A complete draft whose section 4 has 612 words (limit 500)."""
    return _save(complete_draft, "section-4", {"text": words(612)}, focal_point)


def test_a_new_cycle_is_advisory_by_default():
    cycle = ReviewCycle.objects.create(slug="imrf-2030", kind="imrf", year=2030, title="IMRF 2030")
    assert cycle.limits_advisory is True


def test_advisory_overrun_without_justification_names_the_section_and_asks_for_it(
    overrun, focal_point
):
    with pytest.raises(SubmissionProblems) as problems:
        submit_document(overrun, by=focal_point)
    assert problems.value.messages() == [
        "Section 4, “Means of implementation”, has 612 words: 112 more than its suggested "
        "limit of 500.",
        ASK,
    ]
    overrun.refresh_from_db()
    assert overrun.status == ReviewStatus.DRAFT


def test_the_check_page_lists_the_overrun_and_links_to_the_justification_field(
    client, overrun, focal_point
):
    client.force_login(focal_point)
    response = client.get(BASE + "check/")
    assert response.context["problems"][-1] == ASK
    html = response.content.decode()
    assert (
        "Section 4, “Means of implementation”: 612 words, 112 more than its suggested limit "
        "of 500." in html
    )
    assert html.count(f'href="{BASE}details/#id_limits_justification"') == 2  # alert and box
    submit = client.post(BASE + "submit/")
    assert submit.status_code == 400
    assert submit.context["problems"][-1] == ASK


def test_advisory_overrun_with_justification_submits_and_the_secretariat_sees_it(
    client, overrun, focal_point, secretariat_user
):
    _save(overrun, "details", _details(JUSTIFICATION), focal_point)
    overrun.refresh_from_db()
    assert check_submission(overrun) is None
    client.force_login(focal_point)
    assert client.post(BASE + "submit/").status_code == 302
    overrun.refresh_from_db()
    assert overrun.status == ReviewStatus.SUBMITTED

    client.force_login(secretariat_user)
    html = client.get("/en/secretariat/reviews/imrf-2026/MEX/").content.decode()
    # Beside the overrun: in the row of section 4 of the words-per-section table.
    row = html.split("4. Means of implementation</th>")[1].split("</tr>")[0]
    assert "112 over the suggested limit" in row
    assert f"Why the review is longer than suggested:</strong> {JUSTIFICATION}</td>" in row


def test_a_blank_justification_is_no_justification(overrun, focal_point):
    _save(overrun, "details", _details("   "), focal_point)
    overrun.refresh_from_db()
    assert check_submission(overrun).justification_missing is True


def test_strict_cycle_refuses_an_overrun_even_with_a_justification(client, overrun, focal_point):
    overrun.cycle.limits_advisory = False
    overrun.cycle.save()
    _save(overrun, "details", _details(JUSTIFICATION), focal_point)
    client.force_login(focal_point)
    response = client.post(BASE + "submit/")
    assert response.status_code == 400
    assert response.context["problems"] == [
        "Section 4, “Means of implementation”, has 612 words; the limit is 500."
    ]
    assert "In this cycle the limits are strict: shorten these sections before submitting." in (
        response.content.decode()
    )
    overrun.refresh_from_db()
    assert overrun.status == ReviewStatus.DRAFT


def test_a_stakeholder_input_keeps_its_limit_in_an_advisory_cycle():
    stakeholder_input = drafted_input(text="word " * 1501, objectives=(1,))
    assert stakeholder_input.cycle.limits_advisory is True
    problems = check_submission(stakeholder_input)
    assert problems.messages() == ["Section 1, “Written input”, has 1501 words; the limit is 1500."]


def test_the_admin_says_strict(admin_client):
    cycle = ReviewCycle.objects.get(slug="imrf-2026")
    html = admin_client.get(f"/admin/reviews/reviewcycle/{cycle.pk}/change/").content.decode()
    assert "Word limits are suggested (untick to make them strict)" in html
    listing = admin_client.get("/admin/reviews/reviewcycle/").content.decode()
    assert '<td class="field-word_limits">suggested</td>' in listing
