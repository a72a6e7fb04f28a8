"""Security headers and the Content Security Policy (a per-request nonce, no 'unsafe-inline')."""

from __future__ import annotations

import base64
import hashlib
import secrets

from flask import g


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(18)
    return g.csp_nonce


def allow_inline_style(css: str) -> None:
    """Allow one inline <style> by the hash of its text (server-drawn SVG charts: the HTML checker refuses a
    nonce attribute on SVG's <style>, a hash needs none)."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
    hashes = g.setdefault("csp_style_hashes", [])
    if f"'sha256-{digest}'" not in hashes:
        hashes.append(f"'sha256-{digest}'")


def _content_security_policy(nonce: str, extra_img_src: str = "") -> str:
    style_hashes = "".join(f" {value}" for value in g.get("csp_style_hashes", []))
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            f"style-src 'self' 'nonce-{nonce}'{style_hashes}",
            f"img-src 'self' data:{extra_img_src}",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def init_app(app) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce

    @app.after_request
    def set_security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", _content_security_policy(csp_nonce()))
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        if response.mimetype == "text/html":
            # Pages may hold personal data; don't let shared caches keep them.
            headers.setdefault("Cache-Control", "no-store")
        return response
