"""Report privacy (SPEC §7): secrets always removed, personal data replaced by policy."""

from __future__ import annotations

import base64
import binascii
import getpass
import ipaddress
import json
import re
import socket
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from fixit.i18n import Messages, _
from fixit.params import ParamError
from fixit.report import as_typed, cutoff
from fixit.report.document import Report
from fixit.report.redact_message import is_message, redact_message
from fixit.report.secrets import MIN_SECRET, URL_CREDS
from fixit.report.secrets import secret_values as secret_values  # re-exported: one privacy API
from fixit.report.title import make_title

POLICY_KINDS = ("username", "hostname", "email", "ip", "mac", "home")
ACTIONS = ("placeholder", "remove", "keep")
DEFAULT_POLICY = {kind: "placeholder" for kind in POLICY_KINDS}
SECRET_KINDS = ("private_key", "url_credentials", "token", "known_secret")
SECRET = "<secret>"
REMOVED = "<removed>"
_PREFIX = {"username": "user", "hostname": "host", "email": "email", "ip": "ip", "mac": "mac"}

_PRIVATE_KEY = re.compile(
    r"-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,10}-----"
    r"(?:.*?-----END [A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,10}-----|.*)",  # unterminated: to the end
    re.S,
)
_VALUE = r"(?:\"((?:[^\"\\\r\n]|\\.)*)\"|'([^'\r\n]*)'|({bare}))"
_HEADER = re.compile(
    r"(?i)(\b(?:(?:proxy-)?authorization|(?:set-)?cookie)[\"']?[ \t]*[:=][ \t]*)"
    + _VALUE.format(bare=r"[^\r\n]+")
)
_PAIR = re.compile(
    r"(?i)((?:token|api[_-]?key|secret|passw(?:or)?d|passphrase|private[_-]?key|access[_-]?key"
    r"|credential)[\w-]{0,20}[\"']?[ \t]*[:=][ \t]*)" + _VALUE.format(bare=r"[^\s\"'&,;]+")
)
_SCHEME = re.compile(r"(?i)(?:bearer|basic|token|digest|negotiate|ntlm)[ \t]+")
_NOT_VALUES = {"", "null", "none", "true", "false", "yes", "no"}
_BEARER = re.compile(r"(?i)\bbearer[ \t]+(?=[\w.~+/-]*[\d.~+/_-])[\w.~+/-]{8,}=*")
_BASIC = re.compile(r"(?i)\b(basic[ \t]+)([A-Za-z0-9+/]{6,}={0,2})(?![\w+/=])")
_KEY_SHAPES = re.compile(
    r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_\w{22,}|gl(?:pat|dt|rt|ptt|cbt|oas)-[\w-]{20,}"
    r"|xox[abposr]-[A-Za-z0-9-]{10,}|xapp-[\w-]{10,}|(?:AKIA|ASIA)[A-Z0-9]{16}\b|AIza[\w-]{35}"
    r"|[sr]k_live_[A-Za-z0-9]{16,}|npm_[A-Za-z0-9]{36}|eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,})"
)
_EMAIL = r"(?<![\w.%+-])[\w.%+-]{1,64}@(?:[\w-]{1,63}\.){1,10}[^\W\d_]{2,63}(?![\w-])"
_PERSONAL = (
    r"(?P<ph><(?:user|host|email|ip|mac)-\d+>|<home>|<removed>|<secret>)"
    rf"|(?P<email>{_EMAIL})"
    r"|(?P<mac>(?<![\w:-])[0-9a-f]{2}(?P<sep>[:-])[0-9a-f]{2}(?:(?P=sep)[0-9a-f]{2}){4}(?![\w:-]))"
    r"|(?P<ip4>(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\d))"
    r"|(?P<ip6>(?<![\w:.])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}"
    r"(?:(?<=:)\d{1,3}(?:\.\d{1,3}){3})?(?![\w:]|\.\d))"
)
_GLOBAL_UNICAST = ipaddress.IPv6Network("2000::/3")
_DULL_MACS = {"00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff"}


def validate_policy(raw: object) -> dict[str, str]:
    """The redaction policy: defaults overlaid with `raw`, or a ParamError (a ValueError)
    naming the bad key."""
    if raw is None:
        return dict(DEFAULT_POLICY)
    if not isinstance(raw, Mapping):
        raise ParamError(_("redaction must be a mapping of kind to action"))
    policy = dict(DEFAULT_POLICY)
    for key, action in raw.items():
        if key not in POLICY_KINDS:
            kinds = ", ".join(POLICY_KINDS)
            raise ParamError(
                _("redaction.{key} is not a kind (kinds: {kinds})", key=key, kinds=kinds)
            )
        if not isinstance(action, str) or action not in ACTIONS:
            actions = ", ".join(ACTIONS)
            raise ParamError(
                _("redaction.{key} must be one of {actions}", key=key, actions=actions)
            )
        policy[key] = action
    return policy


def _asked(read: Callable[[], str]) -> str:
    """A fact about this machine, or "" when the system will not tell."""
    try:
        return read()
    except (KeyError, OSError, RuntimeError, ImportError):
        return ""


def _home_pattern(home: str) -> re.Pattern[str] | None:
    root = home.rstrip("/\\")
    if len(root) < 2 or re.fullmatch(r"[A-Za-z]:", root):
        return None  # a home of "/" or "C:\" would swallow every path
    windows = "\\" in root or bool(re.match(r"[A-Za-z]:", root))
    variants = {root}
    if windows:
        variants |= {root.replace("\\", "/"), root.replace("\\", "\\\\")}
    alt = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"(?<![\w.-])(?:{alt})(?![\w-])", re.I if windows else 0)


def _fresh(value: str) -> bool:
    """Whether a value still holds something beyond earlier `<secret>` markers."""
    return bool(value.replace(SECRET, "").strip())


def _public_ip(text: str) -> str | None:
    """The canonical form of a public address, or None for private, special or non-addresses."""
    try:
        addr = ipaddress.ip_address(text)
    except ValueError:
        return None  # a time, a version or a word that only looks like an address
    if isinstance(addr, ipaddress.IPv6Address):
        if addr.ipv4_mapped is not None:
            addr = addr.ipv4_mapped
        elif addr not in _GLOBAL_UNICAST:
            return None
    return str(addr) if addr.is_global and not addr.is_multicast else None


def _secret_variants(secrets: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for raw in secrets:
        value = raw.strip()
        if len(value) >= MIN_SECRET:
            quoted = urllib.parse.quote(value, safe="", errors="surrogatepass")
            out |= {value, quoted, json.dumps(value)[1:-1]}
    return out


#: shared system accounts: not personal data, and common words ("root cause") besides
GENERIC_USERS = frozenset({"root", "admin", "administrator", "user", "guest", "pi", "ubuntu"})


class Redactor:
    """Replaces secrets and personal data in text, consistently across one report."""

    def __init__(
        self,
        policy: Mapping[str, str],
        secrets: Iterable[str] = (),
        keep_emails: Iterable[str] = (),
        user: str | None = None,
        home: str | None = None,
        hostnames: Iterable[str] | None = None,
    ) -> None:
        self.policy = validate_policy(policy)
        self._keep = {e.strip().lower() for e in keep_emails if e.strip()}
        self._counts: dict[str, int] = {}
        self._numbers: dict[str, dict[str, int]] = {}
        known = sorted(_secret_variants(secrets), key=len, reverse=True)
        self._variants = known
        self._known = re.compile("|".join(map(re.escape, known))) if known else None
        self._home_root = _asked(lambda: str(Path.home())) if home is None else home
        self._home = _home_pattern(self._home_root)
        self._names = self._name_table(
            _asked(getpass.getuser) if user is None else user,
            [_asked(socket.gethostname)] if hostnames is None else hostnames,
        )
        names = "|".join(re.escape(n) for n in sorted(self._names, key=len, reverse=True))
        extra = rf"|(?<!\w)(?P<name>{names})(?!\w)" if names else ""
        self._personal = re.compile(_PERSONAL + extra, re.I)

    @staticmethod
    def _name_table(user: str, hostnames: Iterable[str]) -> dict[str, tuple[str, str]]:
        """Lower-cased user and host names (and short host names) -> (kind, placeholder key)."""
        names: dict[str, tuple[str, str]] = {}
        for host in hostnames:
            short = host.split(".")[0].lower()
            for name in {host.lower(), short}:
                if len(name) >= 2 and name != "localhost":
                    names[name] = ("hostname", short)
        if len(user) >= 2 and user.lower() not in GENERIC_USERS:
            names[user.lower()] = ("username", user.lower())
        return names

    def _count(self, kind: str) -> None:
        self._counts[kind] = self._counts.get(kind, 0) + 1

    def _replace(self, kind: str, key: str, original: str) -> str:
        """Apply the policy for `kind` to one occurrence."""
        action = self.policy[kind]
        if action == "keep":
            return original
        self._count(kind)
        if action == "remove":
            return REMOVED
        if kind == "home":
            return "<home>"
        table = self._numbers.setdefault(kind, {})
        return f"<{_PREFIX[kind]}-{table.setdefault(key, len(table) + 1)}>"

    def _hide(self, kind: str) -> Callable[[re.Match[str]], str]:
        """A substitution that removes a whole match (keeping an auth scheme) and counts it."""

        def sub(m: re.Match[str]) -> str:
            self._count(kind)
            head = _SCHEME.match(m[0])
            return f"{head[0] if head else ''}{SECRET}"

        return sub

    def _url_sub(self, m: re.Match[str]) -> str:
        if _fresh(m[3]):
            self._count("url_credentials")
        return f"{m[1]}{SECRET}@"

    def _pair_sub(self, m: re.Match[str]) -> str:
        """A `key: value` or `"key": "value"` secret, keeping the key, quotes and auth scheme."""
        quote = '"' if m[2] is not None else "'" if m[3] is not None else ""
        value = next(g for g in (m[2], m[3], m[4]) if g is not None)
        scheme = _SCHEME.match(value)
        head = scheme[0] if scheme else ""
        if value.strip().lower() in _NOT_VALUES or not _fresh(value[len(head) :]):
            return m[0]
        self._count("token")
        return f"{m[1]}{quote}{head}{SECRET}{quote}"

    def _basic_sub(self, m: re.Match[str]) -> str:
        """A Basic credential, when it decodes to printable `user:password` text."""
        try:
            text = base64.b64decode(m[2] + "=" * (-len(m[2]) % 4), validate=True).decode()
        except (binascii.Error, ValueError):
            return m[0]
        if ":" not in text or not text.isprintable():
            return m[0]
        self._count("token")
        return f"{m[1]}{SECRET}"

    def _personal_sub(self, m: re.Match[str]) -> str:
        """One personal-data match per the policy; kept e-mails, private IPs, placeholders left."""
        text, low = m[0], m[0].lower()
        if m["email"] and low not in self._keep:
            return self._replace("email", low, text)
        if m["mac"] and low.replace("-", ":") not in _DULL_MACS:
            return self._replace("mac", low.replace("-", ":"), text)
        if m["ip4"] or m["ip6"]:
            addr = _public_ip(text)
            return text if addr is None else self._replace("ip", addr, text)
        if m["name"]:  # re.I also folds characters that lower() keeps apart ("ſ" is "s")
            fold = text.casefold()
            entry = next((v for k, v in self._names.items() if k.casefold() == fold), None)
            return self._replace(*(self._names.get(low) or entry or ("username", fold)), text)
        return text

    def _rules(self) -> Iterator[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]]:
        """Secret rules in order: exact known values first, so no heuristic can split one."""
        if self._known is not None:
            yield self._known, self._hide("known_secret")
        yield _PRIVATE_KEY, self._hide("private_key")
        yield URL_CREDS, self._url_sub
        yield _HEADER, self._pair_sub
        yield _PAIR, self._pair_sub
        yield _BEARER, self._hide("token")
        yield _BASIC, self._basic_sub
        yield _KEY_SHAPES, self._hide("token")

    def text(self, s: str) -> str:
        """`s` with secrets removed, then home paths, then other personal data, per the policy."""
        for pattern, sub in self._rules():
            s = pattern.sub(sub, s)
        if self._home is not None:
            s = self._home.sub(lambda m: self._replace("home", "", m[0]), s)
        s = self._personal.sub(self._personal_sub, s)
        return cutoff.hide(s, self._cut_piece) if cutoff.CUT in s else s

    def secrets(self, s: str) -> str:
        """`s` with only its secrets removed: a value sent as typed (`redact: false`)."""
        for pattern, sub in self._rules():
            s = pattern.sub(sub, s)
        return cutoff.hide(s, self._cut_secret) if cutoff.CUT in s else s

    def _cut_secret(self, token: str, before: str) -> str | None:
        found = cutoff.classify(token, before, self._variants, {}, "", set())
        if found is None or found[1] not in SECRET_KINDS:
            return None
        self._count(found[1])
        return token[: found[0]] + SECRET

    def _cut_piece(self, token: str, before: str) -> str | None:
        """A token shortened before redaction: what it begins, hidden whole (see cutoff)."""
        home = self._home_root if self._home is not None else ""
        found = cutoff.classify(token, before, self._variants, self._names, home, self._keep)
        if found is None:
            return None
        at, kind, key = found
        if kind in SECRET_KINDS:
            self._count(kind)
            return token[:at] + SECRET
        return token[:at] + self._replace(kind, key, token[at:])

    def apply(self, value: Any) -> Any:
        """A copy of a JSON-like value with every string redacted, mapping keys included (check
        data can be keyed by a host or an address); keys that redact alike get a suffix."""
        if isinstance(value, str):
            return self.text(value)
        if is_message(value):  # a failure's message in check data (`error_msg`)
            counts = dict(self._counts)  # it repeats the `error` beside it: counted there once
            redacted = redact_message(value, self)
            self._counts = counts
            return redacted
        if isinstance(value, Mapping):
            out: dict[Any, Any] = {}
            for k, v in value.items():
                key = self.text(k) if isinstance(k, str) else k
                while key in out:
                    key = f"{key}~"
                out[key] = self.apply(v)
            return out
        if isinstance(value, (list, tuple)):
            return [self.apply(v) for v in value]
        return value

    def changes(self, s: str) -> bool:
        """Whether redaction would change `s` (nothing is counted)."""
        counts = dict(self._counts)
        changed = self.text(s) != s
        self._counts = counts
        return changed

    def summary(self) -> list[dict[str, object]]:
        """What was redacted so far: kind, action and count, secrets first."""
        kinds = [(k, "remove") for k in SECRET_KINDS] + [(k, self.policy[k]) for k in POLICY_KINDS]
        return [
            {"kind": kind, "action": action, "count": self._counts[kind]}
            for kind, action in kinds
            if self._counts.get(kind)
        ]

    def number(self, s: str) -> None:
        """Give the personal data in `s` its placeholder numbers now, without counting it as
        redacted (the text itself is not part of what is sent)."""
        counts = dict(self._counts)
        self.text(s)
        self._counts = counts

    def keep_email(self, address: str) -> None:
        """Leave every address found in `address` as it is (the reporter's own contact)."""
        self._keep |= {m[0].lower() for m in re.finditer(_EMAIL, address)}


def redact_values(value: Any, redactor: Redactor) -> Any:
    """A report's JSON form (or the end summary's values) with every string redacted, but its own
    keys kept (they are fixit's words: a machine called `node` must not rename the steps'
    `node`); only a check's free-form `data` has its keys redacted too (it can be keyed by a host
    or an address)."""
    if is_message(value):
        return redact_message(value, redactor)
    if isinstance(value, Mapping):
        return {
            k: redactor.apply(v) if k == "data" else redact_values(v, redactor)
            for k, v in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [redact_values(v, redactor) for v in value]
    return redactor.apply(value)


def redact_json(doc: Mapping[str, Any], redactor: Redactor) -> dict[str, Any]:
    """A redacted deep copy of a report's JSON form that says what was redacted.

    Redaction is a walk over the JSON form, not over the typed parts: every string in it is
    redacted (check data's keys too) with no list of fields to keep up to date, a report of
    any shape and age included, and placeholders are numbered in the order the report reads.
    The values of the fields the tree declares the subject of the request (`as_typed`) keep
    their text, secrets removed; the same text anywhere else follows the policy."""
    reporter = doc.get("reporter")
    if isinstance(reporter, Mapping) and isinstance(reporter.get("contact"), str):
        redactor.keep_email(reporter["contact"])  # SPEC §7: the reporter's contact is kept
    body = {k: v for k, v in doc.items() if k not in ("redactions", "redacted")}
    body, aside = as_typed.set_aside(body)  # the declared fields: never seen by the policy
    out: dict[str, Any] = redact_values(body, redactor)
    as_typed.put_back(out, aside, redactor.secrets)
    out["redactions"] = redactor.summary()
    out["redacted"] = True
    return out


def redact_report(report: Report, redactor: Redactor) -> Report:
    """A redacted copy of a report (see `redact_json`), its title made again from the redacted
    parts: it is shortened, and an address or a secret cut short no longer looks like one."""
    redactor.keep_email(report.reporter.get("contact", ""))
    # placeholders numbered in the order the title shows them, the declared fields left out
    blank, _ = as_typed.set_aside(report.to_json())
    msgs = Messages(report.lang)
    redactor.number(make_title(Report.from_json(blank), msgs, shorten=False))
    redacted = Report.from_json(redact_json(replace(report, title="").to_json(), redactor))
    return replace(redacted, title=make_title(redacted, msgs))
