"""A URLconf with one view that fails, for tests of the error pages' headers."""

from django.urls import path


def fail(request):
    raise RuntimeError("a failing view, on purpose")


urlpatterns = [path("fail/", fail)]
