"""The stakeholders' routes in the permission table (tests/test_permissions_table.py), and the
data their parameters point at.

Events and registration are public: the signed link in a registration's addresses is the
credential, whoever holds it (the same answer for every persona). The secretariat's desk is the
secretariat's. A written input's authors are none of the table's personas (they are the
registrants the input invited), so every persona but the secretariat sees its working pages as
someone else's draft (404); the secretariat reads it and decides, never writes.
"""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase

from stakeholders import links
from stakeholders.models import Registration
from tests.stakeholders.factories import (
    BackgroundDocumentFactory,
    EventFactory,
    RegistrationFactory,
)

# fmt: off
#                 anonymous focal_point colleague other_state official reporter secretariat admin
PUBLIC          = "200       200         200       200         200      200      200         200"
PUBLIC_400      = "400       400         400       400         400      400      400         400"
PUBLIC_POST     = "405       405         405       405         405      405      405         405"
PUBLIC_DONE     = "302       302         302       302         302      302      302         302"
SECRETARIAT     = "login     403         403       403         403      403      200         200"
SECRETARIAT_400 = "login     403         403       403         403      403      400         400"
SECRETARIAT_ACT = "login     403         403       403         403      403      302         302"
POST_ONLY       = "login     405         405       405         405      405      405         405"
# Someone else's written input: its authors' (none of these personas); the secretariat reads.
INPUT_READ      = "login     404         404       404         404      404      200         200"
INPUT_EDIT      = "login     404         404       404         404      404      403         403"
INPUT_DECIDE    = "login     404         404       404         404      404      refused  refused"
# A decision on a document the persona does not see, asked by GET (its confirmation page, or
# 405 for a decision that does not ask first): 404 before the method is looked at.
INPUT_ASK       = "login     404         404       404         404      404      403         403"
INPUT_NO_ASK    = "login     404         404       404         404      404      405         405"
# The secretariat's decisions by GET: only request changes here, which does not ask first.
SECRETARIAT_405 = "login     403         403       403         403      403      405         405"
# The focal points of every State (any State) review the organisations recommended for
# special accreditation; reporters and the secretariat speak for no State.
FOCAL_POINTS    = "login     200         200       200         200      403      403         403"
FOCAL_POINTS_400 = "login    400         400       400         400      403      403         403"
# A pledge of Ghana drafted by its focal points: the State's people and the secretariat read
# it; its focal points write; the official reads; others do not know it exists.
PLEDGE_READ     = "login     200         200       404         200      404      200         200"
PLEDGE_EDIT     = "login     400         400       404         403      404      403         403"
PLEDGE_DECIDE   = "login     302         302       404         refused  404      refused  refused"

ROUTES: dict[str, dict[str, str]] = {
    # Public: the IMRF 2026 event, its published background note, its registration form.
    "stakeholders:events": {"GET": PUBLIC},
    "stakeholders:event": {"GET": PUBLIC},
    "stakeholders:event_document": {"GET": PUBLIC},
    # A minimal POST is refused at the form's fields, the form shown again with what was typed.
    "stakeholders:register": {"GET": PUBLIC, "POST": PUBLIC},
    "stakeholders:register_sent": {"GET": PUBLIC},
    "stakeholders:register_resend": {"GET": PUBLIC, "POST": PUBLIC},
    # Signed links: an unconfirmed registration's verification link (GET asks, POST confirms),
    # a confirmed one's management link.
    "stakeholders:verify": {"GET": PUBLIC, "POST": PUBLIC_DONE},
    "stakeholders:manage": {"GET": PUBLIC},
    "stakeholders:manage_confirm": {"GET": PUBLIC_POST, "POST": PUBLIC_DONE},
    "stakeholders:manage_edit": {"GET": PUBLIC, "POST": PUBLIC},
    # Not ticked: asked again.
    "stakeholders:manage_cancel": {"GET": PUBLIC, "POST": PUBLIC},
    "stakeholders:manage_erase": {"GET": PUBLIC, "POST": PUBLIC},
    "stakeholders:manage_data": {"GET": PUBLIC},
    "stakeholders:start_input": {"GET": PUBLIC_POST, "POST": PUBLIC_DONE},
    # The secretariat's desk.
    "stakeholders:registration_queue": {"GET": SECRETARIAT},
    "stakeholders:registration_bulk": {"GET": POST_ONLY, "POST": SECRETARIAT_400},
    "stakeholders:registration_detail": {"GET": SECRETARIAT},
    "stakeholders:registration_decide": {"GET": POST_ONLY, "POST": SECRETARIAT_400},
    "stakeholders:registration_travel": {"GET": POST_ONLY, "POST": SECRETARIAT_400},
    "stakeholders:decision_messages": {"GET": SECRETARIAT},
    "stakeholders:decision_message": {"GET": SECRETARIAT, "POST": SECRETARIAT_400},
    "stakeholders:event_admin_list": {"GET": SECRETARIAT},
    "stakeholders:event_create": {"GET": SECRETARIAT, "POST": SECRETARIAT_400},
    "stakeholders:event_admin": {"GET": SECRETARIAT},
    "stakeholders:event_edit": {"GET": SECRETARIAT, "POST": SECRETARIAT_400},
    "stakeholders:event_balance": {"GET": SECRETARIAT},
    "stakeholders:event_export": {"GET": SECRETARIAT},
    # A written input drafted by its authors.
    "stakeholders:input_overview": {"GET": INPUT_READ},
    "stakeholders:input_section": {"GET": INPUT_READ, "POST": INPUT_EDIT},
    "stakeholders:input_objectives": {"GET": INPUT_READ, "POST": INPUT_EDIT},
    "stakeholders:input_attachments": {"GET": INPUT_READ, "POST": INPUT_EDIT},
    "stakeholders:input_attachment": {"GET": INPUT_READ},
    "stakeholders:input_autosave": {"GET": POST_ONLY, "POST": INPUT_EDIT},
    "stakeholders:input_delete_attachment": {"GET": INPUT_ASK, "POST": INPUT_EDIT},
    "stakeholders:input_submit": {"GET": INPUT_ASK, "POST": INPUT_DECIDE},
    "stakeholders:input_act": {"GET": INPUT_NO_ASK, "POST": INPUT_DECIDE},  # withdraw
    "stakeholders:moderate_input": {"GET": SECRETARIAT},
    "stakeholders:act_input": {"GET": SECRETARIAT_405, "POST": SECRETARIAT_400},
    "stakeholders:invite_input_author": {"GET": POST_ONLY, "POST": SECRETARIAT_400},
    # A published input, its PDF, the open data.
    "stakeholders:input": {"GET": PUBLIC},
    "stakeholders:input_pdf": {"GET": PUBLIC},
    "api:stakeholder-inputs-list": {"GET": PUBLIC},
    "api:stakeholder-inputs-detail": {"GET": PUBLIC},
    # Special accreditation (issue 19): the application without an account, its signed links
    # (an unconfirmed application's verification link, a confirmed one's management link).
    "stakeholders:accreditation_apply": {"GET": PUBLIC, "POST": PUBLIC},
    "stakeholders:accreditation_sent": {"GET": PUBLIC},
    "stakeholders:accreditation_verify": {"GET": PUBLIC, "POST": PUBLIC_DONE},
    "stakeholders:accreditation_manage": {"GET": PUBLIC},
    "stakeholders:accreditation_withdraw": {"GET": PUBLIC, "POST": PUBLIC},  # not ticked
    "stakeholders:event_organizations": {"GET": PUBLIC},
    "stakeholders:accreditation_events": {"GET": SECRETARIAT},
    "stakeholders:accreditation_import": {"GET": SECRETARIAT, "POST": SECRETARIAT_400},
    "stakeholders:accreditation_applications": {"GET": SECRETARIAT},
    "stakeholders:accreditation_open_review": {"GET": POST_ONLY, "POST": SECRETARIAT_400},
    "stakeholders:accreditation_application": {"GET": SECRETARIAT},
    "stakeholders:accreditation_decide": {"GET": POST_ONLY, "POST": SECRETARIAT_400},
    "stakeholders:accreditation_document": {"GET": SECRETARIAT},
    "stakeholders:accreditation_focal_points": {"GET": FOCAL_POINTS},
    "stakeholders:accreditation_object": {"GET": POST_ONLY, "POST": FOCAL_POINTS_400},  # no reason
    # Pledges: Ghana's focal points start one; nobody here pledges for the organisation.
    "stakeholders:start_state_pledge": {
        "GET": POST_ONLY, "POST": "login 302 302 404 404 404 404 404",
    },
    "stakeholders:start_organization_pledge": {
        "GET": POST_ONLY, "POST": "login refused refused refused refused refused refused refused",
    },
    "stakeholders:pledge_overview": {"GET": PLEDGE_READ},
    "stakeholders:pledge_section": {"GET": PLEDGE_READ, "POST": PLEDGE_EDIT},
    "stakeholders:pledge_details": {"GET": PLEDGE_READ, "POST": PLEDGE_EDIT},
    "stakeholders:pledge_autosave": {"GET": POST_ONLY, "POST": PLEDGE_EDIT},
    # Submitting asks first (a GET is the confirmation page); withdrawing does not (405).
    "stakeholders:pledge_submit": {  # complete: sent
        "GET": "login 200 200 404 403 404 403 403", "POST": PLEDGE_DECIDE,
    },
    "stakeholders:pledge_act": {  # withdraw
        "GET": "login 405 405 404 405 404 405 405", "POST": PLEDGE_DECIDE,
    },
    "stakeholders:invite_pledger": {"GET": SECRETARIAT, "POST": SECRETARIAT_400},
    "stakeholders:moderate_pledge": {"GET": SECRETARIAT},
    "stakeholders:act_pledge": {"GET": SECRETARIAT_405, "POST": SECRETARIAT_400},
    "stakeholders:pledges": {"GET": PUBLIC},
    "stakeholders:pledge": {"GET": PUBLIC},
    "api:pledges-list": {"GET": PUBLIC},
    "api:pledges-detail": {"GET": PUBLIC},
}
# fmt: on


def made(client, secretariat, alice) -> dict[str, dict]:
    """The IMRF 2026 event with a published round-table note, an unconfirmed and a confirmed
    registration, a written input being drafted (with an attachment) and a published one; the
    values of the routes' parameters. Runs inside the table's transaction."""
    from tests.stakeholders.inputs import (
        drafted_input,
        open_cycle,
        published_input,
        verified_registration,
    )

    event = EventFactory(slug="imrf-2026", title="IMRF 2026", cycle=open_cycle("imrf-2026"))
    note = BackgroundDocumentFactory(
        event=event, published_on=date(2026, 3, 1), url="",
        file=SimpleUploadedFile("note.pdf", b"%PDF-1.4 note"),
    )  # fmt: skip
    unconfirmed = RegistrationFactory(
        event=event, status=Registration.Status.UNVERIFIED, verified_at=None
    )
    confirmed = verified_registration(event=event)
    with TestCase.captureOnCommitCallbacks(execute=True):
        published = published_input(organization="Published Network")
    draft = drafted_input(organization="Drafting Network")
    client.force_login(draft.author)
    pdf = SimpleUploadedFile("evidence.pdf", b"%PDF-1.4 evidence")
    client.post(f"/en/workspace/inputs/{draft.pk}/attachments/", {"kind": "supporting",
                                                                   "file": pdf})  # fmt: skip
    attachment = draft.attachments.get().pk
    manage = {"token": [links.make_token(confirmed, links.MANAGE)]}
    working = {"pk": [draft.pk], "number": [1], "part": ["section-1"],
               "attachment": [attachment], "action": ["withdraw"]}  # fmt: skip
    values = {
        "stakeholders:event_document": {"slug": ["imrf-2026"], "pk": [note.pk]},
        "stakeholders:verify": {"token": [links.make_token(unconfirmed, links.VERIFY)]},
        **{f"stakeholders:{name}": manage for name in (
            "manage", "manage_confirm", "manage_edit", "manage_cancel", "manage_erase",
            "manage_data", "start_input",
        )},
        **{f"stakeholders:{name}": {"pk": [confirmed.pk]} for name in (
            "registration_detail", "registration_decide", "registration_travel",
        )},
        "stakeholders:decision_message": {"decision": ["rejected"], "language": ["fr"]},
        **{name: working for name in ROUTES if name.startswith("stakeholders:input_")},
        "stakeholders:moderate_input": {"pk": [draft.pk]},
        "stakeholders:act_input": {"pk": [draft.pk], "action": ["request_changes"]},
        "stakeholders:invite_input_author": {"pk": [draft.pk]},
        "stakeholders:input": {"cycle": ["imrf-2026"], "pk": [published.pk]},
        "stakeholders:input_pdf": {"cycle": ["imrf-2026"], "pk": [published.pk]},
        "api:stakeholder-inputs-detail": {"pk": [published.pk]},
    }  # fmt: skip
    values.update(_accreditation(event))
    values.update(_pledges(client, alice))
    client.force_login(secretariat)
    return values


def _accreditation(event) -> dict[str, dict]:
    """The IMRF 2026 event takes applications and its recommended list is before Member States:
    one application under review (with a supporting document), one unconfirmed."""
    from datetime import timedelta

    from django.utils import timezone

    from stakeholders.models import AccreditationApplication, SupportingDocument
    from tests.stakeholders.accrediting import application, organization

    now = timezone.now()
    type(event).objects.filter(pk=event.pk).update(
        accreditation_deadline=now + timedelta(days=20),
        review_opened_at=now - timedelta(days=1),
        review_closes_at=now + timedelta(days=10),
    )
    event.refresh_from_db()
    Status = AccreditationApplication.Status
    reviewed = application(event, organization("Reviewed Network"), status=Status.UNDER_REVIEW)
    document = SupportingDocument.objects.create(
        application=reviewed, title="Statutes",
        file=SimpleUploadedFile("statutes.pdf", b"%PDF-1.4 statutes"),
    )  # fmt: skip
    unconfirmed = application(event, organization("New Network"), status=Status.UNVERIFIED)
    slug = {"slug": ["imrf-2026"]}
    one = {**slug, "pk": [reviewed.pk]}
    return {
        "stakeholders:accreditation_verify": {
            "token": [links.application_token(unconfirmed, links.APPLICATION_VERIFY)]
        },
        **{f"stakeholders:{name}": {
            "token": [links.application_token(reviewed, links.APPLICATION_MANAGE)]
        } for name in ("accreditation_manage", "accreditation_withdraw")},
        "stakeholders:accreditation_application": one,
        "stakeholders:accreditation_decide": one,
        "stakeholders:accreditation_object": one,
        "stakeholders:accreditation_document": {**one, "document_pk": [document.pk]},
        "stakeholders:start_organization_pledge": {"organization": [reviewed.organization_id]},
    }  # fmt: skip


def _pledges(client, alice) -> dict[str, dict]:
    """A pledge of Ghana drafted by Alice, complete, and a published one of Mexico."""
    from tests.stakeholders.pledging import drafted_pledge, published_pledge

    with TestCase.captureOnCommitCallbacks(execute=True):
        published = published_pledge("MEX")
    draft = drafted_pledge("GHA", author=alice)
    working = {"pk": [draft.pk], "number": [1], "part": ["section-1"], "action": ["withdraw"]}
    return {
        **{f"stakeholders:pledge_{name}": working for name in (
            "overview", "section", "details", "autosave", "submit", "act",
        )},
        "stakeholders:start_state_pledge": {"iso3": ["GHA"]},
        "stakeholders:moderate_pledge": {"pk": [draft.pk]},
        "stakeholders:act_pledge": {"pk": [draft.pk], "action": ["request_changes"]},
        "stakeholders:pledge": {"reference": [published.reference]},
        "api:pledges-detail": {"reference": [published.reference]},
    }  # fmt: skip
