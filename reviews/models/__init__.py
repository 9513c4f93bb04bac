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
    "PromisingPractice",
    "RegionalCommission",
    "ReviewCycle",
    "ReviewRevision",
    "ReviewStatus",
    "StakeholderCategory",
    "VoluntaryReview",
]
