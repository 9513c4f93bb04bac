"""A visitor searches for a phrase, filters by objective and commission, opens a review, jumps
to an objective and downloads the PDF: in headless Chromium against the live server."""

import subprocess

import pytest
from playwright.sync_api import expect

from tests.publishing import published_review

pytestmark = pytest.mark.django_db(transaction=True)


def test_search_filter_open_jump_and_download(page, live_server, screenshot, tmp_path):
    # Publishing renders each PDF in-process (eager Celery) once the transaction commits.
    published_review(
        "GHA",
        sections={2: "Ghana signed bilateral labour migration agreements with three partners."},
        objectives={5: ("under_way", "Seasonal worker schemes widen regular pathways.")},
    )
    published_review(
        "MEX",
        language="es",
        sections={2: "México amplió la migración laboral regular."},
        objectives={5: ("planned", "Vías regulares para trabajadores temporales.")},
    )
    published_review(
        "FRA",
        sections={2: "France reports on labour migration agreements in Europe."},
        objectives={6: ("achieved", "Fair recruitment.")},
    )

    page.goto(f"{live_server.url}/en/")
    page.get_by_label("Search the published reviews").fill('"labour migration agreements"')
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".results-count")).to_have_text("2 reviews found")
    expect(page.locator(".snippets mark").first).to_be_visible()
    screenshot("public-search")

    page.get_by_label("Objective addressed").select_option("5")
    page.get_by_label("Regional commission").select_option("ECA")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".results-count")).to_have_text("1 review found")
    assert "objective=5" in page.url and "commission=ECA" in page.url  # shareable
    expect(page.get_by_label("Words or “a phrase”")).to_have_value('"labour migration agreements"')

    page.locator(".review-row h3 a", has_text="Ghana").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ghana")
    page.locator(".objectives-table a[href='#objective-5']").click()
    assert page.url.endswith("#objective-5")
    objective = page.locator("#objective-5")
    expect(objective).to_be_in_viewport()
    expect(objective).to_contain_text("Seasonal worker schemes")
    screenshot("public-review-objective")

    link = page.get_by_role("link", name="Download the PDF")
    # The link serves the PDF inline (Chromium's viewer); fetch it as the browser session would.
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "review.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "labour migration agreements" in text


def test_objective_page_and_keyboard_filters_in_arabic(page, live_server, screenshot):
    published_review("JOR", language="ar", objectives={5: ("achieved", "مسارات نظامية للعمال.")})
    published_review("GHA", objectives={5: ("planned", "Pathways.")})
    page.goto(f"{live_server.url}/ar/objectives/5/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("article", has_text="مسارات نظامية")).to_have_count(1)
    select = page.locator("#id_status")
    select.focus()
    select.select_option("achieved")
    page.keyboard.press("Tab")
    page.locator("form.filters button[type=submit]").press("Enter")
    expect(page.locator("article", has_text="Pathways.")).to_have_count(0)
    expect(page.locator("article", has_text="مسارات نظامية")).to_have_count(1)
    screenshot("public-objective-ar")
