"""A national review's submitted revision, whole, as the secretariat reads it before deciding.

The moderation page renders what was submitted, not the working copy: the revision's sections
and objective entries (`selectors.review_document`, shared with the preview and the public
page), and the facts a revision stores by key or id (guiding principles, stakeholders,
contacts, attachments) with the names a reader needs.
"""

from django.contrib.auth import get_user_model

from reviews.models import Attachment, GuidingPrinciple, StakeholderCategory
from reviews.selectors import review_document


def _names(model, keys) -> list[str]:
    by_key = dict(model.objects.filter(key__in=keys).values_list("key", "name"))
    return [by_key.get(key, key) for key in keys]


def _kind_label(kind: str) -> str:
    try:
        return Attachment.Kind(kind).label
    except ValueError:
        return kind


def whole_submission(review, content: dict) -> dict:
    """What the moderation page shows of `content` (a national snapshot): the document as
    readers see it, a row per objective entry, the details and the attachments."""
    # In the GCM's order (para 15 (a)-(j)), not the snapshot's (by key).
    principles = list(GuidingPrinciple.objects.order_by("position"))
    document = review_document(content)
    entries = [
        {
            **row,
            "principles": [p for p in principles if p.key in row["entry"].get("principles", [])],
        }
        for _, rows in document["objective_rows"]
        for row in rows
        if row["entry"]
    ]
    details = content.get("details", {})
    contacts = get_user_model().objects.filter(pk__in=details.get("contacts", []))
    listed = content.get("attachments", [])
    # A file removed since the submission is listed, without a link: the revision names it.
    existing = set(
        Attachment.objects.filter(document=review, pk__in=[a["id"] for a in listed]).values_list(
            "pk", flat=True
        )
    )
    return {
        **document,
        "entries": entries,
        "stakeholders": _names(StakeholderCategory, details.get("stakeholders", [])),
        "part_of_national_plan": details.get("part_of_national_plan", False),
        "limits_justification": details.get("limits_justification", ""),
        "contacts": sorted(contacts, key=lambda u: str(u)),
        "attachments": [
            {**a, "exists": a["id"] in existing, "kind_label": _kind_label(a.get("kind", ""))}
            for a in listed
        ],
        # Stored with the sign-off, after its revision was recorded: read from the document.
        "notes_verbales": review.attachments.filter(kind=Attachment.Kind.NOTE_VERBALE)
        .exclude(pk__in=[a["id"] for a in listed])
        .order_by("uploaded_at"),
    }
