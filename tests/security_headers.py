"""The security headers every answer of the portal carries (issue 16, item 1).

`missing_security_headers(response)` names what a response lacks; the permission table calls it
on every route for every persona and method, `test_security_headers.py` on the answers no route
names (/healthz, static files, 404, 429, 500, 503). Requests must be made over HTTPS
(`secure=True`) with `SECURE_HSTS_SECONDS` set, as production runs behind its TLS proxy.
"""

HSTS_SECONDS = 31_536_000


def csp_directives(response) -> dict[str, list[str]]:
    policy = response.get("Content-Security-Policy", "")
    directives = {}
    for part in policy.split(";"):
        if words := part.split():
            directives[words[0]] = words[1:]
    return directives


def missing_security_headers(response) -> list[str]:
    missing = []
    hsts = response.get("Strict-Transport-Security", "")
    if f"max-age={HSTS_SECONDS}" not in hsts or "includeSubDomains" not in hsts:
        missing.append(f"Strict-Transport-Security (got {hsts!r})")
    if response.get("X-Content-Type-Options") != "nosniff":
        missing.append("X-Content-Type-Options: nosniff")
    if response.get("Referrer-Policy") != "same-origin":
        missing.append(f"Referrer-Policy (got {response.get('Referrer-Policy')!r})")
    if response.get("X-Frame-Options") != "DENY":
        missing.append("X-Frame-Options: DENY")
    directives = csp_directives(response)
    if not directives:
        missing.append("Content-Security-Policy")
    else:
        if directives.get("frame-ancestors") != ["'none'"]:
            missing.append("Content-Security-Policy frame-ancestors 'none'")
        for name in ("default-src", "script-src", "style-src", "object-src", "base-uri"):
            if name not in directives:
                missing.append(f"Content-Security-Policy {name}")
        unsafe = [
            f"{name} {value}"
            for name, values in directives.items()
            for value in values
            if value.startswith("'unsafe-") or value == "*" or value in {"http:", "https:"}
        ]
        missing += [f"no {source} in Content-Security-Policy" for source in unsafe]
    return missing
