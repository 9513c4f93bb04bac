"""Settings of the web benchmark (bench/web.py): the portal's own settings, plus the framework
floor (`/bench/floor/`, bench/urls.py) and its template. Nothing else differs."""

from gcm_portal.settings import *  # noqa: F403
from gcm_portal.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
