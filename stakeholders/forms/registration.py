"""The registrant's forms: register, edit (the same minus the address), send the link again,
and the confirmations of the management page. No database writes.

Every text field refuses NUL characters (Django's CharField does: PostgreSQL cannot store
them) and a choice refuses what is not offered, with the message at the field.

For an IMRF that runs special accreditation (`stakeholders.admission`) the public form asks
for the organisation as a record: a plain `<select>` of the organisations that can take part,
grouped by track, with "My organization is not in this list" first. A native select, rather
than a datalist or a script-driven autocomplete, because it is the one control that every
screen reader announces with its group and position, that keyboards operate the same
everywhere (type-ahead on the first letters, arrows, Home/End) and that needs no script (the
CSP forbids inline script; a datalist's suggestions are announced unreliably and cannot
refuse what is not offered). Not in the list: the name and website typed below it are matched
against the organisations that applied; the edit form leaves the organisation out (changing it
would bypass that check: the secretariat changes it on request).
"""

import unicodedata

from django import forms
from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reviews.models import MemberState, StakeholderCategory
from reviews.widgets import FastSelect
from stakeholders import admission
from stakeholders.models import Event, Registration

# The category whose description the person writes (fixtures/stakeholder_categories.csv).
OTHER_CATEGORY = "other"
# The honeypot's name: a field a browser's autofill would not fill, and a bot might.
HONEYPOT = "contact_fax"
# The organisation list's answer "My organization is not in this list".
NOT_LISTED = "not-listed"
ORGANIZATION_FIELDS = ("organization", "organization_website")


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
    # FastSelect lists the States in the reader's order (reviews.widgets.in_reading_order): the
    # querysets are made at import, in English.
    residence = forms.ModelChoiceField(
        label=_("Country of residence"),
        queryset=MemberState.objects.order_by("name"),
        widget=FastSelect,
    )
    nationality = forms.ModelChoiceField(
        label=_("Nationality"), queryset=MemberState.objects.order_by("name"), widget=FastSelect
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

    # The public form asks for the organisation's record where the event needs one.
    asks_organization_record = False

    def __init__(self, *args, event: Event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["participation"].choices = _participation_choices(event)
        if not self.is_bound and "language" not in self.initial:
            self.initial["language"] = get_language()
        self.follows_accreditation = admission.follows_accreditation(event)
        if self.follows_accreditation and self.asks_organization_record:
            _ask_organization_record(self)
        elif self.follows_accreditation:
            for name in ORGANIZATION_FIELDS:
                del self.fields[name]

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
        if "organization_record" in self.fields:
            _clean_organization(self, data)
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
    asks_organization_record = True

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip()) if self.is_bound else False

    def clean_organization_record(self):
        value = self.cleaned_data["organization_record"]
        # The choice was checked against the list offered: a listed pk is one of ours.
        return None if value == NOT_LISTED else self.organizations[int(value)]


# --- the organisation as a record (an IMRF that runs special accreditation) ----------------


def _deadline(event: Event) -> str:
    return date_format(timezone.localtime(event.accreditation_deadline), "DATETIME_FORMAT")


def apply_url(event: Event) -> str:
    """The special accreditation form of `event`, or "" while that page does not exist."""
    try:
        return reverse("stakeholders:accreditation_apply", kwargs={"slug": event.slug})
    except NoReverseMatch:
        return ""


def _option_label(organization) -> str:
    country = organization.headquarters
    return f"{organization}, {country.name}" if country is not None else str(organization)


def _ask_organization_record(form) -> None:
    event = form.event
    groups = admission.eligible_organizations(event)
    form.organizations = {o.pk: o for _track, rows in groups for o in rows}
    choices = [
        ("", _("Choose your organization")),
        (NOT_LISTED, _("My organization is not in this list")),
    ]
    choices += [
        (str(admission.TRACK_LABELS[track]), [(str(o.pk), _option_label(o)) for o in rows])
        for track, rows in groups
    ]
    guidance = _(
        "Only organizations that can take part in this forum are listed: in consultative "
        "status with ECOSOC, accredited to the GCM process before, or granted special "
        "accreditation for this forum. If yours is not, choose “My organization is not in "
        "this list” and give its name and website below: if it applied for special "
        "accreditation, your registration waits for the decision."
    )
    url = apply_url(event) if event.accreditation_is_open() else ""
    if url:
        help_text = format_html(
            '{} <a href="{}">{}</a>',
            guidance,
            url,
            _("Apply for special accreditation (until %(date)s)") % {"date": _deadline(event)},
        )
    else:
        help_text = guidance
    form.fields["organization_record"] = forms.ChoiceField(
        label=_("Your organization"),
        choices=choices,
        widget=FastSelect,
        help_text=help_text,
        error_messages={
            "required": _("Choose your organization, or “My organization is not in this list”.")
        },
    )
    name = form.fields["organization"]
    name.required = False
    name.label = _("Organization's name, if it is not in the list")
    form.fields["organization_website"].label = _(
        "Organization's website, if it is not in the list"
    )
    form.order_fields(["organization_record", *ORGANIZATION_FIELDS])


def _clean_organization(form, data) -> None:
    """Settle the organisation: the record chosen, or the one typed matched against those
    that can take part or have applied; refused at the field otherwise."""
    if "organization_record" not in data:
        return  # refused already at its field
    record = data["organization_record"]
    if record is None:
        if "organization" in form.errors or "organization_website" in form.errors:
            return
        if not data.get("organization"):
            form.add_error("organization", _("Give your organization's name."))
            return
        outcome, record = admission.find_organization(
            form.event, data["organization"], data.get("organization_website", "")
        )
        if outcome == admission.REFUSED:
            form.add_error("organization_record", _not_accredited_message(form.event))
            return
        data["organization_record"] = record
    data["organization"] = record.name
    data["organization_website"] = record.website


def _not_accredited_message(event: Event):
    if event.accreditation_is_open():
        return forms.ValidationError(
            _(
                "Your organization cannot take part in this forum yet, and we found no "
                "application for special accreditation under that name or website. Your "
                "organization can apply for special accreditation until %(date)s (the "
                "application form is linked under this list); register once it has applied."
            ),
            code="not_accredited",
            params={"date": _deadline(event)},
        )
    return forms.ValidationError(
        _(
            "Only organizations that can take part in this forum can register for it, and "
            "applications for special accreditation closed on %(date)s."
        ),
        code="accreditation_closed",
        params={"date": _deadline(event)},
    )


class ResendForm(forms.Form):
    email = AddressField(label=_("E-mail address"), max_length=254)


class ConfirmForm(forms.Form):
    """An irreversible step of the management page: the box must be ticked."""

    confirm = forms.BooleanField(
        label=_("Yes, I am sure"),
        error_messages={"required": _("Tick the box to confirm.")},
    )
