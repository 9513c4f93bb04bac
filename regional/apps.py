from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionalConfig(AppConfig):
    name = "regional"
    verbose_name = _("Regional reviews")

    def ready(self):
        # Models are loaded only now: the kinds name their models.
        from regional import kinds  # here, not at the top: needs the models

        kinds.register()
        # The invitations' grants, the queue's and the workspace's entries, and the tasks that
        # beat queues by name: all need the models, loaded only now.
        import regional.tasks  # noqa: F401 (here: needs the models)
        from regional import invitations, moderation, workspace  # here: needs the models

        invitations.register()
        moderation.register()
        workspace.register_section()
