"""Inviting regional reporters and the authors of Annex 3 inputs, on reviews' invitations.

Two grants are registered with `reviews.invitations` (the same signed, one-time links valid
seven days, the e-mail in the invitee's language, the sweep when the broker was down):
- "regional_reporter", key "commission:<code>" or "process:<slug>": accepting makes the person
  a reporter of the body (`RegionalReporterMembership`). The secretariat invites
  (`regional.invite_regional_reporter`).
- "regional_input_author", key the input's id: accepting adds the person to the input's
  authors. A region's reporters invite (a commission's reporters, for inputs to its review);
  the input is started, as a draft, for the stakeholder organization named.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from regional.models import RegionalInput, RegionalProcess, RegionalReporterMembership
from regional.permissions import reports_for
from reviews.invitations import Grant, invite_to, register_grant
from reviews.models import RegionalCommission

REPORTER = "regional_reporter"
INPUT_AUTHOR = "regional_input_author"


def can_invite_reporters(user) -> bool:
    return user.is_authenticated and user.has_perm("regional.invite_regional_reporter")


def can_invite_input_authors(user, commission) -> bool:
    """The reporters of the regional commission whose regional review the input feeds."""
    return reports_for(user, commission_id=commission.pk)


def reporter_key(*, commission=None, process=None) -> str:
    return f"commission:{commission.code}" if commission else f"process:{process.slug}"


def _body(key: str):
    kind, _sep, value = key.partition(":")
    if kind == "commission":
        return {"commission": RegionalCommission.objects.get(code=value), "process": None}
    return {"commission": None, "process": RegionalProcess.objects.get(slug=value)}


def _describe_reporter(key: str) -> str:
    body = _body(key)
    name = body["commission"].name if body["commission"] else body["process"].name
    return _("a reporter for %(body)s") % {"body": name}


def _accept_reporter(user, key: str):
    membership, made = RegionalReporterMembership.objects.get_or_create(user=user, **_body(key))
    return membership if made else None


def _describe_author(key: str) -> str:
    regional_input = RegionalInput.objects.select_related("commission", "cycle").get(pk=key)
    return _("an author of the input of %(who)s to the regional review of %(region)s") % {
        "who": regional_input.author_name,
        "region": regional_input.commission.name,
    }


def _accept_author(user, key: str) -> None:
    RegionalInput.objects.get(pk=key).authors.add(user)


def register() -> None:
    register_grant(Grant(REPORTER, _describe_reporter, _accept_reporter, audit_name="reporter"))
    register_grant(Grant(INPUT_AUTHOR, _describe_author, _accept_author))


def invite_reporter(*, email, language, by, commission=None, process=None, full_name=""):
    return invite_to(
        REPORTER,
        reporter_key(commission=commission, process=process),
        email=email,
        language=language,
        full_name=full_name,
        by=by,
    )


def invite_input_author(*, email, language, by, commission, cycle, organization, full_name=""):
    """Invite an author for the stakeholder organization's input to the commission's review,
    starting that input (a draft) if it does not exist yet."""
    with transaction.atomic():
        regional_input = RegionalInput.objects.filter(
            commission=commission, cycle=cycle, process=None, organization=organization
        ).first() or RegionalInput.objects.create(
            commission=commission, cycle=cycle, organization=organization
        )
        return invite_to(
            INPUT_AUTHOR,
            regional_input.pk,
            email=email,
            language=language,
            full_name=full_name,
            by=by,
        )
