import pytest
from django.db import IntegrityError, transaction

from regional.models import RegionalProcess, RegionalReporterMembership
from reviews.models import RegionalCommission
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_reporter_belongs_to_a_commission_or_a_process_never_both_nor_neither():
    user = UserFactory()
    ece = RegionalCommission.objects.get(code="ECE")
    process = RegionalProcess.objects.create(
        slug="budapest-process",
        name="Budapest Process",
        kind=RegionalProcess.Kind.CONSULTATIVE_PROCESS,
    )
    RegionalReporterMembership.objects.create(user=user, commission=ece)
    RegionalReporterMembership.objects.create(user=user, process=process)
    for kwargs in ({}, {"commission": ece, "process": process}):
        with pytest.raises(IntegrityError), transaction.atomic():
            RegionalReporterMembership.objects.create(user=user, **kwargs)
    assert [m.body for m in user.regional_memberships.order_by("id")] == [ece, process]
