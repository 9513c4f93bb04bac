import factory
from django.contrib.auth import get_user_model

from reviews.models import FocalPointMembership, RegionalCommission

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class FocalPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocalPointMembership

    user = factory.SubFactory(UserFactory)
    member_state_id = "MEX"
    role = FocalPointMembership.Role.FOCAL_POINT


class RegionalReporterFactory(factory.django.DjangoModelFactory):
    """A reporter of one regional commission (ECE unless told), or of one process
    (`commission=None, process=...`)."""

    class Meta:
        model = "regional.RegionalReporterMembership"

    user = factory.SubFactory(UserFactory)
    commission = factory.LazyFunction(lambda: RegionalCommission.objects.get(code="ECE"))
