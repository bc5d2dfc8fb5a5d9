"""One rule for every text a server, a library or an exception hands back (an HTTP body, an SMTP
reply, an exception's words): before it reaches a screen, the outbox or a crash log, every secret
fixit knows is masked. Help desks and frameworks echo the request path, and a webhook's path is
often its secret, so the secrets are every configured URL's path, query and user, and every
credential value."""

from __future__ import annotations

import contextlib
import re
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, overload

from fixit.i18n import Msg
from fixit.textsafe import clip, visible

if TYPE_CHECKING:
    from fixit.submit.base import Target

MASK = "***"
ANYWHERE = 8  # a value this long is masked wherever it stands (even inside %2F-quoted paths);
# a shorter one only as a whole token, so a token "box" never turns "outbox" into "out***"
_WORD = "A-Za-z0-9"
_SECRET_NAME = re.compile(r"token|secret|passw|key|auth|cookie|session|signature|sig\b", re.I)


@dataclass(frozen=True)
class Secrets:
    """The secret values to mask; `scrub` masks them, `text` makes a server's words showable."""

    values: frozenset[str] = frozenset()

    def plus(self, *more: str) -> Secrets:
        """These secrets and more."""
        return Secrets(self.values | {m for m in more if m})

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        parts = []
        for form in sorted(self._forms, key=len, reverse=True):
            if len(form) >= ANYWHERE:  # any case too: %2f, or a path echoed in lower case
                parts.append(f"(?i:{re.escape(form)})")
            else:
                parts.append(f"(?<![{_WORD}]){re.escape(form)}(?![{_WORD}])")
        return re.compile("|".join(parts)) if parts else None

    def scrub(self, text: str) -> str:
        """The text with every secret masked."""
        pattern = self._pattern
        return pattern.sub(MASK, text) if pattern is not None and text else text

    @overload
    def masked(self, said: Msg) -> Msg: ...
    @overload
    def masked(self, said: str) -> str: ...
    @overload
    def masked(self, said: Msg | str) -> Msg | str: ...
    def masked(self, said: Msg | str) -> Msg | str:
        """A message with every secret masked in its values (a text value, or one inside a
        message value); a plain text masked as `scrub` does. Unchanged, it is the same object."""
        if isinstance(said, str):
            return self.scrub(said)
        values = {k: self._value(v) for k, v in said.values.items()}
        if values == dict(said.values):
            return said
        return Msg(said.id, values, said.plural, said.n, said.context)

    def _value(self, value: object) -> object:
        if isinstance(value, (str, Msg)):
            return self.masked(value)
        return value

    def text(self, raw: str | bytes, limit: int = 200) -> str:
        """A server's or a library's words as a message may quote them: one line, controls
        shown, secrets masked (before clipping: a cut must never leave half a secret), short."""
        if isinstance(raw, bytes):
            raw = raw.decode("utf-8", "replace")
        line = " ".join(raw.split())  # line breaks and tabs become spaces; ESC stays visible
        # Only a prefix can reach the `limit` characters shown (a 4 MB body took seconds to
        # mask): a mask turns at most `longest` characters into 3, so the text from `reach` on
        # ends up past the limit, and a secret starting before `reach` is whole in the prefix.
        reach = limit * max(1, -(-self._longest // 3))
        return clip(visible(self.scrub(line[: reach + self._longest + 1]), True), limit)

    @cached_property
    def _longest(self) -> int:
        return max((len(f) for f in self._forms), default=0)

    @cached_property
    def _forms(self) -> frozenset[str]:
        forms: set[str] = set()
        for value in self.values:  # as sent, %-quoted, and JSON-escaped as PHP writes "\/"
            quoted = {value, urllib.parse.quote(value, safe=""), urllib.parse.quote(value)}
            forms |= quoted | {q.replace("/", "\\/") for q in quoted}
        return frozenset(f for f in forms if f)


_active: ContextVar[Secrets | None] = ContextVar("fixit_submit_secrets", default=None)


@contextlib.contextmanager
def guarding(secrets: Secrets) -> Iterator[Secrets]:
    """While a send runs: `server_text` masks these secrets too, and a SubmitError leaving the
    block is scrubbed of them (its message and hint are what the screen and outbox get)."""
    from fixit.submit.base import SubmitError

    both = (_active.get() or Secrets()).plus(*secrets.values)
    token = _active.set(both)
    try:
        yield both
    except SubmitError as exc:
        raise exc.scrubbed(both) from None
    finally:
        _active.reset(token)


def server_text(raw: str | bytes, limit: int = 200) -> str:
    """A server's words made safe to quote with the secrets of the send in progress."""
    return (_active.get() or Secrets()).text(raw, limit)


def url_secrets(url: str) -> set[str]:
    """What a URL hides: its path, key-like parts of it, its query and key-like values, its
    credentials. A short plain word (`/in`, `?team=desk`, a user `fixit`) is masked only with
    its `/`, `=` or `:` around it: alone it would mask that word in every message."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        user, password = parts.username or "", parts.password or ""
    except ValueError:
        return {url}
    found = {password, f"{user}:{password}" if password else ""}
    path = parts.path.rstrip("/")
    if path:
        found |= {path, urllib.parse.unquote(path)}
        found |= {p for p in [*path.split("/"), path.lstrip("/")] if _keylike(p)}
    if parts.query:
        found.add(parts.query)
        found |= {v for _, v in urllib.parse.parse_qsl(parts.query) if _keylike(v)}
    found |= {user} if _keylike(user) else set()
    return {f for f in found if f}


def _keylike(piece: str) -> bool:
    """A piece of a URL that reads as a key, not a word: long, or with a digit in it."""
    return len(piece) >= 16 or (len(piece) >= 6 and any(c.isdigit() for c in piece))


def _walk(value: Any, lookup: Callable[[str], str | None], secret: bool, found: set[str]) -> None:
    if isinstance(value, Mapping):
        for key, item in value.items():
            name = str(key)
            if name.endswith("_env") and isinstance(item, str) and item:
                found.add(lookup(item) or "")
            else:
                _walk(item, lookup, secret or bool(_SECRET_NAME.search(name)), found)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _walk(item, lookup, secret, found)
    elif isinstance(value, str):
        if secret:
            found.add(value)
        if "://" in value:
            found |= url_secrets(value)


def of_settings(settings: Mapping[str, Any], lookup: Callable[[str], str | None]) -> Secrets:
    """The secrets of one target's settings: credentials its `*_env` settings name, values of
    secret-looking settings (a webhook header `X-Api-Key`), and what its URLs hide."""
    found: set[str] = set()
    _walk(settings, lookup, False, found)
    return Secrets(frozenset(f.strip() for f in found if f and f.strip()))


def of_targets(targets: Iterable[Target], lookup: Callable[[str], str | None]) -> Secrets:
    """The secrets of every configured target."""
    values: set[str] = set()
    for target in targets:
        values |= of_settings(target.settings, _quiet(lookup)).values
    return Secrets(frozenset(values))


def _quiet(lookup: Callable[[str], str | None]) -> Callable[[str], str | None]:
    """A lookup that never raises (an unreadable credentials file has no secrets to mask)."""

    def read(name: str) -> str | None:
        try:
            return lookup(name)
        except Exception:
            return None

    return read
