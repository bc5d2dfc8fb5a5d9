"""Network failures in words: the kinds a probe can meet, and how an exception maps to one."""

from __future__ import annotations

import re

from fixit.i18n import N_, Msg, _, to_json

TEXT_CAP = 200
#: the data key beside `error` that keeps the failure as a message (`to_json`): `error` stays
#: English text for whoever reads the JSON; a report renders this one in its own language
ERROR_MESSAGE = "error_msg"

# kind -> what happened; {host} is the host, {detail} the detail. Summaries and reasons use these.
WORDS = {
    "dns": N_("the name {host} does not resolve"),
    "dns-timeout": N_("the DNS server does not answer for {host}"),
    "timeout": N_("no answer from {host} in time"),
    "silent": N_("{host} accepted the connection but did not answer in time"),
    "refused": N_("{host} refused the connection"),
    "unreachable": N_("no route to {host}: the network may be down"),
    "cert": N_("TLS failed with {host}: certificate verify failed ({detail})"),
    "tls": N_("TLS failed with {host}: {detail}"),
    "reset": N_("{host} closed the connection without answering"),
    "protocol": N_("{host} did not answer in HTTP ({detail})"),
    "proxy-down": N_("the proxy {host} cannot be reached"),
    "proxy": N_("the proxy {host} did not let the connection through ({detail})"),
    "proxy-auth": N_("the proxy {host} asks for a user name and password"),
    "proxy-broken": N_("the proxy {host} gave no usable answer"),
    "other": N_("could not reach {host}: {detail}"),
}
#: OpenSSL's verify messages that a user can act on, by the words that tell them apart: each as
#: OpenSSL writes it (the spellings it has used), the first said for any other of its kind
CERT_PROBLEMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("expired", (N_("certificate has expired"),)),
    ("not yet valid", (N_("certificate is not yet valid"),)),
    (
        "self-signed",
        (N_("self-signed certificate"), N_("self-signed certificate in certificate chain")),
    ),
    (
        "self signed",
        (N_("self signed certificate"), N_("self signed certificate in certificate chain")),
    ),
    (
        "issuer",
        (N_("unable to get local issuer certificate"), N_("unable to get issuer certificate")),
    ),
    ("mismatch", (N_("Hostname mismatch"),)),
)
#: Python's own words when a certificate names another host
MISMATCH = re.compile(r"(Hostname|IP address) mismatch, certificate is not valid for '(.{1,80})'\.")


def cert_problem(detail: str) -> Msg | str:
    """OpenSSL's words for a certificate it refused, as a message when they are ones a user
    can act on (so they can be said in the user's language), else as they are."""
    found = MISMATCH.fullmatch(detail)
    if found is not None:
        if found.group(1) == "IP address":
            return _("IP address mismatch, certificate is not valid for '{name}'.", name=found[2])
        return _("Hostname mismatch, certificate is not valid for '{name}'.", name=found[2])
    low = detail.lower()
    for key, known in CERT_PROBLEMS:
        if key in low:
            return _(next((k for k in known if k == detail), known[0]))
    return detail


def clip(text: object, limit: int = TEXT_CAP) -> str:
    """Machine text as a one-line plain string of at most `limit` characters."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def failure_data(kind: str, words: Msg) -> dict[str, object]:
    """A failure as a check's data keeps it: its kind, its English words and the message."""
    return {"kind": kind, "error": str(words), ERROR_MESSAGE: to_json(words)}


class ProbeError(Exception):
    """A network step that failed: `kind` (a key of WORDS) says which; `words` tells people."""

    def __init__(self, kind: str, host: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {host}: {detail}" if detail else f"{kind}: {host}")
        self.kind = kind if kind in WORDS else "other"
        self.host = clip(host, 80)
        self.detail = clip(detail)

    @property
    def words(self) -> Msg:
        """What happened, as a message."""
        detail = cert_problem(self.detail) if self.kind == "cert" else self.detail
        return _(WORDS[self.kind], host=self.host, detail=detail)


def classify(exc: BaseException, host: str) -> ProbeError:
    """The ProbeError for an exception raised while talking to `host`."""
    import errno
    import http.client
    import socket
    import ssl

    if isinstance(exc, ProbeError):
        return exc
    if isinstance(exc, ssl.SSLCertVerificationError):
        why = getattr(exc, "verify_message", None) or getattr(exc, "reason", None) or exc
        return ProbeError("cert", host, str(why))
    if isinstance(exc, ssl.SSLError):
        return ProbeError("tls", host, str(getattr(exc, "reason", None) or exc))
    if isinstance(exc, socket.gaierror):
        again = exc.errno == getattr(socket, "EAI_AGAIN", None)
        return ProbeError("dns-timeout" if again else "dns", host, str(exc.strerror or exc))
    if isinstance(exc, TimeoutError):
        return ProbeError("timeout", host, "timed out")
    if isinstance(exc, ConnectionRefusedError):
        return ProbeError("refused", host, str(exc.strerror or exc))
    if isinstance(exc, (ConnectionError, http.client.RemoteDisconnected)):
        return ProbeError("reset", host, f"{type(exc).__name__}: {exc}")
    unreachable = (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EADDRNOTAVAIL)
    if isinstance(exc, OSError) and exc.errno in unreachable:
        return ProbeError("unreachable", host, str(exc.strerror or exc))
    if isinstance(exc, http.client.HTTPException):
        return ProbeError("protocol", host, f"{type(exc).__name__}: {exc}")
    return ProbeError("other", host, f"{type(exc).__name__}: {exc}")
