"""What a registrant downloads from the management page: everything they gave, the
registration's state and its log (actions and dates), as JSON-ready data (issue 13 item 4).

Reads only.
"""

from stakeholders.models import Registration


def own_data(registration: Registration) -> dict:
    """Everything the person gave, the registration's state, and its log (actions and dates),
    as a JSON-ready dict."""
    r = registration
    return {
        "event": {"slug": r.event.slug, "title": r.event.title},
        "full_name": r.full_name,
        "email": r.email,
        "organization": r.organization,
        "organization_website": r.organization_website,
        "organization_record": r.organization_record_id,
        "category": r.category.key,
        "category_other": r.category_other,
        "level": r.level,
        "residence": r.residence_id,
        "nationality": r.nationality_id,
        "gender": r.gender,
        "age_group": r.age_group,
        "participation": r.participation,
        "accessibility_needs": r.accessibility_needs,
        "language": r.language,
        "travel": r.travel,
        "travel_justification": r.travel_justification,
        "subsistence_days": r.subsistence_days,
        "travel_amount": str(r.travel_amount) if r.travel_amount is not None else None,
        "consented_privacy_at": r.consented_privacy_at.isoformat(),
        "consent_public_list": r.consent_public_list,
        "status": r.status,
        "decision_reason": r.decision_reason,
        "created_at": r.created_at.isoformat(),
        "verified_at": r.verified_at.isoformat() if r.verified_at else None,
        "log": [
            {"action": e.action, "at": e.created_at.isoformat()}
            for e in r.log.order_by("created_at", "pk")
        ],
    }
