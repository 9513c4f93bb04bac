"""What celery beat runs, and how often: sweeps that requeue what a broker outage or a killed
worker lost, reminders and retention. Every task is idempotent, so a run too many is harmless.
"""

BEAT_SCHEDULE = {
    "sweep-invitations": {"task": "reviews.sweep_invitations", "schedule": 300.0},
    "sweep-pdfs": {"task": "reviews.sweep_pdfs", "schedule": 120.0},
    "sweep-notifications": {"task": "reviews.sweep_notifications", "schedule": 120.0},
    # The index of public pages, rendered again well within PUBLIC_CACHE_SECONDS so that its
    # pages never expire between publications; and any change whose warming was lost.
    "sweep-public-pages": {"task": "reviews.sweep_public_pages", "schedule": 240.0},
    # Reminders fall on dates: hourly finds each on its day; each is sent once whatever the runs.
    "regional-report-reminders": {"task": "regional.send_report_reminders", "schedule": 3600.0},
    "review-deadline-reminders": {"task": "reviews.send_deadline_reminders", "schedule": 3600.0},
    "sweep-registration-notices": {"task": "stakeholders.sweep_notices", "schedule": 120.0},
    "sweep-accreditation-notices": {
        "task": "stakeholders.sweep_accreditation_notices",
        "schedule": 120.0,
    },
    # Member States' non-objection periods end at a time: every 15 minutes settles each soon
    # after (stakeholders.accreditation.close_review is idempotent).
    "close-accreditation-reviews": {
        "task": "stakeholders.close_accreditation_reviews",
        "schedule": 900.0,
    },
    "expire-unverified-registrations": {
        "task": "stakeholders.expire_unverified",
        "schedule": 900.0,
    },
    # Daily: erasure falls on days (REGISTRATION_RETENTION_DAYS after an event); idempotent.
    "erase-registrants-personal-data": {
        "task": "stakeholders.erase_personal_data",
        "schedule": 86400.0,
    },
}
