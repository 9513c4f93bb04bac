"""At 320 px wide (WCAG 1.4.10, reflow) nothing scrolls sideways on the main pages, in English
and Arabic: a table wider than the phone scrolls in its own container, a focusable region with
a name (static/reviews/js/wide-tables.js), so that a keyboard user can scroll it too.

The pages are those of tests/main_pages.py on the demo content; logged-in pages get the
session of the person as a cookie.
"""

import pytest
from django.conf import settings as django_settings
from django.test import Client

from tests import main_pages

# Transactional: the live server reads committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

# The widest things on the page when it scrolls sideways, for the failure message; and every
# table wider than its box, with the box it scrolls in.
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  if (document.documentElement.scrollWidth > width) {
    document.querySelectorAll("main *").forEach(e => {
      const box = e.getBoundingClientRect();
      if (box.right > width + 1 || box.left < -1) {
        wide.push(`${e.tagName.toLowerCase()}${e.id ? "#" + e.id : ""}.${e.className}`.slice(0, 80)
          + ` (${Math.round(box.left)}..${Math.round(box.right)})`);
      }
    });
  }
  const tables = [...document.querySelectorAll("main table")]
    .filter(t => t.getBoundingClientRect().width > t.parentElement.clientWidth + 1
                 || t.parentElement.scrollWidth > t.parentElement.clientWidth + 1)
    .map(t => {
      const box = t.parentElement;
      return {
        id: t.id || t.className,
        tabindex: box.getAttribute("tabindex"),
        role: box.getAttribute("role"),
        label: box.getAttribute("aria-label") || "",
        scrolls: getComputedStyle(box).overflowX,
      };
    });
  return {scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 8), tables};
}"""


def test_main_pages_fit_a_320_pixel_phone_in_english_and_arabic(
    page, live_server, settings, tmp_path
):
    main_pages.seed(settings, tmp_path)
    page.set_viewport_size({"width": 320, "height": 640})
    sessions = {}
    problems, wide_tables = [], 0
    for language in ["en", "ar"]:
        for _name, email, path, data in main_pages.pages():
            if data is not None:
                continue  # refused forms: the same page as the form
            if email not in sessions:
                client = Client()
                if email:
                    main_pages.fetch(client, email, "", None)
                sessions[email] = client.cookies.get(django_settings.SESSION_COOKIE_NAME)
            page.context.clear_cookies()
            if sessions[email]:
                page.context.add_cookies(
                    [{"name": django_settings.SESSION_COOKIE_NAME,
                      "value": sessions[email].value, "url": live_server.url}]
                )  # fmt: skip
            response = page.goto(f"{live_server.url}/{language}/{path}")
            assert response.status == 200, f"{language}/{path}: {response.status}"
            measured = page.evaluate(MEASURE)
            if measured["scrollWidth"] > 320:
                problems.append(
                    f"{language}/{path}: {measured['scrollWidth']} px {measured['wide']}"
                )
            for table in measured["tables"]:
                wide_tables += 1
                if (table["tabindex"], table["role"], table["scrolls"]) != (
                    "0",
                    "region",
                    "auto",
                ) or not table["label"]:
                    problems.append(f"{language}/{path}: table {table}")
    assert problems == [], "\n".join(problems)
    # The check saw wide tables (the tracker, the coverage table...), each in its region.
    assert wide_tables >= 4
