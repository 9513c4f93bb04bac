"""The secretariat's forms on registrations: a decision, a bulk decision, travel support, and
the wording of a decision's e-mail. No writes here: `stakeholders.decisions` decides."""

from django import forms
from django.utils.translation import gettext_lazy as _

from stakeholders.decisions import (
    ACTION_CHOICES,
    MAX_SUBSISTENCE_DAYS,
    MIN_SUBSISTENCE_DAYS,
)
from stakeholders.messages import check_placeholders
from stakeholders.models import DecisionMessage

MAX_REASON = 2000
# A bulk decision covers at most one page of the queue and then some.
MAX_BULK = 200

BULK_ACTIONS = [c for c in ACTION_CHOICES if c[0] in {"approve", "waitlist", "reject"}]


class DecisionForm(forms.Form):
    """One decision on one registration, with the version of the page it was taken on."""

    action = forms.ChoiceField(
        label=_("Decision"), choices=ACTION_CHOICES, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required to reject. The person reads it in the e-mail shown below."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject" and not (data.get("reason") or "").strip():
            self.add_error(
                "reason", _("Give the reason for the rejection: it is sent to the person.")
            )
        return data


class BulkDecisionForm(forms.Form):
    """One decision for the registrations ticked in the queue; each box carries "<id>:<version>"
    (the version the row showed), so a row that changed meanwhile is refused, not decided."""

    action = forms.ChoiceField(
        label=_("Decision for the ticked registrations"), choices=BULK_ACTIONS
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to reject; sent to every person ticked."),
    )
    selected = forms.MultipleChoiceField(label=_("Registrations"), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any "<id>:<version>" pair is a valid choice; `clean_selected` checks the shape.
        self.fields["selected"].valid_value = lambda value: True
        self.fields["selected"].error_messages["required"] = _("Tick at least one registration.")

    def clean_selected(self):
        pairs = []
        values = self.cleaned_data["selected"]
        if len(values) > MAX_BULK:
            raise forms.ValidationError(
                _("At most %(n)s registrations at a time.") % {"n": MAX_BULK}
            )
        for value in values:
            pk, _colon, version = str(value).partition(":")
            if not (pk.isascii() and pk.isdigit() and version.isascii() and version.isdigit()):
                raise forms.ValidationError(_("The selection was not understood: reload the page."))
            if len(pk) > 10 or len(version) > 10:
                raise forms.ValidationError(_("The selection was not understood: reload the page."))
            pairs.append((int(pk), int(version)))
        return list(dict.fromkeys(pairs))

    def clean(self):
        data = super().clean()
        if data.get("action") == "reject" and not (data.get("reason") or "").strip():
            self.add_error(
                "reason", _("Give the reason for the rejection: it is sent to each person.")
            )
        return data


class TravelForm(forms.Form):
    """Travel support for one person: grant (days and amount) or refuse (reason)."""

    GRANT, REFUSE = "grant", "refuse"
    decision = forms.ChoiceField(
        label=_("Travel support"),
        choices=[(GRANT, _("Grant")), (REFUSE, _("Refuse"))],
        widget=forms.RadioSelect,
    )
    days = forms.IntegerField(
        label=_("Days of daily subsistence allowance"),
        required=False,
        min_value=MIN_SUBSISTENCE_DAYS,
        max_value=MAX_SUBSISTENCE_DAYS,
        help_text=_("The framework (Annex 4) provides three or four days."),
    )
    amount = forms.DecimalField(
        label=_("Travel (USD)"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
    )
    reason = forms.CharField(
        label=_("Reason for refusing"),
        required=False,
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.GRANT:
            if data.get("days") is None and "days" not in self.errors:
                self.add_error("days", _("Give the days of subsistence (0 if none)."))
            if data.get("amount") is None and "amount" not in self.errors:
                self.add_error("amount", _("Give the travel amount in USD (0 if none)."))
        if data.get("decision") == self.REFUSE and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason: it is sent to the person."))
        return data


class DecisionMessageForm(forms.ModelForm):
    """The wording of one decision's e-mail in one language (for one event, or the default)."""

    class Meta:
        model = DecisionMessage
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, decision, **kwargs):
        super().__init__(*args, **kwargs)
        self.decision = decision

    def _placeholders(self, field):
        text = self.cleaned_data[field]
        problems = check_placeholders(text, self.decision)
        if problems:
            raise forms.ValidationError(problems)
        return text

    def clean_subject(self):
        return self._placeholders("subject")

    def clean_body(self):
        return self._placeholders("body")
