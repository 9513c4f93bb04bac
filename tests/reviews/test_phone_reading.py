"""Public reading on a phone (issue 14, item 9), the server's side: the review page's table of
contents (every link reaches a part of the page), the folded table of objectives, and the
tracker filtered to the States that reported. The browser's side (two screens, keyboard, no
sideways scroll) is tests/browser/test_phone_reading.py."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reviews.editing import save_part
from reviews.models import ReviewCycle
from reviews.workflow import publish_document, submit_document
from tests.publishing import draft_review, published_review, secretariat

pytestmark = pytest.mark.django_db


def get(client, url, status=200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def contents(html: str) -> str:
    start = html.index('<nav class="review-contents')
    return html[start : html.index("</nav>", start)]


def test_review_contents_links_every_part_to_an_id_of_the_page(client):
    published_review("GHA", cycle="imrf-2022")
    review = published_review("GHA", objectives={5: ("achieved", "Pathways.")})
    html = get(client, review.get_absolute_url())
    toc = contents(html)
    assert 'aria-label="Contents of this review"' in toc
    targets = re.findall(r'href="#([^"]+)"', toc)
    assert targets == [
        "objectives-table",
        "section-1",
        "section-2",
        "section-3",
        *[f"round-table-{n}" for n in range(1, 5)],  # the IMRF's four
        "section-4",
        "section-5",
        "about-review",
        "changes",  # the State published in the previous cycle
        "cite",
    ]
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert [t for t in targets if ids.count(t) != 1] == []


def test_review_contents_links_the_practices_and_the_published_documents(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    review = draft_review("GHA")
    author = review.author
    practice = {"title": "Seasonal worker scheme", "description": "Visas.", "partners": ""}
    for number, practices in [(5, [practice]), (9, [practice, {**practice, "title": "Hotline"}])]:
        entry = {"status": "under_way", "narrative": "Progress.", "practices": practices}
        review = save_part(
            review.pk, f"objective-{number}", entry, by=author,
            base_version=review.version, kind="save",
        )  # fmt: skip
    client.force_login(author)
    plan = SimpleUploadedFile("Plan.pdf", b"%PDF-1.7\n% plan\n", content_type="application/pdf")
    attach = "/en/workspace/imrf-2026/GHA/attachments/"
    assert client.post(attach, {"kind": "national_plan", "file": plan}).status_code == 302
    client.logout()
    submit_document(review, by=author)
    publish_document(review, by=secretariat())

    html = get(client, "/en/reviews/imrf-2026/GHA/")
    toc = contents(html)
    assert re.findall(r'<a href="#(practice-[^"]+)"[^>]*>([^<]+)</a>', toc) == [
        ("practice-5-1", "Seasonal worker scheme"),
        ("practice-9-1", "Seasonal worker scheme"),
        ("practice-9-2", "Hotline"),
    ]
    assert '<a href="#published-documents">Documents published with the review</a>' in toc
    ids = re.findall(r'\bid="([^"]+)"', html)
    targets = re.findall(r'href="#([^"]+)"', toc)
    assert [t for t in targets if ids.count(t) != 1] == []
    practice_9_2 = html[html.index('id="practice-9-2"') :]
    assert practice_9_2.index("Hotline") < practice_9_2.index("</div>")


def test_objectives_table_folds_in_a_details_element(client):
    review = published_review("GHA", objectives={5: ("achieved", "Pathways.")})
    html = get(client, review.get_absolute_url())
    table = html[html.index('<nav id="objectives-table"') :]
    table = table[: table.index("</nav>")]
    assert table.count('<details class="objectives-details" data-open-wide>') == 1
    assert table.index("<summary>") < table.index('<table class="table table-sm objectives-table">')
    assert table.index("</table>") < table.index("</details>")
    assert table.count("<tr>") == 24  # the header and the 23 objectives
    assert re.search(r'<script src="/static/reviews/js/open-wide\.(\w+\.)?js" defer>', html)


def tracker_states(html: str) -> list[str]:
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return re.findall(r'<th scope="row"><a href="/en/states/[A-Z]{3}/">([^<]+)</a>', body)


@pytest.fixture
def reporting():
    published_review("GHA")
    published_review("MEX", language="es")
    submitted = draft_review("FRA")
    submit_document(submitted, by=submitted.author)
    draft_review("DEU")


def test_tracker_lists_only_the_states_that_reported(client, reporting):
    html = get(client, "/en/cycles/imrf-2026/?reported=1")
    assert tracker_states(html) == ["Ghana", "Mexico"]
    assert '<p role="status" class="results-count">2 Member States listed</p>' in html
    assert '<option value="1" selected>Only the States that reported</option>' in html

    # Where the tracker shows submissions, a submitted review has reported too.
    ReviewCycle.objects.filter(slug="imrf-2026").update(tracker_shows_submitted=True)
    html = get(client, "/en/cycles/imrf-2026/?reported=1")
    assert tracker_states(html) == ["France", "Ghana", "Mexico"]
    assert '<p role="status" class="results-count">3 Member States listed</p>' in html

    html = get(client, "/en/cycles/imrf-2026/?reported=1&commission=ECA")
    assert tracker_states(html) == ["Ghana"]
    assert '<p role="status" class="results-count">1 Member State listed</p>' in html


def test_tracker_lists_the_states_that_have_not_reported(client, reporting):
    everyone = tracker_states(get(client, "/en/cycles/imrf-2026/"))
    html = get(client, "/en/cycles/imrf-2026/?reported=0")
    assert tracker_states(html) == [s for s in everyone if s not in {"Ghana", "Mexico"}]
    assert "Germany" in tracker_states(html) and "France" in tracker_states(html)
    count = len(everyone) - 2
    assert f'<p role="status" class="results-count">{count} Member States listed</p>' in html


@pytest.mark.parametrize(
    "query, field, kept",
    [
        ("reported=yes&commission=ECA", "reported", '<option value="ECA" selected>'),
        ("reported=%00", "reported", None),
        ("reported=" + "9" * 5000, "reported", None),
        ("commission=NOPE&reported=1", "commission", '<option value="1" selected>'),
    ],
)
def test_tracker_answers_an_invalid_filter_at_the_field(client, reporting, query, field, kept):
    html = get(client, f"/en/cycles/imrf-2026/?{query}")
    assert tracker_states(html) == []
    assert (
        f'<div class="invalid-feedback d-block" id="id_{field}_errors"><p class="mb-0">'
        "Select a valid choice." in html
    )
    assert f'aria-describedby="id_{field}_errors"' in html
    assert "Correct the filters marked above to see the Member States." in html
    if kept:
        assert kept in html
