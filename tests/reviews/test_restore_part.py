"""The history names the part each save changed, and a part is restored from an earlier
revision as a new save, through the editor's door and its conflict rules (issue 14, item 6)."""

import html
import re

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from reviews.editing import save_part, start_review
from reviews.models import ReviewRevision, VoluntaryReview
from reviews.workflow import submit_document
from tests.personas import authorizing_official_of, focal_point_of, secretariat_member

BASE = "/en/workspace/imrf-2026/MEX/"
RESTORE = BASE + "history/restore/"
SECTION_2 = "Section 2: Policy and enabling environment"
OBJECTIVE_5 = "Objective 5: Enhance availability and flexibility of pathways for regular migration"


def save(review, part, value, by):
    review = VoluntaryReview.objects.get(pk=review.pk)
    return save_part(review, part, value, by=by, base_version=review.version, kind="save")


def history_parts(client) -> dict[int, list[str]]:
    """{revision number: the parts its row names, as read}."""
    page = client.get(BASE + "history/").content.decode()
    rows = re.findall(r'<th scope="row">(\d+)</th>(.*?)</tr>', page, re.S)
    return {
        int(number): [
            html.unescape(re.sub(r"<[^>]+>", "", label))
            for label in re.findall(r'<span class="history-part">(.*?)</span>\s', row, re.S)
        ]
        for number, row in rows
    }


def entry(narrative, **extra):
    return {
        "status": "under_way",
        "priority": None,
        "narrative": narrative,
        "principles": [],
        "practices": [],
        **extra,
    }


@pytest.fixture
def edited(draft, focal_point, colleague):
    """Revision 1 created; 2: section 2 "First"; 3: section 2 "Second"; 4: objective 5;
    5: section 1; 6: details (contacts)."""
    save(draft, "section-2", {"text": "First text of section two."}, focal_point)
    save(draft, "section-2", {"text": "Second text of section two."}, focal_point)
    save(draft, "objective-5", entry("Pathways widened."), focal_point)
    save(draft, "section-1", {"text": "Methodology as agreed."}, focal_point)
    details = {
        "stakeholders": [],
        "part_of_national_plan": False,
        "limits_justification": "",
        "contacts": [colleague.pk],
        "language": "en",
    }
    return save(draft, "details", details, focal_point)


def restore(client, review, number, part, version=None):
    version = review.version if version is None else version
    return client.post(RESTORE, {"revision": number, "part": part, "version": version})


def test_history_rows_name_the_parts_each_save_changed(client, edited, focal_point):
    client.force_login(focal_point)
    assert history_parts(client) == {
        6: ["Details: Contacts"],
        5: ["Section 1: Methodology for preparing the voluntary GCM reviews"],
        4: [OBJECTIVE_5],
        3: [SECTION_2],
        2: [SECTION_2],
        1: [],
    }


def test_restore_saves_the_old_text_as_a_new_revision(client, edited, focal_point):
    client.force_login(focal_point)
    before = VoluntaryReview.objects.get(pk=edited.pk)
    response = restore(client, before, 2, "section-2")
    assert response.status_code == 302
    assert response["Location"] == BASE + "history/"
    review = VoluntaryReview.objects.get(pk=edited.pk)
    assert review.section_2 == "First text of section two."
    latest = review.revisions.order_by("-number").first()
    assert (latest.number, latest.kind, latest.author) == (7, "save", focal_point)
    assert latest.content["sections"]["2"] == "First text of section two."
    # The other parts are as they were.
    assert review.section_1 == "Methodology as agreed."
    assert latest.content["objectives"] == edited.revisions.get(number=6).content["objectives"]
    assert latest.content["details"] == edited.revisions.get(number=6).content["details"]
    assert review.part_versions["section-2"] == before.version + 1
    assert {k: v for k, v in review.part_versions.items() if k != "section-2"} == {
        k: v for k, v in before.part_versions.items() if k != "section-2"
    }
    page = client.get(BASE + "history/")
    [message] = [str(m) for m in page.context["messages"]]
    assert message == f"Restored {SECTION_2} from the version of " + _date(latest, 2) + "."
    assert history_parts(client)[7] == [SECTION_2]


def _date(review_revision, number):
    revision = review_revision.document.revisions.get(number=number)
    return date_format(timezone.localtime(revision.updated_at), "DATE_FORMAT")


def test_restore_an_objective_entry_with_its_practices(client, draft, focal_point):
    practice = {"title": "One-stop shop", "description": "Visas in a day.", "partners": "IOM"}
    old = entry(
        "Pathways widened.", priority=2, principles=["people_centred"], practices=[practice]
    )
    save(draft, "objective-5", old, focal_point)
    save(draft, "objective-5", entry("Rewritten later."), focal_point)
    client.force_login(focal_point)
    response = restore(client, VoluntaryReview.objects.get(pk=draft.pk), 2, "objective-5")
    assert response.status_code == 302
    latest = ReviewRevision.objects.filter(document=draft).order_by("-number").first()
    assert (latest.number, latest.content["objectives"]["5"]) == (4, old)
    assert history_parts(client)[4] == [OBJECTIVE_5]


def test_restore_on_a_stale_version_of_the_part_is_a_conflict(
    client, edited, focal_point, colleague
):
    client.force_login(focal_point)
    loaded = VoluntaryReview.objects.get(pk=edited.pk)  # the history page is open
    save(edited, "section-2", {"text": "The colleague's newer text."}, colleague)
    count = ReviewRevision.objects.filter(document=edited).count()
    response = restore(client, loaded, 2, "section-2")
    assert response.status_code == 409
    assert "Your save was not applied: a colleague changed this part meanwhile" in (
        response.content.decode()
    )
    assert response.context["mine"] == {"text": "First text of section two."}
    assert response.context["save_url"] == BASE + "section/2/"
    assert VoluntaryReview.objects.get(pk=edited.pk).section_2 == "The colleague's newer text."
    assert ReviewRevision.objects.filter(document=edited).count() == count


def test_restore_on_a_version_where_only_another_part_moved_is_saved(
    client, edited, focal_point, colleague
):
    client.force_login(focal_point)
    loaded = VoluntaryReview.objects.get(pk=edited.pk)
    save(edited, "section-4", {"text": "Means, by a colleague."}, colleague)
    assert restore(client, loaded, 2, "section-2").status_code == 302
    review = VoluntaryReview.objects.get(pk=edited.pk)
    assert (review.section_2, review.section_4) == (
        "First text of section two.",
        "Means, by a colleague.",
    )


def test_restore_of_the_current_text_saves_nothing(client, edited, focal_point):
    client.force_login(focal_point)
    count = ReviewRevision.objects.filter(document=edited).count()
    response = restore(client, VoluntaryReview.objects.get(pk=edited.pk), 3, "section-2")
    assert response.status_code == 302
    assert ReviewRevision.objects.filter(document=edited).count() == count


@pytest.mark.parametrize(
    ("persona", "expected"), [("anonymous", 302), ("other_state", 404), ("official", 403),
                              ("secretariat", 403)]
)  # fmt: skip
def test_restore_refused_to_those_who_may_not_edit(client, edited, persona, expected):
    people = {
        "anonymous": lambda: None,
        "other_state": lambda: focal_point_of("FRA"),
        "official": lambda: authorizing_official_of("MEX"),
        "secretariat": lambda: secretariat_member(),
    }
    user = people[persona]()
    if user is not None:
        client.force_login(user)
    response = restore(client, VoluntaryReview.objects.get(pk=edited.pk), 2, "section-2")
    assert response.status_code == expected
    if persona == "anonymous":
        assert response["Location"].startswith("/en/accounts/login/")
    review = VoluntaryReview.objects.get(pk=edited.pk)
    assert review.section_2 == "Second text of section two."
    assert review.revisions.count() == 6
    if persona in {"official", "secretariat"}:  # they see the history, without the buttons
        assert "Restore this text" not in client.get(BASE + "history/").content.decode()


def test_the_history_offers_restoring_only_what_differs_from_now(client, edited, focal_point):
    client.force_login(focal_point)
    page = client.get(BASE + "history/").content.decode()
    # Revisions 2 (section 2), 4 (objective 5) and 6 (details) differ from the working copy in
    # no part except revision 2's section 2: the other rows hold the current text.
    assert page.count("Restore this text<span") == 1
    assert '<input type="hidden" name="revision" value="2">' in page


def test_a_read_only_review_has_no_restore_and_refuses_it(client, complete_draft, focal_point):
    save(complete_draft, "section-2", {"text": "Changed before submitting."}, focal_point)
    client.force_login(focal_point)
    assert client.get(BASE + "history/").content.decode().count("Restore this text<span") == 1
    submit_document(VoluntaryReview.objects.get(pk=complete_draft.pk), by=focal_point)
    assert "Restore this text" not in client.get(BASE + "history/").content.decode()
    review = VoluntaryReview.objects.get(pk=complete_draft.pk)
    count = review.revisions.count()
    assert restore(client, review, 2, "section-2").status_code == 403
    assert VoluntaryReview.objects.get(pk=review.pk).section_2 == "Changed before submitting."
    assert review.revisions.count() == count


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"revision": "abc", "part": "section-2", "version": "9"}, 400),
        ({"revision": "2", "part": "section-2", "version": "x"}, 400),
        ({"revision": "2", "part": "section-2\x00", "version": "9"}, 400),
        ({"revision": "2\x00", "part": "section-2", "version": "9"}, 400),
        ({"revision": "99999999999999999999", "part": "section-2", "version": "9"}, 400),
        ({"revision": "2", "part": "x" * 5000, "version": "9"}, 400),
        ({"part": "section-2", "version": "9"}, 400),
        ({"revision": "2", "part": "section-9", "version": "9"}, 404),
        ({"revision": "2", "part": "objective-24", "version": "9"}, 404),
        ({"revision": "2", "part": "../details", "version": "9"}, 404),
        ({"revision": "99", "part": "section-2", "version": "9"}, 404),
    ],
)
def test_bad_restore_requests_are_refused_not_errors(client, edited, focal_point, data, expected):
    client.force_login(focal_point)
    assert client.post(RESTORE, data).status_code == expected
    assert VoluntaryReview.objects.get(pk=edited.pk).revisions.count() == 6


def test_a_revision_of_another_review_is_not_found(client, edited, focal_point, open_cycle):
    other_author = focal_point_of("FRA")
    other = start_review("FRA", open_cycle, by=other_author)
    for n in range(8):
        other = save(other, "section-2", {"text": f"French text {n}"}, other_author)
    number = other.revisions.order_by("-number").first().number
    assert number > 6
    client.force_login(focal_point)
    response = restore(client, VoluntaryReview.objects.get(pk=edited.pk), number, "section-2")
    assert response.status_code == 404
    assert VoluntaryReview.objects.get(pk=edited.pk).section_2 == "Second text of section two."


def test_get_is_not_allowed(client, edited, focal_point):
    client.force_login(focal_point)
    assert client.get(RESTORE).status_code == 405


def test_restore_refused_when_the_objective_priority_is_taken_now(client, draft, focal_point):
    save(draft, "objective-5", entry("Old.", priority=1), focal_point)
    save(draft, "objective-5", entry("New.", priority=None), focal_point)
    save(draft, "objective-6", entry("Six.", priority=1), focal_point)
    client.force_login(focal_point)
    count = draft.revisions.count()
    response = restore(client, VoluntaryReview.objects.get(pk=draft.pk), 2, "objective-5")
    assert response.status_code == 302
    [message] = [str(m) for m in client.get(BASE + "history/").context["messages"]]
    assert message.startswith(f"{OBJECTIVE_5} could not be restored from the version of ")
    assert "Priority 1 is already given to objective 6" in message
    assert draft.revisions.count() == count
