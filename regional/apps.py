from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionalConfig(AppConfig):
    name = "regional"
    verbose_name = _("Regional reviews")

    def ready(self):
        # Models are loaded only now: the kinds name their models.
        from regional import kinds  # here, not at the top: needs the models

        kinds.register()
