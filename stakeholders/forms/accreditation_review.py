"""The forms of the review of special accreditation: the secretariat's filters, decision,
review period and list upload; a focal point's objection. No writes here
(`stakeholders.accreditation` and `stakeholders.organizations` do them)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reviews.models import MemberState, Objective, RegionalCommission, StakeholderCategory
from stakeholders.models import AccreditationApplication
from stakeholders.organizations import TRACKS

MAX_REASON = 2000
MAX_CSV_BYTES = 5 * 1024 * 1024
Status = AccreditationApplication.Status


class FilterForm(forms.Form):
    """The filters of the applications list (GET); a bad value is a message, never a 500."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Status.choices]
    )
    category = forms.ChoiceField(label=_("Type"), required=False)
    region = forms.ChoiceField(label=_("Region (regional commission)"), required=False)
    objective = forms.TypedChoiceField(
        label=_("GCM objective"), required=False, coerce=int, empty_value=None
    )
    duplicates = forms.BooleanField(
        label=_("Only organisations whose name or website matches another organisation"),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("All"))]
        self.fields["category"].choices = every + list(
            StakeholderCategory.objects.values_list("key", "name")
        )
        self.fields["region"].choices = every + [
            (c.code, f"{c.code} – {c.name}") for c in RegionalCommission.objects.order_by("code")
        ]
        self.fields["objective"].choices = every + [
            (str(o.number), f"{o.number}. {o.title}") for o in Objective.objects.order_by("number")
        ]


class RecommendForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("recommend", _("Recommend")), ("not_recommend", _("Do not recommend"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required not to recommend: the organisation reads it in its e-mail."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=2**31 - 1)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "not_recommend" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for not recommending it."))
        return data


class OpenReviewForm(forms.Form):
    closes_at = forms.DateTimeField(
        label=_("Member States may object until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Date and time (UTC). Usually two weeks from today."),
    )

    def clean_closes_at(self):
        closes_at = self.cleaned_data["closes_at"]
        if closes_at <= timezone.now():
            raise forms.ValidationError(_("The closing date must be in the future."))
        return closes_at


class ImportForm(forms.Form):
    track = forms.ChoiceField(
        label=_("List"),
        choices=[
            (TRACKS[0], _("Organisations in consultative status with ECOSOC")),
            (TRACKS[1], _("Organisations accredited to the GCM process before")),
        ],
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8 text, first line the column names: see the columns below."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": MAX_CSV_BYTES // 1024 // 1024}
            )
        return upload


class ObjectionForm(forms.Form):
    """A focal point's objection for one of their States (chosen when they hold several)."""

    member_state = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=MemberState.objects.none(), empty_label=None
    )
    reason = forms.CharField(
        label=_("Reason for the objection"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Seen by the secretariat only, never by the organisation or the public."),
    )

    def __init__(self, *args, member_states, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member_state"].queryset = member_states
