"""`manage.py restore --from DIR [--yes]`: put a backup (`manage.py backup`) back.

In this order: every checksum of the manifest is verified (a damaged backup is refused, the
file named, before anything changes); a database or storage that already holds something is
refused unless --yes; the database is restored (PostgreSQL: pg_restore --clean in one
transaction), then the media through the default storage; last, the row counts and every
file's hash are compared with the manifest.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gcm_portal import backups


class Command(BaseCommand):
    help = "Restore the database and the media files from a backup folder."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="source", required=True, help="the backup folder")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="replace a database and media storage that already hold data",
        )

    def handle(self, *args, **options):
        folder = Path(options["source"]).absolute()
        manifest = backups.read_manifest(folder)
        backups.verify_backup(folder, manifest)
        if not options["yes"]:
            self.refuse_if_not_empty()
        backups.restore_database(folder, manifest)
        try:
            files = backups.restore_media(folder / backups.MEDIA_TAR)
        except OSError as exc:
            raise CommandError(f"the media could not be written: {exc}") from None
        if problems := backups.differences(manifest):
            raise CommandError(
                "the restored data differ from the manifest:\n  " + "\n  ".join(problems)
            )
        rows = sum(manifest["row_counts"].values())
        self.stdout.write(
            f"Restored {folder} (made {manifest['created_at']}, commit "
            f"{manifest['git_commit'] or 'unknown'}): {rows} rows in "
            f"{len(manifest['row_counts'])} tables and {files} media files, all verified."
        )
        # A backup made by an older version of the portal: its schema needs this code's
        # migrations before the portal starts on it.
        executor = MigrationExecutor(connection)
        if plan := executor.migration_plan(executor.loader.graph.leaf_nodes()):
            self.stdout.write(
                f"The restored database lacks {len(plan)} migrations of this version of the "
                "portal: run `python manage.py migrate` before starting it."
            )

    def refuse_if_not_empty(self):
        name = backups.db_settings()["NAME"]
        if tables := backups.database_tables():
            raise CommandError(
                f"the database {name} already has {len(tables)} tables: restoring would "
                "replace them. Run again with --yes to replace them."
            )
        if files := backups.media_names():
            raise CommandError(
                f"the media storage already holds {len(files)} files ({files[0]}, …): "
                "run again with --yes to restore over them."
            )
