"""Safe by default: who may reach the desk, which requests may change anything, where it may write.

* Bound to localhost unless told otherwise; any other address needs a token (``check_bind``), sent
  once as ``?token=`` (kept in a cookie) or as ``Authorization: Bearer``.
* The Host header must name the address the desk listens on (a page elsewhere cannot reach a
  localhost desk through a DNS name it controls).
* Every form carries a CSRF token bound to the browser's session cookie; a POST must carry it and come
  from the desk's own origin (Origin, else Referer).
* The desk writes only inside OUT (``confined``).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
from pathlib import Path
from urllib.parse import urlsplit

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
SESSION_COOKIE = "vnr_session"
TOKEN_COOKIE = "vnr_token"
CSRF_FIELD = "csrf"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class UnsafeBind(ValueError):
    """Listening beyond this machine without a token."""


def is_local(host: str) -> bool:
    h = host.strip("[]")
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    if not is_local(host) and not token:
        raise UnsafeBind(f"--host {host} makes the desk reachable from other machines: give --token too "
                         "(every request must then carry it)")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def csrf_token(secret: str, session: str) -> str:
    """The form token of a browser session: an HMAC of its session id under the desk's secret."""
    return hmac.new(secret.encode(), session.encode(), hashlib.sha256).hexdigest()[:40]


def csrf_ok(secret: str, session: str | None, sent: str | None) -> bool:
    return bool(session and sent) and hmac.compare_digest(csrf_token(secret, session), sent)


def same_origin(origin: str | None, referer: str | None, host: str | None, scheme: str) -> bool:
    """A state-changing request must say it comes from this desk: its Origin (or, without one, its
    Referer) names our scheme and host. A request that says neither is refused."""
    if not host:
        return False
    ours = f"{scheme}://{host}".lower()
    if origin and origin != "null":
        return origin.lower() == ours
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}".lower() == ours
    return False


def host_allowed(host_header: str | None, allowed: tuple[str, ...] | None) -> bool:
    """``allowed`` None: any host (a desk behind a token); else the Host header's name must be one of them."""
    if allowed is None:
        return True
    if not host_header:
        return False
    try:
        name = urlsplit("//" + host_header).hostname
    except ValueError:
        return False
    return name is not None and name.lower() in allowed


def token_ok(expected: str | None, *candidates: str | None) -> bool:
    if not expected:
        return True
    return any(c and hmac.compare_digest(c.encode(), expected.encode()) for c in candidates)


def safe_next(target: str | None, default: str = "/") -> str:
    """A redirect target inside the desk: a local path, never another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    parts = urlsplit(target)
    return default if parts.scheme or parts.netloc else target


def confined(root: Path, path: Path) -> Path:
    """``path`` resolved, when it lies inside ``root``; ValueError otherwise."""
    root_r, path_r = Path(root).resolve(), Path(path).resolve()
    if path_r != root_r and root_r not in path_r.parents:
        raise ValueError(f"{path} is outside {root}")
    return path_r
