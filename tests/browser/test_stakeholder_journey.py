"""A stakeholder's registration for the IMRF 2026, from the Arabic form to the public list.

Amina registers in Arabic with the keyboard (fields found by their labels, as the page words
them), gets the neutral "check your e-mail" page, confirms her address from the link in the
e-mail; Bilal registers too, without agreeing to the public list. The secretariat approves
Amina and grants her travel support (the running total against the budget shows), and
approves Bilal from the queue. The public event page lists Amina by name and Bilal's
organisation only. Amina registering again with her address in capitals changes nothing and
gets the same neutral page. Her e-mails are in Arabic as far as the catalogue is translated:
each subject is compared with what gettext gives in Arabic (the English text until the lead's
catalogue has the string).
"""

import re
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from reviews.permissions import SECRETARIAT_GROUP
from stakeholders import demo
from stakeholders.decisions import ACTION_CHOICES
from stakeholders.forms.decisions import TravelForm
from stakeholders.forms.registration import RegistrationForm
from stakeholders.messages import BUILT_IN
from stakeholders.models import DecisionMessage, Event, Registration
from tests.browser.conftest import log_in
from tests.factories import UserFactory
from tests.stakeholders.registering import link_in

# Transactional: the live server reads committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

AMINA = {"name": "أمينة ديالو", "email": "amina.diallo@example.org", "org": "أصوات المهاجرين"}
BILAL = {"name": "Bilal Hassan", "email": "bilal@example.org", "org": "Diaspora Link Network"}


def in_language(language, text) -> str:
    """`text` as the page in `language` shows it (gettext; the English text if untranslated)."""
    with translation.override(language):
        return str(gettext(text))


def label_of(form_field: str, language: str) -> str:
    with translation.override(language):
        return str(RegistrationForm.base_fields[form_field].label)


def field(page, form_field: str, language: str):
    """The control whose label is the form's label (crispy adds "*" to required ones)."""
    # Escaped for a JavaScript RegExp; the label's text keeps the template's line breaks.
    label = re.sub(r"[.*+?^${}()|[\]\\/]", r"\\\g<0>", label_of(form_field, language))
    return page.get_by_label(re.compile(rf"^\s*{label}\s*\*?\s*$"))


def mails_to(address: str, at_least: int = 1, timeout: float = 10.0) -> list:
    """The test outbox's messages to `address` (the live server sends them on commit)."""
    deadline = time.monotonic() + timeout
    while True:
        found = [m for m in mail.outbox if m.to == [address]]
        if len(found) >= at_least or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def register(page, live_server, event, person, *, language, public_list, travel=False):
    """Fill the form as a person: by labels, typing, Space on the boxes, Enter on the button."""
    page.goto(f"{live_server.url}/{language}/events/{event.slug}/register/")
    field(page, "full_name", language).press_sequentially(person["name"])
    field(page, "email", language).fill(person["email"])
    field(page, "residence", language).select_option("SEN")
    field(page, "nationality", language).select_option("SEN")
    field(page, "age_group", language).select_option(Registration.AgeGroup.values[1])
    expect(field(page, "language", language)).to_have_value(language)  # the page's, preset
    field(page, "organization", language).fill(person["org"])
    field(page, "category", language).select_option("civil_society")
    field(page, "level", language).select_option(Registration.Level.NATIONAL)
    field(page, "participation", language).select_option(Registration.Participation.IN_PERSON)
    if travel:
        field(page, "travel_requested", language).focus()
        page.keyboard.press("Space")
        field(page, "travel_justification", language).fill(
            "منظمة صغيرة في داكار لا تملك ميزانية للسفر."
        )
    consents = ["consent_privacy", "consent_public_list"] if public_list else ["consent_privacy"]
    for name in consents:
        box = field(page, name, language)
        box.focus()
        page.keyboard.press("Space")
        expect(box).to_be_checked()
    if not public_list:
        expect(field(page, "consent_public_list", language)).not_to_be_checked()


def submit(page, language):
    page.get_by_role("button", name=in_language(language, "Register"), exact=True).press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        in_language(language, "Check your e-mail")
    )


def confirm_from_mail(page, live_server, address, language):
    [message] = mails_to(address)
    page.goto(live_server.url + link_in(message, "verify"))
    page.get_by_role(
        "button", name=in_language(language, "Confirm my registration"), exact=True
    ).click()
    expect(
        page.get_by_text(in_language(language, "Thank you: your address is confirmed."))
    ).to_be_visible()


def expected_subject(template: str, event, language="ar") -> str:
    with translation.override(language):
        text = render_to_string(f"stakeholders/email/{template}_subject.txt", {"event": event})
    return " ".join(text.split())


def expected_decision_subject(decision, event, language="ar") -> str:
    with translation.override(language):
        return str(BUILT_IN[decision][0]).format(event=event.title)


def test_register_in_arabic_confirm_approve_with_travel_and_list_only_with_consent(
    page, live_server, settings, screenshot
):
    settings.SITE_URL = live_server.url
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # The IMRF 2026 of seed_demo (agenda, documents, budget of USD 60,000, USD 400 a day),
    # with its registration window open now.
    event = demo._ensure_imrf()
    now = timezone.now()
    Event.objects.filter(pk=event.pk).update(
        registration_opens=now - timedelta(days=1), registration_closes=now + timedelta(days=30)
    )
    event.refresh_from_db()
    secretariat = UserFactory(email="sec@un.example", is_staff=True)
    secretariat.groups.add(secretariat.groups.model.objects.get(name=SECRETARIAT_GROUP))

    # 1. Amina registers in Arabic: the page is right to left, labels in Arabic where translated.
    register(page, live_server, event, AMINA, language="ar", public_list=True, travel=True)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    screenshot("stakeholder-register-ar")
    submit(page, "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("#neutral-answer")).to_have_text(
        in_language(
            "ar",
            "If this address can register, we have sent a message to it. Open the link in that "
            "message to confirm your address or to manage your registration. The confirmation "
            "link works for 72 hours.",
        )
    )
    screenshot("stakeholder-register-sent-ar")
    amina = Registration.objects.get(event=event)
    assert (amina.full_name, amina.email, amina.language) == (AMINA["name"], AMINA["email"], "ar")
    assert amina.status == Registration.Status.UNVERIFIED
    assert amina.consent_public_list is True
    assert amina.travel == Registration.Travel.REQUESTED

    # 2. She confirms from the link in the e-mail (GET asks, POST confirms).
    confirm_from_mail(page, live_server, AMINA["email"], "ar")
    amina.refresh_from_db()
    assert amina.status == Registration.Status.PENDING

    # 3. Bilal registers in English and does not agree to the public list.
    register(page, live_server, event, BILAL, language="en", public_list=False)
    submit(page, "en")
    confirm_from_mail(page, live_server, BILAL["email"], "en")
    bilal = Registration.objects.get(event=event, email=BILAL["email"])
    assert (bilal.status, bilal.consent_public_list) == (Registration.Status.PENDING, False)

    # 4. The secretariat opens the queue and Amina's page, approves, grants travel support.
    log_in(page, live_server, "sec@un.example")
    page.goto(f"{live_server.url}/en/secretariat/registrations/?event={event.slug}")
    rows = page.locator("#registrations tbody tr.registration-row")
    expect(rows).to_have_count(2)
    expect(page.locator("#travel-budget")).to_contain_text("0.00 USD granted to 0 people")
    screenshot("stakeholder-queue")
    page.get_by_role("link", name=AMINA["name"]).click()
    expect(page.locator("#registration-status")).to_have_text("Waiting for a decision")
    expect(page.locator("#travel-priority")).to_be_visible()  # Senegal is an LDC
    page.get_by_label(str(dict(ACTION_CHOICES)["approve"]), exact=True).check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Decision recorded; the person is e-mailed.")).to_be_visible()
    expect(page.locator("#registration-status")).to_have_text("Approved")
    page.get_by_label(str(TravelForm.base_fields["decision"].choices[0][1]), exact=True).check()
    page.get_by_label("Days of daily subsistence allowance").fill("4")
    page.get_by_label("Travel (USD)").fill("850")
    page.get_by_role("button", name="Record travel support").click()
    expect(page.get_by_text("Travel support recorded; the person is e-mailed.")).to_be_visible()
    expect(page.locator("#travel-status")).to_have_text("Granted")
    # 4 days at USD 400 and USD 850 of travel: USD 2,450 of the USD 60,000 budget.
    travel = page.locator("#travel-heading").locator("xpath=..")
    expect(travel).to_contain_text(re.compile(r"USD 2,450\.00 of a budget of USD 60,000\.00"))
    expect(travel).to_contain_text(re.compile(r"USD 57,550\.00 left"))
    amina.refresh_from_db()
    assert (amina.status, amina.travel) == (
        Registration.Status.APPROVED,
        Registration.Travel.GRANTED,
    )
    assert (amina.subsistence_days, amina.travel_total) == (4, 2450)

    # 5. Back to the queue: the running total; Bilal approved with the bulk action.
    page.locator("main").get_by_role("link", name="Registrations", exact=True).click()
    expect(page.locator("#travel-budget")).to_contain_text(
        re.compile(r"2,450\.00 USD granted to 1 person, of a budget of 60,000\.00 USD")
    )
    page.get_by_label(f"Select {BILAL['name']}").check()
    page.get_by_label("Decision for the ticked registrations").select_option("approve")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("1 registration decided.")).to_be_visible()
    bilal.refresh_from_db()
    assert bilal.status == Registration.Status.APPROVED
    page.get_by_role("button", name="Log out").click()

    # 6. The public page (in Arabic): Amina by name; Bilal's organisation, not his name.
    page.goto(f"{live_server.url}/ar/events/{event.slug}/")
    participants = page.locator("#participants tbody tr")
    expect(participants).to_have_count(1)
    expect(participants.first).to_contain_text(AMINA["name"])
    expect(participants.first).to_contain_text(AMINA["org"])
    organizations = page.locator("#organizations tbody")
    expect(organizations).to_contain_text(BILAL["org"])
    expect(organizations).to_contain_text(AMINA["org"])
    expect(page.locator("main")).not_to_contain_text(BILAL["name"])
    screenshot("stakeholder-event-public-ar")

    # 7. Amina again, her address in capitals: nothing created, the same neutral page.
    before = len(mails_to(AMINA["email"], at_least=4))
    register(
        page, live_server, event, {**AMINA, "email": AMINA["email"].upper()},
        language="ar", public_list=False,
    )  # fmt: skip
    submit(page, "ar")
    expect(page).to_have_url(f"{live_server.url}/ar/events/{event.slug}/register/sent/")
    assert Registration.objects.filter(event=event).count() == 2
    amina.refresh_from_db()
    assert (amina.status, amina.consent_public_list) == (Registration.Status.APPROVED, True)
    assert amina.email == AMINA["email"]  # what she typed first stays

    # 8. Her e-mails, each to her address, in Arabic where the catalogue has the string.
    subjects = [m.subject for m in mails_to(AMINA["email"], at_least=before + 1)]
    assert len(subjects) == before + 1, subjects
    assert expected_subject("registered", event) in subjects
    assert expected_subject("verified", event) in subjects
    approved = expected_decision_subject(DecisionMessage.Decision.APPROVED, event)
    assert approved in subjects
    travel_subject = expected_decision_subject(DecisionMessage.Decision.TRAVEL, event)
    assert travel_subject in subjects
    assert subjects[-1] == expected_subject("management_link", event)  # the duplicate's answer
    assert not mails_to(AMINA["email"].upper(), timeout=0)
    # Bilal, who registered in English, had his in English.
    bilal_subjects = [m.subject for m in mails_to(BILAL["email"], at_least=3)]
    assert f"Your registration for {event.title} is approved" in bilal_subjects
