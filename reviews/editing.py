"""Changing the working copy of a document: start it, save one part, keep every revision.

A document is edited part by part (`reviews.parts`: a section, one objective entry, the
details). Every save names the version the editor started from; the save is refused with
`EditConflict` when a colleague changed *the same part* since then. Nothing is lost: the caller
keeps what was typed and shows both texts side by side.

A save touches only its part. The latest revision holds the whole document at the version it
names, so it is the base: the part is compared with its slice there, only the part is written,
and the new revision is that base with the part's slice replaced (`Part.refresh`), plus the
list of attachments read again (attaching a file records no revision). A full snapshot is
taken only when the latest revision is behind the document's version.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from reviews import kinds
from reviews.content import attachments_of, has_every_key, snapshot
from reviews.models import (
    EDITABLE_STATUSES,
    Document,
    ReviewCycle,
    ReviewRevision,
    VoluntaryReview,
)
from reviews.parts import DetailsPart, Part, part_of, parts_of
from reviews.permissions import can_edit_review, can_start_review

AUTOSAVE_WINDOW = timedelta(minutes=10)

_UNREAD = object()


class EditRefused(Exception):
    """The user may not change this review now (permission or status)."""


@dataclass
class EditConflict(Exception):
    part: str
    theirs: dict
    version: int
    author: str


def record_revision(
    review, *, by, kind: str, content=None, latest=_UNREAD, label: str = ""
) -> ReviewRevision:
    """Record the document as it is now. Call inside the transaction that holds its row lock.

    An autosave within ten minutes of the same author's previous autosave refreshes that one
    instead of adding another. `content`: the snapshot, when the caller built it already (a
    save of one part); `latest`: the latest revision (or None), when the caller read it;
    `label`: what the history shows beside the kind (an import's file name).
    """
    now = timezone.now()
    if content is None:
        content = snapshot(review)
    if latest is _UNREAD:
        latest = review.revisions.order_by("-number").first()
    if (
        kind == ReviewRevision.Kind.AUTOSAVE
        and latest is not None
        and latest.kind == ReviewRevision.Kind.AUTOSAVE
        and latest.author_id == getattr(by, "pk", None)
        and now - latest.created_at < AUTOSAVE_WINDOW
    ):
        latest.content, latest.version, latest.updated_at = content, review.version, now
        latest.save(update_fields=["content", "version", "updated_at"])
        return latest
    return ReviewRevision.objects.create(
        document=review,
        number=(latest.number + 1) if latest else 1,
        kind=kind,
        author=by,
        version=review.version,
        content=content,
        label=label[:255],
        created_at=now,
        updated_at=now,
    )


@transaction.atomic
def start_review(member_state_id: str, cycle: ReviewCycle, *, by, copy_from=None):
    """Create the State's draft for `cycle`, blank or copied from an earlier published review.

    Returns the existing draft when a colleague started it a moment earlier.
    """
    if not can_start_review(by, member_state_id, cycle):
        raise EditRefused("not allowed to start a review for this State and cycle")
    review, created = VoluntaryReview.objects.get_or_create(
        member_state_id=member_state_id,
        cycle=cycle,
        defaults={"language": by.preferred_language, "based_on": copy_from},
    )
    if not created:
        return review
    if copy_from is not None:
        if copy_from.member_state_id != member_state_id or copy_from.published_revision is None:
            raise EditRefused("only the State's own published reviews can be copied")
        _apply_content(review, copy_from.published_revision.content)
    record_revision(review, by=by, kind=ReviewRevision.Kind.SYSTEM)
    return review


def _apply_content(review, content: dict) -> None:
    """Copy a published revision into the new, blank draft, part by part. Of the details, only
    what still holds in a new cycle: not the contacts, nor why the review ran long."""
    blank = snapshot(review)
    for part in parts_of(review.kind):
        value = part.read(content)
        if isinstance(part, DetailsPart):
            value = {**value, "contacts": [], "limits_justification": ""}
        value = part.normalise(value)
        if value != part.read(blank):
            part.write(review, value, base=blank)


def save_part(document, part: Part | str, data: dict, *, by, base_version: int, kind: str):
    """Save one part of a document and record a revision; returns the document as saved (use
    it: the caller's copy may be out of date).

    `document`: the kind's row as the caller read it (a view's), or its primary key; `part`: a
    `Part` or its key (`UnknownPart`, a ValueError, for a key the kind does not have).

    Effects, in order: permission and status are checked (`EditRefused`); a colleague's newer
    change to the same part raises `EditConflict` carrying their text; an autosave that changes
    nothing returns here; otherwise the version is bumped and the part stamped with it, the part
    written, and a revision recorded (an autosave may refresh the author's latest autosave).
    """
    document = _own_row(document)
    if isinstance(part, str):
        part = part_of(document.kind, part)
    value = part.normalise(data)
    if not can_edit_review(by, document):
        raise EditRefused("this review cannot be changed now")
    # Read before the version is claimed: the claim holds the document's row until the
    # transaction ends, and every save of the document queues behind it. Attaching a file
    # takes no lock, so reading the list a moment earlier loses no guarantee.
    attachments = None
    with transaction.atomic():
        for locked in (False, True):
            if locked:
                # Our copy is behind (a colleague saved since it was read): wait for their
                # transaction to end, hold the row, and start again from what they saved.
                # Only the `Document` row is locked, as the compare and set does: locking the
                # kind's row too (the default for a child model) takes it before the parent
                # one, while a colleague's save holds the parent and writes the kind's row:
                # PostgreSQL then reports a deadlock and one of the two saves fails.
                document = _locked(document)
                if document.status not in EDITABLE_STATUSES:
                    raise EditRefused("this review cannot be changed now")
            latest = document.revisions.select_related("author").order_by("-number").first()
            current = latest is not None and latest.version == document.version
            if not current and not locked:
                continue
            # Behind only when the version moved on without a revision (publishing does), or
            # recorded before the snapshot had all its keys: then read the whole document.
            current = current and has_every_key(latest.content, document)
            base = latest.content if current else snapshot(document)
            if document.part_versions.get(part.key, 0) > base_version:
                raise EditConflict(
                    part=part.key,
                    theirs=part.read(base),
                    version=document.version,
                    author=str(latest.author) if latest and latest.author else "",
                )
            if kind == ReviewRevision.Kind.AUTOSAVE and part.read(base) == value:
                return document  # nothing changed: an idle autosave writes nothing
            if attachments is None:
                attachments = attachments_of(document)
            if _claim_next_version(document, part):
                break
        else:  # pragma: no cover (the row is held: nobody can have changed it)
            raise RuntimeError("could not claim the next version of a held row")
        stored = part.write(document, value, base=base)
        content = {**part.refresh(base, stored), "attachments": attachments}
        record_revision(document, by=by, kind=kind, content=content, latest=latest)
    return document


@dataclass
class SavedParts:
    """What `save_parts` did: the document as saved, the keys written, the parts refused."""

    document: object
    saved: list[str]
    conflicts: list[EditConflict]


def save_parts(document, values: dict[str, dict], *, by, base_version: int, kind: str, label=""):
    """Save several parts at once (an import from a file) as ONE revision; returns `SavedParts`.

    `values`: part key -> value in the part's shape (`UnknownPart` for a key the kind lacks).
    Each part follows `save_part`'s rule on its own: one a colleague changed since
    `base_version` is a conflict, reported and not written, while the others are saved. A part
    that already reads as given is neither written nor a conflict.

    Effects, in order: permission and status are checked (`EditRefused`); the document's row is
    held; each part is compared; when some part is to be written, the version is bumped ONCE
    (one save, one new version) and every written part is stamped with it, the parts are
    written, and one revision of `kind` with `label` is recorded. Nothing is recorded when
    nothing was written.
    """
    document = _own_row(document)
    parts = [part_of(document.kind, key) for key in values]
    normalised = {part.key: part.normalise(values[part.key]) for part in parts}
    if not can_edit_review(by, document):
        raise EditRefused("this review cannot be changed now")
    attachments = attachments_of(document)  # read before the lock, as in `save_part`
    with transaction.atomic():
        # Held from the start (not compare and set as `save_part` does): an import is rare and
        # writes many parts, so it waits for colleagues rather than retrying. Only the
        # `Document` row is locked, for the deadlock reason `save_part` gives.
        document = _locked(document)
        if document.status not in EDITABLE_STATUSES:
            raise EditRefused("this review cannot be changed now")
        latest = document.revisions.select_related("author").order_by("-number").first()
        current = latest is not None and latest.version == document.version
        base = latest.content if current and has_every_key(latest.content, document) else None
        base = base if base is not None else snapshot(document)
        author = str(latest.author) if latest and latest.author else ""
        conflicts, changed = [], []
        for part in parts:
            if document.part_versions.get(part.key, 0) > base_version:
                theirs = part.read(base)
                conflicts.append(EditConflict(part.key, theirs, document.version, author))
            elif part.read(base) != normalised[part.key]:
                changed.append(part)
        if not changed:
            return SavedParts(document, [], conflicts)
        _stamp_next_version(document, [part.key for part in changed])
        content = base
        for part in changed:
            stored = part.write(document, normalised[part.key], base=base)
            content = part.refresh(content, stored)
        content = {**content, "attachments": attachments}
        record_revision(document, by=by, kind=kind, content=content, latest=latest, label=label)
    return SavedParts(document, [part.key for part in changed], conflicts)


def _stamp_next_version(document, keys: list[str]) -> None:
    """Bump the version of a document whose row the caller holds, stamping `keys` with it."""
    version, now = document.version + 1, timezone.now()
    part_versions = {**document.part_versions, **dict.fromkeys(keys, version)}
    Document.objects.filter(pk=document.pk).update(
        version=version, part_versions=part_versions, updated_at=now
    )
    document.version, document.part_versions, document.updated_at = version, part_versions, now


def _own_row(document):
    """The kind's own row (a `VoluntaryReview`, …) for a document or its primary key."""
    if isinstance(document, Document):
        return document.specific
    kind = Document.objects.values_list("kind", flat=True).get(pk=document)
    return kinds.kind_named(kind).model.objects.get(pk=document)


def _locked(document):
    """`document` read again with its `Document` row held until the transaction ends."""
    link = document._meta.get_ancestor_link(Document)
    of = (link.name,) if link is not None else ("self",)
    return type(document).objects.select_for_update(of=of).get(pk=document.pk)


def _claim_next_version(document, part: Part) -> bool:
    """Bump the version and stamp the part with it, unless the row changed since `document`
    was read (compare and set). The UPDATE holds the row until the transaction ends, so the
    saves of one document queue behind each other without a separate lock."""
    version, now = document.version + 1, timezone.now()
    part_versions = {**document.part_versions, part.key: version}
    claimed = Document.objects.filter(
        pk=document.pk, version=document.version, status__in=EDITABLE_STATUSES
    ).update(version=version, part_versions=part_versions, updated_at=now)
    if claimed:
        document.version, document.part_versions, document.updated_at = version, part_versions, now
    return bool(claimed)
