from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from reviews.forms import AcceptInvitationForm, InvitationForm
from reviews.invitations import (
    InvitationInvalid,
    accept_invitation,
    existing_user,
    granted,
    invite_focal_point,
    open_invitation,
)
from reviews.models import Invitation
from reviews.permissions import can_invite_focal_points


@login_required
def invite(request):
    if not can_invite_focal_points(request.user):
        raise PermissionDenied
    form = InvitationForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        invitation = invite_focal_point(**form.cleaned_data, by=request.user)
        messages.success(
            request,
            _("An invitation for %(state)s is on its way to %(email)s.")
            % {"state": invitation.member_state, "email": invitation.email},
        )
        return redirect("reviews:invite")
    recent = Invitation.objects.filter(grant="").select_related("member_state", "invited_by")[:50]
    status = 400 if form.errors else 200
    return render(
        request, "reviews/invitations/invite.html", {"form": form, "recent": recent}, status=status
    )


def accept(request, token):
    try:
        invitation = open_invitation(token)
    except InvitationInvalid as invalid:
        return render(
            request, "reviews/invitations/invalid.html", {"reason": str(invalid)}, status=410
        )
    user = existing_user(invitation)
    what = granted(invitation)
    if user is not None:
        # An existing account: the invitation adds the State (or what it grants); the password
        # stays theirs.
        if request.method == "POST":
            accept_invitation(token)
            if what:
                done = _("You are now %(granted)s. Log in to continue.") % {"granted": what}
            else:
                done = _("You are now a focal point for %(state)s. Log in to continue.") % {
                    "state": invitation.member_state
                }
            messages.success(request, done)
            return redirect("login")
        return render(
            request,
            "reviews/invitations/accept_existing.html",
            {"invitation": invitation, "granted": what},
        )
    form = AcceptInvitationForm(
        request.POST or None, initial={"full_name": invitation.full_name}, email=invitation.email
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = accept_invitation(
                token,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
            )
        except InvitationInvalid as invalid:
            return render(
                request, "reviews/invitations/invalid.html", {"reason": str(invalid)}, status=410
            )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome. Your account is ready."))
        return redirect("reviews:workspace")
    status = 400 if form.errors else 200
    return render(
        request,
        "reviews/invitations/accept.html",
        {"form": form, "invitation": invitation, "granted": what},
        status=status,
    )
