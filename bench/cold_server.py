"""The cold server of bench/web.py (bench.settings_bench with BENCH_COLD=1): every request
starts with the portal's per-process memos forgotten, as the first request of a new worker would.

What stays loaded, because it belongs to the process and not to any page (the floor enjoys it
too): Django's compiled templates and translation catalogs, the URL resolver, imported modules,
and the database connection (CONN_MAX_AGE), with PostgreSQL's own buffers.
"""

from bench.cold import flush_memos
from bench.servers import COLD_HEADER


class ForgetMemosMiddleware:
    """Forget every memo before the request; say so in a header, so bench/web.py can check that
    the server it calls cold really is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        flush_memos()
        response = self.get_response(request)
        response[COLD_HEADER] = "memos-forgotten"
        return response
