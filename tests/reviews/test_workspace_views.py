"""The workspace pages: who sees what, saving, conflicts, autosave, history."""

import re

import pytest

from reviews.editing import save_part

pytestmark = pytest.mark.django_db

BASE = "/en/workspace/imrf-2026/MEX/"
PAGES = [
    "",
    "section/1/",
    "section/3/",
    "objectives/7/",
    "details/",
    "history/",
    "preview/",
    "attachments/",
    "check/",
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "persona,status",
    [
        ("focal_point", 200),
        ("colleague", 200),
        ("secretariat_user", 200),
        ("other_focal_point", 404),
    ],
)
def test_draft_pages_answer_each_persona(client, draft, request, page, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(BASE + page).status_code == status


def test_anonymous_visitor_is_sent_to_login(client, draft):
    response = client.get(BASE + "section/1/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_unknown_review_is_404_even_for_the_secretariat(client, secretariat_user, open_cycle):
    client.force_login(secretariat_user)
    assert client.get("/en/workspace/imrf-2026/FRA/").status_code == 404


def test_workspace_lists_the_users_states_and_open_cycles(client, focal_point, open_cycle):
    from tests.factories import FocalPointFactory

    FocalPointFactory(user=focal_point, member_state_id="PHL")
    client.force_login(focal_point)
    html = client.get("/en/workspace/").content.decode()
    assert "Mexico" in html and "Philippines" in html
    assert html.count("Start a new review") == 2


def test_starting_from_the_workspace_opens_the_draft(client, focal_point, open_cycle):
    client.force_login(focal_point)
    response = client.post(BASE + "start/")
    assert response["Location"] == BASE


def test_other_states_focal_point_cannot_post_either(client, draft, other_focal_point):
    client.force_login(other_focal_point)
    assert client.post(BASE + "section/1/", {"text": "x", "version": 1}).status_code == 404
    assert client.post(BASE + "autosave/section-1/", {"text": "x", "version": 1}).status_code == 404
    assert client.post(BASE + "submit/").status_code == 404


def test_section_page_shows_guidance_limit_and_counter(client, draft, focal_point):
    client.force_login(focal_point)
    html = client.get(BASE + "section/2/").content.decode()
    assert "States are encouraged to describe how the government has integrated GCM" in html
    assert "Suggested length: 1500 words." in html
    assert 'data-limit="1500"' in html


def test_save_then_conflict_page_keeps_the_users_text(client, draft, focal_point, colleague):
    client.force_login(focal_point)
    response = client.post(BASE + "section/1/", {"text": "Alice wrote this.", "version": 1})
    assert response.status_code == 302
    client.force_login(colleague)
    response = client.post(BASE + "section/1/", {"text": "Bob wrote that.", "version": 1})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Bob wrote that." in html  # the user's text, in an editable box
    assert "Alice wrote this." in html  # the current text beside it
    assert 'name="version" value="2"' in html
    # Saving from the conflict page (now on the current version) is accepted.
    assert client.post(BASE + "section/1/", {"text": "Merged.", "version": 2}).status_code == 302
    draft.refresh_from_db()
    assert draft.section_1 == "Merged."


def test_autosave_answers_json_with_the_new_version(client, draft, focal_point):
    client.force_login(focal_point)
    response = client.post(BASE + "autosave/section-2/", {"text": "draft text", "version": 1})
    body = response.json()
    assert (response.status_code, body["ok"], body["version"]) == (200, True, 2)
    assert body["message"].startswith("Saved at ")
    stale = client.post(BASE + "autosave/section-2/", {"text": "older", "version": 1}).json()
    # The same author with a stale copy is refused too: another tab may hold newer text.
    assert stale["conflict"] is True


def test_autosave_rejects_bad_input_with_field_errors(client, draft, focal_point):
    client.force_login(focal_point)
    response = client.post(
        BASE + "autosave/objective-3/",
        {"status": "bogus", "version": 1, "practices-TOTAL_FORMS": 0, "practices-INITIAL_FORMS": 0},
    )
    assert response.status_code == 400
    assert "status" in response.json()["errors"]
    assert client.post(BASE + "autosave/section-9/", {"text": "x", "version": 1}).status_code == 404


def test_objective_form_error_keeps_what_was_typed(client, draft, focal_point):
    client.force_login(focal_point)
    data = {
        "status": "planned",
        "priority": 40,
        "narrative": "Keep me",
        "version": 1,
        "practices-TOTAL_FORMS": 1,
        "practices-INITIAL_FORMS": 0,
        "practices-0-title": "",
        "practices-0-description": "A description",
        "practices-0-partners": "",
    }
    response = client.post(BASE + "objectives/2/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Keep me" in html and "A description" in html
    assert "Ensure this value is less than or equal to 23." in html
    assert "Give the practice a title." in html


def test_submit_refused_lists_sections_then_succeeds(client, complete_draft, focal_point):
    complete_draft.cycle.limits_advisory = False  # a strict cycle (advisory is the default)
    complete_draft.cycle.save()
    save_part(
        complete_draft.pk,
        "section-1",
        {"text": " ".join(["w"] * 612)},
        by=focal_point,
        base_version=complete_draft.version,
        kind="save",
    )
    client.force_login(focal_point)
    response = client.post(BASE + "submit/")
    assert response.status_code == 400
    assert "has 612 words; the limit is 500." in response.content.decode()
    complete_draft.refresh_from_db()
    save_part(
        complete_draft.pk,
        "section-1",
        {"text": "short"},
        by=focal_point,
        base_version=complete_draft.version,
        kind="save",
    )
    response = client.post(BASE + "submit/", follow=True)
    assert "Submitted to the secretariat on " in response.content.decode()


def test_history_and_word_diff(client, draft, focal_point):
    v = save_part(
        draft.pk,
        "section-1",
        {"text": "safe orderly migration"},
        by=focal_point,
        base_version=1,
        kind="save",
    ).version
    save_part(
        draft.pk,
        "section-1",
        {"text": "safe orderly and regular migration"},
        by=focal_point,
        base_version=v,
        kind="save",
    )
    client.force_login(focal_point)
    history = client.get(BASE + "history/").content.decode()
    assert re.findall(r'<th scope="row">(\d+)</th>', history) == ["3", "2", "1"]  # newest first
    html = client.get(BASE + "history/diff/?from=2&to=3").content.decode()
    assert re.search(r"orderly <ins>and regular </ins>migration", html)


def test_preview_renders_markdown_safely(client, draft, focal_point):
    save_part(
        draft.pk,
        "section-1",
        {"text": "**Key** <script>alert(1)</script>"},
        by=focal_point,
        base_version=1,
        kind="save",
    )
    client.force_login(focal_point)
    html = client.get(BASE + "preview/").content.decode()
    assert "<strong>Key</strong>" in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html


def test_submit_through_the_generic_action_shows_the_problems(client, draft, focal_point):
    client.force_login(focal_point)
    response = client.post(BASE + "action/submit/")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Section 1, “Methodology for preparing the voluntary GCM reviews”, is empty." in html
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_start_from_the_states_published_review_through_the_form(client, draft, focal_point):
    from reviews.editing import record_revision
    from reviews.models import ReviewCycle, VoluntaryReview

    save_part(draft.pk, "section-1", {"text": "Our method, again."}, by=focal_point,
              base_version=1, kind="save")  # fmt: skip
    draft.refresh_from_db()
    # Publishing belongs to the moderation workflow; here the published snapshot is pinned by hand.
    draft.published_revision = record_revision(draft, by=focal_point, kind="system")
    draft.status = "published"
    draft.save()
    ReviewCycle.objects.create(
        slug="regional-2028", kind="regional", year=2028, title="Regional 2028", is_open=True
    )
    client.force_login(focal_point)
    response = client.post("/en/workspace/regional-2028/MEX/start/", {"copy_from": draft.pk})
    assert response["Location"] == "/en/workspace/regional-2028/MEX/"
    copy = VoluntaryReview.objects.get(cycle__slug="regional-2028")
    assert (copy.based_on, copy.section_1) == (draft, "Our method, again.")


def test_overview_title_is_text_only(client, draft, focal_point):
    client.force_login(focal_point)
    html = client.get(BASE).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title == "Mexico · International Migration Review Forum 2026 · UN Network on Migration"
