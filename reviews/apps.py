from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Voluntary GCM reviews")

    def ready(self):
        # Imports here, not at the top: both modules need the models, which are loaded only now.
        import reviews.tasks  # noqa: F401 (registers the tasks that reviews.queue queues by name)
        from reviews import choice_memo, national, team  # these read the models

        choice_memo.connect_signals()
        national.register()
        team.register_section()
