"""The portal's URLs plus `/bench/floor/`: a minimal Django view that renders a small template
without database access, through the portal's whole middleware stack and context processors.
Its throughput is the framework floor bench/web.py compares every page with."""

from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from gcm_portal.urls import handler403, handler404
from gcm_portal.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler403", "handler404", "urlpatterns"]

ITEMS = [f"Objective {n}" for n in range(1, 11)]


@require_GET
def floor(request):
    return render(request, "bench/floor.html", {"items": ITEMS})


urlpatterns = [path("bench/floor/", floor, name="bench_floor"), *portal_urlpatterns]
