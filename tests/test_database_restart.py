"""PostgreSQL restarted under a real HTTP server: nothing acknowledged is lost, and whoever
asks meanwhile gets a friendly 503 (with their typed text back), never a bare 500.

The restart is real (`pg_ctl restart -m fast` on the cluster of scripts/with-services.sh); the
requests go through pytest-django's live server, with a focal point's session cookie and CSRF
token, as the editor's autosave and a form without JavaScript send them.
"""

import json
import sys
import threading
import time

import pytest
import requests
from django.db import OperationalError, connection
from django.test import RequestFactory

from gcm_portal import views
from reviews.content import snapshot
from reviews.editing import start_review
from reviews.models import ReviewCycle, VoluntaryReview

BASE = "/en/workspace/imrf-2026/MEX/"
TOKEN = "k" * 32  # any 32 characters: Django compares the header with the cookie

# PostgreSQL restarts under every test of the session: none may run beside these.
pytestmark = pytest.mark.serial


def open_draft(focal_point) -> VoluntaryReview:
    cycle = ReviewCycle.objects.get(slug="imrf-2026")
    cycle.is_open = True
    cycle.save()
    return start_review("MEX", cycle, by=focal_point)


def browser_headers(client, user) -> dict:
    """What the focal point's browser sends: the session cookie and the CSRF token."""
    client.force_login(user)
    session = client.cookies["sessionid"].value
    return {"Cookie": f"sessionid={session}; csrftoken={TOKEN}", "X-CSRFToken": TOKEN}


# --- the handler, without a server -----------------------------------------------------------


def answer_to(error, request):
    try:
        raise error
    except type(error):
        return views.server_error(request)


def test_a_database_error_is_a_503_and_any_other_error_the_plain_500():
    request = RequestFactory().post("/en/x/", {"text": "Mine <3", "password": "hunter2-long"})
    unavailable = answer_to(OperationalError("server closed the connection"), request)
    assert unavailable.status_code == 503 and unavailable["Retry-After"] == "30"
    page = unavailable.content.decode()
    assert "The portal is briefly unavailable; nothing you typed is lost." in page
    assert (
        '<textarea class="form-control" id="typed-1" name="text" rows="4" readonly>Mine &lt;3'
        in page
    )
    assert "hunter2" not in page and "password" not in page

    broken = answer_to(ValueError("a bug"), request)
    assert broken.status_code == 500 and not broken.has_header("Retry-After")
    assert "Something went wrong on our side" in broken.content.decode()


def test_a_driver_error_under_another_one_is_recognised():
    psycopg = pytest.importorskip("psycopg2")
    try:
        try:
            raise psycopg.OperationalError("could not connect")
        except psycopg.OperationalError as cause:
            raise RuntimeError("while loading the session") from cause
    except RuntimeError:
        response = views.server_error(RequestFactory().get("/en/"))
    assert response.status_code == 503
    assert sys.exc_info() == (None, None, None)


def test_a_driver_subclass_raised_bare_is_recognised_and_json_callers_get_json():
    psycopg = pytest.importorskip("psycopg2.errors")
    fetch = RequestFactory().post("/en/x/", {"text": "t"}, headers={"X-Requested-With": "fetch"})
    response = answer_to(psycopg.AdminShutdown("terminating connection"), fetch)
    assert (response.status_code, response["Content-Type"]) == (503, "application/json")
    assert json.loads(response.content) == {
        "ok": False,
        "unavailable": True,
        "error": "Not saved: the portal is briefly unavailable, trying again shortly",
    }
    api = RequestFactory().get("/api/v1/reviews/")
    response = answer_to(OperationalError("gone"), api)
    assert json.loads(response.content)["error"] == (
        "The portal is briefly unavailable; please try again in a minute."
    )


# --- PostgreSQL restarted under the live server -----------------------------------------------


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_every_acknowledged_autosave_survives_a_restart_and_the_rest_get_a_503(
    reference_data, focal_point, client, live_server, postgres_restart
):
    review = open_draft(focal_point)
    first_version = review.version
    headers = {**browser_headers(client, focal_point), "X-Requested-With": "fetch"}
    url = f"{live_server.url}{BASE}autosave/section-1/"

    restarter = threading.Thread(target=lambda: (time.sleep(1.5), postgres_restart.restart()))
    restarter.start()
    typed, version, answers, acknowledged = "", first_version, [], []
    for n in range(100):
        typed += f"word{n} "  # each save carries all that was typed so far, as the editor's does
        response = requests.post(
            url, data={"text": typed, "version": version}, headers=headers, timeout=30
        )
        answers.append(response)
        if response.status_code == 200:
            version = response.json()["version"]
            acknowledged.append(typed)
        time.sleep(0.03)
    restarter.join()
    connection.close()  # the test's own connection died with the restart

    unavailable = {
        "ok": False,
        "unavailable": True,
        "error": "Not saved: the portal is briefly unavailable, trying again shortly",
    }
    for response in answers:
        if response.status_code == 200:
            assert response.json()["ok"] is True
        else:
            assert response.status_code == 503, response.text[:500]
            assert response.headers["Retry-After"] == "30"
            assert response.json() == unavailable
    refused = [n for n, response in enumerate(answers) if response.status_code == 503]
    print(f"{len(answers)} saves, {len(acknowledged)} acknowledged, {len(refused)} answered 503")
    assert refused, "no save fell in the restart: the test proved nothing"
    assert answers[-1].status_code == 200  # the portal serves again
    review.refresh_from_db()
    # Every acknowledged save is there: each one bumped the version once, and the text is the
    # last acknowledged one (which holds every earlier one).
    assert review.version == first_version + len(acknowledged)
    assert snapshot(review)["sections"]["1"] == acknowledged[-1]
    assert (
        review.revisions.order_by("-number").first().content["sections"]["1"] == (acknowledged[-1])
    )


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_a_form_sent_while_the_database_is_down_comes_back_on_a_503_page(
    reference_data, focal_point, client, live_server, postgres_restart
):
    review = open_draft(focal_point)
    headers = browser_headers(client, focal_point)
    typed = "Our plan <for> 2027 & beyond:\nconsular support in every region."
    form = {"text": typed, "version": review.version, "csrfmiddlewaretoken": TOKEN,
            "password": "not-echoed-ever-42"}  # fmt: skip
    with postgres_restart.down():
        posted = requests.post(
            f"{live_server.url}{BASE}section/1/", data=form, headers=headers, timeout=30
        )
        page = requests.get(f"{live_server.url}/fr/workspace/", headers=headers, timeout=30)
    connection.close()

    assert posted.status_code == 503 and posted.headers["Retry-After"] == "30"
    assert posted.headers["Content-Type"].startswith("text/html")
    html = posted.text
    assert "The portal is briefly unavailable; nothing you typed is lost." in html
    assert (
        '<label class="form-label" for="typed-1">text</label>\n'
        '            <textarea class="form-control" id="typed-1" name="text" rows="4" readonly>'
        "Our plan &lt;for&gt; 2027 &amp; beyond:\nconsular support in every region.</textarea>"
    ) in html
    assert TOKEN not in html and "not-echoed-ever-42" not in html
    # The session lookup itself fails (sessions are in the database): the same page, in the
    # language of the address, with nothing typed to give back.
    assert page.status_code == 503 and '<html lang="fr" dir="ltr">' in page.text
    assert "typed-1" not in page.text

    # Back up: the portal serves, and nothing was saved by the refused post.
    after = requests.get(f"{live_server.url}{BASE}section/1/", headers=headers, timeout=30)
    assert after.status_code == 200
    review.refresh_from_db()
    assert snapshot(review)["sections"]["1"] == ""
