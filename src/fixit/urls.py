"""URLs safe to show and to store: no credentials, query or fragment (and, short, no path)."""

from __future__ import annotations

import re

from fixit.textsafe import clip

SHOWN = 200  # characters of a URL shown at most


def redact_url(url: str) -> str:
    """The URL without credentials, query or fragment: safe to show and to store."""
    import urllib.parse

    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return "(an unreadable URL)"
    netloc = parts.netloc.rpartition("@")[2]
    scheme = f"{parts.scheme}://" if parts.scheme else ""
    shown = f"{scheme}{netloc}{parts.path}{'?…' if parts.query else ''}"
    return clip(" ".join(shown.split()), SHOWN)


def short_url(url: str) -> str:
    """A URL as scheme://host[:port]/…: `redact_url`, and no path either (a webhook's path is
    often its secret)."""
    shown = redact_url(url)
    scheme, sep, rest = shown.partition("://")
    if not sep:
        return shown
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]
    return f"{scheme}://{host}" + ("/…" if rest not in (host, f"{host}/") else rest[len(host) :])
