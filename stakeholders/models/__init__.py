"""Events, registrations and stakeholders' written inputs (see each module's docstring)."""

from stakeholders.models.events import AgendaItem, BackgroundDocument, Event
from stakeholders.models.inputs import STAKEHOLDER_INPUT, StakeholderInput
from stakeholders.models.organizations import (
    AccreditationApplication,
    AccreditationLog,
    Objection,
    Organization,
    SupportingDocument,
    normalize_name,
    normalize_website,
)
from stakeholders.models.pledges import PLEDGE, Pledge, PledgerMembership
from stakeholders.models.registrations import (
    DecisionMessage,
    Registration,
    RegistrationLog,
    normalize_email,
)

__all__ = [
    "PLEDGE",
    "STAKEHOLDER_INPUT",
    "AccreditationApplication",
    "AccreditationLog",
    "AgendaItem",
    "BackgroundDocument",
    "DecisionMessage",
    "Event",
    "Objection",
    "Organization",
    "Pledge",
    "PledgerMembership",
    "Registration",
    "RegistrationLog",
    "StakeholderInput",
    "SupportingDocument",
    "normalize_email",
    "normalize_name",
    "normalize_website",
]
