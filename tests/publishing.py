"""Published reviews for tests, made the way the portal makes them: a focal point drafts and
submits through `editing` and `workflow`, the secretariat publishes."""

from django.contrib.auth.models import Group

from gcm_portal.roles import SECRETARIAT_GROUP
from reviews.editing import save_part, start_review
from reviews.models import ReviewCycle, VoluntaryReview
from reviews.workflow import publish_document, submit_document
from tests import factories


def secretariat():
    user = factories.UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=SECRETARIAT_GROUP))
    return user


def draft_review(
    iso3: str,
    cycle: str = "imrf-2026",
    *,
    language: str = "en",
    sections: dict | None = None,
    objectives: dict | None = None,
    focal_point=None,
) -> VoluntaryReview:
    """A complete draft: every section has text; `objectives` maps a number to
    (status, narrative)."""
    cycle_row = ReviewCycle.objects.get(slug=cycle)
    if not cycle_row.is_open:
        ReviewCycle.objects.filter(pk=cycle_row.pk).update(is_open=True)
        cycle_row.refresh_from_db()
    author = focal_point or factories.FocalPointFactory(member_state_id=iso3).user
    review = start_review(iso3, cycle_row, by=author)
    texts = {n: f"Section {n} of {iso3} in {cycle}." for n in range(1, 6)}
    texts.update(sections or {})

    def save(part, data):
        nonlocal review
        review = save_part(
            review.pk, part, data, by=author, base_version=review.version, kind="save"
        )

    save(
        "details",
        {"language": language, "part_of_national_plan": False, "stakeholders": []},
    )
    for number, text in texts.items():
        save(f"section-{number}", {"text": text})
    for number, (status, narrative) in (objectives or {}).items():
        save(f"objective-{number}", {"status": status, "narrative": narrative})
    review.author = author
    return review


def published_review(iso3: str, cycle: str = "imrf-2026", **kwargs) -> VoluntaryReview:
    review = draft_review(iso3, cycle, **kwargs)
    submit_document(review, by=review.author)
    published = publish_document(review, by=secretariat())
    published.author = review.author
    return published
