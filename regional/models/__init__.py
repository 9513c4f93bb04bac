from regional.models.bodies import (
    RegionalMeeting,
    RegionalProcess,
    RegionalReporterMembership,
    add_months,
    body_key,
    states_of,
)
from regional.models.documents import (
    REGIONAL_INPUT,
    REGIONAL_REPORT,
    InputPractice,
    RegionalInput,
    RegionalReviewReport,
    SupportNeed,
)

__all__ = [
    "REGIONAL_INPUT",
    "REGIONAL_REPORT",
    "InputPractice",
    "RegionalInput",
    "RegionalMeeting",
    "RegionalProcess",
    "RegionalReporterMembership",
    "RegionalReviewReport",
    "SupportNeed",
    "add_months",
    "body_key",
    "states_of",
]
