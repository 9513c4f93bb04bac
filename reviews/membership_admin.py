"""Separation of duties in the admin, for the models that give a person a membership (a State's
focal point or official here, a regional reporter in regional):

- nobody gives themself a membership or changes their own: the form (and the change list's
  editable columns) refuse it at the field;
- every addition, change and removal is in the audit trail (admin `LogEntry`, the rows
  reviews.membership_log writes), in words: whose membership, what changed, from what to what.

Invitations made in the admin record who made them and refuse the maker's own address.
"""

from django import forms
from django.contrib.admin.utils import display_for_value
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from reviews import membership_log

SELF_GRANT = _(
    "You cannot give yourself a membership; another member of the secretariat must do it."
)


def _refusing_self(form_class, actor):
    """`form_class`, refusing a membership whose holder is `actor`."""

    class RefusingSelf(form_class):
        def clean(self):
            data = super().clean()
            if "user" in self.fields:
                holder_id = getattr(data.get("user"), "pk", None)
                field = "user"
            else:  # the change list's editable columns: the holder is the row's
                holder_id, field = self.instance.user_id, None
            if holder_id is not None and holder_id == actor.pk:
                self.add_error(field, forms.ValidationError(SELF_GRANT, code="self_grant"))
            return data

    RefusingSelf.__name__ = form_class.__name__
    return RefusingSelf


def _shown(form, name, value) -> str:
    field = form.fields[name]
    if isinstance(value, bool) or isinstance(field, forms.BooleanField):
        return "yes" if value else "no"
    if isinstance(field, forms.ModelChoiceField):
        value = field.queryset.filter(pk=getattr(value, "pk", value)).first()
    elif getattr(field, "choices", None):
        value = dict(field.choices).get(value, value)
    return str(display_for_value(value, "—"))


class MembershipAdminMixin:
    """For the ModelAdmin of a model with a `user` holding a membership."""

    def get_form(self, request, obj=None, **kwargs):
        return _refusing_self(super().get_form(request, obj, **kwargs), request.user)

    def get_changelist_form(self, request, **kwargs):
        return _refusing_self(super().get_changelist_form(request, **kwargs), request.user)

    def construct_change_message(self, request, form, formsets, add=False):
        # The trail reads in one language, whatever the admin's language was.
        with translation.override("en"):
            return self._change_message(form, add)

    def _change_message(self, form, add):
        membership = form.instance
        if add:
            return f"Gave the membership {membership} (user {membership.user.email})."
        changes = [
            f"{form.fields[name].label}: {_shown(form, name, form.initial.get(name))} → "
            f"{_shown(form, name, form.cleaned_data.get(name))}"
            for name in form.changed_data
        ]
        return (
            f"Changed the membership {membership} (user {membership.user.email}): "
            + ("; ".join(str(change) for change in changes) or "nothing")
            + "."
        )

    def log_deletions(self, request, queryset):
        for membership in queryset:
            membership_log.record(
                request.user,
                membership,
                membership_log.REMOVED,
                f"Removed the membership {membership} (user {membership.user.email}).",
            )


class InvitationAdminMixin:
    """An invitation made in the admin is the maker's (`invited_by`), never to their address."""

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        actor = request.user

        class NotToSelf(form_class):
            def clean_email(self):
                email = self.cleaned_data["email"].strip().lower()
                if actor.email and email == actor.email.lower():
                    raise forms.ValidationError(SELF_GRANT, code="self_grant")
                return email

        NotToSelf.__name__ = form_class.__name__
        return NotToSelf

    def save_model(self, request, obj, form, change):
        if not change:
            obj.invited_by = request.user
        super().save_model(request, obj, form, change)
