""" "What changed": the secretariat and the focal points compare the text decided on with the
version last reviewed (request for changes, sending back, publication) and with the published
one; diffs keep paragraphs and list items apart."""

import datetime
import re

import pytest

from reviews.editing import save_part
from reviews.textdiff import blocks, word_diff
from reviews.workflow import (
    request_changes,
    revise_document,
    sign_off_document,
    submit_document,
)
from tests.personas import authorizing_official_of, secretariat_member
from tests.publishing import published_review

pytestmark = pytest.mark.django_db
MOD = "/en/secretariat/reviews/imrf-2026/MEX/"
WS = "/en/workspace/imrf-2026/MEX/"


def _save(review, part, data, by):
    return save_part(review.pk, part, data, by=by, base_version=review.version, kind="save")


@pytest.fixture
def corrected():
    """A published review, corrected, submitted and signed off by the State's official (who
    was designated after the first publication): two submission revisions, same text."""
    review = published_review("MEX", sections={2: "Our policy covers regular pathways."})
    author = review.author
    official = authorizing_official_of("MEX")
    review = revise_document(review, by=author)
    review = _save(
        review, "section-2", {"text": "Our policy covers safe regular pathways."}, author
    )
    review = submit_document(review, by=author)
    review = sign_off_document(
        review,
        by=official,
        name="A. Official",
        title="Director",
        signed_on=datetime.date(2026, 5, 4),
    )
    review.author = author
    return review


def _sign_off(review):
    official = authorizing_official_of("MEX")
    return sign_off_document(
        review,
        by=official,
        name="B. Official",
        title="Director",
        signed_on=datetime.date(2026, 5, 5),
    )


def _diff_links(html: str) -> list[str]:
    return [
        link.replace("&amp;", "&")
        for link in re.findall(r'href="([^"]*history/diff/\?[^"]*)"', html)
    ]


def test_a_signed_off_correction_is_compared_with_the_published_version(client, corrected):
    client.force_login(secretariat_member())
    html = client.get(MOD).content.decode()
    # The comparison the page offers shows the correction, not "No difference".
    links = _diff_links(html)
    assert links, "the page links no comparison"
    diff_page = client.get(links[0]).content.decode()
    assert "<ins>safe </ins>" in diff_page
    assert "No difference in the text." not in diff_page
    # And inline, labelled by what it is compared with.
    published = corrected.published_revision
    assert (
        f"?from={published.number}&amp;to={corrected.revisions.order_by('-number').first().number}"
        in html
    )
    assert html.count("<ins>safe </ins>") == 1
    assert "Changes since the version published on" in html


def test_focal_point_sees_the_same_comparison_on_the_overview(client, corrected):
    client.force_login(corrected.author)
    html = client.get(WS).content.decode()
    assert "Changes since the version published on" in html
    assert html.count("<ins>safe </ins>") == 1


def test_changes_since_the_request_for_changes_and_since_publication(client, corrected):
    secretariat = secretariat_member()
    author = corrected.author
    review = request_changes(corrected, by=secretariat, comment="Say which pathways.")
    review = _save(
        review,
        "section-2",
        {"text": "Our policy covers safe regular pathways for workers."},
        author,
    )
    review = submit_document(review, by=author)
    client.force_login(secretariat)
    html = client.get(MOD).content.decode()
    reviewed = html[html.index('id="changes-reviewed"') : html.index('id="changes-published"')]
    published = html[html.index('id="changes-published"') :]
    assert "Changes since the secretariat requested changes on" in reviewed
    assert "<del>pathways.</del><ins>pathways for workers.</ins>" in reviewed
    assert "<ins>safe </ins>" not in reviewed  # seen at the request for changes already
    assert "Changes since the published version" in published
    assert "<ins>safe </ins>" in published


def test_markdown_list_items_stay_items_in_the_rendered_diff(client, corrected):
    author = corrected.author
    request_changes(corrected, by=secretariat_member(), comment="Add a list.")
    corrected.refresh_from_db()
    before = "Measures:\n\n- first measure\n- second measure"
    review = _save(corrected, "section-4", {"text": before}, author)
    review = _sign_off(submit_document(review, by=author))
    review = request_changes(review, by=secretariat_member(), comment="One more.")
    after = "Measures:\n\n- first measure\n- second measure, extended\n- third measure"
    review = _save(review, "section-4", {"text": after}, author)
    submit_document(review, by=author)
    client.force_login(secretariat_member())
    html = client.get(MOD).content.decode()
    reviewed = html[
        html.index('id="changes-reviewed"') : html.index(
            "</details>", html.index('id="changes-reviewed"')
        )
    ]
    assert re.sub(r"\s+", " ", reviewed).count("<ul") == 1
    items = re.findall(r"<li>(.*?)</li>", reviewed)
    assert items == [
        "first measure",
        "second <ins>measure, extended</ins>",
        "<ins>third </ins>measure",
    ]
    assert "<p>Measures:</p>" in reviewed


def test_list_items_are_grouped_without_their_markers():
    diff = word_diff("Intro\n\n1. one\n2. two", "Intro\n\n1. one\n2. two\n\n- other")
    assert blocks(diff.paragraphs) == [
        {"list": None, "items": [[("equal", "Intro")]]},
        {"list": "ol", "items": [[("equal", "one")], [("equal", "two")]]},
        {"list": "ul", "items": [[("insert", "other")]]},
    ]


def test_word_diff_keeps_each_list_item_a_paragraph():
    diff = word_diff("- a one\n- b two", "- a one\n- b two three\n- c")
    assert diff.paragraphs == [
        [("equal", "- a one")],
        [("equal", "- b two"), ("insert", " three")],
        [("insert", "- c")],
    ]


def test_a_correction_of_entries_and_details_only_is_not_no_difference(client, corrected):
    author = corrected.author
    review = request_changes(corrected, by=secretariat_member(), comment="Rank them.")
    review = _save(
        review,
        "objective-5",
        {
            "status": "under_way",
            "priority": 1,
            "narrative": "",
            "principles": ["people_centred"],
            "practices": [{"title": "Seasonal visa", "description": "Two-year permits."}],
        },
        author,
    )
    review = _save(
        review,
        "details",
        {"language": "en", "part_of_national_plan": True, "stakeholders": ["migrants"]},
        author,
    )
    _sign_off(submit_document(review, by=author))
    client.force_login(secretariat_member())
    html = client.get(MOD).content.decode()
    TO = '<span class="arrow-forward">→</span>'  # turned round in Arabic (portal.css)
    reviewed = html[html.index('id="changes-reviewed"') : html.index('id="changes-published"')]
    assert "No difference in the text." not in reviewed
    assert f"Priority: <del>—</del> {TO} <ins>1</ins>" in reviewed
    assert f"Guiding principles: <del>—</del> {TO} <ins>People-centred</ins>" in reviewed
    assert "<ins>Seasonal visa · Two-year permits.</ins>" in reviewed
    assert (
        f"Part of a national implementation plan process: <del>No</del> {TO} <ins>Yes</ins>"
        in reviewed
    )
    assert f"Stakeholders consulted: <del>—</del> {TO} <ins>Migrants</ins>" in reviewed
