from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from gcm_portal.health import is_healthy


@never_cache
@require_GET
def healthz(request):
    if is_healthy():
        return JsonResponse({"status": "ok"})
    return JsonResponse({"status": "error"}, status=503)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)
