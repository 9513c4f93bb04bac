"""Importing a Word or OpenDocument file: nothing written on upload, the review page part by
part, and the chosen parts saved as one revision of kind import (issue 18, item 2).

The file is read by `reviews.wordfile.reading.read_file`; these tests replace it with what it
would return, so that they judge the flow alone (the reading has tests of its own).
"""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from reviews.editing import EditRefused, save_part, save_parts
from reviews.models import ReviewRevision, VoluntaryReview, WordImport
from reviews.wordfile import export_file, importing
from reviews.wordfile.proposal import propose
from reviews.wordfile.reading import ImportedFile, Unmatched
from reviews.workflow import submit_document

pytestmark = pytest.mark.django_db

BASE = "/en/workspace/imrf-2026/MEX/"


def save(review, key, text, by):
    review = VoluntaryReview.objects.get(pk=review.pk)
    return save_part(review, key, {"text": text}, by=by, base_version=review.version, kind="save")


def fresh(review):
    return VoluntaryReview.objects.get(pk=review.pk)


def entry(narrative):
    return {"status": "under_way", "priority": None, "narrative": narrative,
            "principles": [], "practices": []}  # fmt: skip


# --- save_parts ------------------------------------------------------------------------------


def test_save_parts_writes_every_part_as_one_revision_of_kind_import(draft, focal_point):
    before = fresh(draft).version
    saved = save_parts(
        draft,
        {"section-1": {"text": "One."}, "objective-5": entry("Pathways.")},
        by=focal_point,
        base_version=before,
        kind=ReviewRevision.Kind.IMPORT,
        label="MEX-imrf-2026-v1.docx",
    )
    review = fresh(draft)
    assert saved.saved == ["section-1", "objective-5"]
    assert saved.conflicts == []
    assert review.section_1 == "One."
    assert review.version == before + 1
    assert review.part_versions["section-1"] == review.part_versions["objective-5"] == before + 1
    latest = review.revisions.order_by("-number").first()
    assert (latest.kind, latest.label, latest.version) == (
        "import",
        "MEX-imrf-2026-v1.docx",
        before + 1,
    )
    assert latest.content["sections"]["1"] == "One."
    assert latest.content["objectives"]["5"]["narrative"] == "Pathways."
    assert review.revisions.count() == 2  # created, then the import


def test_save_parts_reports_a_part_changed_since_the_base_and_saves_the_others(
    draft, focal_point, colleague
):
    base = fresh(draft).version
    save(draft, "section-2", "Colleague's text.", colleague)
    saved = save_parts(
        draft,
        {"section-1": {"text": "Mine one."}, "section-2": {"text": "Mine two."}},
        by=focal_point, base_version=base, kind="import", label="f.docx",
    )  # fmt: skip
    review = fresh(draft)
    assert saved.saved == ["section-1"]
    assert [(c.part, c.theirs) for c in saved.conflicts] == [
        ("section-2", {"text": "Colleague's text."})
    ]
    assert (review.section_1, review.section_2) == ("Mine one.", "Colleague's text.")


def test_save_parts_records_nothing_when_nothing_is_written(draft, focal_point, colleague):
    base = fresh(draft).version
    save(draft, "section-2", "Colleague's text.", colleague)
    before = fresh(draft)
    saved = save_parts(
        draft,
        {"section-1": {"text": ""}, "section-2": {"text": "Mine."}},  # section 1: as it is
        by=focal_point, base_version=base, kind="import", label="f.docx",
    )  # fmt: skip
    after = fresh(draft)
    assert saved.saved == []
    assert [c.part for c in saved.conflicts] == ["section-2"]
    assert after.version == before.version
    assert after.revisions.count() == before.revisions.count()


def test_save_parts_refused_to_a_focal_point_of_another_state(draft, other_focal_point):
    with pytest.raises(EditRefused):
        save_parts(draft, {"section-1": {"text": "X"}}, by=other_focal_point,
                   base_version=draft.version, kind="import")  # fmt: skip
    assert fresh(draft).section_1 == ""


def test_save_parts_refused_once_submitted(complete_draft, focal_point):
    review = submit_document(fresh(complete_draft), by=focal_point)
    with pytest.raises(EditRefused):
        save_parts(review, {"section-1": {"text": "X"}}, by=focal_point,
                   base_version=review.version, kind="import")  # fmt: skip


# --- upload and proposal ---------------------------------------------------------------------


@pytest.fixture
def reads(monkeypatch):
    """`reads(found)`: the next file read gives `found` (an `ImportedFile`)."""

    def set_found(found):
        monkeypatch.setattr(importing, "read_file", lambda upload, *, document: found)

    return set_found


def upload(name="MEX-imrf-2026-v1.docx"):
    return SimpleUploadedFile(name, b"PK\x03\x04 not really read here")


def test_start_import_takes_the_base_version_from_the_files_identity(draft, focal_point, reads):
    identity = {"d": draft.pk, "r": 1, "v": draft.version, "k": draft.kind}
    reads(ImportedFile(identity, {"section-1": {"text": "From Word."}}))
    save(draft, "section-3", "Later.", focal_point)
    word_import = importing.start_import(upload(), document=fresh(draft), by=focal_point)
    assert (word_import.base_version, word_import.identified) == (draft.version, True)
    assert fresh(draft).section_1 == ""  # nothing written on upload


def test_start_import_without_our_identity_takes_the_drafts_version(draft, focal_point, reads):
    save(draft, "section-3", "Later.", focal_point)
    other = {"d": draft.pk + 1000, "r": 1, "v": 0, "k": draft.kind}
    reads(ImportedFile(other, {"section-1": {"text": "X"}, "details": {"language": "fr"}},
                       [Unmatched("Annex", "Some text.")], ["1 image was left out"]))  # fmt: skip
    word_import = importing.start_import(upload(), document=fresh(draft), by=focal_point)
    assert (word_import.base_version, word_import.identified) == (fresh(draft).version, False)
    assert word_import.parts == {"section-1": {"text": "X"}}  # never the details
    assert word_import.unmatched == [{"heading": "Annex", "text": "Some text."}]
    assert word_import.warnings == ["1 image was left out"]


def test_start_import_sweeps_imports_older_than_a_day(draft, focal_point, reads):
    old = WordImport.objects.create(document=draft, uploaded_by=focal_point, file_name="old.docx",
                                    base_version=1)  # fmt: skip
    WordImport.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    reads(ImportedFile(None, {}))
    importing.start_import(upload(), document=draft, by=focal_point)
    assert not WordImport.objects.filter(pk=old.pk).exists()


def test_proposal_flags_unchanged_conflicting_and_changed_parts(draft, focal_point, colleague):
    base = fresh(draft).version
    save(draft, "section-1", "Same text.", focal_point)
    save(draft, "section-2", "Colleague's.", colleague)
    proposed = propose(
        fresh(draft),
        {
            "objective-5": entry("Pathways widened."),
            "section-2": {"text": "Mine."},
            "section-1": {"text": "  Same text.\n"},  # differs only in form
        },
        base_version=base,
    )
    flags = [(p.key, p.unchanged, p.conflict, p.selectable, p.words) for p in proposed]
    assert flags == [
        ("section-1", True, False, False, 2),
        ("section-2", False, True, False, 1),
        ("objective-5", False, False, True, 2),
    ]
    assert [p.limit for p in proposed] == [500, 1500, 2000]


# --- the pages -------------------------------------------------------------------------------


@pytest.fixture
def alice(client, focal_point):
    client.force_login(focal_point)
    return client


def test_upload_page_guides_the_focal_point(alice, draft):
    page = alice.get(BASE + "import/").content.decode()
    guidance = "Export the draft, edit it in Word or LibreOffice, import it here; nothing is saved"
    assert f"<p>{guidance} until you choose.</p>" in page


def test_overview_links_to_the_import_for_those_who_may_edit(alice, draft):
    assert 'href="/en/workspace/imrf-2026/MEX/import/"' in alice.get(BASE).content.decode()


def test_upload_without_a_file_is_refused_at_the_field(alice, draft):
    response = alice.post(BASE + "import/", {})
    assert response.status_code == 400
    assert response.context["form"].errors == {"file": ["This field is required."]}


def test_an_empty_file_is_refused_at_the_field(alice, draft):
    response = alice.post(BASE + "import/", {"file": SimpleUploadedFile("a.docx", b"")})
    assert response.status_code == 400
    assert response.context["form"].errors == {"file": ["The submitted file is empty."]}


def test_a_file_that_cannot_be_read_is_refused_at_the_field(alice, draft, monkeypatch):
    def refuse(upload, *, document):
        raise ValidationError("Only .docx and .odt files can be imported.")

    monkeypatch.setattr(importing, "read_file", refuse)
    response = alice.post(BASE + "import/", {"file": upload("plan.pdf")})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "file": ["Only .docx and .odt files can be imported."]
    }
    assert WordImport.objects.count() == 0


@pytest.fixture
def uploaded(alice, draft, focal_point, reads):
    """Alice uploaded a file changing sections 1 and 2, with one unknown heading."""
    identity = {"d": draft.pk, "r": 1, "v": draft.version, "k": draft.kind}
    reads(ImportedFile(identity, {"section-1": {"text": "Methodology from Word."},
                                  "section-2": {"text": "Policy from Word."}},
                       [Unmatched("Annex: statistics", "| a |\n| --- |\n| 1 |")]))  # fmt: skip
    response = alice.post(BASE + "import/", {"file": upload()})
    word_import = WordImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}import/{word_import.pk}/"
    return word_import


def test_the_review_page_shows_each_change_with_its_checkbox(alice, uploaded):
    page = alice.get(f"{BASE}import/{uploaded.pk}/").content.decode()
    boxes = re.findall(r'<input [^>]*name="parts" value="([^"]+)"', page)
    assert boxes == ["section-1", "section-2"]
    assert "<ins>Methodology from Word.</ins>" in page
    assert "Annex: statistics" in page


def test_the_review_page_offers_no_checkbox_for_a_conflict_but_the_editor(
    alice, draft, colleague, uploaded
):
    save(draft, "section-1", "Colleague's methodology.", colleague)
    page = alice.get(f"{BASE}import/{uploaded.pk}/").content.decode()
    assert re.findall(r'<input [^>]*name="parts" value="([^"]+)"', page) == ["section-2"]
    assert f'<a href="{BASE}section/1/">Open 1. Methodology' in page


def test_apply_saves_the_chosen_part_only_as_one_labelled_revision(alice, draft, uploaded):
    response = alice.post(f"{BASE}import/{uploaded.pk}/apply/", {"parts": ["section-2"]})
    review = fresh(draft)
    assert response.status_code == 302
    assert response["Location"] == BASE
    assert (review.section_1, review.section_2) == ("", "Policy from Word.")
    latest = review.revisions.order_by("-number").first()
    assert (latest.kind, latest.label) == ("import", "MEX-imrf-2026-v1.docx")
    assert not WordImport.objects.exists()
    history = alice.get(BASE + "history/").content.decode()
    assert 'Import from a file: <span dir="auto">MEX-imrf-2026-v1.docx</span>' in history


def test_apply_reports_a_conflict_and_saves_the_rest(alice, draft, colleague, uploaded):
    save(draft, "section-1", "Colleague's methodology.", colleague)
    response = alice.post(
        f"{BASE}import/{uploaded.pk}/apply/", {"parts": ["section-1", "section-2"]}, follow=True
    )
    texts = [str(m) for m in response.context["messages"]]
    assert texts == [
        "Imported from MEX-imrf-2026-v1.docx: 2. Policy and enabling environment.",
        "1. Methodology for preparing the voluntary GCM reviews was not imported: it was changed "
        "in the portal since the file's version. Open it in the editor to take what you need "
        "from the file by hand.",
    ]
    assert fresh(draft).section_1 == "Colleague's methodology."


def test_applied_import_is_gone(alice, uploaded):
    alice.post(f"{BASE}import/{uploaded.pk}/apply/", {"parts": ["section-2"]})
    assert alice.get(f"{BASE}import/{uploaded.pk}/").status_code == 404
    assert (
        alice.post(f"{BASE}import/{uploaded.pk}/apply/", {"parts": ["section-1"]}).status_code
        == 404
    )


def test_an_expired_import_is_404(alice, uploaded):
    WordImport.objects.update(created_at=timezone.now() - timedelta(days=1, seconds=1))
    assert alice.get(f"{BASE}import/{uploaded.pk}/").status_code == 404


def test_another_persons_import_is_404_even_to_a_colleague(client, colleague, uploaded):
    client.force_login(colleague)
    assert client.get(f"{BASE}import/{uploaded.pk}/").status_code == 404
    assert (
        client.post(f"{BASE}import/{uploaded.pk}/apply/", {"parts": ["section-1"]}).status_code
        == 404
    )


@pytest.mark.parametrize("posted", [{}, {"parts": ["details"]}, {"parts": ["section-9"]},
                                    {"parts": ["section-1\x00"]}])  # fmt: skip
def test_no_choice_or_a_tampered_choice_is_refused_with_a_message(alice, draft, uploaded, posted):
    response = alice.post(f"{BASE}import/{uploaded.pk}/apply/", posted)
    assert response.status_code == 400
    assert response.context["error"] in {
        "Choose at least one part to import.",
        "This choice could not be read: choose again from the parts listed.",
    }
    assert fresh(draft).section_1 == ""
    assert WordImport.objects.filter(pk=uploaded.pk).exists()


def test_those_who_only_read_the_draft_may_not_import(client, draft, secretariat_user):
    client.force_login(secretariat_user)
    assert client.get(BASE + "import/").status_code == 403


def test_a_focal_point_of_another_state_does_not_see_the_import(client, draft, other_focal_point):
    client.force_login(other_focal_point)
    assert client.get(BASE + "import/").status_code == 404


# --- through the real reading ------------------------------------------------------------------


def test_a_pdf_is_refused_at_the_field_by_the_real_reading(alice, draft):
    pdf = SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n")
    response = alice.post(BASE + "import/", {"file": pdf})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "file": ["Only .docx and .odt files can be imported."]
    }


def test_an_exported_draft_imports_back_as_no_change(alice, draft, focal_point):
    save(draft, "section-1", "Methodology *agreed* with [IOM](https://iom.int).", focal_point)
    data, name, content_type = export_file(fresh(draft), revision=None, fmt="docx")
    response = alice.post(BASE + "import/", {"file": SimpleUploadedFile(name, data, content_type)})
    word_import = WordImport.objects.get()
    assert response["Location"] == f"{BASE}import/{word_import.pk}/"
    assert (word_import.base_version, word_import.identified) == (fresh(draft).version, True)
    page = alice.get(response["Location"]).content.decode()
    assert "No part of the file differs from the draft." in page


@pytest.fixture
def uploaded_bad_entry(alice, draft, focal_point, reads):
    """A file whose objective 5 has a priority above 23 (the editor refuses it) and whose
    objective 6 has a good one."""
    identity = {"d": draft.pk, "r": 1, "v": draft.version, "k": draft.kind}
    reads(ImportedFile(identity, {"objective-5": {**entry("Narrative 5."), "priority": 99},
                                  "objective-6": {**entry("Narrative 6."), "priority": 2}},
                       []))  # fmt: skip
    alice.post(BASE + "import/", {"file": upload()})
    return WordImport.objects.get()


def test_a_value_the_editor_refuses_is_shown_and_not_offered(alice, uploaded_bad_entry):
    page = alice.get(f"{BASE}import/{uploaded_bad_entry.pk}/").content.decode()
    assert re.findall(r'<input [^>]*name="parts" value="([^"]+)"', page) == ["objective-6"]
    assert (
        "It cannot be imported as the file has it: Ensure this value is less than or equal "
        "to 23." in page
    )


def test_a_value_the_editor_refuses_is_not_saved_when_posted(alice, draft, uploaded_bad_entry):
    response = alice.post(
        f"{BASE}import/{uploaded_bad_entry.pk}/apply/", {"parts": ["objective-5", "objective-6"]}
    )
    assert response.status_code == 400
    assert (
        "Objective 5 cannot be imported as the file has it: Ensure this value is less than or "
        "equal to 23." in response.content.decode()
    )
    assert not fresh(draft).objective_entries.exists()
    assert WordImport.objects.filter(pk=uploaded_bad_entry.pk).exists()
