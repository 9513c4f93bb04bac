"""Importing a Word or OpenDocument file into a draft: upload, then choose, then apply.

1. `start_import`: the file is read (`reviews.wordfile.reading.read_file`: checked as an
   attachment is, then parsed) and what it says is kept in a `WordImport` for its uploader.
   Nothing in the draft changes. The base version, against which conflicts are judged, is the
   one in the file's signed identity when that names this document; otherwise (a file typed
   from scratch, another State's file) the draft's version now, and the review page says so.
2. The review page (`reviews.wordfile.proposal.propose`) shows each part's difference.
3. `apply_import`: the chosen parts go through `reviews.editing.save_parts` as one revision of
   kind "import" labelled with the file's name; the `WordImport` is then deleted.

A `WordImport` left unapplied is deleted after `KEPT_FOR` (`sweep_imports`, also run at each
upload, so that no schedule is needed for a rare action).
"""

import os
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from reviews.editing import SavedParts, save_parts
from reviews.models import ReviewRevision, WordImport
from reviews.parts import UnknownPart
from reviews.wordfile.proposal import importable
from reviews.wordfile.reading import read_file

KEPT_FOR = timedelta(days=1)


def start_import(upload, *, document, by) -> WordImport:
    """Read `upload` and keep what it says for `by` to review. Raises the `ValidationError` of
    `read_file` (a clear, translated message) for a file that cannot be imported."""
    found = read_file(upload, document=document)
    identity = found.identity or {}
    identified = identity.get("d") == document.pk and identity.get("k") == document.kind
    base = identity.get("v") if identified else None
    if not isinstance(base, int) or base < 0:
        identified, base = False, document.version
    sweep_imports()
    return WordImport.objects.create(
        document=document,
        uploaded_by=by,
        file_name=os.path.basename(upload.name or "")[:255],
        base_version=base,
        identified=identified,
        # Only what an import may write: the details are never in a file.
        parts={k: v for k, v in found.parts.items() if importable(document, k) is not None},
        unmatched=[{"heading": u.heading, "text": u.text} for u in found.unmatched],
        warnings=[str(w) for w in found.warnings],
    )


def pending_import(document, pk: int, *, user) -> WordImport | None:
    """The user's own import `pk` into `document`, if still kept; None otherwise (another
    person's, applied, swept or expired: all the same to the caller, a 404)."""
    return WordImport.objects.filter(
        pk=pk,
        document=document,
        uploaded_by=user,
        created_at__gt=timezone.now() - KEPT_FOR,
    ).first()


def apply_import(word_import: WordImport, keys: list[str], *, by) -> SavedParts:
    """Save the parts `keys` of the import into its draft as one revision; delete the import.

    Raises `UnknownPart` for a key the import does not hold (a tampered form), and whatever
    `save_parts` raises (`EditRefused`). Conflicting parts are reported, not written.
    """
    missing = [key for key in keys if key not in word_import.parts]
    if missing:
        raise UnknownPart(missing[0])
    with transaction.atomic():
        # Claimed first: a second click (or tab) finds it gone instead of saving twice.
        if not WordImport.objects.filter(pk=word_import.pk).delete()[0]:
            raise UnknownPart("this import was applied already")
        return save_parts(
            word_import.document_id,
            {key: word_import.parts[key] for key in keys},
            by=by,
            base_version=word_import.base_version,
            kind=ReviewRevision.Kind.IMPORT,
            label=word_import.file_name,
        )


def sweep_imports(now=None) -> int:
    """Delete the imports older than `KEPT_FOR`; returns how many."""
    cutoff = (now or timezone.now()) - KEPT_FOR
    return WordImport.objects.filter(created_at__lt=cutoff).delete()[0]
