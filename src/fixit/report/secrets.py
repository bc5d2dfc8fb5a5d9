"""Secrets known on this machine: what the report redactor must always scrub."""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator, Mapping

MIN_SECRET = 6  # shorter values are too generic to scrub everywhere
URL_CREDS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{0,20}://)([^\s/?#:]{0,256}):([^\s/?#]{1,256})@")
_SECRET_NAME = re.compile(
    r"TOKEN|SECRET|PASSW|API[_-]?KEY|AUTH|CREDENTIAL|PRIVATE[_-]?KEY|SESSION|COOKIE", re.I
)
# desktop plumbing whose names look secret but whose values ("wayland", "ubuntu", a socket path)
# are not: scrubbing them everywhere would wreck every report
_NOT_SECRET = re.compile(
    r"XAUTHORITY|SSH_AUTH_SOCK|DESKTOP_SESSION|GDMSESSION|SESSION_MANAGER"
    r"|DBUS_SESSION_BUS_ADDRESS|XDG_SESSION_\w+",
    re.I,
)


def _url_passwords(text: str) -> Iterator[str]:
    for m in URL_CREDS.finditer(text):
        yield m[3]
        yield urllib.parse.unquote(m[3])


def _walk_config(
    node: object, environ: Mapping[str, str], found: set[str], secret: bool, depth: int
) -> None:
    if depth > 32:
        return
    if isinstance(node, Mapping):
        for key, value in node.items():
            name = str(key)
            if name.lower().endswith("_env"):
                if isinstance(value, str) and value in environ:
                    found.add(environ[value])
                continue
            if name == "targets" and isinstance(value, Mapping):
                # target names are the user's words, not settings: a target called `hooksecret`
                # must not make its `type: webhook` a secret to scrub from every report
                for target in value.values():
                    _walk_config(target, environ, found, secret, depth + 2)
                continue
            is_secret = secret or bool(_SECRET_NAME.search(name))
            _walk_config(value, environ, found, is_secret, depth + 1)
    elif isinstance(node, (list, tuple)):
        for item in node:
            _walk_config(item, environ, found, secret, depth + 1)
    elif isinstance(node, (str, int, float)) and not isinstance(node, bool):
        text = str(node)
        if secret:
            found.add(text)
        found.update(_url_passwords(text))


def secret_values(environ: Mapping[str, str], config: object) -> set[str]:
    """Secrets known on this machine: from secret-looking variables, the configuration and URLs."""
    found: set[str] = set()
    for name, value in environ.items():
        if _SECRET_NAME.search(name) and not _NOT_SECRET.fullmatch(name):
            found.add(value)
        found.update(_url_passwords(value))  # proxy variables and any other URL with a password
    _walk_config(config, environ, found, False, 0)
    return {v.strip() for v in found if len(v.strip()) >= MIN_SECRET}
