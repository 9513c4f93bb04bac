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
from regional.models.reminders import ReportReminder

__all__ = [
    "REGIONAL_INPUT",
    "REGIONAL_REPORT",
    "InputPractice",
    "RegionalInput",
    "RegionalMeeting",
    "RegionalProcess",
    "RegionalReporterMembership",
    "RegionalReviewReport",
    "ReportReminder",
    "SupportNeed",
    "add_months",
    "body_key",
    "states_of",
]
