"""Changing the working copy of a review: start it, save one part, keep every revision.

A review is edited part by part (a section, one objective entry, the details). Every save
names the version the editor started from; the save is refused with `EditConflict` when a
colleague changed *the same part* since then. Nothing is lost: the caller keeps what was typed
and shows both texts side by side.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from reviews.content import snapshot
from reviews.models import (
    GuidingPrinciple,
    Objective,
    ObjectiveProgress,
    PromisingPractice,
    ReviewCycle,
    ReviewRevision,
    StakeholderCategory,
    VoluntaryReview,
)
from reviews.permissions import can_edit_review, can_start_review
from reviews.template import SECTIONS_BY_NUMBER

AUTOSAVE_WINDOW = timedelta(minutes=10)


class EditRefused(Exception):
    """The user may not change this review now (permission or status)."""


@dataclass
class EditConflict(Exception):
    part: str
    theirs: dict
    version: int
    author: str


def part_keys() -> list[str]:
    return (
        [f"section-{n}" for n in SECTIONS_BY_NUMBER]
        + [f"objective-{n}" for n in range(1, 24)]
        + ["details"]
    )


def read_part(content: dict, part: str) -> dict:
    """One part of a snapshot, in the shape the editor forms use."""
    kind, _, number = part.partition("-")
    if kind == "section":
        return {"text": content["sections"].get(number, "")}
    if kind == "objective":
        return content["objectives"].get(number) or {
            "status": "not_addressed",
            "priority": None,
            "narrative": "",
            "principles": [],
            "practices": [],
        }
    return {**content["details"], "language": content["language"]}


def record_revision(review: VoluntaryReview, *, by, kind: str) -> ReviewRevision:
    """Snapshot the review. Call inside the transaction that holds the review's row lock."""
    now = timezone.now()
    content = snapshot(review)
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


def _apply_content(review: VoluntaryReview, content: dict) -> None:
    review.language = content["language"]
    for number, text in content["sections"].items():
        setattr(review, f"section_{number}", text)
    details = content["details"]
    review.part_of_national_plan = details["part_of_national_plan"]
    review.save()
    review.stakeholders_consulted.set(
        StakeholderCategory.objects.filter(key__in=details["stakeholders"])
    )
    for number, entry in content["objectives"].items():
        _apply_entry(review, int(number), entry)


def _apply_entry(review: VoluntaryReview, number: int, data: dict) -> None:
    entry, _ = ObjectiveProgress.objects.get_or_create(
        review=review, objective=Objective.objects.get(number=number)
    )
    entry.status = data["status"]
    entry.priority = data.get("priority")
    entry.narrative = data.get("narrative", "")
    entry.save()
    entry.guiding_principles.set(
        GuidingPrinciple.objects.filter(key__in=data.get("principles", []))
    )
    entry.practices.all().delete()
    PromisingPractice.objects.bulk_create(
        PromisingPractice(entry=entry, position=i, **practice)
        for i, practice in enumerate(data.get("practices", []))
    )


def _apply_part(review: VoluntaryReview, part: str, data: dict) -> None:
    kind, _, number = part.partition("-")
    if kind == "section":
        setattr(review, f"section_{number}", data["text"])
    elif kind == "objective":
        _apply_entry(review, int(number), data)
    elif part == "details":
        review.language = data["language"]
        review.part_of_national_plan = data["part_of_national_plan"]
        review.limits_justification = data.get("limits_justification", "")
        review.stakeholders_consulted.set(
            StakeholderCategory.objects.filter(key__in=data["stakeholders"])
        )
        # Contacts are chosen among the State's own focal points, never anyone else.
        review.contacts.set(
            review.focal_points()
            .filter(user_id__in=data.get("contacts", []))
            .values_list("user_id", flat=True)
        )
    else:
        raise ValueError(f"unknown part {part!r}")


def save_part(review_id: int, part: str, data: dict, *, by, base_version: int, kind: str):
    """Save one part of the review and record a revision; returns the updated review.

    Effects, in order: the review row is locked; permission and status are checked
    (`EditRefused`); a colleague's newer change to the same part raises `EditConflict` carrying
    their text; otherwise the part is written, the version bumped, the part stamped with it,
    and a revision recorded (an autosave may refresh the author's latest autosave instead).
    """
    if part not in part_keys():
        raise ValueError(f"unknown part {part!r}")
    with transaction.atomic():
        review = VoluntaryReview.objects.select_for_update().get(pk=review_id)
        if not can_edit_review(by, review):
            raise EditRefused("this review cannot be changed now")
        changed_at = review.part_versions.get(part, 0)
        if changed_at > base_version:
            latest = review.revisions.order_by("-number").first()
            raise EditConflict(
                part=part,
                theirs=read_part(snapshot(review), part),
                version=review.version,
                author=str(latest.author) if latest and latest.author else "",
            )
        if read_part(snapshot(review), part) == _normalised(part, data) and kind == "autosave":
            return review  # nothing changed: an idle autosave writes nothing
        _apply_part(review, part, data)
        review.version += 1
        review.part_versions = {**review.part_versions, part: review.version}
        review.save()
        record_revision(review, by=by, kind=kind)
    return review


def _normalised(part: str, data: dict) -> dict:
    if part.startswith("section-"):
        return {"text": data["text"]}
    if part.startswith("objective-"):
        return {
            "status": data["status"],
            "priority": data.get("priority"),
            "narrative": data.get("narrative", ""),
            "principles": sorted(data.get("principles", [])),
            "practices": list(data.get("practices", [])),
        }
    return {
        "stakeholders": sorted(data["stakeholders"]),
        "part_of_national_plan": data["part_of_national_plan"],
        "limits_justification": data.get("limits_justification", ""),
        "contacts": sorted(data.get("contacts", [])),
        "language": data["language"],
    }
