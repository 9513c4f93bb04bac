"""Every interface string is translated into the five other UN languages."""

import ast
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ["fr", "es", "ar", "zh_Hans", "ru"]


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="needs gettext's msgfmt")
@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_is_complete_and_valid(locale):
    po = ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ translated messages\.\n", result.stderr), result.stderr


# A string of every page ("Skip to main content"), as each compiled catalogue (the .mo files that
# `make test` compiles) must give it: an English page under /fr/ fails.
SKIP_LINK = {
    "fr": "Aller au contenu principal",
    "es": "Ir al contenido principal",
    "ar": "الانتقال إلى المحتوى الرئيسي",
    "zh-hans": "跳至主要内容",
    "ru": "Перейти к основному содержанию",
}


@pytest.mark.django_db
@pytest.mark.parametrize("code,skip_link", SKIP_LINK.items())
def test_pages_are_served_translated(client, code, skip_link):
    html = client.get(f"/{code}/").content.decode()
    assert f'skip-link" href="#main">{skip_link}</a>' in html


# The calls `makemessages` (xgettext) reads: inside an f-string it reads none of them, so
# `make messages` (with --no-obsolete) dropped their strings and translations from every
# catalogue: eight of them, "Contents of this review" and the footer's "Open data:" among
# them, when it was run on 2026-11-27.
TRANSLATING = {"gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "_"}
PACKAGES = ["gcm_portal", "reviews", "regional", "stakeholders"]


def _translations_in_f_strings(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.JoinedStr):
            for inner in ast.walk(node):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id in TRANSLATING
                ):
                    found.append(f"{path.relative_to(ROOT)}:{inner.lineno}")
    return found


def test_no_string_to_translate_is_written_inside_an_f_string():
    found = [
        where
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.parts
        for where in _translations_in_f_strings(path)
    ]
    assert found == [], "translate before the f-string (makemessages cannot see these)"
