"""Special accreditation to the IMRF 2026 and a pledge, in a real browser (issue 19 item 7).

An organisation applies in French (fields found by their labels, as the page words them),
confirms from the link in its e-mail; a second organisation applies through the door. The
secretariat recommends both on its pages and sends the list to Member States; Mexico's focal
point objects to the second. Once the period has passed (its closing time moved into the past)
the scheduled task settles the list: only the first is accredited, on the public list too, and
its e-mail is in French as far as the catalogue is compiled. A person of that organisation
registers choosing it in the list and waits for the secretariat (pending). The focal point
drafts and submits a pledge of Mexico on the workspace pages; the secretariat publishes it; it
is on the public list and has its page.
"""

import re
from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from playwright.sync_api import expect

from reviews.models import Objective, ReviewStatus
from stakeholders import accreditation, demo
from stakeholders.forms.accreditation import AccreditationForm
from stakeholders.forms.accreditation_review import OpenReviewForm
from stakeholders.models import AccreditationApplication, Event, Pledge, Registration
from stakeholders.pledges.parts import PledgeDetailsForm
from stakeholders.tasks import close_accreditation_reviews
from tests.browser.test_stakeholder_journey import confirm_from_mail, in_language, mails_to
from tests.personas import focal_point_of, secretariat_member
from tests.stakeholders.accrediting import link_in
from tests.stakeholders.pledging import MEASURE, WHAT, WHO, open_cycle

pytestmark = pytest.mark.django_db(transaction=True)
Status = AccreditationApplication.Status

AVM = {
    "name": "Association Voix des Migrantes",
    "acronym": "AVM",
    "website": "https://voixdesmigrantes.example.org",
    "head_name": "Claire Dubois",
    "head_title": "Présidente",
    "contact_name": "Yasmina Haddad",
    "email": "contact@voixdesmigrantes.example.org",
    "purpose": "Accompagner les femmes migrantes dans l'accès aux droits.",
    "relevance": "Nous tenons des permanences juridiques sur l'accès aux services (objectif 15).",
}
OBJECTION = "The organisation is not registered under national law."
PLEDGE_TITLE = "Ventanillas únicas para trabajadores migrantes"


def _escaped(text: str) -> str:
    return re.sub(r"[.*+?^${}()|[\]\\/]", r"\\\g<0>", text)


def by_label(page, form_class, name: str, language: str):
    """The control labelled with the form's label (crispy adds "*" to required ones)."""
    with translation.override(language):
        label = str(form_class.base_fields[name].label)
    return page.get_by_label(re.compile(rf"^\s*{_escaped(label)}\s*\*?\s*$"))


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/en/accounts/login/")
    page.locator("input[name=username]").fill(user.email)
    page.locator("input[name=password]").fill("test-password-123!")
    page.locator("form button[type=submit]").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def log_out(page):
    page.get_by_role("button", name="Log out").click()


def apply_in_french(page, live_server, event, screenshot):
    page.goto(f"{live_server.url}/fr/events/{event.slug}/accreditation/apply/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    for name in ("name", "acronym", "website", "head_name", "head_title", "contact_name",
                 "email", "purpose", "relevance"):  # fmt: skip
        by_label(page, AccreditationForm, name, "fr").fill(AVM[name])
    by_label(page, AccreditationForm, "category", "fr").select_option("civil_society")
    by_label(page, AccreditationForm, "headquarters", "fr").select_option("FRA")
    expect(by_label(page, AccreditationForm, "language", "fr")).to_have_value("fr")  # preset
    for number in (15, 16):  # the objectives' French titles (fixtures/SOURCES.md §7)
        with translation.override("fr"):
            label = str(Objective.objects.get(number=number))
        page.get_by_role("checkbox", name=label).check()
    with translation.override("fr"):
        roundtable = in_language("fr", "Round table %(number)s") % {"number": 2}
    page.get_by_role("checkbox", name=roundtable, exact=True).check()
    privacy = by_label(page, AccreditationForm, "consent_privacy", "fr")
    privacy.focus()
    page.keyboard.press("Space")
    expect(privacy).to_be_checked()
    screenshot("accreditation-apply-fr")
    page.get_by_role("button", name=in_language("fr", "Send the application")).click()
    expect(page).to_have_url(re.compile(r"/fr/events/imrf-2026/accreditation/apply/sent/$"))


def recommend_on_page(page, live_server, event, application):
    page.goto(f"{live_server.url}/en/secretariat/accreditation/{event.slug}/{application.pk}/")
    page.get_by_role("radio", name="Recommend", exact=True).check()
    page.get_by_role("button", name="Record the decision").click()
    application.refresh_from_db()
    assert application.status == Status.RECOMMENDED


def test_apply_in_french_recommend_object_close_register_and_pledge(
    page, live_server, settings, screenshot, tmp_path
):
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path
    settings.PUBLIC_CACHE_SECONDS = 0
    settings.REGISTRATION_RATE_LIMIT = "10000/h"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The IMRF 2026 of seed_demo, with applications and registration open now.
    event = demo._ensure_imrf()
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        accreditation_deadline=now + timedelta(days=20),
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=30),
    )
    event.refresh_from_db()
    open_cycle()
    secretariat = secretariat_member(email="sec@un.example")
    focal_point = focal_point_of("MEX", email="fp@mex.example")
    for person in (secretariat, focal_point):
        person.set_password("test-password-123!")
        person.save()

    # 1. Association Voix des Migrantes applies in French and confirms from its e-mail.
    apply_in_french(page, live_server, event, screenshot)
    [message] = mails_to(AVM["email"])
    page.goto(live_server.url + link_in(message, "verify"))
    page.get_by_role("button", name=in_language("fr", "Confirm the application")).click()
    first = AccreditationApplication.objects.get(organization__acronym="AVM")
    expect(page).to_have_url(re.compile(r"/fr/events/accreditation/manage/"))
    first.refresh_from_db()
    assert (first.status, first.language, first.roundtables) == (Status.APPLIED, "fr", [2])

    # 2. A second organisation applies (through the door, in English) and confirms.
    second = accreditation.apply(
        event=event,
        organization_fields={
            "name": "Coalición Frontera Sur",
            "category": first.organization.category,
            "headquarters_id": "GTM",
            "website": "https://fronterasur.example.org",
            "head_name": "María López",
            "head_title": "Coordinadora",
            "contact_name": "José Pérez",
            "email": "contacto@fronterasur.example.org",
        },
        application_fields={"purpose": "Transit support.", "relevance": "Objective 8."},
        objectives=[8],
        roundtables=[3],
        language="en",
    )
    second = accreditation.verify(second)

    # 3. The secretariat recommends both and sends the list to Member States.
    log_in(page, live_server, secretariat)
    recommend_on_page(page, live_server, event, first)
    recommend_on_page(page, live_server, event, second)
    page.goto(f"{live_server.url}/en/secretariat/accreditation/{event.slug}/")
    closes = (timezone.now() + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    by_label(page, OpenReviewForm, "closes_at", "en").fill(closes)
    page.get_by_role("button", name="Send the recommended list to Member States").click()
    expect(page.locator("#review-state")).to_contain_text("was sent to Member States")
    event.refresh_from_db()
    assert event.review_opened_at is not None
    log_out(page)

    # 4. Mexico's focal point objects to the second organisation.
    log_in(page, live_server, focal_point)
    page.goto(f"{live_server.url}/en/workspace/accreditation/{event.slug}/")
    rows = page.locator("article.recommended-organization")
    expect(rows).to_have_count(2)
    screenshot("accreditation-focal-points")
    row = rows.filter(has=page.get_by_role("heading", name=re.compile("Coalición Frontera Sur")))
    row.locator("summary").click()
    row.get_by_label(re.compile(r"^\s*Reason for the objection\s*\*?\s*$")).fill(OBJECTION)
    expect(row.get_by_label(re.compile(r"^\s*On behalf of"))).to_have_value("MEX")
    row.get_by_role("button", name="Object", exact=True).click()
    expect(page.get_by_text("Your objection is recorded.")).to_be_visible()
    assert list(second.objections.values_list("member_state_id", "reason")) == [("MEX", OBJECTION)]

    # 5. The period has passed; the scheduled task settles the list as beat would run it.
    Event.objects.filter(pk=event.pk).update(review_closes_at=timezone.now() - timedelta(minutes=1))
    assert close_accreditation_reviews.apply().get() == 2
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.ACCREDITED, Status.NOT_ACCREDITED)
    public = page.goto(f"{live_server.url}/en/events/{event.slug}/organizations/")
    assert public.status == 200
    expect(page.get_by_text("Association Voix des Migrantes", exact=False)).to_have_count(1)
    expect(page.get_by_text("Coalición Frontera Sur")).to_have_count(0)
    with translation.override("fr"):
        expected = " ".join(
            render_to_string(
                "stakeholders/email/accreditation/accredited_subject.txt", {"event": event}
            ).split()
        )
        translated = str(translation.gettext("Your organisation is accredited to %(event)s"))
    # Applied, confirmed, on the list to Member States, accredited: the last is in French.
    subjects = [m.subject for m in mails_to(AVM["email"], at_least=4)]
    assert subjects[-1] == expected, subjects
    if translated != "Your organisation is accredited to %(event)s":  # the catalogue compiled
        assert subjects[-1] != f"Your organisation is accredited to {event.title}"

    # 6. A person of the accredited organisation registers choosing it in the list: pending.
    log_out(page)
    page.goto(f"{live_server.url}/en/events/{event.slug}/register/")
    page.get_by_label(re.compile(r"^\s*Your organization\s*\*?\s*$")).select_option(
        str(first.organization_id)
    )
    page.get_by_label(re.compile(r"^\s*Full name\s*\*?\s*$")).fill("Yasmina Haddad")
    page.get_by_label(re.compile(r"^\s*E-mail address\s*\*?\s*$")).fill("yasmina@example.org")
    page.get_by_label(re.compile(r"^\s*Country of residence")).select_option("FRA")
    page.get_by_label(re.compile(r"^\s*Nationality")).select_option("DZA")
    page.get_by_label(re.compile(r"^\s*Stakeholder category")).select_option("civil_society")
    page.get_by_label(re.compile(r"^\s*Level of your work")).select_option("national")
    page.get_by_label(re.compile(r"^\s*How you will take part")).select_option("in_person")
    page.get_by_label(re.compile(r"^\s*I have read the privacy notice")).check()
    page.get_by_role("button", name="Register", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    confirm_from_mail(page, live_server, "yasmina@example.org", "en")
    registration = Registration.objects.get(event=event, email="yasmina@example.org")
    assert (registration.status, registration.organization_record_id) == (
        Registration.Status.PENDING,
        first.organization_id,
    )

    # 7. The focal point drafts and submits a pledge of Mexico on the workspace pages.
    log_in(page, live_server, focal_point)
    page.goto(f"{live_server.url}/en/workspace/")
    page.get_by_role("button", name="Start a pledge of Mexico").click()
    pledge = Pledge.objects.get(member_state="MEX")
    expect(page).to_have_url(re.compile(rf"/en/workspace/pledges/{pledge.pk}/$"))
    for number, title, text in ((1, "What will be done", WHAT), (2, "By whom", WHO),
                                (3, "How progress will be measured", MEASURE)):  # fmt: skip
        page.goto(f"{live_server.url}/en/workspace/pledges/{pledge.pk}/section/{number}/")
        page.get_by_label(title, exact=True).fill(text)
        page.get_by_role("button", name="Save", exact=True).click()
    page.goto(f"{live_server.url}/en/workspace/pledges/{pledge.pk}/details/")
    by_label(page, PledgeDetailsForm, "title", "en").fill(PLEDGE_TITLE)
    by_label(page, PledgeDetailsForm, "due_by", "en").fill(
        (timezone.localdate() + timedelta(days=400)).isoformat()
    )
    page.get_by_role("checkbox", name=str(Objective.objects.get(number=6))).check()
    page.get_by_role("button", name="Save", exact=True).click()
    page.goto(f"{live_server.url}/en/workspace/pledges/{pledge.pk}/")
    # Submitting asks first: the link opens what will happen, whose button submits.
    page.get_by_role("link", name="Submit to the secretariat").click()
    page.get_by_role("button", name="Submit", exact=True).click()
    pledge.refresh_from_db()
    assert (pledge.status, pledge.title) == (ReviewStatus.SUBMITTED, PLEDGE_TITLE)
    log_out(page)

    # 8. The secretariat publishes it on its moderation page; it is public.
    log_in(page, live_server, secretariat)
    page.goto(f"{live_server.url}/en/secretariat/pledges/{pledge.pk}/")
    page.get_by_role("button", name="Publish", exact=True).click()
    # Publishing asks first: the confirmation page's own button publishes.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Publish")
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("Published on")).to_be_visible()
    pledge.refresh_from_db()
    assert pledge.status == ReviewStatus.PUBLISHED
    log_out(page)
    page.goto(f"{live_server.url}/en/pledges/")
    expect(page.get_by_role("link", name=PLEDGE_TITLE)).to_have_count(1)
    page.goto(f"{live_server.url}/en/pledges/{pledge.reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(PLEDGE_TITLE)
    expect(page.get_by_text(WHAT)).to_be_visible()
    screenshot("pledge-page")
