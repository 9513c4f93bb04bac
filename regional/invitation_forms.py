"""The forms that invite regional reporters (the secretariat) and input authors (a region's
reporters). No writes here: `regional.invitations` makes the invitation."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from regional.models import RegionalProcess
from reviews.invitation_forms import refuse_own_address
from reviews.models import RegionalCommission, ReviewCycle


class _Invitee(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)

    def __init__(self, *args, by=None, **kwargs):
        """`by`: the person inviting (never to their own address)."""
        self.by = by
        super().__init__(*args, **kwargs)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        refuse_own_address(email, self.by)
        return email


class ReporterInvitationForm(_Invitee):
    commission = forms.ModelChoiceField(
        label=_("Regional commission"), queryset=RegionalCommission.objects.all(), required=False
    )
    process = forms.ModelChoiceField(
        label=_("Regional process, platform or organization"),
        queryset=RegionalProcess.objects.all(),
        required=False,
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("commission")) == bool(data.get("process")):
            raise forms.ValidationError(
                _("Choose either a regional commission or a regional process, not both.")
            )
        return data


class InputAuthorInvitationForm(_Invitee):
    commission = forms.ModelChoiceField(
        label=_("Regional review of"), queryset=RegionalCommission.objects.none()
    )
    cycle = forms.ModelChoiceField(
        label=_("Regional cycle"),
        queryset=ReviewCycle.objects.filter(kind=ReviewCycle.Kind.REGIONAL),
        to_field_name="slug",
    )
    organization = forms.CharField(
        label=_("Stakeholder organization"),
        max_length=250,
        help_text=_("The organization whose input the person drafts (Annex 3)."),
    )

    def __init__(self, *args, commissions, **kwargs):
        """`commissions`: those the inviting reporter reports for."""
        super().__init__(*args, **kwargs)
        self.fields["commission"].queryset = commissions
        if commissions.count() == 1:
            self.fields["commission"].initial = commissions.first()

    def clean_organization(self):
        name = " ".join(self.cleaned_data["organization"].split())
        if not name:
            raise forms.ValidationError(_("Name the organization."))
        return name
