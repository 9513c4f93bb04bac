"""The national voluntary GCM review as a kind of document (Annex 2), declared to the machinery.

Focal points of the State draft it; a State that designated an authorizing official clears it
before it reaches the secretariat; the secretariat's decisions reach the State's focal points.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reviews import kinds
from reviews.content import national_has_every_key, national_snapshot
from reviews.models import NATIONAL_REVIEW, FocalPointMembership, VoluntaryReview
from reviews.parts import national_parts
from reviews.permissions import (
    is_authorizing_official,
    is_focal_point_of,
    speaks_for,
    state_needs_sign_off,
)
from reviews.public_cache import state_scope
from reviews.template import SECTIONS


def _authors(review):
    """Everyone who speaks for the State: its focal points and authorizing officials."""
    people = review.focal_points().select_related("user").filter(user__is_active=True)
    return [m.user for m in people]


def _signers(review):
    people = review.focal_points().filter(role=FocalPointMembership.Role.AUTHORIZING_OFFICIAL)
    return [m.user for m in people.select_related("user").filter(user__is_active=True)]


def _public_url(review) -> str:
    return reverse(
        "reviews:public_review", kwargs={"cycle": review.cycle.slug, "iso3": review.member_state_id}
    )


def _state_pages(review) -> list[str]:
    """A State's pages in the cache (its scope): its State page and the page of each of its
    reviews that is published, or was and now answers 410."""
    reviews = VoluntaryReview.objects.filter(member_state_id=review.member_state_id).filter(
        published_revision__isnull=False
    ) | VoluntaryReview.objects.filter(pk=review.pk)
    return [
        reverse("reviews:state", kwargs={"iso3": review.member_state_id}),
        *(_public_url(r) for r in reviews.select_related("cycle").order_by("cycle__slug")),
    ]


NATIONAL = kinds.DocumentKind(
    slug=NATIONAL_REVIEW,
    label=_("voluntary GCM review"),
    model=VoluntaryReview,
    template=SECTIONS,
    is_author=lambda user, review: is_focal_point_of(user, review.member_state_id),
    needs_sign_off=lambda review: state_needs_sign_off(review.member_state_id),
    is_signer=lambda user, review: is_authorizing_official(user, review.member_state_id),
    authors=_authors,
    signers=_signers,
    body_name=lambda review: review.member_state.name,
    public_url=_public_url,
    public_scope=lambda review: state_scope(review.member_state_id),
    scope_paths=_state_pages,
    workspace_url=lambda review: reverse(
        "reviews:overview", kwargs={"cycle": review.cycle.slug, "iso3": review.member_state_id}
    ),
    pdf_cover=lambda review: {"title": review.member_state.name, "subtitle": review.cycle.title},
    parts=national_parts,
    # The State's authorizing officials read the working copy they clear.
    is_reader=lambda user, review: speaks_for(user, review.member_state_id),
    snapshot=national_snapshot,
    has_every_key=national_has_every_key,
    # Written in the Details part; the template's limits are "suggested" (Annex 2).
    limits_justification=lambda content: content["details"]["limits_justification"],
)


def register() -> None:
    kinds.register(NATIONAL)
