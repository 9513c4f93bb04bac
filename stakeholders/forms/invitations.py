"""The secretariat's invitation of a person to a stakeholders' document: the author of a written
input, or a pledger of an organisation (who also names the organisation)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy

from stakeholders.models import Organization


class AuthorInvitationForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))
    full_name = forms.CharField(label=gettext_lazy("Full name"), max_length=200, required=False)
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the invitation"), choices=settings.LANGUAGES
    )

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class PledgerInvitationForm(AuthorInvitationForm):
    organization = forms.ModelChoiceField(
        label=gettext_lazy("Organization"), queryset=Organization.objects.order_by("name_key")
    )
    field_order = ["organization", "email", "full_name", "language"]
