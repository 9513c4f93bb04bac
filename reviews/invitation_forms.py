"""Invitation forms: the secretariat's (any State), the lead focal point's (their own State),
accepting one (a new account), and the secretariat's revocations. No database writes here."""

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from reviews.invitations import invited_person
from reviews.models import FocalPointMembership, MemberState
from reviews.widgets import FastSelect

# The column's length (Invitation.email, User.email): longer would fail in the database.
EMAIL_MAX_LENGTH = 254

SELF_INVITATION = _("You cannot invite your own address: someone else must give you a membership.")


def refuse_own_address(email: str, by) -> None:
    """Separation of duties: nobody invites themself to a membership (`by`: who invites)."""
    own = getattr(by, "email", "") or ""
    if own and email.lower() == own.lower():
        raise forms.ValidationError(SELF_INVITATION, code="self_invitation")


class TeamInvitationForm(forms.Form):
    """A colleague of one State, whose State the page already names (the lead's team page)."""

    email = forms.EmailField(label=_("E-mail address"), max_length=EMAIL_MAX_LENGTH)
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=FocalPointMembership.Role.choices,
        initial=FocalPointMembership.Role.FOCAL_POINT,
        help_text=_(
            "A focal point prepares the State's review with the other focal points. An "
            "authorizing official signs it off before it goes to the secretariat."
        ),
    )
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)

    def __init__(self, *args, member_state=None, by=None, **kwargs):
        """`member_state`: the State the page is about (the secretariat's form chooses it);
        `by`: the person inviting (never to their own address)."""
        self.member_state = member_state
        self.by = by
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        refuse_own_address(email, self.by)
        return email

    def clean(self):
        data = super().clean()
        state = self.member_state or data.get("member_state")
        email, role = data.get("email"), data.get("role")
        if state and email and role:
            holder = FocalPointMembership.objects.filter(
                member_state=state, role=role, user__email__iexact=email
            )
            if holder.exists():
                self.add_error(
                    "email",
                    _("%(email)s already holds the role “%(role)s” for %(state)s.")
                    % {
                        "email": email,
                        "role": FocalPointMembership.Role(role).label,
                        "state": state.name,
                    },
                )
        return data


class InvitationForm(TeamInvitationForm):
    """The secretariat's: any State."""

    member_state = forms.ModelChoiceField(
        label=_("Member State"),
        queryset=MemberState.objects.order_by("name"),
        widget=FastSelect,  # which lists them in the reader's order (`in_reading_order`)
    )

    field_order = ["email", "full_name", "member_state", "role", "language"]


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        self.email = email
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("The two passwords differ."))
        elif one:
            # The account does not exist yet: an unsaved one lets the similarity validator
            # compare the password with the address and the name being typed.
            person = invited_person(self.email, data.get("full_name", ""))
            try:
                password_validation.validate_password(one, person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
