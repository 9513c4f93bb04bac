"""The secretariat's decisions with a reason typed in, on the other kinds: a request for
changes on a regional review report (its comment and a section's comment), a recommendation
on an accreditation request. Stored and shown inert, or refused at the field with the text
kept. Never a 5xx."""

import pytest
from django.urls import reverse
from hypothesis import given

from regional.models import RegionalReviewReport
from stakeholders.models import AccreditationApplication
from tests.properties.conftest import undone
from tests.properties.html_checks import PROPERTY_SETTINGS, TEXT, answered_well, assert_inert
from tests.properties.test_national_review import with_examples
from tests.properties.test_public_forms import imrf  # noqa: F401 (a fixture)
from tests.regional.publishing import submitted_report
from tests.stakeholders.accrediting import application, organization

pytestmark = pytest.mark.django_db
REPORT_PAGE = "/en/secretariat/regional/regional-2024/ECE/"


@PROPERTY_SETTINGS
@given(text=TEXT)
@with_examples
def test_changes_requested_on_a_regional_report_with_any_text(client, secretariat_user, text):
    client.force_login(secretariat_user)
    with undone():
        report = submitted_report("ECE")
        data = {"version": report.version, "comment": text or "Almost.", "section_6": text}
        response = client.post(REPORT_PAGE + "action/request_changes/", data)
        if answered_well(response, "comment", typed=data["comment"], also=["section_6"]):
            assert RegionalReviewReport.objects.get(pk=report.pk).status == "changes_requested"
            assert_inert(client.get(REPORT_PAGE))


@PROPERTY_SETTINGS
@given(text=TEXT)
@with_examples
def test_an_accreditation_recommendation_with_any_reason(client, secretariat_user, imrf, text):  # noqa: F811
    client.force_login(secretariat_user)
    with undone():
        app = application(imrf, organization("A"), AccreditationApplication.Status.APPLIED)
        url = reverse("stakeholders:accreditation_decide", args=[imrf.slug, app.pk])
        data = {"decision": "not_recommend", "reason": text, "version": app.version}
        response = client.post(url, data)
        if answered_well(response, "reason", typed=text):
            assert_inert(client.get(url.replace("decide/", "")))
