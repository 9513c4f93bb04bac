"""The main pages of the portal, on the demo content of `seed_demo`, for the checks that read
every kind of page (valid HTML, a phone's width): one page of each public kind, the login, a
focal point's workspace and editors, the secretariat's moderation pages and queues, the regional
and stakeholder pages, and forms refused with their errors shown.

`seed_demo` makes every kind of content through the portal's own doors (published national
reviews in the six languages, regional reports and inputs, events, pledges), so a page kind
added later joins by adding its path here.
"""

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from regional.models import RegionalInput
from stakeholders.models import Event, Pledge, StakeholderInput

FOCAL_POINT = "focal.point@example.org"  # Mexico (published) and the Philippines (a draft)
SECRETARIAT = "secretariat@example.org"
REPORTER = "reporter@example.org"  # ECE
CODES = ["en", "fr", "es", "ar", "zh-hans", "ru"]


def seed(settings, media_root) -> None:
    """The demo content, rendered PDFs and all, written under `media_root`."""
    settings.MEDIA_ROOT = media_root
    settings.REGISTRATION_RATE_LIMIT = "100000/h"
    call_command("seed_demo", "--force", stdout=io.StringIO())
    # The demo's IMRF 2026 took place: open its registration and accreditation again, so that
    # their forms are shown rather than the "closed" page.
    now = timezone.now()
    Event.objects.filter(slug="imrf-2026").update(
        accreditation_deadline=now + timedelta(days=20),
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=30),
    )


def pages() -> list[tuple[str, str | None, str, dict | None]]:
    """(name, e-mail of who is logged in or None, path under /en/, POST data or None)."""
    published = {"published_revision__isnull": False}
    pledge = Pledge.objects.filter(**published).order_by("pk").first()
    regional_input = RegionalInput.objects.filter(**published).order_by("pk").first()
    written = StakeholderInput.objects.filter(**published).order_by("pk").first()
    rows = [
        ("home", None, "", None),
        ("reviews", None, "reviews/", None),
        ("search", None, "reviews/?q=migrants", None),
        ("review-ar", None, "reviews/imrf-2026/JOR/", None),
        ("review-en", None, "reviews/imrf-2026/MEX/", None),
        ("review-closed-cycle", None, "reviews/imrf-2022/GHA/", None),
        ("state", None, "states/MEX/", None),
        ("objective", None, "objectives/5/", None),
        ("tracker", None, "cycles/imrf-2026/", None),
        ("coverage", None, "cycles/regional-2024/coverage/", None),
        ("regional-list", None, "regional/", None),
        ("regional-report", None, "regional/regional-2024/ECE/", None),
        ("regional-report-ar", None, "regional/regional-2024/ESCWA/", None),
        ("events", None, "events/", None),
        ("event", None, "events/imrf-2026/", None),
        ("register", None, "events/imrf-2026/register/", None),
        ("register-refused", None, "events/imrf-2026/register/", {"email": "not an address"}),
        ("accreditation-apply", None, "events/imrf-2026/accreditation/apply/", None),
        ("accreditation-refused", None, "events/imrf-2026/accreditation/apply/", {"x": "1"}),
        ("organizations", None, "events/imrf-2026/organizations/", None),
        ("pledges", None, "pledges/", None),
        ("login", None, "accounts/login/", None),
        ("login-refused", None, "accounts/login/", {"username": "x@example.org", "password": "x"}),
        ("workspace", FOCAL_POINT, "workspace/", None),
        ("overview", FOCAL_POINT, "workspace/imrf-2026/PHL/", None),
        ("section-editor", FOCAL_POINT, "workspace/imrf-2026/PHL/section/1/", None),
        ("objective-editor", FOCAL_POINT, "workspace/imrf-2026/PHL/objectives/5/", None),
        ("details-editor", FOCAL_POINT, "workspace/imrf-2026/PHL/details/", None),
        ("history", FOCAL_POINT, "workspace/imrf-2026/PHL/history/", None),
        ("import", FOCAL_POINT, "workspace/imrf-2026/PHL/import/", None),
        ("import-refused", FOCAL_POINT, "workspace/imrf-2026/PHL/import/", {"x": "1"}),
        ("queue", SECRETARIAT, "secretariat/", None),
        ("moderation", SECRETARIAT, "secretariat/reviews/imrf-2026/MEX/", None),
        ("regional-moderation", SECRETARIAT, "secretariat/regional/regional-2024/ECE/", None),
        ("registration-queue", SECRETARIAT, "secretariat/registrations/", None),
        ("report-overview", REPORTER, "workspace/regional/regional-2024/ECE/", None),
        ("report-section", REPORTER, "workspace/regional/regional-2024/ECE/section/1/", None),
    ]
    if pledge:
        rows.append(("pledge", None, f"pledges/{pledge.reference}/", None))
    if regional_input:
        rows.append(
            (
                "regional-input",
                None,
                f"regional/regional-2024/ECE/inputs/{regional_input.pk}/",
                None,
            )
        )
    if written:
        rows.append(("written-input", None, f"inputs/{written.cycle.slug}/{written.pk}/", None))
    return rows


def fetch(client, email: str | None, path: str, data: dict | None, language: str = "en"):
    """The page as `email` sees it (None: anonymous), under /`language`/."""
    client.logout()
    if email:
        client.force_login(get_user_model().objects.get(email=email))
    url = f"/{language}/{path}"
    if data is None:
        return client.get(url)
    # One address per language: the login's lockout counts refused logins per address.
    return client.post(url, data, REMOTE_ADDR=f"10.0.15.{CODES.index(language) + 1}")
