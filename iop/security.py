"""HTTP hardening for every response: security headers, caching of personal data, proxies.

The Content-Security-Policy allows scripts, styles, images and fonts only from this
site's own files: no inline <script> or style="" (put them in iop/static), no framing
by other sites, forms posting only back here.
"""

from __future__ import annotations

from flask import Flask, Response, request
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "Referrer-Policy": "same-origin",  # ids in our URLs are nobody else's business
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}
HSTS = "max-age=31536000; includeSubDomains"


def install(app: Flask) -> None:
    """Add the headers to every response; believe PROXY_COUNT proxies' X-Forwarded-*.

    Only ProxyFix reads X-Forwarded-For: everything else (login limits, the session's address)
    takes request.remote_addr, which a client cannot set when no proxy is trusted.
    """
    proxies = app.config["PROXY_COUNT"]
    if proxies:
        # Behind nginx or a load balancer: the client's address (for login limits) and the
        # scheme (for Secure cookies and redirects) come from the proxy's headers.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)
    https = app.config["BASE_URL"].startswith("https://")

    @app.after_request
    def security_headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if https:
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        # Answers carry personal data and public-record drafts: no copies in shared caches
        # or the browser's disk, unless a view has said otherwise (a document with its ETag).
        if "Cache-Control" not in response.headers and request.endpoint != "static":
            response.headers["Cache-Control"] = "no-store"
        return response
