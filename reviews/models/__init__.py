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
from reviews.models.publication import PublishedDiff, PublishedPart
from reviews.models.reference import (
    CategoryChange,
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
from reviews.models.wordimport import WordImport

__all__ = [
    "EDITABLE_STATUSES",
    "NATIONAL_REVIEW",
    "Attachment",
    "CategoryChange",
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
    "PublishedDiff",
    "PublishedPart",
    "RegionalCommission",
    "ReviewCycle",
    "ReviewRevision",
    "ReviewStatus",
    "StakeholderCategory",
    "VoluntaryReview",
    "WordImport",
]
