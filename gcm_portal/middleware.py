from gcm_portal import views


class HealthCheckMiddleware:
    """Answer `/healthz` before host validation, sessions and locale handling.

    Load balancers and container health checks call it by IP address or an internal name that
    is not in ALLOWED_HOSTS; it exposes no data, so it need not be host-checked.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz" and request.method in {"GET", "HEAD"}:
            return views.healthz(request)
        return self.get_response(request)
