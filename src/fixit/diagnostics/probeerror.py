"""Network failures in words: the kinds a probe can meet, and how an exception maps to one."""

from __future__ import annotations

from fixit.diagnostics.result import say

TEXT_CAP = 200

# kind -> (English, Finnish); {h} is the host, {d} the detail. Summaries and reasons use these.
WORDS = {
    "dns": ("the name {h} does not resolve", "nimeä {h} ei löydy"),
    "dns-timeout": (
        "the DNS server does not answer for {h}",
        "nimipalvelin ei vastaa (haettiin nimeä {h})",
    ),
    "timeout": ("no answer from {h} in time", "{h} ei vastannut ajoissa"),
    "silent": (
        "{h} accepted the connection but did not answer in time",
        "{h} otti yhteyden vastaan, mutta ei vastannut ajoissa",
    ),
    "refused": ("{h} refused the connection", "{h} torjui yhteyden"),
    "unreachable": (
        "no route to {h}: the network may be down",
        "palvelimeen {h} ei ole reittiä: verkko voi olla poikki",
    ),
    "cert": (
        "TLS failed with {h}: certificate verify failed ({d})",
        "palvelimen {h} varmenne ei kelpaa ({d})",
    ),
    "tls": ("TLS failed with {h}: {d}", "suojattu yhteys palvelimeen {h} epäonnistui: {d}"),
    "reset": ("{h} closed the connection without answering", "{h} katkaisi yhteyden vastaamatta"),
    "protocol": ("{h} did not answer in HTTP ({d})", "{h} ei vastannut HTTP:llä ({d})"),
    "proxy-down": ("the proxy {h} cannot be reached", "välityspalvelimeen {h} ei saada yhteyttä"),
    "proxy": (
        "the proxy {h} did not let the connection through ({d})",
        "välityspalvelin {h} ei päästänyt yhteyttä läpi ({d})",
    ),
    "proxy-auth": (
        "the proxy {h} asks for a user name and password",
        "välityspalvelin {h} vaatii käyttäjätunnuksen ja salasanan",
    ),
    "proxy-broken": (
        "the proxy {h} gave no usable answer",
        "välityspalvelimelta {h} ei tullut kelvollista vastausta",
    ),
    "other": ("could not reach {h}: {d}", "palvelimeen {h} ei saatu yhteyttä: {d}"),
}
# OpenSSL's verify messages that a user can act on, in Finnish.
CERT_FI = (
    ("expired", "vanhentunut"),
    ("not yet valid", "ei vielä voimassa – onko kello oikeassa?"),
    ("self-signed", "itse allekirjoitettu"),
    ("self signed", "itse allekirjoitettu"),
    ("issuer", "myöntäjään ei luoteta"),
    ("mismatch", "myönnetty toiselle nimelle"),
)


def clip(text: object, limit: int = TEXT_CAP) -> str:
    """Machine text as a one-line plain string of at most `limit` characters."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


class ProbeError(Exception):
    """A network step that failed: `kind` (a key of WORDS) says which; `words` tells people."""

    def __init__(self, kind: str, host: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {host}: {detail}" if detail else f"{kind}: {host}")
        self.kind = kind if kind in WORDS else "other"
        self.host = clip(host, 80)
        self.detail = clip(detail)

    @property
    def words(self) -> dict[str, str]:
        """What happened, in English and Finnish."""
        en, fi = WORDS[self.kind]
        fi_detail = next((f for k, f in CERT_FI if k in self.detail.lower()), self.detail)
        return say(en.format(h=self.host, d=self.detail), fi.format(h=self.host, d=fi_detail))


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
