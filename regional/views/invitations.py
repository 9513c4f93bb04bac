"""Invitations of regional reporters (the secretariat's page) and of the authors of Annex 3
inputs (a regional commission's reporters, for inputs to their region's review). Accepting is
reviews' page (`reviews:accept_invitation`): the link and its flow are the same as focal
points'."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from regional.invitation_forms import InputAuthorInvitationForm, ReporterInvitationForm
from regional.invitations import (
    INPUT_AUTHOR,
    REPORTER,
    can_invite_reporters,
    invite_input_author,
    invite_reporter,
)
from reviews.models import Invitation, RegionalCommission


@login_required
def invite_reporter_page(request):
    if not can_invite_reporters(request.user):
        raise PermissionDenied
    form = ReporterInvitationForm(
        request.POST or None, initial={"language": request.LANGUAGE_CODE}, by=request.user
    )
    if request.method == "POST" and form.is_valid():
        invitation = invite_reporter(**form.cleaned_data, by=request.user)
        messages.success(
            request,
            _("An invitation is on its way to %(email)s.") % {"email": invitation.email},
        )
        return redirect("regional:invite_reporter")
    recent = Invitation.objects.filter(grant=REPORTER).select_related("invited_by")[:50]
    context = {"form": form, "recent": recent, "title": _("Invite a regional reporter")}
    return render(
        request, "regional/invitations/invite.html", context, status=400 if form.errors else 200
    )


@login_required
def invite_input_author_page(request):
    commissions = RegionalCommission.objects.filter(
        reporter_memberships__user=request.user
    ).distinct()
    if not commissions.exists():
        raise PermissionDenied
    form = InputAuthorInvitationForm(
        request.POST or None, commissions=commissions, initial={"language": request.LANGUAGE_CODE}
    )
    if request.method == "POST" and form.is_valid():
        invitation = invite_input_author(**form.cleaned_data, by=request.user)
        messages.success(
            request,
            _("An invitation is on its way to %(email)s.") % {"email": invitation.email},
        )
        return redirect("regional:invite_input_author")
    recent = Invitation.objects.filter(grant=INPUT_AUTHOR, invited_by=request.user)[:50]
    context = {"form": form, "recent": recent, "title": _("Invite the author of an input")}
    return render(
        request, "regional/invitations/invite.html", context, status=400 if form.errors else 200
    )
