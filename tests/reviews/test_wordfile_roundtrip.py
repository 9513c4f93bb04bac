"""Round-trip fidelity of the Word files (issue 18, item 4): a draft exported then read back
gives the same parts, in the six languages and both formats; a .docx edited with python-docx
gives exactly the edits made."""

import io
from copy import deepcopy

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from reviews.editing import save_part
from reviews.models import VoluntaryReview
from reviews.parts import EMPTY_ENTRY, OBJECTIVES
from reviews.template import SECTIONS_BY_NUMBER
from reviews.wordfile import export_file
from reviews.wordfile.reading import read_file
from reviews.wordfile.to_markdown import canonical

LANGUAGES = ["en", "fr", "es", "ar", "zh-hans", "ru"]
# A sentence in each language, so that the text itself is in the review's script.
SENTENCES = {
    "en": "Migration data is collected every quarter",
    "fr": "Les données sur la migration sont collectées chaque trimestre",
    "es": "Los datos sobre migración se recopilan cada trimestre",
    "ar": "تُجمع بيانات الهجرة كل ثلاثة أشهر",
    "zh-hans": "每个季度收集移民数据",
    "ru": "Данные о миграции собираются ежеквартально",
}


def section_texts(sentence: str) -> dict[str, str]:
    return {
        "1": f"{sentence}, with **bold words**, *italic words* and "
        f"[the portal](https://migrationnetwork.un.org/).\n\nSecond paragraph: "
        "https://www.un.org/ is a bare link.",
        "2": f"{sentence}.\n\n- first point\n- second *point*\n  - a nested point\n\n"
        "1. one\n2. two",
        "3": f"{sentence}.\n\n| Year | Migrants |\n| --- | --- |\n| 2024 | 1 200 |\n"
        "| 2025 | 1 350 |",
        "4": f"> {sentence}.\n\n## Financing\n\nA line\\\nbroken by hand.",
        "5": f"{sentence}; 5 \\* 3 and snake_case stay as they are.",
    }


def entries(sentence: str) -> dict[str, dict]:
    return {
        "5": {
            "status": "under_way",
            "priority": 2,
            "narrative": f"{sentence}, under **objective 5**.\n\n- a list in the narrative",
            "principles": ["human_rights", "whole_of_government"],
            "practices": [
                {
                    "title": "One-stop centre",
                    "description": f"{sentence}: *advice* for returnees.",
                    "partners": "IOM; UNHCR",
                },
                {"title": "Hotline", "description": "Open day and night.", "partners": ""},
            ],
        },
        "17": {
            "status": "achieved",
            "priority": None,
            "narrative": f"{sentence}.",
            "principles": ["gender_responsive"],
            "practices": [],
        },
    }


def filled_draft(draft, user, language: str):
    VoluntaryReview.objects.filter(pk=draft.pk).update(language=language)
    sentence = SENTENCES[language]
    version = draft.version
    values = {f"section-{n}": {"text": t} for n, t in section_texts(sentence).items()}
    values |= {f"objective-{n}": e for n, e in entries(sentence).items()}
    for key, value in values.items():
        version = save_part(
            draft.pk, key, value, by=user, base_version=version, kind="save"
        ).version
    return VoluntaryReview.objects.get(pk=draft.pk)


def canonical_entry(entry: dict) -> dict:
    return {
        **entry,
        "narrative": canonical(entry["narrative"]),
        "principles": sorted(entry["principles"]),
        "practices": [
            {**p, "description": canonical(p["description"])} for p in entry["practices"]
        ],
    }


def expected_parts(language: str) -> dict[str, dict]:
    """Every section and all 23 entries, canonical: an unwritten entry is not addressed."""
    sentence = SENTENCES[language]
    parts = {f"section-{n}": {"text": canonical(t)} for n, t in section_texts(sentence).items()}
    written = entries(sentence)
    for number in OBJECTIVES:
        entry = written.get(str(number), deepcopy(EMPTY_ENTRY))
        parts[f"objective-{number}"] = canonical_entry(entry)
    return parts


def read_back(draft, data: bytes, name: str):
    return read_file(SimpleUploadedFile(name, data), document=draft)


@pytest.mark.parametrize("fmt", ["docx", "odt"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_export_then_import_without_changes_gives_no_change(draft, focal_point, language, fmt):
    review = filled_draft(draft, focal_point, language)
    data, name, _type = export_file(review, fmt=fmt)
    found = read_back(review, data, name)
    assert found.parts == expected_parts(language)
    assert found.unmatched == []
    assert found.warnings == []
    assert found.identity == {"d": review.pk, "r": None, "v": review.version, "k": review.kind}


def heading_paragraph(document, text: str):
    return next(p for p in document.paragraphs if p.text == text)


def paragraph_after_text_of(document, number: int):
    """The last paragraph before section `number + 1`'s heading (the end of section `number`)."""
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith(f"{number + 1}. "))
    return paragraphs[start - 1]


def test_a_docx_edited_with_python_docx_imports_exactly_those_changes(draft, focal_point):
    review = filled_draft(draft, focal_point, "en")
    data, name, _type = export_file(review, fmt="docx")
    document = docx.Document(io.BytesIO(data))
    # Section 2: a paragraph added at its end.
    end_of_2 = paragraph_after_text_of(document, 2)
    end_of_2._p.addnext(document.add_paragraph("A paragraph added in the ministry.")._p)
    # Section 4: a bullet list added at its end (before section 5's heading).
    section_5 = next(p for p in document.paragraphs if p.text.startswith("5. "))
    section_5.insert_paragraph_before("cleared by finance", style="List Bullet")
    section_5.insert_paragraph_before("cleared by *nobody* else", style="List Bullet")
    # Section 5: a table added at the end of the document (section 5 is the last).
    table = document.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    for row, cells in zip(table.rows, [("Year", "Returns"), ("2025", "310")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    # Section 1: its heading renamed to its French title.
    with translation.override("fr"):
        french = f"1. {SECTIONS_BY_NUMBER[1].title}"
    heading_paragraph(document, f"1. {SECTIONS_BY_NUMBER[1].title}").text = french
    edited = io.BytesIO()
    document.save(edited)

    found = read_back(review, edited.getvalue(), name)

    expected = expected_parts("en")
    sentence = SENTENCES["en"]
    texts = section_texts(sentence)
    expected["section-2"] = {
        "text": canonical(texts["2"]) + "\n\nA paragraph added in the ministry."
    }
    expected["section-4"] = {
        "text": canonical(texts["4"]) + "\n\n- cleared by finance\n- cleared by \\*nobody\\* else"
    }
    expected["section-5"] = {
        "text": canonical(texts["5"]) + "\n\n| Year | Returns |\n| --- | --- |\n| 2025 | 310 |"
    }
    assert found.parts == expected
    assert found.unmatched == []
    assert found.warnings == []
