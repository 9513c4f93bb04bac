"""Everything a national review captures is published (issue 14, item 3): each objective's
priority and guiding principles, the stakeholders consulted, the national implementation plan
flag and the attachments published with the review (its national plan, downloadable) appear on
the public page, in the PDF and in the API, all from the published revision: a newer draft's
values never show. And a priority goes to one objective of a review only."""

import io
import re
import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from reviews.editing import save_part
from reviews.models import Attachment, VoluntaryReview
from reviews.pdf import render_pdf
from reviews.workflow import (
    publish_document,
    revise_document,
    submit_document,
    unpublish_document,
)

pytestmark = pytest.mark.django_db

ATTACH_URL = "/en/workspace/imrf-2026/MEX/attachments/"
PAGE = "/en/reviews/imrf-2026/MEX/"
PLAN = b"%PDF-1.7\n% the national plan\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "https://portal.example.org"
    settings.PUBLIC_CACHE_SECONDS = 0
    return tmp_path


def save(review, key, data, by):
    return save_part(review.pk, key, data, by=by, base_version=review.version, kind="save")


def attach(client, user, name, kind, body=PLAN) -> Attachment:
    client.force_login(user)
    upload = SimpleUploadedFile(name, body, content_type="application/pdf")
    assert client.post(ATTACH_URL, {"kind": kind, "file": upload}).status_code == 302
    client.logout()
    return Attachment.objects.get(original_name=name)


def entry(status, priority=None, principles=(), narrative="Progress reported."):
    return {
        "status": status,
        "priority": priority,
        "narrative": narrative,
        "principles": list(principles),
        "practices": [],
    }


@pytest.fixture
def published(client, complete_draft, focal_point, secretariat_user):
    """Mexico's review, published with priorities, principles, stakeholders, the plan flag and
    a national plan; then a new version is started whose draft says something else on each."""
    review = complete_draft
    review = save(
        review,
        "objective-7",
        entry("under_way", 1, ["national_sovereignty", "people_centred"]),
        focal_point,
    )
    review = save(review, "objective-2", entry("planned", 2), focal_point)
    details = {"language": "en", "part_of_national_plan": True, "limits_justification": "",
               "contacts": [], "stakeholders": ["civil_society", "migrants"]}  # fmt: skip
    review = save(review, "details", details, focal_point)
    plan = attach(client, focal_point, "National-plan-2025.pdf", "national_plan")
    note = attach(client, focal_point, "Cabinet-note.pdf", "supporting")
    submit_document(review, by=focal_point)
    review = publish_document(review, by=secretariat_user)

    draft = revise_document(review, by=focal_point)
    draft = save(
        draft, "objective-7", entry("achieved", 5, ["international_cooperation"]), focal_point
    )
    draft = save(draft, "details", {**details, "part_of_national_plan": False,
                                    "stakeholders": ["academia"]}, focal_point)  # fmt: skip
    newer = attach(client, focal_point, "Draft-plan-2026.pdf", "national_plan")
    return {"review": review, "plan": plan, "note": note, "newer": newer}


def text_of(html: str) -> str:
    inline = re.sub(r"</?(span|a|strong)\b[^>]*>", "", html)
    return " ".join(re.sub(r"<[^>]+>", " ", inline).split())


def part_of_page(html: str, element_id: str) -> str:
    found = re.search(rf'<section id="{element_id}".*?</section>', html, re.S)
    assert found, element_id
    return text_of(found.group(0))


# --- the public page --------------------------------------------------------------------------


def test_public_page_shows_priority_and_principles_of_each_objective(client, published):
    html = client.get(PAGE).content.decode()
    assert part_of_page(html, "objective-7").startswith(
        "7. Address and reduce vulnerabilities in migration Under way · Priority 1"
    )
    assert part_of_page(html, "objective-7").endswith(
        "Guiding principles applied: People-centred; National sovereignty"
    )
    assert part_of_page(html, "objective-2").endswith("Planned · Priority 2 Progress reported.")
    # The objectives table has a priority column.
    row = re.search(r"<tr>\s*<th scope=\"row\"><a href=\"#objective-7\">.*?</tr>", html, re.S)
    assert text_of(row.group(0)) == (
        "7. Address and reduce vulnerabilities in migration Under way 1 4"
    )
    # The draft's newer values do not show.
    assert "Priority 5" not in html
    assert "International cooperation" not in html


def test_public_page_shows_stakeholders_plan_flag_and_the_plan_to_download(client, published):
    html = client.get(PAGE).content.decode()
    plan = published["plan"]
    assert part_of_page(html, "about-review") == (
        "About this review Stakeholders consulted Migrants; Civil society "
        "Part of a process to elaborate a national implementation plan Yes "
        f"Documents published with the review National-plan-2025.pdf "
        f"(National implementation plan, {len(PLAN)} bytes)"
    )
    assert re.findall(r'href="(/en/reviews/[^"]+/attachments/\d+/)"', html) == [
        f"/en/reviews/imrf-2026/MEX/attachments/{plan.pk}/"
    ]
    # Neither the supporting document nor the draft's new plan, nor the draft's stakeholders.
    assert "Cabinet-note.pdf" not in html
    assert "Draft-plan-2026.pdf" not in html
    assert "Academia" not in html


def test_the_published_plan_downloads_and_nothing_else_does(client, published):
    plan, note, newer = published["plan"], published["note"], published["newer"]
    response = client.get(f"/en/reviews/imrf-2026/MEX/attachments/{plan.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PLAN
    assert response["Content-Disposition"] == 'attachment; filename="National-plan-2025.pdf"'
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=300"
    for other in (note.pk, newer.pk, 999999):
        assert client.get(f"/en/reviews/imrf-2026/MEX/attachments/{other}/").status_code == 404
    assert client.post(f"/en/reviews/imrf-2026/MEX/attachments/{plan.pk}/").status_code == 405
    # Another State's address for the same file: not found.
    assert client.get(f"/en/reviews/imrf-2026/GHA/attachments/{plan.pk}/").status_code == 404


def test_the_plan_is_gone_with_an_unpublished_review(
    client, published, focal_point, secretariat_user
):
    review = VoluntaryReview.objects.get(pk=published["review"].pk)
    # The new version is published first: unpublishing needs a published review.
    review = submit_document(review, by=focal_point)
    review = publish_document(review, by=secretariat_user)
    unpublish_document(review, by=secretariat_user, comment="Withdrawn.")
    url = f"/en/reviews/imrf-2026/MEX/attachments/{published['plan'].pk}/"
    assert client.get(url).status_code == 410


def test_a_removed_plan_is_listed_without_a_link(client, published):
    Attachment.objects.filter(pk=published["plan"].pk).delete()
    html = client.get(PAGE).content.decode()
    assert "/attachments/" not in html
    assert part_of_page(html, "about-review").endswith(
        f"National-plan-2025.pdf (National implementation plan, {len(PLAN)} bytes) · "
        "no longer available for download"
    )


# --- the PDF --------------------------------------------------------------------------------


def test_pdf_shows_everything_of_the_published_revision(published):
    review = VoluntaryReview.objects.get(pk=published["review"].pk)
    data = render_pdf(review, review.published_revision)
    text = " ".join(
        subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
        .stdout.decode()
        .split()
    )
    assert "Implementation status: Under way · Priority 1" in text
    assert "Implementation status: Planned · Priority 2" in text
    assert "Guiding principles applied: People-centred; National sovereignty" in text
    assert "Stakeholders consulted Migrants; Civil society" in text
    assert "Part of a process to elaborate a national implementation plan Yes" in text
    plan_url = (
        f"https://portal.example.org/en/reviews/imrf-2026/MEX/attachments/{published['plan'].pk}/"
    )
    # The address may wrap at the end of a line.
    assert f"National-plan-2025.pdf(Nationalimplementationplan):{plan_url}" in text.replace(" ", "")
    # The supporting document is listed by name (as before), without a link.
    assert "Cabinet-note.pdf (Supporting document)" in text
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in PdfReader(io.BytesIO(data)).pages
        for annotation in page.get("/Annots") or []
        if "/URI" in annotation.get_object().get("/A", {})
    ]
    assert set(links) == {plan_url}  # one link (a wrapped address is two areas)
    for newer in ("Priority 5", "International cooperation", "Academia", "Draft-plan-2026"):
        assert newer not in text


# --- the API --------------------------------------------------------------------------------


def test_api_review_gives_everything_of_the_published_revision(client, published):
    review, plan = published["review"], published["plan"]
    data = client.get(f"/api/v1/reviews/{review.pk}/").json()
    objectives = {o["number"]: o for o in data["objectives"]}
    assert (objectives[7]["priority"], objectives[7]["principles"]) == (
        1,
        ["national_sovereignty", "people_centred"],
    )
    assert (objectives[2]["priority"], objectives[2]["principles"]) == (2, [])
    assert data["stakeholders_consulted"] == ["civil_society", "migrants"]
    assert data["part_of_national_plan"] is True
    assert data["attachments"] == [
        {
            "name": "National-plan-2025.pdf",
            "kind": "national_plan",
            "size": len(PLAN),
            "content_type": "application/pdf",
            "url": f"http://testserver/en/reviews/imrf-2026/MEX/attachments/{plan.pk}/",
        }
    ]


def test_api_objective_entries_give_priority_and_principles(client, published):
    rows = client.get("/api/v1/objective-entries/?state=MEX").json()["results"]
    assert [(r["objective"], r["priority"], r["principles"]) for r in rows] == [
        (2, 2, []),
        (7, 1, ["national_sovereignty", "people_centred"]),
    ]
    csv = client.get("/api/v1/objective-entries/?state=MEX&format=csv").content.decode()
    header, *lines = csv.splitlines()
    assert header.split(",")[6:8] == ["priority", "principles"]
    assert lines[1].split(",")[6:8] == ["1", "national_sovereignty; people_centred"]


# --- unique priorities ----------------------------------------------------------------------


def objective_post(version, priority, status="planned"):
    return {
        "version": version,
        "status": status,
        "priority": priority,
        "narrative": "Typed text that must be kept.",
        "practices-TOTAL_FORMS": "1",
        "practices-INITIAL_FORMS": "0",
        "practices-MIN_NUM_FORMS": "0",
        "practices-MAX_NUM_FORMS": "10",
    }


def test_a_priority_already_given_is_refused_at_the_field(client, complete_draft, focal_point):
    review = save(complete_draft, "objective-7", entry("under_way", 1), focal_point)
    client.force_login(focal_point)
    url = "/en/workspace/imrf-2026/MEX/objectives/9/"
    response = client.post(url, objective_post(review.version, 1))
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["priority"] == [
        "Priority 1 is already given to objective 7 (Address and reduce vulnerabilities in "
        "migration). Choose another priority, or first remove it from objective 7."
    ]
    html = response.content.decode()
    # At the field, which keeps the value typed, and which its message describes.
    assert re.findall(r'<input type="number" name="priority"[^>]*>', html) == [
        '<input type="number" name="priority" value="1" min="1" max="23" class="numberinput '
        'form-control is-invalid" aria-invalid="true" aria-describedby="id_priority_helptext '
        'id_priority_error" id="id_priority">'
    ]
    assert '<p id="error_1_id_priority"><strong>Priority 1 is already given to objective 7' in html
    assert "Typed text that must be kept." in html
    review.refresh_from_db()
    assert not review.objective_entries.filter(objective_id=9).exists()

    # Another priority is saved; objective 7 keeps its own priority when saved again.
    assert client.post(url, objective_post(review.version, 2)).status_code == 302
    review.refresh_from_db()
    again = client.post(
        "/en/workspace/imrf-2026/MEX/objectives/7/", objective_post(review.version, 1)
    )
    assert again.status_code == 302
    assert dict(review.objective_entries.values_list("objective_id", "priority")) == {7: 1, 9: 2}


def test_autosave_refuses_a_priority_already_given(client, complete_draft, focal_point):
    review = save(complete_draft, "objective-7", entry("under_way", 1), focal_point)
    client.force_login(focal_point)
    url = "/en/workspace/imrf-2026/MEX/autosave/objective-9/"
    response = client.post(url, objective_post(review.version, 1))
    assert response.status_code == 400
    assert "Priority 1 is already given to objective 7" in response.content.decode()
    assert not review.objective_entries.filter(objective_id=9).exists()
