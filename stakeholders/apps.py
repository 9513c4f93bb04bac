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
        # Member States' review of the organisations recommended for special accreditation
        # (issue 19): its workspace entry.
        from stakeholders import accreditation_selectors  # here: it names the models

        accreditation_selectors.register_workspace_section()
        # The pledge's kind, its "pledger" grant, its queue and workspace entries (issue 19).
        from stakeholders.pledges import invitations as pi  # here: names the models
        from stakeholders.pledges import kind as pk  # here: names the models
        from stakeholders.pledges import moderation as pm  # here: names the models
        from stakeholders.pledges import workspace as pw  # here: names the models

        pk.register()
        pi.register()
        pm.register()
        pw.register_section()
        # The tasks that beat and the outbox queue by name: registered in every process.
        import stakeholders.tasks  # noqa: F401 (here: needs the models)
