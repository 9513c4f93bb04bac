"""The template's guidance follows the cycle: a regional cycle's is the framework's Annex 2 as
written; an IMRF cycle's is the IMRF note's Annex 1: its heading, its note, and the Annex 2
prompts without their references to the regional reviews."""

import pytest

from reviews.editing import start_review
from reviews.models import ReviewCycle

pytestmark = pytest.mark.django_db

ANNEX_2_HEADING = (
    "Indicative outline for Member States to review the status of implementation of the GCM at "
    "national level, in preparing for regional reviews"
)
ANNEX_1_HEADING = (
    "Indicative template for Member States to review the status of implementation of the GCM "
    "at national level, in preparing for the IMRF."
)
ANNEX_1_NOTE = (
    "This template is based on the one that was developed in the context of the preparations "
    "for the GCM regional review process. However, the specific references to the regional "
    "reviews have been omitted."
)
FIRST_IMRF = "how the country will prepare for the first IMRF."
PROMPT_5B_IMRF = "<li><strong>(b)</strong> It could be indicated how the results of reviews will be disseminated.</li>"  # noqa: E501
PROMPT_5B_REGIONAL = (
    "<li><strong>(b)</strong> It could be indicated how the results of reviews will be "
    "disseminated and how the country will prepare for the first IMRF.</li>"
)


@pytest.fixture
def regional_cycle():
    return ReviewCycle.objects.create(
        slug="regional-2028", kind="regional", year=2028, title="Regional reviews 2028",
        is_open=True,
    )  # fmt: skip


def _page(client, focal_point, cycle, path):
    start_review("MEX", cycle, by=focal_point)
    client.force_login(focal_point)
    response = client.get(f"/en/workspace/{cycle.slug}/MEX/{path}")
    assert response.status_code == 200
    return response.content.decode()


def test_an_imrf_cycles_section_form_shows_the_annex_1_wording(client, open_cycle, focal_point):
    assert open_cycle.kind == ReviewCycle.Kind.IMRF
    html = _page(client, focal_point, open_cycle, "section/5/")
    assert f"<cite>{ANNEX_1_HEADING}</cite> {ANNEX_1_NOTE}" in html
    assert PROMPT_5B_IMRF in html
    assert FIRST_IMRF not in html
    assert ANNEX_2_HEADING not in html


def test_a_regional_cycles_section_form_shows_the_annex_2_wording(
    client, regional_cycle, focal_point
):
    html = _page(client, focal_point, regional_cycle, "section/5/")
    assert f"<cite>{ANNEX_2_HEADING}</cite></p>" in html
    assert PROMPT_5B_REGIONAL in html
    assert ANNEX_1_NOTE not in html


def test_prompts_without_references_to_the_regional_reviews_are_the_same(
    client, open_cycle, regional_cycle, focal_point
):
    imrf = _page(client, focal_point, open_cycle, "section/1/")
    regional = _page(client, focal_point, regional_cycle, "section/1/")
    dynamics = "how any regional dynamics may have informed the review."
    assert dynamics in imrf and dynamics in regional


def test_the_readiness_page_names_the_cycles_template(
    client, open_cycle, regional_cycle, focal_point
):
    imrf = _page(client, focal_point, open_cycle, "check/")
    assert f"Template: <cite>{ANNEX_1_HEADING}</cite> {ANNEX_1_NOTE}" in imrf
    regional = _page(client, focal_point, regional_cycle, "check/")
    assert f"Template: <cite>{ANNEX_2_HEADING}</cite></p>" in regional
