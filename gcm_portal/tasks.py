from celery import shared_task
from django.utils import timezone


@shared_task(name="portal.ping", ignore_result=False)
def ping(*, echo: str = "pong") -> dict:
    """Answer from inside a worker: used by the worker health check and the worker tests."""
    return {"echo": echo, "at": timezone.now().isoformat()}
