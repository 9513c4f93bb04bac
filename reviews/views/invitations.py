"""Invitations: the secretariat's page (invite, see every invitation and who sent it, revoke),
and the link's page (accept: a new account sets its password; an existing account logs in as
usual and accepts, its password never touched)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from reviews.invitation_forms import AcceptInvitationForm, InvitationForm
from reviews.invitations import (
    InvitationInvalid,
    accept_invitation,
    existing_user,
    granted,
    invite_focal_point,
    open_invitation,
)
from reviews.membership_log import recent_changes
from reviews.models import FocalPointMembership, Invitation
from reviews.permissions import can_invite_focal_points
from reviews.team import revoke_invitation, revoke_membership


@login_required
def invite(request):
    if not can_invite_focal_points(request.user):
        raise PermissionDenied
    form = InvitationForm(
        request.POST or None, initial={"language": request.LANGUAGE_CODE}, by=request.user
    )
    if request.method == "POST" and form.is_valid():
        invitation = invite_focal_point(**form.cleaned_data, by=request.user)
        messages.success(
            request,
            _("An invitation for %(state)s is on its way to %(email)s.")
            % {"state": invitation.member_state, "email": invitation.email},
        )
        return redirect("reviews:invite")
    # Every State's invitations, the secretariat's and the lead focal points', with who sent them.
    recent = Invitation.objects.filter(grant="").select_related("member_state", "invited_by")[:50]
    context = {"form": form, "recent": recent, "changes": recent_changes()}
    status = 400 if form.errors else 200
    return render(request, "reviews/invitations/invite.html", context, status=status)


@login_required
@require_POST
def revoke(request, pk):
    """The secretariat withdraws an invitation not accepted yet: its link stops working."""
    if not can_invite_focal_points(request.user):
        raise PermissionDenied
    invitation = get_object_or_404(Invitation, pk=pk, grant="")
    if revoke_invitation(invitation, by=request.user):
        messages.success(
            request,
            _("The invitation of %(email)s is revoked: its link no longer works.")
            % {"email": invitation.email},
        )
    else:
        messages.info(
            request,
            _("%(email)s accepted the invitation already: end the membership instead.")
            % {"email": invitation.email},
        )
    return redirect("reviews:invite")


@login_required
@require_POST
def revoke_member(request, pk):
    """The secretariat ends a person's membership of a State."""
    if not can_invite_focal_points(request.user):
        raise PermissionDenied
    membership = get_object_or_404(
        FocalPointMembership.objects.select_related("user", "member_state"), pk=pk
    )
    revoke_membership(membership, by=request.user)
    messages.success(
        request,
        _("%(person)s no longer speaks for %(state)s as %(role)s.")
        % {
            "person": membership.user.get_full_name() or membership.user.email,
            "state": membership.member_state.name,
            "role": membership.get_role_display().lower(),
        },
    )
    return redirect("reviews:team", iso3=membership.member_state_id)


def _invalid(request, reason: str, status: int = 410):
    return render(request, "reviews/invitations/invalid.html", {"reason": reason}, status=status)


def accept(request, token):
    try:
        invitation = open_invitation(token)
    except InvitationInvalid as invalid:
        return _invalid(request, str(invalid))
    account = existing_user(invitation)
    what = granted(invitation)
    if account is not None:
        return _accept_existing(request, token, invitation, account, what)
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
            return _invalid(request, str(invalid))
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome. Your account is ready."))
        return redirect("reviews:workspace")
    status = 400 if form.errors else 200
    context = {"form": form, "invitation": invitation, "granted": what, **_role(invitation)}
    return render(request, "reviews/invitations/accept.html", context, status=status)


def _role(invitation) -> dict:
    return {"official": invitation.role == FocalPointMembership.Role.AUTHORIZING_OFFICIAL}


def _accept_existing(request, token, invitation, account, what):
    """An account with the invitation's address exists: only its holder, logged in as usual,
    accepts (holding the link is not enough), and no password is asked or set."""
    if account.pk == invitation.invited_by_id:  # separation of duties: not one's own
        return _invalid(request, "own_invitation", status=403)
    context = {"invitation": invitation, "granted": what, **_role(invitation)}
    if not request.user.is_authenticated:
        # Logging in comes back here (a safe local `next`), to the Accept button.
        context["login_url"] = f"{reverse('login')}?{urlencode({'next': request.path})}"
        status = 403 if request.method == "POST" else 200
        return render(request, "reviews/invitations/accept_existing.html", context, status=status)
    if request.user.pk != account.pk:
        context["other_account"] = True
        return render(request, "reviews/invitations/accept_existing.html", context, status=403)
    if request.method == "POST":
        try:
            accept_invitation(token, user=request.user)
        except InvitationInvalid as invalid:
            return _invalid(request, str(invalid))
        messages.success(request, _accepted_message(invitation, what))
        return redirect("reviews:workspace")
    return render(request, "reviews/invitations/accept_existing.html", context)


def _accepted_message(invitation, what) -> str:
    if what:
        return _("You are now %(granted)s.") % {"granted": what}
    state = invitation.member_state.name
    if invitation.role == FocalPointMembership.Role.AUTHORIZING_OFFICIAL:
        return _(
            "You are now the authorizing official of %(state)s: you sign off its review "
            "before it goes to the secretariat."
        ) % {"state": state}
    return _("You now also speak for %(state)s as a focal point.") % {"state": state}
