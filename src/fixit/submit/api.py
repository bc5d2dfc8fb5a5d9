"""What the help-desk API targets share: the token, the shape of answers, attachment files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from fixit.i18n import Msg, _
from fixit.oserrors import reason as os_reason
from fixit.submit import http
from fixit.submit.base import AGAIN, SecretLookup, SubmitError, Target
from fixit.textsafe import clip, visible

if TYPE_CHECKING:
    import requests


def token(target: Target, secret: SecretLookup, what: Msg | None = None) -> str:
    """The target's token from its `token_env`, or a clear error naming the variable to set."""
    var = str(target.settings["token_env"])
    value = secret(var)
    if not value:
        raise unset(what or _("API token"), target.name, var)
    if not carriable(value):
        raise SubmitError(
            _(
                "the token for target '{target}' contains characters an HTTP header cannot carry.",
                target=target.name,
            ),
            _(
                "Check {var}: set it again without line breaks or letters outside Latin-1 "
                "(a stray newline from copying is common).",
                var=var,
            ),
            retry=False,
        )
    return value


def unset(what: Msg, target: str, var: str) -> SubmitError:
    """The error for a secret (`what`: a token, a key) that its variable does not hold."""
    return SubmitError(
        _("the {what} for target '{target}' is not set.", what=what, target=target),
        _(
            "Set {var} in the environment or in the credentials file (see `fixit config path`).",
            var=var,
        ),
        retry=False,
    )


def carriable(text: str) -> bool:
    """Whether an HTTP header can carry the text: Latin-1, and no line break or NUL."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return not any(c in text for c in "\r\n\0")


def json_object(response: requests.Response, url: str, what: Msg) -> dict[str, Any]:
    """The JSON object of an answer, or a retryable error naming the host."""
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise odd(url, what)
    return data


def items(data: Any, key: str, url: str, what: Msg) -> list[dict[str, Any]]:
    """The list of objects under `key` (absent: none), or an error when it is something else."""
    found = data.get(key, []) if isinstance(data, dict) else None
    if not isinstance(found, list) or not all(isinstance(i, dict) for i in found):
        raise odd(url, what)
    return found


def odd(url: str, what: Msg) -> SubmitError:
    """A well-formed answer that is not shaped as the API documents it."""
    return SubmitError(
        _("{host} answered in an unexpected way ({what}).", host=http.host_of(url), what=what),
        AGAIN,
    )


def read_file(path: Path, name: str) -> bytes:
    """An attachment's bytes, or an error saying which file is missing."""
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise unreadable(name, exc) from None


def unreadable(name: str, exc: OSError) -> SubmitError:
    """The error for an attachment that is gone or unreadable since the report was made."""
    return SubmitError(
        _(
            "the attachment {name} could not be read ({reason}).",
            name=clip(visible(name, True), 80),
            reason=os_reason(exc, type(exc).__name__),
        ),
        _("Put the file back, or make the report again without it."),
        retry=False,
    )
