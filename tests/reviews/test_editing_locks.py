"""A save that finds its copy of the review stale locks the `Document` row only (issue 17,
item 4): locking the review's own row as well, before the parent, deadlocked with a colleague's
save holding the parent row and writing a section (bench/editing.py met it: HTTP 500s)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.editing import save_part
from reviews.models import VoluntaryReview

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db]


def test_a_stale_save_locks_only_the_document_row(draft, focal_point):
    stale = VoluntaryReview.objects.get(pk=draft.pk)
    save_part(
        draft.pk,
        "section-1",
        {"text": "Theirs."},
        by=focal_point,
        base_version=draft.version,
        kind="save",
    )

    with CaptureQueriesContext(connection) as queries:
        saved = save_part(
            stale,
            "section-2",
            {"text": "Mine."},
            by=focal_point,
            base_version=draft.version,
            kind="save",
        )

    locks = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    assert [sql[sql.index("FOR UPDATE") :] for sql in locks] == ['FOR UPDATE OF "reviews_document"']
    assert (saved.section_1, saved.section_2) == ("Theirs.", "Mine.")
