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
    Attachment,
    ImplementationStatus,
    Invitation,
    ModerationEvent,
    ObjectiveProgress,
    PdfStatus,
    PromisingPractice,
    ReviewRevision,
    ReviewStatus,
    VoluntaryReview,
)

__all__ = [
    "Attachment",
    "FocalPointMembership",
    "GuidingPrinciple",
    "ImplementationStatus",
    "Invitation",
    "MemberState",
    "ModerationEvent",
    "Objective",
    "ObjectiveProgress",
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
