from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gcm_portal"
    verbose_name = _("GCM Review Portal")

    def ready(self):
        from gcm_portal.roles import ensure_roles  # reads auth models: only once apps are ready

        # Runs after every app has migrated and created its permissions.
        post_migrate.connect(ensure_roles, dispatch_uid="gcm_portal.ensure_roles")
