"""`manage.py backup` and `manage.py restore` on the real PostgreSQL: a backup restored into a
fresh database and a fresh media folder gives back every row of every table and every file,
byte for byte; a damaged backup and a database that already holds data are refused.

The restore runs in a process of its own, pointed at the fresh database and folder through
DATABASE_URL and MEDIA_ROOT, as an operator would run it on a new machine.
"""

import hashlib
import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from reviews.models import Attachment, Document, PdfRendition, ReviewRevision
from reviews.workflow import publish_document, submit_document
from stakeholders.models import Registration
from tests.publishing import draft_review, secretariat
from tests.regional.publishing import published_report
from tests.stakeholders.factories import RegistrationFactory
from tests.stakeholders.pledging import published_pledge

on_postgresql = pytest.mark.postgresql
full_database = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parent.parent
ATTACHMENT = b"%PDF-1.4\n% national implementation plan of Mexico\n" + bytes(range(256)) * 40


def server(**extra) -> dict:
    db = connection.settings_dict
    params = {"host": db["HOST"], "port": db["PORT"], "user": db["USER"], **extra}
    if db["PASSWORD"]:
        params["password"] = db["PASSWORD"]
    return params


@pytest.fixture
def fresh_database():
    """An empty database on the same server; dropped afterwards."""
    name = f"restored_{uuid.uuid4().hex[:12]}"
    admin = psycopg2.connect(dbname="postgres", **server())
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with admin.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name]
        )
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.close()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def manage(*arguments: str, database_url: str, media_root: Path):
    """`manage.py` in a process of its own, against that database and media folder."""
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(media_root)}
    env.pop("MEDIA_BUCKET", None)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def restore(folder: Path, database: str, media_root: Path, *extra: str):
    """`manage.py restore` into `database` (on the test server) and `media_root`."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    url = f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{database}"
    return manage("restore", "--from", str(folder), *extra, database_url=url, media_root=media_root)


def table_contents(database: str) -> dict[str, list[str]]:
    """Every row of every table, as JSON text, in a stable order."""
    with psycopg2.connect(dbname=database, **server()) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
        tables = [row[0] for row in cursor.fetchall()]
        contents = {}
        for table in tables:
            cursor.execute(f'SELECT to_jsonb(t)::text FROM "{table}" t ORDER BY 1')  # noqa: S608
            contents[table] = [row[0] for row in cursor.fetchall()]
    conn.close()
    return contents


def files_in(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def build_portal_data():
    """A published national review with several revisions, an attachment and its PDF; a
    published regional report and pledge (with their PDFs); a registration with personal data."""
    review = draft_review("MEX", sections={1: "Mexico's whole-of-government approach. " * 50})
    attachment = Attachment(
        document=review,
        kind=Attachment.Kind.NATIONAL_PLAN,
        original_name="Plan nacional de implementación.pdf",
        content_type="application/pdf",
        size=len(ATTACHMENT),
        sha256=hashlib.sha256(ATTACHMENT).hexdigest(),
        uploaded_by=review.author,
    )
    attachment.file.save("upload.pdf", ContentFile(ATTACHMENT), save=True)
    submit_document(review, by=review.author)
    publish_document(review, by=secretariat())  # the PDF renders on commit (eager Celery)
    published_report("ECE")
    published_pledge("GHA")
    RegistrationFactory(
        full_name="Amina Diallo",
        email="amina.diallo@example.org",
        organization="Migrant Voices",
        accessibility_needs="Sign-language interpretation (ASL) and step-free access.",
        status=Registration.Status.APPROVED,
    )


@on_postgresql
@full_database
def test_restore_into_fresh_database_and_storage_gives_back_everything(
    reference_data, media, tmp_path, fresh_database
):
    build_portal_data()
    # What the backup must carry, counted so the comparison below cannot pass on empty tables.
    rendered = PdfRendition.objects.exclude(file="")
    assert rendered.count() == 3
    assert Document.objects.filter(status="published").count() == 3
    assert Attachment.objects.count() == 1
    assert Registration.objects.filter(email="amina.diallo@example.org").count() == 1
    source_files = files_in(media)
    # The attachment and six PDFs: each document's, rendered for the secretariat on submission
    # and again on publication.
    assert len(source_files) == 7
    assert ReviewRevision.objects.filter(document=Attachment.objects.get().document).count() > 3

    folder = tmp_path / "backup"
    call_command("backup", to=str(folder))
    assert sorted(path.name for path in folder.iterdir()) == [
        "database.dump",
        "manifest.json",
        "media.tar",
    ]
    restored_media = tmp_path / "restored-media"
    done = restore(folder, fresh_database, restored_media)

    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("7 media files, all verified.\n")  # and no migration is due
    source_tables = table_contents(connection.settings_dict["NAME"])
    restored_tables = table_contents(fresh_database)
    assert sorted(restored_tables) == sorted(source_tables)
    different = [name for name in source_tables if restored_tables[name] != source_tables[name]]
    assert different == []
    assert files_in(restored_media) == source_files
    pdf = Path(rendered.first().file.name)
    assert (restored_media / pdf).read_bytes() == (media / pdf).read_bytes()


@on_postgresql
@full_database
def test_a_damaged_backup_is_refused_with_the_file_named(
    reference_data, media, tmp_path, fresh_database
):
    (media / "attachments").mkdir(parents=True)
    (media / "attachments" / "plan.pdf").write_bytes(ATTACHMENT)
    folder = tmp_path / "backup"
    call_command("backup", to=str(folder))
    tar = folder / "media.tar"
    damaged = bytearray(tar.read_bytes())
    offset = damaged.index(b"national implementation plan")
    damaged[offset] ^= 0x01
    tar.write_bytes(bytes(damaged))

    done = restore(folder, fresh_database, tmp_path / "restored-media")

    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"CommandError: {tar} does not match its checksum in the manifest: damaged"
    )
    assert table_contents(fresh_database) == {}  # refused before anything was written
    assert not (tmp_path / "restored-media").exists()


@on_postgresql
@full_database
def test_restore_over_a_database_with_data_needs_yes(
    reference_data, media, tmp_path, fresh_database
):
    (media / "attachments").mkdir(parents=True)
    (media / "attachments" / "plan.pdf").write_bytes(ATTACHMENT)
    folder = tmp_path / "backup"
    call_command("backup", to=str(folder))
    assert restore(folder, fresh_database, tmp_path / "first").returncode == 0
    restored = table_contents(fresh_database)
    tables = len(restored)

    refused = restore(folder, fresh_database, tmp_path / "second")

    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        f"CommandError: the database {fresh_database} already has {tables} tables: restoring "
        "would replace them. Run again with --yes to replace them."
    )
    assert not (tmp_path / "second").exists()
    replaced = restore(folder, fresh_database, tmp_path / "second", "--yes")
    assert replaced.returncode == 0, replaced.stderr
    assert table_contents(fresh_database) == restored
    assert files_in(tmp_path / "second") == files_in(media)


@on_postgresql
def test_backup_without_pg_dump_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("PGBIN", str(tmp_path))
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(CommandError) as refused:
        call_command("backup", to=str(tmp_path / "backup"))

    assert str(refused.value) == (
        "pg_dump not found: install PostgreSQL's client programs (postgresql-client, the "
        "server's version or newer) or set PGBIN to the folder that holds them"
    )
    assert sorted(tmp_path.iterdir()) == []  # no half-made backup left behind


@on_postgresql
def test_backup_of_an_unreachable_database_fails_cleanly(monkeypatch, tmp_path):
    monkeypatch.setitem(connection.settings_dict, "NAME", "no_such_database")

    with pytest.raises(CommandError) as refused:
        call_command("backup", to=str(tmp_path / "backup"))

    assert str(refused.value).startswith("cannot connect to the database no_such_database: ")
    assert sorted(tmp_path.iterdir()) == []


def test_the_embedded_sqlite_database_round_trips(tmp_path):
    """`make run`'s SQLite: copied with SQLite's backup API, restored into a new file."""
    source = tmp_path / "portal.sqlite3"
    with sqlite3.connect(source) as db:
        db.execute("CREATE TABLE note (id integer PRIMARY KEY, text text)")
        db.executemany("INSERT INTO note (text) VALUES (?)", [("é ü 中文",), ("مرحبا",)])
    db.close()
    (tmp_path / "media" / "pdf").mkdir(parents=True)
    (tmp_path / "media" / "pdf" / "review.pdf").write_bytes(ATTACHMENT)
    backed_up = manage(
        "backup", "--to", str(tmp_path / "backup"),
        database_url=f"sqlite:///{source}", media_root=tmp_path / "media",
    )  # fmt: skip
    assert backed_up.returncode == 0, backed_up.stderr

    restored = manage(
        "restore", "--from", str(tmp_path / "backup"),
        database_url=f"sqlite:///{tmp_path / 'new.sqlite3'}", media_root=tmp_path / "new-media",
    )  # fmt: skip

    assert restored.returncode == 0, restored.stderr
    # This database never saw Django's migrations: the operator is told to run them.
    note = restored.stdout.splitlines()[-1]
    assert note.startswith("The restored database lacks ")
    assert note.endswith(
        " migrations of this version of the portal: "
        "run `python manage.py migrate` before starting it."
    )
    with sqlite3.connect(tmp_path / "new.sqlite3") as db:
        rows = db.execute("SELECT id, text FROM note ORDER BY id").fetchall()
    db.close()
    assert rows == [(1, "é ü 中文"), (2, "مرحبا")]
    assert files_in(tmp_path / "new-media") == files_in(tmp_path / "media")
