"""The Word round trip in a real browser (issue 18, item 5): the Philippines' focal point
exports the draft, the file is changed in two sections (as a ministry would, here with
python-docx), imported back; the review page shows both differences, the focal point takes one
and leaves the other, and the history names the import with the file's name.
"""

import docx
import pytest
from playwright.sync_api import expect

from reviews.editing import save_part
from reviews.models import VoluntaryReview
from tests.browser.conftest import log_in, start_draft
from tests.browser.test_axe import AXE, serious_violations

# Transactional: the live server reads committed rows (and runs after the rolled-back tests).
pytestmark = pytest.mark.django_db(transaction=True)

WS = "/en/workspace/imrf-2026/PHL/"
METHOD = "The review was drafted by an inter-agency committee."
POLICY = "The Migrant Workers Act frames labour migration."
METHOD_CLEARED = "The review was drafted and cleared by an inter-agency committee."
POLICY_CLEARED = "The Migrant Workers Act, as amended in 2022, frames labour migration."


@pytest.fixture
def review(settings):
    author, review = start_draft(settings, "PHL")
    for part, text in (("section-1", METHOD), ("section-2", POLICY)):
        review = save_part(review.pk, part, {"text": text}, by=author,
                           base_version=review.version, kind="save")  # fmt: skip
    return review


def edit_file(path, changes: dict[str, str]) -> None:
    """Replace whole paragraphs of the file, as a reviewer in a ministry would."""
    document = docx.Document(str(path))
    for paragraph in document.paragraphs:
        if paragraph.text in changes:
            paragraph.text = changes[paragraph.text]
    document.save(str(path))


def test_a_focal_point_exports_edits_and_imports_one_of_two_changes(
    page, live_server, screenshot, review, tmp_path
):
    page.context.add_init_script(path=str(AXE))  # in every page, before its CSP applies
    log_in(page, live_server, "fp@gov.example")

    page.goto(f"{live_server.url}{WS}")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download for Word (.docx)").click()
    name = download.value.suggested_filename
    assert name.startswith("PHL-imrf-2026-v") and name.endswith(".docx")
    path = tmp_path / name
    download.value.save_as(path)
    edit_file(path, {METHOD: METHOD_CLEARED, POLICY: POLICY_CLEARED})

    page.get_by_role("link", name="Import a Word or OpenDocument file").click()
    page.get_by_label("File").set_input_files(str(path))
    page.get_by_role("button", name="Read the file").click()
    parts = page.locator(".import-part")
    expect(parts).to_have_count(2)
    expect(parts.nth(0).locator("ins")).to_have_text(["and cleared"])
    expect(parts.nth(1).locator("ins")).to_have_text(["Act, as amended in 2022,"])
    screenshot("word-roundtrip-1-review")
    # The review page is reached only through an upload: axe-core checks it here.
    assert serious_violations(page) == []

    page.get_by_label("Take 2. Policy and enabling environment from the file").check()
    page.get_by_role("button", name="Import the chosen parts").click()
    expect(page.locator(".alert-success")).to_have_text(
        f"Imported from {name}: 2. Policy and enabling environment."
    )
    saved = VoluntaryReview.objects.get(pk=review.pk)
    assert (saved.section_1, saved.section_2) == (METHOD, POLICY_CLEARED)

    page.goto(f"{live_server.url}{WS}history/")
    first = page.locator("table tbody tr").nth(0)
    expect(first.locator("td").nth(2)).to_have_text(f"Import from a file: {name}")
    expect(first.locator(".history-part")).to_have_text(
        ["Section 2: Policy and enabling environment"]
    )
    screenshot("word-roundtrip-2-history")
