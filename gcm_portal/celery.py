"""The Celery application: configured from Django settings (CELERY_*), tasks autodiscovered.

Without REDIS_URL the settings turn on eager mode, so tasks run in-process and the embedded
default needs no broker. With it, workers and beat talk to Redis.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gcm_portal.settings")

app = Celery("gcm_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
