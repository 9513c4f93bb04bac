"""Events, registrations and stakeholders' written inputs (see each module's docstring)."""

from stakeholders.models.events import AgendaItem, BackgroundDocument, Event
from stakeholders.models.inputs import STAKEHOLDER_INPUT, StakeholderInput
from stakeholders.models.registrations import (
    DecisionMessage,
    Registration,
    RegistrationLog,
    normalize_email,
)

__all__ = [
    "STAKEHOLDER_INPUT",
    "AgendaItem",
    "BackgroundDocument",
    "DecisionMessage",
    "Event",
    "Registration",
    "RegistrationLog",
    "StakeholderInput",
    "normalize_email",
]
