from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from gcm_portal.health import run_checks


@never_cache
@require_GET
def healthz(request):
    report = run_checks()
    report["celery"] = "eager" if settings.CELERY_TASK_ALWAYS_EAGER else "broker"
    return JsonResponse(report, status=200 if report["status"] == "ok" else 503)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)
