from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Voluntary GCM reviews")

    def ready(self):
        # Models are loaded only now: the national kind names its model.
        from reviews import national

        national.register()
