"""Only published revisions are ever public: drafts, submitted texts, comments and unpublished
reviews never appear in pages, API, CSV, feeds, sitemap or search."""

import pytest

from reviews.editing import save_part
from reviews.workflow import (
    add_comment,
    publish_document,
    request_changes,
    revise_document,
    submit_document,
    unpublish_document,
)
from tests.publishing import draft_review, published_review, secretariat
from tests.urlconf import named_routes, urls_of

pytestmark = pytest.mark.django_db

PUBLISHED = "publishedmarker"
SECRETS = {
    "DRAFTMARKER": "a draft that was never submitted",
    "SUBMITTEDMARKER": "a submitted text awaiting moderation",
    "CHANGESMARKER": "a text sent back with changes requested",
    "COMMENTMARKER": "a moderation comment",
    "REVISIONMARKER": "a new version of a published review, still a draft",
    "UNPUBLISHEDMARKER": "a review that was unpublished",
    "RETRACTEDMARKER": "a revision that was unpublished, then corrected and published again",
    "REGIONALDRAFTMARKER": "a regional review report that was never submitted",
    "REGIONALSUBMITTEDMARKER": "a regional review report awaiting moderation",
    "REGIONALGONEMARKER": "a regional review report that was unpublished",
    "INPUTDRAFTMARKER": "an Annex 3 input that was never submitted",
    "STKDRAFTMARKER": "a stakeholder's written input that was never submitted",
    "STKSUBMITTEDMARKER": "a stakeholder's written input awaiting moderation",
    "NOCONSENTMARKER": "the name of an approved participant who did not consent to the list",
    "PENDINGPERSONMARKER": "the name of a registrant not yet approved",
    "REJECTEDPERSONMARKER": "the name and organisation of a registrant not approved",
    "PRIVATEMAILMARKER": "a registrant's e-mail address",
    "HIDDENEVENTMARKER": "an event the secretariat has not published",
    "FUTURENOTEMARKER": "a background document not yet published",
    "PLEDGEDRAFTMARKER": "a pledge that was never submitted",
    "PLEDGESUBMITTEDMARKER": "a pledge awaiting moderation",
    "OBJECTIONMARKER": "a Member State's objection to an organisation",
    "APPLYINGORGMARKER": "an organisation whose accreditation is not decided",
    "REFUSEDORGMARKER": "an organisation not accredited",
}


@pytest.fixture
def portal():
    draft_review("NOR", sections={1: "DRAFTMARKER words"})
    submitted = draft_review("SEN", sections={1: "SUBMITTEDMARKER words"})
    submit_document(submitted, by=submitted.author)
    changes = draft_review("PER", sections={1: "CHANGESMARKER words"})
    submit_document(changes, by=changes.author)
    request_changes(changes, by=secretariat(), comment="COMMENTMARKER please revise")
    ghana = published_review("GHA", sections={1: f"{PUBLISHED} words"})
    add_comment(ghana, by=secretariat(), text="COMMENTMARKER internal note")
    draft = revise_document(ghana, by=ghana.author)
    save_part(draft.pk, "section-1", {"text": "REVISIONMARKER words"}, by=ghana.author,
              base_version=draft.version, kind="save")  # fmt: skip
    gone = published_review("MEX", sections={1: "UNPUBLISHEDMARKER words"})
    unpublish_document(gone, by=secretariat(), comment="Withdrawn by the government.")
    # Unpublished for personal data, corrected, published again: the first text must stay gone.
    kenya = published_review("KEN", sections={1: "RETRACTEDMARKER personal data"})
    kenya = unpublish_document(kenya, by=secretariat(), comment="Personal data in section 1.")
    kenya = request_changes(kenya, by=secretariat(), comment="Remove the names, please.")
    kenya = save_part(kenya.pk, "section-1", {"text": "CORRECTEDMARKER words"}, by=author_of("KEN"),
                      base_version=kenya.version, kind="save")  # fmt: skip
    kenya = submit_document(kenya, by=author_of("KEN"))
    publish_document(kenya, by=secretariat())
    _regional_documents()
    _stakeholders()
    return ghana


def _stakeholders():
    from datetime import timedelta

    from django.utils import timezone

    from stakeholders.models import Registration
    from tests.stakeholders.factories import (
        BackgroundDocumentFactory,
        EventFactory,
        RegistrationFactory,
    )
    from tests.stakeholders.inputs import drafted_input, published_input, submitted_input

    published_input(organization="Published Network", text=f"{PUBLISHED} stakeholder words")
    drafted_input(organization="Drafting Network", text="STKDRAFTMARKER words")
    submitted_input(organization="Submitting Network", text="STKSUBMITTEDMARKER words")
    event = EventFactory(slug="imrf-2026-forum", title="IMRF 2026")
    Status = Registration.Status
    RegistrationFactory(
        event=event,
        status=Status.APPROVED,
        consent_public_list=True,
        full_name=f"{PUBLISHED} Person",
        email="PRIVATEMAILMARKER@example.org",
    )
    RegistrationFactory(
        event=event,
        status=Status.APPROVED,
        consent_public_list=False,
        full_name="NOCONSENTMARKER Person",
    )
    RegistrationFactory(
        event=event,
        status=Status.PENDING,
        consent_public_list=True,
        full_name="PENDINGPERSONMARKER Person",
    )
    RegistrationFactory(
        event=event,
        status=Status.REJECTED,
        consent_public_list=True,
        full_name="REJECTEDPERSONMARKER Person",
        organization="REJECTEDPERSONMARKER Org",
    )
    BackgroundDocumentFactory(
        event=event, title="FUTURENOTEMARKER", published_on=timezone.localdate() + timedelta(days=3)
    )
    EventFactory(slug="hidden-event", title="HIDDENEVENTMARKER", is_published=False)  # fmt: skip
    _accreditation_and_pledges(event)


def _accreditation_and_pledges(event):
    from reviews.workflow import submit_document
    from stakeholders.models import AccreditationApplication, Objection
    from tests.stakeholders.accrediting import application, organization
    from tests.stakeholders.pledging import drafted_pledge, published_pledge

    Status = AccreditationApplication.Status
    application(event, organization(f"{PUBLISHED} Accredited Org"), status=Status.ACCREDITED)
    under_review = application(event, organization("APPLYINGORGMARKER Org"),
                               status=Status.UNDER_REVIEW)  # fmt: skip
    Objection.objects.create(application=under_review, member_state_id="MEX",
                             reason="OBJECTIONMARKER reasons")  # fmt: skip
    application(event, organization("REFUSEDORGMARKER Org"), status=Status.NOT_ACCREDITED)
    published_pledge("GHA", title=f"{PUBLISHED} pledge")
    drafted_pledge("PER", title="PLEDGEDRAFTMARKER pledge")
    submitted = drafted_pledge("SEN", title="PLEDGESUBMITTEDMARKER pledge")
    submit_document(submitted, by=submitted.author)


def _regional_documents():
    from tests.regional import publishing as regional

    regional.draft_report("ECA", sections={1: "REGIONALDRAFTMARKER words"})
    regional.submitted_report("ESCAP", sections={1: "REGIONALSUBMITTEDMARKER words"})
    regional.unpublished_report("ECE", sections={1: "REGIONALGONEMARKER words"})
    regional.published_report("ESCWA", sections={1: f"{PUBLISHED} regional words"})
    regional.published_input("ESCWA", organization="Published Organization")
    regional.draft_input("ESCWA", organization="Draft Organization",
                         sections={1: "INPUTDRAFTMARKER words"})  # fmt: skip


def author_of(iso3):
    from reviews.models import FocalPointMembership

    return FocalPointMembership.objects.filter(member_state_id=iso3).first().user


def _candidate_values(portal) -> dict[str, list]:
    """What to put in each path parameter: every row of the portal that a URL could name."""
    from reviews.models import (
        Attachment,
        Document,
        ObjectiveProgress,
        RegionalCommission,
        ReviewRevision,
        VoluntaryReview,
    )
    from reviews.workflow import TRANSITIONS

    states = sorted(VoluntaryReview.objects.values_list("member_state_id", flat=True))
    pks = [
        *VoluntaryReview.objects.values_list("pk", flat=True),
        *ObjectiveProgress.objects.values_list("pk", flat=True),
        *Attachment.objects.values_list("pk", flat=True),
    ]
    from stakeholders.models import BackgroundDocument, Event, Registration

    cycles = sorted(set(Document.objects.values_list("cycle__slug", flat=True)))
    pks += Document.objects.exclude(kind="national_review").values_list("pk", flat=True)
    # Events (their pages and documents) and registrations (the secretariat's pages).
    pks += [*BackgroundDocument.objects.values_list("pk", flat=True),
            *Registration.objects.values_list("pk", flat=True)]  # fmt: skip
    events = list(Event.objects.values_list("slug", flat=True))
    from stakeholders.models import Organization, Pledge, SupportingDocument

    return {
        "cycle": cycles,
        # Regional bodies: the commissions (a report's or an input's address) and processes.
        "body": sorted(set(RegionalCommission.objects.values_list("code", flat=True))),
        "slug": [*cycles, *events],
        "decision": ["rejected"],
        "reference": sorted(Pledge.objects.values_list("reference", flat=True)),
        "organization": sorted(Organization.objects.values_list("pk", flat=True)),
        "document_pk": sorted(SupportingDocument.objects.values_list("pk", flat=True)),
        "language": ["fr"],
        "iso3": states,
        "code": list(RegionalCommission.objects.values_list("code", flat=True)),
        # Revision numbers (the versions/ pages) and objective 1.
        "number": sorted({1, *ReviewRevision.objects.values_list("number", flat=True)}),
        "pk": sorted(set(pks)),
        # The attachments of regional documents (their working pages).
        "attachment": sorted(Attachment.objects.values_list("pk", flat=True)),
        "action": sorted(TRANSITIONS),
        "part": ["section-1", "details"],
        "token": ["not-a-token"],
        "uidb64": ["MQ"],
    }


# The Django admin asks every visitor to log in first; its own tests cover it.
NOT_PUBLIC_NAMESPACES = {"admin"}
EXTRA_QUERIES = {
    "reviews:public_list": ["?sort=state", f"?q={PUBLISHED}"],
}


def public_surfaces(portal) -> list[str]:
    values = _candidate_values(portal)
    urls = []
    for route in named_routes():
        if route.namespace in NOT_PUBLIC_NAMESPACES:
            continue
        for url in urls_of(route, values):
            urls.append(url)
            queries = EXTRA_QUERIES.get(route.name, [])
            if route.name.startswith("api:") and route.name.endswith("-list"):
                queries = ["?format=csv"]
            urls += [url + query for query in queries]
    return urls


def test_no_unpublished_text_on_any_public_surface(client, portal):
    urls = public_surfaces(portal)
    # The walk reaches the pages that matter (guards against an empty walk passing).
    for expected in [
        "/en/reviews/imrf-2026/GHA/",
        "/en/reviews/imrf-2026/KEN/versions/1/",
        "/api/v1/objective-entries/?format=csv",
        "/feeds/publications/",
        "/sitemap.xml",
        "/en/regional/",
        "/en/regional/regional-2024/ESCWA/",
        "/en/regional/regional-2024/ECE/",
        "/api/v1/regional-reports/?format=csv",
        "/api/v1/regional-inputs/?format=csv",
        "/en/events/imrf-2026-forum/",
        "/en/events/hidden-event/",
        "/en/events/imrf-2026-forum/organizations/",
        "/en/pledges/",
        "/api/v1/pledges/?format=csv",
        "/api/v1/stakeholder-inputs/?format=csv",
    ]:
        assert expected in urls
    for url in urls:
        body = client.get(url).content.decode(errors="replace")
        for marker, what in SECRETS.items():
            assert marker not in body, f"{what} leaked on {url}"
    assert PUBLISHED in client.get("/en/reviews/imrf-2026/GHA/").content.decode()
    assert PUBLISHED in client.get("/en/regional/regional-2024/ESCWA/").content.decode()
    assert f"{PUBLISHED} Person" in client.get("/en/events/imrf-2026-forum/").content.decode()
    organizations = client.get("/en/events/imrf-2026-forum/organizations/").content.decode()
    assert f"{PUBLISHED} Accredited Org" in organizations
    assert f"{PUBLISHED} pledge" in client.get("/en/pledges/").content.decode()


def test_an_unpublished_revision_stays_gone_after_republication(client, portal):
    from reviews.models import ModerationEvent, VoluntaryReview

    kenya = VoluntaryReview.objects.get(member_state_id="KEN")
    retracted, corrected = (
        ModerationEvent.objects.filter(document=kenya, action="publish")
        .order_by("created_at", "id")
        .values_list("revision__number", flat=True)
    )
    assert kenya.published_revision.number == corrected
    page = client.get("/en/reviews/imrf-2026/KEN/").content.decode()
    assert "CORRECTEDMARKER" in page
    assert f"/versions/{retracted}/" not in page
    assert client.get(f"/en/reviews/imrf-2026/KEN/versions/{retracted}/").status_code == 404
    assert client.get(f"/en/reviews/imrf-2026/KEN/versions/{corrected}/").status_code == 200


def test_earlier_versions_of_a_corrected_review_stay_readable(client):
    ghana = published_review("GHA", sections={1: "FIRSTVERSION words"})
    draft = revise_document(ghana, by=ghana.author)
    save_part(draft.pk, "section-1", {"text": "SECONDVERSION words"}, by=ghana.author,
              base_version=draft.version, kind="save")  # fmt: skip
    submit_document(draft, by=ghana.author)
    current = publish_document(draft, by=secretariat())
    first = ghana.published_revision.number
    page = client.get("/en/reviews/imrf-2026/GHA/").content.decode()
    assert "SECONDVERSION" in page
    assert f"/en/reviews/imrf-2026/GHA/versions/{first}/" in page
    earlier = client.get(f"/en/reviews/imrf-2026/GHA/versions/{first}/")
    assert "FIRSTVERSION" in earlier.content.decode()
    assert current.published_revision.number != first


def test_search_finds_only_published_text(client, portal):
    found = client.get(f"/en/reviews/?q={PUBLISHED}").content.decode()
    assert PUBLISHED in found
    assert "/en/regional/regional-2024/ESCWA/" in found.split('id="others-heading"')[1]
    for marker in SECRETS:
        page = client.get(f"/en/reviews/?q={marker}").content.decode()
        assert "0 reviews found" in page and 'id="others-heading"' not in page
        assert client.get(f"/api/v1/reviews/?q={marker}").json()["count"] == 0


def test_api_detail_of_an_unpublished_review_is_404(client, portal):
    from reviews.models import VoluntaryReview

    for iso3 in ["NOR", "SEN", "PER", "MEX"]:
        pk = VoluntaryReview.objects.get(member_state_id=iso3).pk
        assert client.get(f"/api/v1/reviews/{pk}/").status_code == 404


def test_unpublished_reviews_leave_the_index(portal):
    from reviews.models import PublishedPart
    from stakeholders.models import Pledge

    states = set(PublishedPart.objects.values_list("document__authored_by", flat=True))
    pledge = Pledge.objects.get(published_revision__isnull=False).authored_by
    assert states == {"GHA", "KEN", "ESCWA", "ESCWA:org-Published Organization",
                      "org-published-network", pledge}  # fmt: skip
    assert not PublishedPart.objects.filter(text__contains="RETRACTEDMARKER").exists()
