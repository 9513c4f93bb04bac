"""Nothing lost in the move to documents (migration 0009).

The demo data is made by the code as it was before the move (the commit named below, checked out
from this repository's history into a temporary folder), on a PostgreSQL database of its own;
then today's migrations run on that database. Every review, revision, event, comment, attachment,
PDF and published revision is still there, with identical texts, ids and public addresses, and a
new document does not collide with the old ids.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
# The last commit whose schema had no Document (migration 0008_reliability).
BEFORE_DOCUMENTS = "fd0ecdd"

pytestmark = pytest.mark.postgresql


def _git(*args, **kwargs):
    return subprocess.run(["git", "-C", str(ROOT), *args], check=True, **kwargs)


@pytest.fixture
def old_tree(tmp_path):
    found = subprocess.run(
        ["git", "-C", str(ROOT), "cat-file", "-e", f"{BEFORE_DOCUMENTS}^{{commit}}"],
        capture_output=True,
    )
    if found.returncode != 0:
        pytest.skip(f"needs this repository's history (commit {BEFORE_DOCUMENTS})")
    archive = _git("archive", BEFORE_DOCUMENTS, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tmp_path)], input=archive, check=True)
    return tmp_path


@pytest.fixture
def scratch_database():
    """A database of its own on the test server (the test database is the suite's)."""
    db = settings.DATABASES["default"]
    name = f"gcm_migration_{uuid.uuid4().hex[:8]}"
    server = {k: db[k] for k in ("HOST", "PORT", "USER", "PASSWORD") if db.get(k)}
    params = {"dbname": "postgres", **{k.lower(): v for k, v in server.items()}}
    admin = psycopg2.connect(**params)
    admin.autocommit = True  # CREATE DATABASE runs outside any transaction
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    admin.close()
    user = db.get("USER") or ""
    auth = f"{user}:{db['PASSWORD']}@" if db.get("PASSWORD") else f"{user}@" if user else ""
    url = f"postgres://{auth}{db.get('HOST') or '127.0.0.1'}:{db.get('PORT') or 5432}/{name}"
    yield url, {**params, "dbname": name}
    admin = psycopg2.connect(**params)
    admin.autocommit = True
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _manage(tree: Path, database_url: str, media: Path, *args: str) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "1",  # seed_demo runs only in development
        "MEDIA_ROOT": str(media),
        "REDIS_URL": "",  # Celery in-process: the demo's PDFs are rendered as it publishes
        "REDIS_CACHE_URL": "",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


OLD = {
    "reviews": """
        SELECT r.id, r.member_state_id, c.slug, r.status, r.version, r.language,
               r.published_revision_id, r.section_1, r.section_2, r.section_3, r.section_4,
               r.section_5, r.submitted_at, r.published_at, r.first_published_at,
               r.signed_off_name, r.part_versions::text
          FROM reviews_voluntaryreview r JOIN reviews_reviewcycle c ON c.id = r.cycle_id""",
    "pdfs": """SELECT id, pdf_status, pdf_file, pdf_hash FROM reviews_voluntaryreview
                WHERE pdf_status <> 'none' OR pdf_file <> ''""",
    "revisions": "SELECT id, review_id, number, kind, content::text FROM reviews_reviewrevision",
    "events": """SELECT id, review_id, action, from_status, to_status, comment,
                        section_comments::text, revision_id FROM reviews_moderationevent""",
    "attachments": "SELECT id, review_id, original_name, sha256, file FROM reviews_attachment",
    "parts": "SELECT id, review_id, kind, number, text, html FROM reviews_publishedpart",
    "entries": """SELECT id, review_id, objective_id, status, narrative
                    FROM reviews_objectiveprogress""",
    "stakeholders": """SELECT voluntaryreview_id, stakeholdercategory_id
                         FROM reviews_voluntaryreview_stakeholders_consulted""",
}
NEW = {
    **OLD,
    "reviews": """
        SELECT r.id, r.member_state_id, c.slug, d.status, d.version, d.language,
               d.published_revision_id, r.section_1, r.section_2, r.section_3, r.section_4,
               r.section_5, d.submitted_at, d.published_at, d.first_published_at,
               d.signed_off_name, d.part_versions::text
          FROM reviews_voluntaryreview r JOIN reviews_document d ON d.id = r.id
          JOIN reviews_reviewcycle c ON c.id = d.cycle_id""",
    "pdfs": "SELECT document_id, status, file, hash FROM reviews_pdfrendition",
    "revisions": "SELECT id, document_id, number, kind, content::text FROM reviews_reviewrevision",
    "events": """SELECT id, document_id, action, from_status, to_status, comment,
                        section_comments::text, revision_id FROM reviews_moderationevent""",
    "attachments": "SELECT id, document_id, original_name, sha256, file FROM reviews_attachment",
    "parts": "SELECT id, document_id, kind, number, text, html FROM reviews_publishedpart",
}


def _read(params: dict, queries: dict) -> dict:
    with psycopg2.connect(**params) as connection, connection.cursor() as cursor:
        found = {}
        for name, sql in queries.items():
            cursor.execute(sql)
            found[name] = sorted(cursor.fetchall(), key=repr)
    return found


CHECK_AFTER = """
import json
from django.test import Client
from reviews.models import MemberState, ReviewCycle, VoluntaryReview
client = Client()
published = VoluntaryReview.objects.filter(published_revision__isnull=False)
pages = {}
for review in published.select_related("cycle", "member_state"):
    url = review.get_absolute_url()
    pages[url] = client.get(url, headers={"host": "localhost"}).status_code
used = set(VoluntaryReview.objects.values_list("member_state_id", flat=True))
state = MemberState.objects.exclude(iso3__in=used).order_by("iso3").first()
new = VoluntaryReview.objects.create(member_state=state, cycle=ReviewCycle.objects.first())
print(json.dumps({"pages": pages, "new_id": new.pk}))
"""


def test_demo_data_of_the_old_schema_survives_the_move_to_documents(
    old_tree, scratch_database, tmp_path
):
    url, params = scratch_database
    media = tmp_path / "media"
    for command in (["migrate", "--noinput"], ["load_reference_data"], ["seed_demo"]):
        _manage(old_tree, url, media, *command)
    before = _read(params, OLD)
    assert len(before["reviews"]) >= 6 and len(before["parts"]) > 0  # the demo was made
    assert len(before["pdfs"]) > 0 and len(before["events"]) > 0

    _manage(ROOT, url, media, "migrate", "--noinput")
    after = _read(params, NEW)

    assert after == before
    with psycopg2.connect(**params) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT kind, authored_by = r.member_state_id FROM reviews_document d "
            "JOIN reviews_voluntaryreview r ON r.id = d.id"
        )
        assert cursor.fetchall() == [("national_review", True)]
    checked = json.loads(_manage(ROOT, url, media, "shell", "-c", CHECK_AFTER).splitlines()[-1])
    published = [row for row in before["reviews"] if row[6] is not None]
    assert sorted(checked["pages"]) == sorted(f"/en/reviews/{r[2]}/{r[1]}/" for r in published)
    assert set(checked["pages"].values()) == {200}
    assert checked["new_id"] > max(row[0] for row in before["reviews"])
