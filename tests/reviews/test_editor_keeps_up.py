"""An editor that keeps up (issue 14, item 6), what the server renders: why an editor is
read-only (per status and per person, exact words), the previous/next objective links, the
objective counter's first figures (the entry's words and section 3's total apart), and the
autosave's refusal that names the reason."""

import re
from datetime import UTC, date, datetime

import pytest

from regional.drafting import start_report
from regional.models import RegionalMeeting
from reviews.editing import save_part
from reviews.models import (
    Document,
    FocalPointMembership,
    RegionalCommission,
    ReviewCycle,
    ReviewStatus,
)
from reviews.read_only import read_only_reason
from reviews.workflow import (
    publish_document,
    submit_document,
    withdraw_document,
)
from tests.factories import FocalPointFactory
from tests.personas import reporter_of
from tests.reviews.conftest import words

pytestmark = pytest.mark.django_db

BASE = "/en/workspace/imrf-2026/MEX/"
REASON = re.compile(
    r'<div class="alert alert-info read-only-reason" id="read-only-reason" role="note">\s*'
    r'<p class="mb-0"><strong>Read only\.</strong> (.*?)</p>',
    re.S,
)
SUBMITTED = (
    "Submitted on 26 November 2026 and awaiting the secretariat: it can be changed again if the "
    "secretariat requests changes, or if you withdraw it."
)
PUBLISHED = (
    "Published: to change it, start a new version from the overview. The published text "
    "stays online, unchanged, until the new version is published."
)
AWAITING = (
    "Submitted for sign-off: it awaits the authorizing official, who signs it off or sends "
    "it back to you. It cannot be changed meanwhile."
)
WITHDRAWN = "Withdrawn: reopen it from the overview to edit it again."
CLOSED = (
    "“International Migration Review Forum 2026” is closed"
    " for drafting: this document stays as it is (Published)."
)
OFFICIAL_DRAFT = (
    "You are the authorizing official: you read the text and sign it off when it is "
    "submitted; the focal points write and edit it."
)
OFFICIAL_AWAITING = (
    "It awaits your sign-off: as the authorizing official you read the text, then sign it "
    "off or send it back to the focal points. You do not edit it."
)
VIEWER = "You can read this document, but only its authors can change it."


def reason_on(client, user, page="section/1/"):
    """The read-only reason the editor shows `user` (None when it shows none), and the page."""
    client.force_login(user)
    response = client.get(BASE + page)
    assert response.status_code == 200
    html = response.content.decode()
    found = REASON.findall(html)
    assert len(found) <= 1
    return (found[0] if found else None), html


def _official():
    return FocalPointFactory(
        member_state_id="MEX", role=FocalPointMembership.Role.AUTHORIZING_OFFICIAL
    ).user


def _submitted(complete_draft, focal_point):
    review = submit_document(complete_draft, by=focal_point)
    assert review.status == ReviewStatus.SUBMITTED
    Document.objects.filter(pk=review.pk).update(
        submitted_at=datetime(2026, 11, 26, 10, 42, tzinfo=UTC)
    )
    return review


def test_an_editable_draft_shows_no_reason_and_the_save_bar(client, draft, focal_point):
    reason, html = reason_on(client, focal_point)
    assert reason is None
    assert html.count('<div class="editor-bar">') == 1
    assert read_only_reason(draft, focal_point) is None


def test_submitted_says_it_awaits_the_secretariat(client, complete_draft, focal_point):
    _submitted(complete_draft, focal_point)
    reason, html = reason_on(client, focal_point)
    assert reason == SUBMITTED
    assert '<div class="editor-bar">' not in html


def test_awaiting_sign_off_says_so_to_the_author_and_to_the_official(
    client, complete_draft, focal_point
):
    official = _official()
    review = submit_document(complete_draft, by=focal_point)
    assert review.status == ReviewStatus.AWAITING_SIGN_OFF
    assert reason_on(client, focal_point)[0] == AWAITING
    assert reason_on(client, official, "objectives/4/")[0] == OFFICIAL_AWAITING


def test_the_official_is_told_they_read_a_draft_they_do_not_write(client, draft):
    assert reason_on(client, _official(), "details/")[0] == OFFICIAL_DRAFT


def test_published_says_start_a_new_version(client, complete_draft, focal_point, secretariat_user):
    publish_document(_submitted(complete_draft, focal_point), by=secretariat_user)
    assert reason_on(client, focal_point, "objectives/23/")[0] == PUBLISHED


def test_withdrawn_says_reopen(client, draft, focal_point):
    withdraw_document(draft, by=focal_point)
    assert reason_on(client, focal_point)[0] == WITHDRAWN


def test_a_closed_cycle_is_the_reason_once_drafting_is_over(
    client, complete_draft, focal_point, secretariat_user, open_cycle
):
    publish_document(_submitted(complete_draft, focal_point), by=secretariat_user)
    open_cycle.is_open = False
    open_cycle.save()
    assert reason_on(client, focal_point)[0] == CLOSED


def test_the_secretariat_reads_without_editing(
    client, complete_draft, focal_point, secretariat_user
):
    _submitted(complete_draft, focal_point)
    assert reason_on(client, secretariat_user)[0] == VIEWER


def test_a_refused_autosave_gives_the_reason(client, complete_draft, focal_point):
    review = _submitted(complete_draft, focal_point)
    client.force_login(focal_point)
    response = client.post(BASE + "autosave/section-1/", {"text": "x", "version": review.version})
    assert response.status_code == 403
    assert response.json() == {"ok": False, "error": "Not saved: " + SUBMITTED}


# --- previous / next objective -----------------------------------------------------------------

PREV = re.compile(r'<a class="[^"]*objective-pager-prev" rel="prev" href="([^"]+)">(.*?)</a>', re.S)
NEXT = re.compile(r'<a class="[^"]*objective-pager-next" rel="next" href="([^"]+)">(.*?)</a>', re.S)


def _links(pattern, html):
    return [(href, re.sub(r"<[^>]+>", "", text).split()) for href, text in pattern.findall(html)]


def test_objective_1_has_a_next_link_and_no_previous(client, draft, focal_point):
    _, html = reason_on(client, focal_point, "objectives/1/")
    assert _links(PREV, html) == []
    href, text = _links(NEXT, html)[0]
    assert href == BASE + "objectives/2/"
    assert text[:4] == ["Next:", "objective", "2", "Minimize"]
    assert len(_links(NEXT, html)) == 2  # above and below the form


def test_objective_23_has_a_previous_link_and_no_next(client, draft, focal_point):
    _, html = reason_on(client, focal_point, "objectives/23/")
    assert _links(NEXT, html) == []
    assert [h for h, _ in _links(PREV, html)] == [BASE + "objectives/22/"] * 2
    assert _links(PREV, html)[0][1][:3] == ["Previous:", "objective", "22"]


def test_a_middle_objective_links_both_ways(client, draft, focal_point):
    _, html = reason_on(client, focal_point, "objectives/7/")
    assert [h for h, _ in _links(PREV, html)] == [BASE + "objectives/6/"] * 2
    assert [h for h, _ in _links(NEXT, html)] == [BASE + "objectives/8/"] * 2


# --- the objective counter ---------------------------------------------------------------------

COUNTER = re.compile(
    r'<span class="entry-counter-entry">(.*?)</span> · '
    r'<span class="entry-counter-total">(.*?)</span>'
)


def _fill(draft, focal_point, *, section_words):
    v = save_part(draft.pk, "section-3", {"text": words(section_words)},
                  by=focal_point, base_version=draft.version, kind="save").version  # fmt: skip
    entry = {
        "status": "under_way",
        "narrative": words(100),
        "principles": [],
        "practices": [{"title": "Two words", "description": words(18), "partners": ""}],
    }
    v = save_part(
        draft.pk, "objective-6", entry, by=focal_point, base_version=v, kind="save"
    ).version
    other = {**entry, "narrative": words(30), "practices": []}
    save_part(draft.pk, "objective-9", other, by=focal_point, base_version=v, kind="save")


def test_the_counter_shows_the_entry_and_the_section_total_apart(client, draft, focal_point):
    _fill(draft, focal_point, section_words=1500)
    _, html = reason_on(client, focal_point, "objectives/6/")
    # 100 + 2 + 18 in this entry; 1500 (section text) + 120 + 30 (objective 9) in section 3.
    assert COUNTER.findall(html) == [
        ("This entry: 120 words", "Section 3 in total: 1,650 of 2,000 suggested words")
    ]
    # The browser adds the entry's words, as typed, to the rest of the section (fixed).
    assert 'data-base="1530"' in html


def test_the_counter_marks_a_section_over_its_suggested_length(client, draft, focal_point):
    _fill(draft, focal_point, section_words=1900)
    _, html = reason_on(client, focal_point, "objectives/9/")
    assert COUNTER.findall(html) == [
        (
            "This entry: 30 words",
            "Section 3 in total: 2,050 of 2,000 suggested words — over the suggested limit",
        )
    ]


# --- other kinds: the shared editor (reviews.views.kind_pages.edit_part) says why too ----------


def test_a_withdrawn_regional_report_says_why_to_its_reporter_and_to_the_secretariat(
    client, secretariat_user
):
    reporter = reporter_of(commission="ECE")
    cycle = ReviewCycle.objects.get(slug="regional-2024")
    cycle.is_open = True
    cycle.save(update_fields=["is_open"])
    meeting = RegionalMeeting.objects.create(
        commission=RegionalCommission.objects.get(code="ECE"),
        cycle=cycle,
        title="Regional review",
        starts_on=date(2024, 11, 14),
        ends_on=date(2024, 11, 15),
        mode=RegionalMeeting.Mode.HYBRID,
        place="Geneva",
    )
    report = start_report(meeting, by=reporter)
    url = "/en/workspace/regional/regional-2024/ECE/section/1/"
    client.force_login(reporter)
    assert REASON.findall(client.get(url).content.decode()) == []
    withdraw_document(report, by=reporter)
    assert REASON.findall(client.get(url).content.decode()) == [WITHDRAWN]
    client.force_login(secretariat_user)
    assert REASON.findall(client.get(url).content.decode()) == [VIEWER]
