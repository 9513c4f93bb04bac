"""One autosave through the real view, query by query (issue 17, item 4): the permission
questions cost one query per request however often they are asked, and the document's row is
held only for the writes (the version, the part, the revision), not for reads."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import FocalPointMembership
from tests.reviews.test_editing import entry_post

pytestmark = pytest.mark.django_db

BASE = "/en/workspace/imrf-2026/MEX/"


def autosave(client, url: str, data: dict):
    """POST one autosave; its response and the SQL it ran, in order."""
    with CaptureQueriesContext(connection) as queries:
        response = client.post(BASE + url, data)
    assert response.status_code == 200, response.content
    return response, [q["sql"] for q in queries.captured_queries]


def section_save(client, draft):
    return autosave(client, "autosave/section-2/", {"text": "Typed.", "version": draft.version})


def test_autosave_of_a_section_runs_12_queries(client, busy_draft, focal_point):
    """Session, user, the secretariat group (two-factor middleware), the review, the user's
    memberships; the savepoint, latest revision, attachments, version, part, revision, release
    (14 before: the focal point question was asked twice more, each a query)."""
    client.force_login(focal_point)
    response, queries = section_save(client, busy_draft)
    assert response.json()["version"] == busy_draft.version + 1
    assert len(queries) == 12


def test_autosave_of_an_objective_entry_runs_13_queries(client, busy_draft, focal_point):
    """The same, plus the form's choice of guiding principles (15 before)."""
    client.force_login(focal_point)
    response, queries = autosave(
        client, "autosave/objective-5/", entry_post(busy_draft.version, "Typed.")
    )
    assert response.json()["version"] == busy_draft.version + 1
    assert len(queries) == 13


def test_memberships_are_read_once_per_request(client, busy_draft, focal_point):
    """May see (a reader), may edit (asked by the view and by the save): one query."""
    client.force_login(focal_point)
    _, queries = section_save(client, busy_draft)
    assert sum("reviews_focalpointmembership" in sql for sql in queries) == 1


def test_memberships_are_read_again_at_the_next_request(client, busy_draft, focal_point):
    """Never kept across requests: a revoked membership refuses the very next autosave."""
    client.force_login(focal_point)
    section_save(client, busy_draft)
    FocalPointMembership.objects.filter(user=focal_point).delete()
    response = client.post(BASE + "autosave/section-2/", {"text": "More.", "version": 99})
    assert response.status_code == 404


def test_the_row_is_held_for_the_writes_only(client, busy_draft, focal_point):
    """After the version is claimed (the UPDATE that holds the `Document` row until the
    commit) come only the part's write and the revision: the attachments are read before."""
    client.force_login(focal_point)
    _, queries = section_save(client, busy_draft)
    claim = next(i for i, sql in enumerate(queries) if sql.startswith('UPDATE "reviews_document"'))
    held = [sql.split(" (")[0].split(" SET ")[0] for sql in queries[claim + 1 :]]
    assert held[:2] == [
        'UPDATE "reviews_voluntaryreview"',
        'INSERT INTO "reviews_reviewrevision"',
    ]
    assert [sql.split()[0] for sql in held[2:]] == ["RELEASE"]
    assert any('FROM "reviews_attachment"' in sql for sql in queries[:claim])
