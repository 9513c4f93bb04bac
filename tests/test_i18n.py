"""Every interface string is translated into the five other UN languages."""

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


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["fr", "es", "ar", "zh-hans", "ru"])
def test_pages_are_served_translated(client, code):
    english = client.get("/en/").content.decode()
    translated = client.get(f"/{code}/").content.decode()
    assert "Skip to main content" in english
    assert "Skip to main content" not in translated
    assert "Review cycles" not in translated
