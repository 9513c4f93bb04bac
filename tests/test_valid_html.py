"""The main pages are valid HTML in the six languages: the Nu HTML Checker (vnu.jar, the W3C's
validator, from npm's vnu-jar) finds zero errors.

The pages are the demo content's (`tests/main_pages.py`), fetched with the test client, written
to a temporary folder and checked by one run of vnu (its Java start-up costs seconds, so it sees
every file at once). `scripts/install-system-deps.sh test` (run by `make test`) installs Java and
vnu-jar; without them this test fails rather than pass unseen.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests import main_pages

ROOT = Path(__file__).resolve().parent.parent
VNU_JAR = Path(
    os.environ.get(
        "VNU_JAR", ROOT / "var" / "node" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    )
)
LANGUAGES = main_pages.CODES

pytestmark = pytest.mark.django_db


def vnu_errors(files: list[Path]) -> list[dict]:
    """vnu's errors for `files`, each with its file name, line and message."""
    java = shutil.which("java")
    assert java and VNU_JAR.is_file(), (
        f"needs Java and {VNU_JAR.relative_to(ROOT)}: run `scripts/install-system-deps.sh test` "
        "(make test does), which installs default-jre-headless and npm's vnu-jar"
    )
    done = subprocess.run(
        [java, "-Xss16m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json",
         *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    # vnu writes its report to stderr, and exits 1 when it found errors.
    assert done.returncode in (0, 1), done.stderr[-2000:]
    messages = json.loads(done.stderr)["messages"]
    return [
        {
            "file": Path(m.get("url", "")).name,
            "line": m.get("lastLine"),
            "message": m["message"],
            "extract": m.get("extract", "").strip()[:120],
        }
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]


def test_vnu_reports_an_invalid_page(tmp_path):
    """The checker itself: a <time> with six fractional digits is an error, a page without
    errors gives none (so the test below cannot pass because vnu saw nothing)."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
        '<time datetime="2026-05-05T10:00:00.123456+00:00">5 May</time></body></html>'
    )
    good = tmp_path / "good.html"
    good.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
        '<time datetime="2026-05-05T10:00:00Z">5 May</time></body></html>'
    )
    errors = vnu_errors([bad, good])
    assert [(e["file"], e["line"]) for e in errors] == [("bad.html", 1)]
    assert "datetime" in errors[0]["message"]


def test_main_pages_are_valid_html_in_six_languages(client, settings, tmp_path):
    # The source names of static files: no collectstatic manifest needed (as tests/browser does).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    main_pages.seed(settings, tmp_path / "media")
    out = tmp_path / "pages"
    out.mkdir()
    files, failed = [], []
    for language in LANGUAGES:
        for name, email, path, data in main_pages.pages():
            response = main_pages.fetch(client, email, path, data, language)
            # A refused form is shown again with its errors (200, or 400 where the view says so).
            if response.status_code not in ((200, 400) if data is not None else (200,)):
                failed.append(f"{language}/{path}: {response.status_code}")
                continue
            page = out / f"{language}-{name}.html"
            page.write_bytes(response.content)
            files.append(page)
    assert failed == []
    assert len(files) == len(LANGUAGES) * len(main_pages.pages())

    errors = vnu_errors(files)
    report = "\n".join(f"{e['file']}:{e['line']}: {e['message']}  [{e['extract']}]" for e in errors)
    assert errors == [], f"{len(errors)} HTML errors:\n{report}"
