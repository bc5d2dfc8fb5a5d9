"""Where a configuration problem points and how it is worded: the value a settings error names,
its message, and any secret it quotes masked."""

from __future__ import annotations

import re
from collections.abc import Collection

from fixit.i18n import Msg
from fixit.trees.yamlsafe import Map, Scalar, Seq, Value


def locate(node: Map, prefix: str, message: str, known: Collection[str]) -> Value | Scalar:
    """What a ParamError about `prefix.key...` points at: an unknown key's name, else the
    deepest value its key path names (the target itself when it names none)."""
    rest = message[len(prefix) :] if message.startswith(prefix) else ""
    at: Value | Scalar = node
    while rest:
        if isinstance(at, Map):
            keys = sorted(at.items, key=len, reverse=True)
            key = next((k for k in keys if re.match(rf"\.{re.escape(k)}(?![\w-])", rest)), None)
            if key is None:
                break
            if at is node and key not in known:
                return at.keys[key]
            at, rest = at.items[key], rest[len(key) + 1 :]
            continue
        index = re.match(r"\[(\d+)\]", rest)
        if not isinstance(at, Seq) or index is None or int(index[1]) >= len(at.items):
            break
        at, rest = at.items[int(index[1])], rest[index.end() :]
    return at


def reason(exc: ValueError) -> Msg | str:
    """What a ValueError says: its message when it carries one (ParamError), else its text."""
    message = getattr(exc, "message", None)
    return message if isinstance(message, Msg) else str(exc)


def scrubbed(message: Msg | str) -> Msg | str:
    """`message` with `scrub` applied to every text it quotes (its values, nested ones too)."""
    if isinstance(message, str):
        return scrub(message)
    values = {k: scrubbed(v) if isinstance(v, (str, Msg)) else v for k, v in message.values.items()}
    return Msg(message.id, values, message.plural, message.n, message.context)


def scrub(message: str) -> str:
    """An error message with any password in a URL it quotes, and the values of its
    secret-looking query parameters, replaced."""
    from fixit.report.secrets import URL_CREDS
    from fixit.submit.setting_rules import SECRET_QUERY

    message = URL_CREDS.sub(lambda m: f"{m[1]}{m[2]}:<secret>@", message)
    names = "|".join(re.escape(n) for n in sorted(SECRET_QUERY))
    return re.sub(rf"(?i)([?&](?:{names})=)[^&#\s'\"]*", r"\1<secret>", message)
