from reviews.models.document import (
    EDITABLE_STATUSES,
    Attachment,
    Document,
    ModerationEvent,
    PdfRendition,
    PdfStatus,
    ReviewRevision,
    ReviewStatus,
)
from reviews.models.publication import PublishedPart
from reviews.models.reference import (
    FocalPointMembership,
    GuidingPrinciple,
    MemberState,
    Objective,
    RegionalCommission,
    ReviewCycle,
    StakeholderCategory,
)
from reviews.models.review import (
    NATIONAL_REVIEW,
    ImplementationStatus,
    Invitation,
    ObjectiveProgress,
    PromisingPractice,
    VoluntaryReview,
)

__all__ = [
    "EDITABLE_STATUSES",
    "NATIONAL_REVIEW",
    "Attachment",
    "Document",
    "FocalPointMembership",
    "GuidingPrinciple",
    "ImplementationStatus",
    "Invitation",
    "MemberState",
    "ModerationEvent",
    "Objective",
    "ObjectiveProgress",
    "PdfRendition",
    "PdfStatus",
    "PromisingPractice",
    "PublishedPart",
    "RegionalCommission",
    "ReviewCycle",
    "ReviewRevision",
    "ReviewStatus",
    "StakeholderCategory",
    "VoluntaryReview",
]
