"""After logging in without `?next=`, each person lands where their work is (gcm_portal.landing):
the secretariat in the moderation queue, a focal point or official in the workspace, others home.
A safe `?next=` always wins; an unsafe one is ignored for the landing page."""

import pytest

from tests.factories import PASSWORD, UserFactory
from tests.personas import (
    administrator,
    authorizing_official_of,
    focal_point_of,
    reporter_of,
    secretariat_member,
)

pytestmark = pytest.mark.django_db
LOGIN = "/en/accounts/login/"


def log_in(client, user, url=LOGIN):
    return client.post(url, {"username": user.email, "password": PASSWORD})


@pytest.mark.parametrize(
    ("persona", "landing"),
    [
        (lambda: focal_point_of("MEX"), "/en/workspace/"),
        (lambda: authorizing_official_of("MEX"), "/en/workspace/"),
        (secretariat_member, "/en/secretariat/"),
        (administrator, "/en/secretariat/"),
        # A reporter whose body has no meeting yet has nothing in the workspace.
        (lambda: reporter_of(commission="ECE"), "/en/"),
        (UserFactory, "/en/"),
    ],
    ids=["focal_point", "official", "secretariat", "admin", "idle_reporter", "no_role"],
)
def test_each_role_lands_on_its_page(client, persona, landing):
    response = log_in(client, persona())
    assert (response.status_code, response["Location"]) == (302, landing)


def test_a_secretariat_member_who_is_also_a_focal_point_lands_in_the_queue(client):
    user = focal_point_of("MEX")
    user.groups.add(*secretariat_member().groups.all())
    response = log_in(client, user)
    assert response["Location"] == "/en/secretariat/"


def test_the_landing_page_is_in_the_language_of_the_login_page(client):
    response = log_in(client, focal_point_of("MEX"), "/fr/accounts/login/")
    assert response["Location"] == "/fr/workspace/"


def test_next_wins_over_the_landing_page(client):
    response = log_in(client, focal_point_of("MEX"), f"{LOGIN}?next=/en/reviews/")
    assert response["Location"] == "/en/reviews/"
    response = log_in(client, secretariat_member(), f"{LOGIN}?next=/en/workspace/")
    assert response["Location"] == "/en/workspace/"


def test_an_unsafe_next_lands_on_the_role_page_instead(client):
    response = log_in(client, secretariat_member(), f"{LOGIN}?next=https://evil.example/")
    assert response["Location"] == "/en/secretariat/"


def test_a_logged_in_person_opening_the_login_page_is_sent_to_their_page(client):
    client.force_login(focal_point_of("MEX"))
    response = client.get(LOGIN)
    assert (response.status_code, response["Location"]) == (302, "/en/workspace/")


def test_a_reporter_with_a_report_to_write_lands_in_the_workspace(client):
    from tests.regional.publishing import meeting

    reporter = reporter_of(commission="ECE")
    meeting("ECE", title="Regional review of the GCM in the ECE region")
    response = log_in(client, reporter)
    assert response["Location"] == "/en/workspace/"
