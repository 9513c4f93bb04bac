"""Text typed into the other kinds of document on the shared machinery: a regional review
report's sections, a stakeholder's written input, a pledge (its sections and its title). Any
text is stored and shown inert on the editor and the overview, or refused at the field with
the text kept. Never a 5xx."""

from datetime import date

import pytest
from hypothesis import given

from regional.drafting import start_report
from regional.models import RegionalMeeting, RegionalReviewReport
from reviews.models import RegionalCommission, ReviewCycle
from stakeholders.models import Pledge, StakeholderInput
from tests.personas import reporter_of
from tests.properties.conftest import undone
from tests.properties.html_checks import (
    INVALID_UTF8,
    PROPERTY_SETTINGS,
    TEXT,
    answered_well,
    assert_inert,
    field_value,
    lines,
)
from tests.properties.test_national_review import with_examples
from tests.stakeholders import pledging
from tests.stakeholders.inputs import drafted_input

pytestmark = pytest.mark.django_db
FORM = "application/x-www-form-urlencoded; charset=utf-8"


@pytest.fixture
def regional_report(client):
    cycle = ReviewCycle.objects.get(slug="regional-2024")
    cycle.is_open = True
    cycle.save(update_fields=["is_open"])
    meeting = RegionalMeeting.objects.create(
        commission=RegionalCommission.objects.get(code="ECE"), cycle=cycle,
        title="Regional review of the GCM in the UNECE region", starts_on=date(2024, 11, 14),
        ends_on=date(2024, 11, 15), mode=RegionalMeeting.Mode.HYBRID, place="Geneva",
    )  # fmt: skip
    reporter = reporter_of(commission="ECE")
    report = start_report(meeting, by=reporter)
    client.force_login(reporter)
    base = "/en/workspace/regional/regional-2024/ECE/"
    return base, lambda: RegionalReviewReport.objects.get(pk=report.pk).version


@pytest.fixture
def stakeholder_input(client):
    document = drafted_input()
    client.force_login(document.author)
    base = f"/en/workspace/inputs/{document.pk}/"
    return base, lambda: StakeholderInput.objects.get(pk=document.pk).version


@pytest.fixture
def pledge(client):
    document = pledging.drafted_pledge("GHA")
    client.force_login(document.author)
    base = f"/en/workspace/pledges/{document.pk}/"
    return base, lambda: Pledge.objects.get(pk=document.pk).version


@pytest.fixture(params=["regional_report", "stakeholder_input", "pledge"])
def document(request):
    return request.getfixturevalue(request.param)


@PROPERTY_SETTINGS
@given(text=TEXT)
@with_examples
def test_a_section_saved_with_any_text(client, document, text):
    base, version = document
    with undone():
        response = client.post(base + "section/1/", {"text": text, "version": version()})
        if answered_well(response, "text", typed=text):
            page = client.get(base + "section/1/")
            assert_inert(page)
            stored = field_value(page.content.decode(), "text")
            assert lines(stored).strip() == lines(text).strip()
            assert_inert(client.get(base))


@PROPERTY_SETTINGS
@given(text=TEXT)
@with_examples
def test_a_pledge_titled_with_any_text(client, pledge, text):
    base, version = pledge
    with undone():
        data = {**pledging.details(title=text), "version": version()}
        response = client.post(base + "details/", data)
        if answered_well(response, "title", typed=text):
            assert_inert(client.get(base + "details/"))
            assert_inert(client.get(base))


def test_invalid_utf8_in_a_section_is_no_server_error(client, document):
    base, version = document
    body = b"text=" + INVALID_UTF8 + b"&version=" + str(version()).encode()
    response = client.generic("POST", base + "section/1/", body, content_type=FORM)
    assert response.status_code in (302, 400), response.status_code
    assert_inert(client.get(base + "section/1/"))
