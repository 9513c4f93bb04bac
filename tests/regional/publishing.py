"""Regional documents for the public tests, made the way the portal makes them: the body's
reporter drafts (the text set on the kind's row) and submits through `reviews.workflow`, the
secretariat publishes (which pins the revision, indexes it and queues the PDF)."""

from datetime import date

from regional.models import RegionalInput, RegionalMeeting, RegionalReviewReport
from reviews.models import GuidingPrinciple, Objective, RegionalCommission, ReviewCycle
from reviews.workflow import publish_document, submit_document, unpublish_document
from tests import factories
from tests.publishing import secretariat


def meeting(code="ECE", cycle="regional-2024", **fields):
    commission = RegionalCommission.objects.get(code=code)
    values = {
        "title": f"Regional review of the GCM in the {code} region",
        "starts_on": date(2024, 11, 14),
        "ends_on": date(2024, 11, 15),
        "mode": RegionalMeeting.Mode.HYBRID,
        "place": "Geneva",
        "working_languages": ["en", "fr", "ru"],
        **fields,
    }
    return RegionalMeeting.objects.get_or_create(
        commission=commission, cycle=ReviewCycle.objects.get(slug=cycle), defaults=values
    )[0]


def draft_report(code="ECE", *, language="en", sections=None, objectives=(), cycle="regional-2024",
                 **meeting_fields):  # fmt: skip
    texts = {n: f"Part {n} of the {code} report." for n in range(1, 7)}
    texts.update(sections or {})
    report = RegionalReviewReport.objects.create(
        meeting=meeting(code, cycle, **meeting_fields),
        language=language,
        **{f"section_{n}": text for n, text in texts.items()},
    )
    report.objectives_addressed.set(Objective.objects.filter(number__in=objectives))
    report.author = factories.RegionalReporterFactory(
        commission=RegionalCommission.objects.get(code=code)
    ).user
    return report


def submitted_report(code="ECE", **kwargs):
    report = draft_report(code, **kwargs)
    author = report.author
    report = submit_document(report, by=author)
    report.author = author
    return report


def published_report(code="ECE", **kwargs):
    report = submitted_report(code, **kwargs)
    author = report.author
    report = publish_document(report, by=secretariat())
    report.author = author
    return report


def unpublished_report(code="ECE", **kwargs):
    report = published_report(code, **kwargs)
    return unpublish_document(report, by=secretariat(), comment="Withdrawn by the commission.")


def draft_input(code="ECE", *, organization="Migrant Rights Network", language="en",
                sections=None, cycle="regional-2024"):  # fmt: skip
    texts = {n: f"Part {n} of the input of {organization}." for n in range(1, 6)}
    texts.update(sections or {})
    regional_input = RegionalInput.objects.create(
        commission=RegionalCommission.objects.get(code=code),
        cycle=ReviewCycle.objects.get(slug=cycle),
        organization=organization,
        language=language,
        **{f"section_{n}": text for n, text in texts.items()},
    )
    regional_input.principles_integrated.set(GuidingPrinciple.objects.order_by("position")[:1])
    author = factories.UserFactory()
    regional_input.authors.add(author)
    regional_input.author = author
    return regional_input


def published_input(code="ECE", **kwargs):
    regional_input = draft_input(code, **kwargs)
    author = regional_input.author
    regional_input = submit_document(regional_input, by=author)
    regional_input = publish_document(regional_input, by=secretariat())
    regional_input.author = author
    return regional_input
