import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_email_is_the_login_and_is_stored_lowercase():
    user = User.objects.create_user("Maria.Lopez@Example.ORG", "a-long-password-1")
    assert user.email == "maria.lopez@example.org"
    assert User.USERNAME_FIELD == "email"
    assert not hasattr(user, "username")


def test_email_is_unique_whatever_its_case():
    User.objects.create_user("someone@example.org", "x")
    with pytest.raises(IntegrityError):
        User.objects.create(email="SOMEONE@example.org")


def test_superuser_has_staff_and_superuser_flags():
    admin = User.objects.create_superuser("root@example.org", "a-long-password-1")
    assert (admin.is_staff, admin.is_superuser) == (True, True)


def test_login_with_email_in_any_case(client):
    UserFactory(email="fp@example.org")
    response = client.post(
        reverse("login"), {"username": "FP@Example.org", "password": PASSWORD}, follow=True
    )
    assert response.context["user"].is_authenticated
    assert response.redirect_chain[-1][0] == "/en/"


def test_wrong_password_is_explained_at_the_form_and_keeps_the_address(client):
    UserFactory(email="fp@example.org")
    response = client.post(reverse("login"), {"username": "fp@example.org", "password": "nope"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please enter a correct e-mail address and password." in html
    assert 'value="fp@example.org"' in html


def test_login_error_is_in_the_users_language(client):
    UserFactory(email="fp@example.org")
    response = client.post("/fr/accounts/login/", {"username": "fp@example.org", "password": "x"})
    # The refusal itself: the field's label ("Adresse e-mail") is on the page before any error.
    assert "Saisissez un adresse e-mail et un mot de passe valides." in response.content.decode()


def test_logout_needs_post_and_ends_the_session(client):
    user = UserFactory()
    client.force_login(user)
    # A link or an image pointing at the address (GET) must not log anyone out.
    assert client.get(reverse("logout")).status_code == 405
    assert client.get("/en/").context["user"] == user
    response = client.post(reverse("logout"))
    assert (response.status_code, response["Location"]) == (302, "/en/")
    assert client.get("/en/").context["user"].is_authenticated is False


def test_password_reset_round_trip(client):
    user = UserFactory(email="reset@example.org")
    response = client.post(reverse("password_reset"), {"email": "reset@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["reset@example.org"]
    link = re.search(r"https?://[^/]+(/\S+/)", message.body).group(1)

    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"] is True
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-passphrase")
    # The link works once.
    assert client.get(link, follow=True).context["validlink"] is False


def test_password_reset_for_unknown_address_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
