"""One field: a code from the authenticator app (or a recovery code where accepted)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gcm_portal.accounts.two_factor import devices


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, check, recovery=True, **kwargs):
        """`check(code)` returns the device that accepts the code or raises CodeRefused."""
        super().__init__(*args, **kwargs)
        self.check = check
        self.device = None
        field = self.fields["code"]
        if recovery:
            field.help_text = _(
                "The 6-digit code your authenticator app shows now, or one of your recovery codes."
            )
        else:
            field.help_text = _("The 6-digit code your authenticator app shows now.")
            field.widget.attrs["inputmode"] = "numeric"

    def clean_code(self):
        code = self.cleaned_data["code"]
        try:
            self.device = self.check(code)
        except devices.CodeRefused as refusal:
            raise forms.ValidationError(str(refusal), code="refused") from None
        return code
