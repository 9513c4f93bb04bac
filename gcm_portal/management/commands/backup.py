"""`manage.py backup [--to DIR]`: the database and the media, with a manifest (gcm_portal.backups).

Written into a temporary folder beside DIR and renamed when complete, so a backup that failed
half-way never looks like one. Default DIR: var/backups/<UTC time>/.
"""

import json
import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from gcm_portal import backups


class Command(BaseCommand):
    help = "Back up the database and the media files into a folder, with a manifest."

    def add_arguments(self, parser):
        parser.add_argument(
            "--to",
            dest="to",
            help="the folder to create (default: var/backups/<UTC time>/); it must not exist",
        )

    def handle(self, *args, **options):
        started = backups.utc_now()
        target = Path(
            options["to"] or settings.VAR_DIR / "backups" / started.strftime("%Y%m%dT%H%M%SZ")
        ).absolute()
        if target.exists():
            raise CommandError(f"{target} already exists: choose a new folder")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=target.parent))
        except OSError as exc:
            raise CommandError(f"cannot write in {target.parent}: {exc}") from None
        try:
            manifest = self.write(work, started)
            os.rename(work, target)
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            raise
        media = manifest["media"]
        self.stdout.write(
            f"Backup written to {target}: {sum(manifest['row_counts'].values())} rows in "
            f"{len(manifest['row_counts'])} tables, {len(media)} media files "
            f"({sum(f['size'] for f in media.values())} bytes)."
        )

    def write(self, work: Path, started) -> dict:
        database_file, state = backups.dump_database(work)
        try:
            media = backups.archive_media(work / backups.MEDIA_TAR)
        except OSError as exc:
            raise CommandError(f"the media could not be read: {exc}") from None
        manifest = {
            "format": backups.FORMAT,
            "created_at": started.isoformat(),
            "finished_at": backups.utc_now().isoformat(),
            "git_commit": backups.git_commit(),
            "database": {"vendor": connection.vendor, "file": database_file},
            "migrations": state["migrations"],
            "row_counts": state["row_counts"],
            "files": {
                name: backups.path_digest(work / name)
                for name in (database_file, backups.MEDIA_TAR)
            },
            "media": media,
        }
        (work / backups.MANIFEST).write_text(
            json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        return manifest
