"""The registrant's forms: register, edit (the same minus the address), send the link again,
and the confirmations of the management page. No database writes.

Every text field refuses NUL characters (Django's CharField does: PostgreSQL cannot store
them) and a choice refuses what is not offered, with the message at the field.
"""

import unicodedata

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reviews.models import MemberState, StakeholderCategory
from stakeholders.models import Event, Registration

# The category whose description the person writes (fixtures/stakeholder_categories.csv).
OTHER_CATEGORY = "other"
# The honeypot's name: a field a browser's autofill would not fill, and a bot might.
HONEYPOT = "contact_fax"


def _participation_choices(event: Event):
    if event.mode == Event.Mode.ONLINE:
        return [(Registration.Participation.ONLINE, Registration.Participation.ONLINE.label)]
    if event.mode == Event.Mode.IN_PERSON:
        return [(Registration.Participation.IN_PERSON, Registration.Participation.IN_PERSON.label)]
    return list(Registration.Participation.choices)


class AddressField(forms.EmailField):
    """An e-mail address read after NFKC normalisation: a full-width "ａｍｉｎａ@…" typed on
    a CJK keyboard is the ASCII address it looks like, not an invalid one."""

    def to_python(self, value):
        return unicodedata.normalize("NFKC", super().to_python(value))


class RegistrationEditForm(forms.Form):
    """What the person writes about themselves; edited the same way until a decision."""

    full_name = forms.CharField(label=_("Full name"), max_length=200)
    organization = forms.CharField(label=_("Organization"), max_length=250)
    organization_website = forms.URLField(
        label=_("Organization's website"), max_length=200, required=False, assume_scheme="https"
    )
    category = forms.ModelChoiceField(
        label=_("Stakeholder category"),
        queryset=StakeholderCategory.objects.order_by("position"),
        to_field_name="key",
    )
    category_other = forms.CharField(
        label=_("Describe your category"),
        max_length=200,
        required=False,
        help_text=_("Required when you chose “Other relevant stakeholders”."),
    )
    level = forms.ChoiceField(label=_("Level of your work"), choices=Registration.Level.choices)
    residence = forms.ModelChoiceField(
        label=_("Country of residence"), queryset=MemberState.objects.order_by("name")
    )
    nationality = forms.ModelChoiceField(
        label=_("Nationality"), queryset=MemberState.objects.order_by("name")
    )
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        choices=[("", _("Prefer not to say")), *Registration.Gender.choices],
        required=False,
        help_text=_("Used only to report on the balance of participation."),
    )
    age_group = forms.ChoiceField(
        label=_("Age group (optional)"),
        choices=[("", _("Prefer not to say")), *Registration.AgeGroup.choices],
        required=False,
        help_text=_("Used only to report on the balance of participation."),
    )
    participation = forms.ChoiceField(label=_("How you will take part"))
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anything the organizers should arrange so that you can take part fully."),
    )
    language = forms.ChoiceField(label=_("Preferred language"), choices=settings.LANGUAGES)
    travel_requested = forms.BooleanField(label=_("I request travel support"), required=False)
    travel_justification = forms.CharField(
        label=_("Why you need travel support"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Travel support favours residents of least developed countries, landlocked "
            "developing countries and small island developing States, as they stand on the "
            "dates of the event. It is for taking part in person."
        ),
    )
    consent_public_list = forms.BooleanField(
        label=_("Show my name and organization on the public list of participants"),
        required=False,
    )

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["participation"].choices = _participation_choices(event)
        if not self.is_bound and "language" not in self.initial:
            self.initial["language"] = get_language()

    def clean(self):
        data = super().clean()
        category = data.get("category")
        # A field refused already (a NUL character) keeps its own message only.
        if (
            category is not None
            and category.key == OTHER_CATEGORY
            and not data.get("category_other")
            and "category_other" not in self.errors
        ):
            self.add_error("category_other", _("Describe your category in a few words."))
        if data.get("travel_requested"):
            if not data.get("travel_justification") and "travel_justification" not in self.errors:
                self.add_error("travel_justification", _("Say why you need travel support."))
            if data.get("participation") == Registration.Participation.ONLINE:
                self.add_error(
                    "travel_requested",
                    _("Travel support is for taking part in person; you chose online."),
                )
        return data

    def fields_to_save(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("travel_requested", None)
        data.pop("email", None)
        data.pop(HONEYPOT, None)
        data.pop("consent_privacy", None)
        return data


class RegistrationForm(RegistrationEditForm):
    """The public form: the edit form, plus the address, the consents and the honeypot."""

    email = AddressField(label=_("E-mail address"), max_length=254)
    consent_privacy = forms.BooleanField(
        label=_("I have read the privacy notice and agree that my data are used as it says"),
        error_messages={"required": _("Registration needs your consent to the privacy notice.")},
    )
    # Hidden from people (CSS, aria-hidden, out of the tab order): only a bot fills it.
    contact_fax = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    field_order = ["full_name", "email"]

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip()) if self.is_bound else False


class ResendForm(forms.Form):
    email = AddressField(label=_("E-mail address"), max_length=254)


class ConfirmForm(forms.Form):
    """An irreversible step of the management page: the box must be ticked."""

    confirm = forms.BooleanField(
        label=_("Yes, I am sure"),
        error_messages={"required": _("Tick the box to confirm.")},
    )
