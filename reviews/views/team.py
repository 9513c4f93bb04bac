"""A State's team page: its focal points, authorizing officials and pending invitations, and
the form with which its lead focal point (or the secretariat) invites a colleague."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from reviews.invitation_forms import TeamInvitationForm
from reviews.models import FocalPointMembership, MemberState
from reviews.permissions import can_invite_focal_points
from reviews.team import can_manage_team, invite_colleague, team_of


@login_required
def team(request, iso3):
    member_state = get_object_or_404(MemberState, iso3=iso3.upper())
    if not can_manage_team(request.user, member_state.iso3):
        raise PermissionDenied
    form = TeamInvitationForm(
        request.POST or None,
        initial={"language": request.LANGUAGE_CODE},
        member_state=member_state,
        by=request.user,
    )
    if request.method == "POST" and form.is_valid():
        invitation = invite_colleague(
            member_state=member_state, **form.cleaned_data, by=request.user
        )
        if invitation.role == FocalPointMembership.Role.AUTHORIZING_OFFICIAL:
            done = _(
                "An invitation to sign off the review of %(state)s is on its way to %(email)s."
            )
        else:
            done = _("An invitation for %(state)s is on its way to %(email)s.")
        messages.success(request, done % {"state": member_state.name, "email": invitation.email})
        return redirect("reviews:team", iso3=member_state.iso3)
    context = {
        "member_state": member_state,
        "form": form,
        "can_revoke": can_invite_focal_points(request.user),
        **team_of(member_state),
    }
    status = 400 if form.errors else 200
    return render(request, "reviews/team/team.html", context, status=status)
