"""The secretariat's forms for an event: the event, its agenda, its background documents, and
the choice of what an export of its participants holds."""

from django import forms
from django.conf import settings
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from reviews.models import ReviewCycle
from reviews.uploads import DOCX, ODT, PDF, check_document
from stakeholders import meetings
from stakeholders.export import COLUMNS, DEFAULT_COLUMNS, FORMATS
from stakeholders.models import AgendaItem, BackgroundDocument, Event, Registration

# What the browser sends for <input type="datetime-local">.
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"
DOCUMENT_TYPES = {PDF, DOCX, ODT}
RESERVED_SLUGS = {"new", "manage"}


def _date():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _datetime():
    return forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL)


class EventForm(forms.ModelForm):
    meeting = forms.ChoiceField(
        label=_("Regional review meeting"),
        required=False,
        help_text=_(
            "For a regional review meeting: the meeting of the regional review. Its cycle and "
            "regional body are taken from it, and its dates, venue and format fill the fields "
            "left empty."
        ),
    )
    working_languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        choices=settings.LANGUAGES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Event
        fields = [
            "kind", "title", "slug", "description", "cycle", "meeting", "starts_on", "ends_on",
            "mode", "venue", "registration_opens", "registration_closes", "capacity",
            "working_languages", "travel_budget", "daily_subsistence_rate", "privacy_notice",
            "is_published",
        ]  # fmt: skip
        widgets = {
            "starts_on": _date(),
            "ends_on": _date(),
            "registration_opens": _datetime(),
            "registration_closes": _datetime(),
        }
        help_texts = {
            "slug": _("Part of the event's address: letters, digits and hyphens, e.g. imrf-2026.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = {m["key"]: m for m in meetings.all_meetings()}
        self.fields["meeting"].choices = [("", _("None"))] + [
            (key, f"{m['title']} ({m['starts_on']:%Y-%m-%d})") for key, m in self.meetings.items()
        ]
        for name in ("registration_opens", "registration_closes"):
            self.fields[name].input_formats = [DATETIME_LOCAL, "%Y-%m-%d %H:%M"]
        # A meeting fills these when they are left empty (clean): not required here.
        for name in ("starts_on", "ends_on", "mode"):
            self.fields[name].required = False
        self.fields["cycle"].queryset = ReviewCycle.objects.order_by("-year", "slug")
        instance = self.instance
        if instance.pk and instance.body and instance.cycle_id:
            self.initial.setdefault(
                "meeting", meetings.meeting_key(instance.cycle_id, instance.body)
            )

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        # /secretariat/events/new/ is the page that creates an event.
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This address is reserved; choose another."))
        return slug

    def clean(self):
        data = super().clean()
        meeting = self.meetings.get(data.get("meeting") or "")
        if meeting and data.get("kind") != Event.Kind.REGIONAL:
            self.add_error("meeting", _("Only a regional review meeting links a meeting."))
            meeting = None
        if meeting:
            data["cycle"] = ReviewCycle.objects.filter(pk=meeting["cycle_id"]).first()
            for field, key in (
                ("starts_on", "starts_on"), ("ends_on", "ends_on"), ("mode", "mode"),
                ("venue", "venue"),
            ):  # fmt: skip
                if not data.get(field) and field not in self.errors:
                    data[field] = meeting[key]
        self.body = meeting["body"] if meeting else ""
        for field in ("starts_on", "ends_on", "mode"):
            if not data.get(field) and field not in self.errors:
                self.add_error(field, forms.Field.default_error_messages["required"])
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day cannot be before the first."))
        opens, closes = data.get("registration_opens"), data.get("registration_closes")
        if opens and closes and closes < opens:
            self.add_error("registration_closes", _("Registration cannot close before it opens."))
        return data

    def _post_clean(self):
        super()._post_clean()
        if hasattr(self, "body"):
            self.instance.body = self.body


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["position", "starts_at", "title", "description", "roundtable"]
        widgets = {"starts_at": _datetime(), "description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].input_formats = [DATETIME_LOCAL, "%Y-%m-%d %H:%M"]


class BackgroundDocumentForm(forms.ModelForm):
    url = forms.URLField(
        label=_("Address on the web"), max_length=200, required=False, assume_scheme="https"
    )

    class Meta:
        model = BackgroundDocument
        fields = ["title", "kind", "roundtable", "language", "file", "url", "published_on"]
        widgets = {
            "published_on": _date(),
            "file": forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt"}),
        }
        help_texts = {
            "file": _("PDF, DOCX or ODT, at most 20 MB; or give its address on the web."),
            "published_on": _("Empty until the document is out; the public sees it from then."),
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload or not hasattr(upload, "content_type"):
            return upload  # nothing new uploaded: the stored file stays
        content_type, extension = check_document(upload)
        if content_type not in DOCUMENT_TYPES:
            raise forms.ValidationError(_("A background document is a PDF, DOCX or ODT file."))
        upload.name = f"document{extension}"  # the name follows the checked content
        return upload

    def clean(self):
        data = super().clean()
        if data.get("kind") == BackgroundDocument.Kind.ROUNDTABLE_NOTE and not data.get(
            "roundtable"
        ):
            self.add_error("roundtable", _("Say which round table this note is for."))
        if not self.errors and not data.get("file") and not data.get("url"):
            self.add_error("file", _("Upload the document or give its address on the web."))
        return data


AgendaFormSet = inlineformset_factory(
    Event, AgendaItem, form=AgendaItemForm, extra=2, can_delete=True
)
DocumentFormSet = inlineformset_factory(
    Event, BackgroundDocument, form=BackgroundDocumentForm, extra=1, can_delete=True
)


class ExportForm(forms.Form):
    columns = forms.MultipleChoiceField(
        label=_("Columns"),
        choices=[(key, column.label) for key, column in COLUMNS.items()],
        initial=DEFAULT_COLUMNS,
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.MultipleChoiceField(
        label=_("Registrations"),
        choices=Registration.Status.choices,
        initial=[Registration.Status.APPROVED],
        widget=forms.CheckboxSelectMultiple,
    )
    format = forms.ChoiceField(
        label=_("File"), choices=FORMATS, initial="csv", widget=forms.RadioSelect
    )
