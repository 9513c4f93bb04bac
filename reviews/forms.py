"""Forms of the review editor, sign-off and attachments. No database writes here.

The invitation forms are in reviews.invitation_forms.
"""

import hashlib

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reviews.models import (
    Attachment,
    GuidingPrinciple,
    ImplementationStatus,
    ObjectiveProgress,
    StakeholderCategory,
    VoluntaryReview,
)
from reviews.permissions import SECRETARIAT_GROUP
from reviews.template import SECTIONS
from reviews.uploads import check_document


class PartForm(forms.Form):
    """Every editor form carries the version the editor started from (conflict detection)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class SectionForm(PartForm):
    text = forms.CharField(
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "class": "form-control review-text"}),
    )

    def part_data(self) -> dict:
        # Line endings as browsers send them (\r\n) would make every save look like a change.
        return {"text": self.cleaned_data["text"].replace("\r\n", "\n")}


class ObjectiveEntryForm(PartForm):
    status = forms.ChoiceField(
        label=_("Implementation status"), choices=ImplementationStatus.choices
    )
    priority = forms.IntegerField(
        label=_("Priority (optional)"),
        required=False,
        min_value=1,
        max_value=23,
        help_text=_(
            "1 for the State's highest priority among the 23 objectives. Each priority goes to "
            "one objective only."
        ),
    )
    narrative = forms.CharField(
        label=_("Progress"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "form-control review-text"}),
        help_text=_(
            "Trends, successes, challenges and lessons learned; where possible based on "
            "statistical as well as qualitative data."
        ),
    )
    principles = forms.MultipleChoiceField(
        label=_("Guiding principles applied"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, review=None, number=None, **kwargs):
        """`review`, `number`: the review and the objective this entry is about, to refuse a
        priority another of the review's entries already has."""
        super().__init__(*args, **kwargs)
        self.review, self.number = review, number
        self.fields["principles"].choices = [
            (p.key, p.name) for p in GuidingPrinciple.objects.order_by("position")
        ]

    def clean_priority(self):
        priority = self.cleaned_data["priority"]
        if priority is None or self.review is None:
            return priority
        # The working copy's entries: a priority is unique per review (no constraint in the
        # database; two people saving the same priority at the same instant could both pass).
        taken = (
            ObjectiveProgress.objects.filter(review=self.review, priority=priority)
            .exclude(objective_id=self.number)
            .select_related("objective")
            .order_by("objective_id")
            .first()
        )
        if taken:
            raise forms.ValidationError(
                _(
                    "Priority %(priority)s is already given to objective %(number)s "
                    "(%(title)s). Choose another priority, or first remove it from objective "
                    "%(number)s."
                ),
                code="priority_taken",
                params={
                    "priority": priority,
                    "number": taken.objective_id,
                    "title": taken.objective.title,
                },
            )
        return priority


class PracticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250, required=False)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control review-text"}),
    )
    partners = forms.CharField(label=_("Partners"), max_length=500, required=False)

    def clean(self):
        data = super().clean()
        # A field refused already (a NUL character) has its own message; do not add "missing".
        if data.get("description") and not data.get("title") and "title" not in self.errors:
            self.add_error("title", _("Give the practice a title."))
        if data.get("title") and not data.get("description") and "description" not in self.errors:
            self.add_error("description", _("Describe the practice in a few sentences."))
        return data


PracticeFormSet = forms.formset_factory(PracticeForm, extra=1, max_num=10)


def objective_part_data(form: ObjectiveEntryForm, practices) -> dict:
    return {
        "status": form.cleaned_data["status"],
        "priority": form.cleaned_data["priority"],
        "narrative": form.cleaned_data["narrative"].replace("\r\n", "\n"),
        "principles": sorted(form.cleaned_data["principles"]),
        "practices": [
            {
                "title": p["title"],
                "description": p["description"].replace("\r\n", "\n"),
                "partners": p["partners"],
            }
            for p in practices.cleaned_data
            if p and p.get("title")
        ],
    }


class DetailsForm(PartForm):
    language = forms.ChoiceField(label=_("Language of the review"), choices=settings.LANGUAGES)
    stakeholders = forms.MultipleChoiceField(
        label=_("Stakeholders consulted"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Whose contributions informed the review (whole-of-society approach)."),
    )
    part_of_national_plan = forms.BooleanField(
        label=_("The review was part of a process to elaborate a national implementation plan"),
        required=False,
        help_text=_(
            "Drawing on contributions from all relevant stakeholders (GCM para 53). You can "
            "attach the plan below."
        ),
    )
    contacts = forms.TypedMultipleChoiceField(
        label=_("Contact focal points"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Who the secretariat and readers may contact about this review."),
    )
    limits_justification = forms.CharField(
        label=_("Why the review is longer than suggested"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Only when a section is over its suggested word limit and this cycle makes the "
            "limits advisory. The secretariat reads it beside the overrun."
        ),
    )

    def __init__(self, *args, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stakeholders"].choices = [
            (c.key, c.name) for c in StakeholderCategory.objects.order_by("position")
        ]
        people = review.focal_points().select_related("user") if review else []
        self.fields["contacts"].choices = sorted(
            {(m.user_id, f"{m.user.get_full_name()} <{m.user.email}>") for m in people},
            key=lambda choice: choice[1],
        )

    def part_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version")
        data["stakeholders"] = sorted(data["stakeholders"])
        data["contacts"] = sorted(data["contacts"])
        return data


# --- attachments ---------------------------------------------------------------------------


class AttachmentForm(forms.Form):
    """An upload checked by its content (reviews.uploads): sets `content_type`, `extension`
    and `sha256` when valid."""

    kind = forms.ChoiceField(label=_("Kind"), choices=Attachment.Kind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX, XLSX or ODT, at most 20 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.odt"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type, self.extension = check_document(upload)
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        self.sha256 = digest.hexdigest()
        return upload


class SignOffForm(forms.Form):
    # The version of the review the official read: signing off a text changed since is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    name = forms.CharField(label=_("Name of the authorizing official"), max_length=200)
    title = forms.CharField(label=pgettext_lazy("job title of a person", "Title"), max_length=200)
    signed_on = forms.DateField(
        label=_("Date of sign-off"),
        # ISO whatever the language: a date input reads no other format (pre-filled with today).
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note_verbale = forms.FileField(
        label=_("Note Verbale (optional)"),
        required=False,
        help_text=_("PDF, DOCX or ODT, at most 20 MB."),
    )
    comment = forms.CharField(
        label=_("Comment (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_note_verbale(self):
        upload = self.cleaned_data.get("note_verbale")
        if not upload:
            return None
        checker = AttachmentForm(data={"kind": "note_verbale"}, files={"file": upload})
        checker.fields["kind"].choices = Attachment.Kind.choices
        if not checker.is_valid():
            raise forms.ValidationError(checker.errors["file"])
        self.checked = checker
        return upload


# --- conversation, decisions, assignment, start ---------------------------------------------
# Each POST of the workspace and the moderation page is read through a form: a text field
# refuses NUL characters (PostgreSQL cannot store them) and a choice refuses what is not
# offered, with the message at the field instead of a 500.


class CommentForm(forms.Form):
    """A message in the conversation, optionally about one section."""

    # A message, not a document: long enough for a page of remarks, not for a pasted report.
    text = forms.CharField(
        label=_("Message"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    section = forms.ChoiceField(label=_("Section"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", "—")] + [(str(s.number), s.title) for s in SECTIONS]


class DecisionForm(forms.Form):
    """A decision (any transition): its comment, the per-section comments of a request for
    changes, and the version of the review on the page it was made from."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, transition, sections=SECTIONS, numbering=None, **kwargs):
        """`sections`: the template of the document's kind (the national one by default),
        numbered by `numbering` (number -> "(i)"; default "1.")."""
        super().__init__(*args, **kwargs)
        self.transition = transition
        self.sections = sections
        if transition.comment_required:
            self.fields["comment"].required = True
            self.fields["comment"].error_messages["required"] = _(
                "Please write a comment: it is sent with this decision."
            )
        for section in sections:
            number = numbering(section.number) if numbering else f"{section.number}."
            self.fields[f"section_{section.number}"] = forms.CharField(
                label=f"{number} {section.title}", required=False
            )

    def section_fields(self) -> list[tuple]:
        """(bound field, id) of each section's comment, for the moderation page."""
        return [(self[f"section_{s.number}"], f"rc-section-{s.number}") for s in self.sections]

    def section_comments(self) -> dict[str, str]:
        return {
            name.removeprefix("section_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("section_")
        }


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=VoluntaryReview.objects.none(),
        required=False,
        empty_label="—",
        widget=forms.Select(attrs={"class": "form-select", "id": "assignee"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = get_user_model().objects.filter(
            groups__name=SECRETARIAT_GROUP
        )


class StartForm(forms.Form):
    """Start a State's review for a cycle: blank, or from one of its published reviews."""

    copy_from = forms.ModelChoiceField(
        label=_("Start from"), queryset=VoluntaryReview.objects.none(), required=False
    )

    def __init__(self, *args, member_state_id: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].queryset = VoluntaryReview.objects.filter(
            member_state_id=member_state_id, published_revision__isnull=False
        )
