"""The public form of special accreditation to an IMRF, and the confirmation of a withdrawal.
No database writes (`stakeholders.accreditation.apply` saves).

What the form asks follows ECOSOC resolution 1996/31, paragraph 44: an application to a UN
conference comes "accompanied by information on the competence of the organization and the
relevance of its activities to the work of the conference", with the purpose of the
organisation first. Every text field refuses NUL characters (Django's CharField does), a
choice refuses what is not offered, and each supporting document is checked by its content
(`reviews.uploads.check_document`): PDF, DOCX or ODT only, at most `MAX_DOCUMENT_BYTES` each,
at most `MAX_DOCUMENTS`. Messages are at the field.
"""

from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from reviews.models import MemberState, Objective, StakeholderCategory
from reviews.uploads import DOCX, ODT, PDF, check_document, download_name
from reviews.widgets import FastSelect
from stakeholders.forms.registration import HONEYPOT, AddressField

MAX_DOCUMENTS = 3
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = {PDF, DOCX, ODT}
ROUNDTABLES = (1, 2, 3, 4)
# The stored title of a document: the uploader's file name, cut to the column's size.
TITLE_LENGTH = 250


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """Up to MAX_DOCUMENTS files in one input; cleans to a list of (title, file)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".pdf,.docx,.odt,application/pdf"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_DOCUMENTS:
            raise ValidationError(
                _("Choose at most %(limit)s files; you chose %(count)s.")
                % {"limit": MAX_DOCUMENTS, "count": len(files)},
                code="too_many",
            )
        errors, documents = [], []
        for upload in files:
            upload = super().clean(upload, initial)
            name = PurePosixPath(upload.name or "document").name
            try:
                if upload.size > MAX_DOCUMENT_BYTES:
                    raise ValidationError(
                        _("The file is %(size)s MB; the limit is %(limit)s MB.")
                        % {
                            "size": f"{upload.size / 1024 / 1024:.1f}",
                            "limit": MAX_DOCUMENT_BYTES // (1024 * 1024),
                        },
                        code="too_big",
                    )
                content_type, _extension = check_document(upload)
                if content_type not in DOCUMENT_TYPES:
                    raise ValidationError(
                        _("Only PDF, DOCX and ODT documents are accepted."), code="wrong_type"
                    )
            except ValidationError as error:
                errors.extend(f"{name}: {message}" for message in error.messages)
                continue
            documents.append((download_name(name, content_type)[:TITLE_LENGTH], upload))
        if errors:
            raise ValidationError(errors)
        return documents


class AccreditationForm(forms.Form):
    # The organisation
    name = forms.CharField(label=_("Name of the organization, in its own language"), max_length=250)
    name_latin = forms.CharField(
        label=_("Name in Latin letters"),
        max_length=250,
        required=False,
        help_text=_("When the name is written in another script (Arabic, Chinese, Cyrillic…)."),
    )
    acronym = forms.CharField(label=_("Acronym"), max_length=40, required=False)
    category = forms.ModelChoiceField(
        label=_("Type of organization"),
        queryset=StakeholderCategory.objects.order_by("position"),
        to_field_name="key",
    )
    headquarters = forms.ModelChoiceField(
        label=_("Country of headquarters"),
        queryset=MemberState.objects.order_by("name"),
        widget=FastSelect,  # the States in the reader's order (`in_reading_order`)
    )
    website = forms.URLField(
        label=_("Website"), max_length=200, required=False, assume_scheme="https"
    )
    head_name = forms.CharField(label=_("Head of the organization"), max_length=200)
    head_title = forms.CharField(label=_("Title of the head"), max_length=200)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    email = AddressField(
        label=_("E-mail address of the organization"),
        max_length=254,
        help_text=_(
            "We send the link that confirms the application to this address: use the "
            "organization's address, not a personal one, if it has one."
        ),
    )
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        help_text=_("The language of our e-mails to the organization."),
    )
    # The application
    purpose = forms.CharField(
        label=_("Purpose of the organization"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    relevance = forms.CharField(
        label=_("Relevance of its work to the GCM and to the IMRF's agenda"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Describe the organization's competence and its programmes and activities in the "
            "areas of the GCM and of the IMRF's round tables, and the countries where they are "
            "carried out; say whether it works at the national, regional or international level."
        ),
    )
    objectives = forms.ModelMultipleChoiceField(
        label=_("GCM objectives the organization's work concerns"),
        queryset=Objective.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one objective."),
            "invalid_choice": _("Choose objectives from the list."),
            "invalid_pk_value": _("Choose objectives from the list."),
        },
    )
    roundtables = forms.MultipleChoiceField(
        label=_("Round tables the organization would follow"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one round table.")},
    )
    documents = DocumentsField(
        label=_("Supporting documents (optional)"),
        required=False,
        help_text=_(
            "Up to 3 files, PDF, DOCX or ODT, 10 MB each: for example the statutes, the latest "
            "annual report with financial statements, the list of the governing body."
        ),
    )
    consent_privacy = forms.BooleanField(
        label=_("I have read the privacy notice and agree that these data are used as it says"),
        error_messages={"required": _("The application needs your consent to the privacy notice.")},
    )
    # Hidden from people (CSS, aria-hidden, out of the tab order): only a bot fills it.
    contact_fax = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    ORGANIZATION_FIELDS = (
        "name",
        "name_latin",
        "acronym",
        "category",
        "headquarters",
        "website",
        "head_name",
        "head_title",
        "contact_name",
        "email",
        "language",
    )
    APPLICATION_FIELDS = ("purpose", "relevance")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roundtables"].choices = [
            (str(n), gettext("Round table %(number)s") % {"number": n}) for n in ROUNDTABLES
        ]
        if self.is_bound:
            # Shown only when the form comes back with an error: browsers never keep files.
            self.fields["documents"].help_text = _(
                "Files are not kept when the form comes back with an error: choose them again "
                "(up to 3 files, PDF, DOCX or ODT, 10 MB each)."
            )
        if not self.is_bound and "language" not in self.initial:
            self.initial["language"] = get_language()

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip()) if self.is_bound else False

    def organization_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.ORGANIZATION_FIELDS}

    def application_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.APPLICATION_FIELDS}

    def roundtables_chosen(self) -> list[int]:
        return sorted(int(n) for n in self.cleaned_data["roundtables"])

    def objectives_by_roundtable(self):
        """[(round table, [(objective, chosen)])] for the grouped checkboxes; what was ticked
        stays ticked after an error."""
        if self.is_bound:
            typed = self.data.getlist("objectives") if hasattr(self.data, "getlist") else []
        else:
            typed = self.initial.get("objectives") or []
        chosen = {str(value) for value in typed}
        groups: dict[int, list] = {}
        for objective in self.fields["objectives"].queryset:
            groups.setdefault(objective.roundtable, []).append(
                (objective, str(objective.number) in chosen)
            )
        return sorted(groups.items())


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, withdraw the application"),
        error_messages={"required": _("Tick the box to confirm.")},
    )
