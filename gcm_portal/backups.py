"""Backups of the whole portal: the database and the media, with a manifest that proves them.

A backup is a directory (`manage.py backup`, `make backup`):

    database.dump   PostgreSQL: `pg_dump --format=custom`; the embedded SQLite: a copy made with
                    SQLite's online backup API (database.sqlite3)
    media.tar       every file of the default storage (filesystem or S3), read through Django
    manifest.json   format version, UTC time, git commit, the latest applied migration per app,
                    row counts per table, and the sha256 and size of the dump, of media.tar and
                    of each media file inside it

The dump and the row counts see the same moment: on PostgreSQL the counts are taken in a
repeatable-read transaction whose snapshot `pg_dump --snapshot` reuses, so a save during the
backup can never make a correct backup fail its own check. `restore` verifies every checksum
before it touches anything, then the row counts and the files after.

Works in every deployment shape: the binaries come from PGBIN (the tests' throwaway cluster) or
PATH (the image installs postgresql-client, which must be at least the server's version).
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from django.db import connection

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_TAR = "media.tar"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
CHUNK = 1024 * 1024


# --- checksums and the manifest ---------------------------------------------------------------


def file_digest(fileobj) -> tuple[str, int]:
    """(sha256 hex, size) of a binary file object, read in chunks."""
    digest, size = hashlib.sha256(), 0
    while chunk := fileobj.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def path_digest(path: Path) -> dict:
    with open(path, "rb") as handle:
        sha256, size = file_digest(handle)
    return {"sha256": sha256, "size": size}


def git_commit() -> str | None:
    """The deployed commit, when the code is a git checkout (or GIT_COMMIT says it)."""
    if commit := os.environ.get("GIT_COMMIT"):
        return commit
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"],  # noqa: S607 - git from PATH, a fixed argument
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return done.stdout.strip() or None


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(
            f"{path} not found: {folder} is not a backup (or an unfinished one)"
        ) from None
    except (OSError, ValueError) as exc:
        raise CommandError(f"{path} cannot be read ({exc}): the backup is damaged") from None
    if manifest.get("format") != FORMAT:
        raise CommandError(
            f"{path}: backup format {manifest.get('format')!r} is not {FORMAT}, "
            "which this version of the portal restores"
        )
    return manifest


# --- the database -----------------------------------------------------------------------------


def db_settings() -> dict:
    return connection.settings_dict


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def pg_tool(name: str) -> str:
    """pg_dump or pg_restore: from PGBIN when set, else PATH."""
    if (pgbin := os.environ.get("PGBIN")) and (Path(pgbin) / name).is_file():
        return str(Path(pgbin) / name)
    if found := shutil.which(name):
        return found
    raise CommandError(
        f"{name} not found: install PostgreSQL's client programs (postgresql-client, the "
        "server's version or newer) or set PGBIN to the folder that holds them"
    )


def pg_env() -> tuple[list[str], dict]:
    """Connection arguments for pg_dump/pg_restore; the password goes in the environment,
    never on the command line (where `ps` shows it to every user of the machine)."""
    db = db_settings()
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def run_tool(command: list[str], env: dict) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except OSError as exc:
        raise CommandError(f"{command[0]} could not start: {exc}") from None
    if done.returncode != 0:
        detail = done.stderr.strip() or f"exit status {done.returncode}"
        raise CommandError(f"{Path(command[0]).name} failed: {detail}")


@contextmanager
def raw_connection():
    """A connection of its own (never the one Django's request code shares), closed after."""
    try:
        raw = connection.get_new_connection(connection.get_connection_params())
    except Exception as exc:  # each driver raises its own OperationalError
        name = db_settings()["NAME"]
        raise CommandError(f"cannot connect to the database {name}: {exc}".strip()) from None
    try:
        yield raw
    finally:
        raw.close()


def table_names(cursor) -> list[str]:
    if is_postgresql():
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
    else:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY 1"
        )
    return [row[0] for row in cursor.fetchall()]


def database_state(cursor) -> dict:
    """Row counts per table and the latest applied migration per app."""
    quote = connection.ops.quote_name
    counts = {}
    for table in table_names(cursor):
        cursor.execute(f"SELECT count(*) FROM {quote(table)}")  # noqa: S608 - a quoted table name
        counts[table] = cursor.fetchone()[0]
    migrations = {}
    if "django_migrations" in counts:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY applied, id")
        migrations = dict(cursor.fetchall())
    return {"row_counts": counts, "migrations": migrations}


def dump_database(folder: Path) -> tuple[str, dict]:
    """Write the dump into `folder`; (its file name, the state it holds)."""
    if is_postgresql():
        pg_dump = pg_tool("pg_dump")
        args, env = pg_env()
        with raw_connection() as raw:
            raw.set_session(isolation_level="REPEATABLE READ", readonly=True)
            with raw.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                state = database_state(cursor)
                # The transaction stays open until pg_dump has read the snapshot it exported.
                run_tool(
                    [pg_dump, "--format=custom", f"--snapshot={snapshot}", "--file",
                     str(folder / PG_DUMP), *args],
                    env,
                )  # fmt: skip
            raw.rollback()
        return PG_DUMP, state
    if connection.vendor == "sqlite":
        target = sqlite3.connect(folder / SQLITE_COPY)
        try:
            source = sqlite3.connect(db_settings()["NAME"])
            try:
                source.backup(target)
            finally:
                source.close()
            state = database_state(target.cursor())
        except sqlite3.Error as exc:
            raise CommandError(f"the SQLite database could not be copied: {exc}") from None
        finally:
            target.close()
        return SQLITE_COPY, state
    raise CommandError(f"backups support PostgreSQL and SQLite, not {connection.vendor}")


def database_tables() -> list[str]:
    with raw_connection() as raw:
        cursor = raw.cursor()
        try:
            return table_names(cursor)
        finally:
            cursor.close()


def current_state() -> dict:
    with raw_connection() as raw:
        cursor = raw.cursor()
        try:
            return database_state(cursor)
        finally:
            cursor.close()


def restore_database(folder: Path, manifest: dict) -> None:
    name = manifest["database"]["file"]
    if is_postgresql():
        if name != PG_DUMP:
            raise CommandError(f"this backup holds {name}, not a PostgreSQL dump")
        args, env = pg_env()
        # One transaction: a restore that fails half-way leaves the database as it was.
        run_tool(
            [pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner",
             "--single-transaction", *args, str(folder / name)],
            env,
        )  # fmt: skip
    elif connection.vendor == "sqlite":
        if name != SQLITE_COPY:
            raise CommandError(f"this backup holds {name}, not an SQLite database")
        source = sqlite3.connect(folder / name)
        try:
            target = sqlite3.connect(db_settings()["NAME"])
            try:
                source.backup(target)  # replaces every page of the target
            finally:
                target.close()
        finally:
            source.close()
    else:
        raise CommandError(f"backups support PostgreSQL and SQLite, not {connection.vendor}")
    connection.close()  # Django's next query must see the restored database


# --- the media --------------------------------------------------------------------------------


def media_names(folder: str = "") -> list[str]:
    """Every file of the default storage, walked through `listdir` (filesystem and S3 alike)."""
    try:
        directories, files = default_storage.listdir(folder)
    except FileNotFoundError:  # a MEDIA_ROOT not made yet holds no files
        return []
    names = [f"{folder}{name}" for name in files]
    for directory in directories:
        names += media_names(f"{folder}{directory}/")
    return sorted(names)


def archive_media(path: Path) -> dict:
    """Write every media file into a tar at `path`; {name: {sha256, size}}."""
    files = {}
    with tarfile.open(path, "w", format=tarfile.PAX_FORMAT) as tar:
        for name in media_names():
            # A spooled copy: the size goes in the tar header before the content, and a file
            # replaced while we read it must not make the header and the content disagree.
            with tempfile.SpooledTemporaryFile(max_size=8 * CHUNK) as copy:
                digest, size = hashlib.sha256(), 0
                with default_storage.open(name, "rb") as source:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        copy.write(chunk)
                copy.seek(0)
                info = tarfile.TarInfo(name)
                info.size, info.mode, info.mtime = size, 0o644, 0
                tar.addfile(info, copy)
            files[name] = {"sha256": digest.hexdigest(), "size": size}
    return files


def check_media_archive(path: Path, expected: dict) -> None:
    """Every member of media.tar is in the manifest with its hash, and nothing is missing."""
    seen = set()
    with tarfile.open(path, "r") as tar:
        for member in tar:
            if not member.isfile() or member.name not in expected:
                raise CommandError(f"{MEDIA_TAR}: {member.name} is not in the manifest")
            sha256, size = file_digest(tar.extractfile(member))
            if {"sha256": sha256, "size": size} != expected[member.name]:
                raise CommandError(f"{MEDIA_TAR}: {member.name} does not match the manifest")
            seen.add(member.name)
    if missing := sorted(set(expected) - seen):
        raise CommandError(f"{MEDIA_TAR}: {missing[0]} is missing ({len(missing)} files in all)")


def restore_media(path: Path) -> int:
    """Write every file of media.tar to the default storage under its own name."""
    count = 0
    with tarfile.open(path, "r") as tar:
        for member in tar:
            if default_storage.exists(member.name):
                default_storage.delete(member.name)
            saved = default_storage.save(member.name, tar.extractfile(member))
            if saved != member.name:
                raise CommandError(f"{member.name} was stored as {saved}; restore stopped")
            count += 1
    return count


def stored_digest(name: str) -> dict | None:
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as handle:
        sha256, size = file_digest(handle)
    return {"sha256": sha256, "size": size}


def verify_backup(folder: Path, manifest: dict) -> None:
    """Refuse a damaged backup before anything is restored: the file is named."""
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.is_file():
            raise CommandError(f"{path} is missing: the backup is incomplete")
        if path_digest(path) != expected:
            raise CommandError(f"{path} does not match its checksum in the manifest: damaged")
    check_media_archive(folder / MEDIA_TAR, manifest["media"])


def differences(manifest: dict) -> list[str]:
    """What the restored database and storage hold that the manifest does not say."""
    problems = []
    counts = current_state()["row_counts"]
    for table, expected in manifest["row_counts"].items():
        if counts.get(table) != expected:
            problems.append(f"table {table}: {counts.get(table)} rows, expected {expected}")
    for name, expected in manifest["media"].items():
        if (found := stored_digest(name)) != expected:
            problems.append(f"media {name}: {'different content' if found else 'missing'}")
    return problems


def utc_now() -> datetime:
    return datetime.now(UTC)
