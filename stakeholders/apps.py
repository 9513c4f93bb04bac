from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StakeholdersConfig(AppConfig):
    name = "stakeholders"
    verbose_name = _("Stakeholder registration")

    def ready(self):
        # The written input's kind, its invitation grant, its queue and workspace entries:
        # they name the models, loaded only now (imported here for that reason). `messages`
        # registers the decisions' e-mail composers with the notices, in every process (the
        # worker's too).
        from stakeholders import invitations, kinds, messages, moderation, workspace  # noqa: F401

        kinds.register()
        invitations.register()
        moderation.register()
        workspace.register_section()
        # The tasks that beat and the outbox queue by name: registered in every process.
        import stakeholders.tasks  # noqa: F401 (here: needs the models)
