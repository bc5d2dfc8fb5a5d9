"""Webhook target: the JSON report POSTed to a URL with an Idempotency-Key, an optional bearer
token and an optional HMAC-SHA256 signature of the exact body bytes."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fixit.i18n import N_, Msg, _, pgettext
from fixit.submit import api, http, scrub
from fixit.submit.base import Payload, SecretLookup, SubmitError, Target, Ticket
from fixit.textsafe import clip, visible

if TYPE_CHECKING:
    import requests

# Headers fixit sets itself: configuration must not replace them (or smuggle a second copy).
RESERVED = frozenset(
    {
        "authorization",
        "content-type",
        "content-length",
        "transfer-encoding",
        "host",
        "idempotency-key",
        "x-fixit-report-id",
        "x-fixit-signature",
    }
)
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")  # RFC 9110 field name
_BAD_VALUE = re.compile(r"[^\t\x20-\x7e]")  # CR, LF, other controls, and what latin-1 can't carry


def make(target: Target, secret: SecretLookup) -> WebhookSubmitter:
    """The webhook submitter for a validated target."""
    return WebhookSubmitter(target, secret)


@dataclass(frozen=True)
class WebhookSubmitter:
    """POSTs the JSON report; the receiver deduplicates by the Idempotency-Key."""

    target: Target
    secret: SecretLookup = field(repr=False)

    def send(self, payload: Payload) -> Ticket:
        """Sign and POST the report; any 2xx answer means it was delivered."""
        settings = self.target.settings
        url = str(settings["url"])
        body = payload.json.encode("utf-8")
        headers = self._configured(settings["headers"] or {})
        headers.update(
            {
                "Content-Type": "application/json",
                "Idempotency-Key": payload.report_id,
                "X-Fixit-Report-Id": payload.report_id,
            }
        )
        secrets = []
        token = self._secret("token_env", _("API token"))
        if token:
            headers["Authorization"] = f"Bearer {token}"
            secrets.append(token)
        key = self._secret("hmac_secret_env", _("signing secret"))
        if key:
            digest = hmac.new(key.encode("utf-8"), body, hashlib.sha256).hexdigest()
            headers["X-Fixit-Signature"] = f"sha256={digest}"
            secrets.append(key)
        known = scrub.of_settings(settings, self.secret).plus(*secrets)
        with scrub.guarding(known):
            return self._post(url, body, headers, payload.report_id)

    def _post(self, url: str, body: bytes, headers: dict[str, str], report_id: str) -> Ticket:
        """One POST; the ticket reference from the answer when it gives one."""
        s = http.session(url)
        timeout = float(self.target.settings["timeout"])
        response = http.request(s, "POST", url, timeout, data=body, headers=headers)
        http.check(
            response,
            pgettext("submit step", "the report"),
            url,
            str(self.target.settings["token_env"]),
        )
        return _ticket(response, report_id)  # request() refused 3xx, check() 4xx and 5xx

    def _secret(self, key: str, what: Msg) -> str | None:
        """A secret the settings name, None when the setting is empty, an error when unset."""
        var = str(self.target.settings[key] or "")
        if not var:
            return None
        value = self.secret(var)
        if not value:
            raise api.unset(what, self.target.name, var)
        return value

    def _configured(self, raw: Mapping[str, Any]) -> dict[str, str]:
        """The extra headers from the settings, refused when malformed or reserved."""
        out: dict[str, str] = {}
        for name, value in raw.items():
            name, value = str(name), str(value)
            shown = clip(visible(name, True), 60)
            problem = None
            if not _TOKEN.fullmatch(name):
                problem = N_("the header {name} of target '{target}' is not a valid header name.")
            elif name.lower() in RESERVED:
                problem = N_("the header {name} of target '{target}' is set by fixit itself.")
            elif _BAD_VALUE.search(value) or value != value.strip():
                problem = N_(
                    "the header {name} of target '{target}' has a line break, control or "
                    "non-ASCII character in its value."
                )
            if problem:
                raise SubmitError(
                    _(problem, name=repr(shown), target=self.target.name),
                    _("Fix the target's headers setting (secrets go in token_env)."),
                    retry=False,
                )
            out[name] = value
        return out


def _ticket(response: requests.Response, report_id: str) -> Ticket:
    """A reference from a JSON answer's id, ticket or url, else the report id."""
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        return Ticket(report_id)
    link = data.get("url")
    url = link if isinstance(link, str) and link.startswith(("https://", "http://")) else None
    url = scrub.server_text(url, 500) if url else None  # a receiver may echo its secret path
    for key in ("id", "ticket", "url"):
        value = data.get(key)
        if isinstance(value, (str, int)) and not isinstance(value, bool) and str(value):
            return Ticket(scrub.server_text(str(value)), url)
    return Ticket(report_id, url)
