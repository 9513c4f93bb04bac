from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def regional_meetings() -> list[dict]:
    """The regional app's review meetings, as `stakeholders.meetings` reads them (one query)."""
    from regional.models import RegionalMeeting  # models load only once apps are ready

    meetings = RegionalMeeting.objects.select_related("commission", "process")
    return [
        {
            "cycle_id": meeting.cycle_id,
            "body": meeting.body_key,
            "title": meeting.title,
            "starts_on": meeting.starts_on,
            "ends_on": meeting.ends_on,
            "venue": meeting.place,
            "mode": meeting.mode,
        }
        for meeting in meetings
    ]


class PortalConfig(AppConfig):
    name = "gcm_portal"
    verbose_name = _("GCM Review Portal")

    def ready(self):
        from gcm_portal.roles import ensure_roles  # reads auth models: only once apps are ready
        from regional import participants as regional_participants  # loads models: apps ready
        from stakeholders import meetings  # loads models: only once apps are ready
        from stakeholders import participants as stakeholder_participants  # loads models too

        # Runs after every app has migrated and created its permissions.
        post_migrate.connect(ensure_roles, dispatch_uid="gcm_portal.ensure_roles")
        # The wiring of the two apps that never import each other: the stakeholders' events
        # link the regional review meetings, and a meeting's report lists its consenting
        # approved participants (part (vi)).
        meetings.register_meeting_source(regional_meetings)
        regional_participants.register_participants_source(stakeholder_participants.for_meeting)
