"""Text shortened before it reached the redactor (a check's error cut at 200 characters): the piece
in front of a cut mark ("…") that begins a secret or an address no longer matches the full pattern,
so it is found here by its start."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

CUT = "…"
WINDOW = 160  # how far in front of a cut mark a piece is looked for
MIN_PIECE = 3  # a shorter piece of a name or a secret tells nothing
MAX_CUTS = 1000  # a clipped text has one cut mark (a list of them, a few): more is typed text

# each pattern matches a piece that runs up to the cut mark (the end of the token it is given)
SECRET_STARTS = re.compile(
    r"(?i)(?:\b[a-z][a-z0-9+.-]{0,20}://[^\s/?#@]*:[^\s/?#@]*"  # URL credentials, no `@` yet
    r"|\b(?:gh[pousr]_|github_pat_|gl(?:pat|dt|rt|ptt|cbt|oas)-|xox[abposr]-|xapp-|AKIA|ASIA"
    r"|AIza|[sr]k_live_|npm_|eyJ)[\w.-]*"
    r"|-----BEGIN[A-Z0-9 ]*)\Z"
)
_BEARER = re.compile(r"(?i)\b(?:bearer|basic|token)[ \t]+\Z")
PERSONAL_STARTS = {
    "email": re.compile(r"(?<![\w.%+-])[\w.%+-]{1,64}@[\w.-]*\Z"),
    "ip": re.compile(r"(?<![\w.:])\d{1,3}(?:\.\d{1,3}){1,3}\.?\Z"),
    "mac": re.compile(r"(?i)(?<![\w:-])[0-9a-f]{2}([:-])[0-9a-f]{2}(?:\1[0-9a-f]{0,2}){0,4}\Z"),
}
_PRIVATE_V4 = re.compile(r"(?:10|127|192\.168|169\.254|172\.(?:1[6-9]|2\d|3[01]))(?:\.|\Z)")


def pieces(text: str) -> Iterator[tuple[int, int, str]]:
    """Each token that ends at a cut mark: (start, end, what a bearer scheme left in front)."""
    at = text.find(CUT)
    for _ in range(MAX_CUTS):
        if at == -1:
            return
        floor = max(0, at - WINDOW)
        start = max(text.rfind(c, floor, at) + 1 for c in (" ", "\n", "\t", "\r", CUT))
        start = max(start, floor)
        if at - start >= MIN_PIECE or _BEARER.search(text[max(0, start - 16) : start]):
            yield start, at, text[max(0, start - 16) : start]
        at = text.find(CUT, at + 1)


def secret_start(token: str, before: str) -> int | None:
    """Where a secret's shape begins in `token` (a credential after `Bearer ` is all secret)."""
    if _BEARER.search(before):
        return 0
    m = SECRET_STARTS.search(token)
    return m.start() if m else None


def personal_start(token: str) -> tuple[str, int] | None:
    """The kind and start of an address cut short at the end of `token`, if one is there."""
    for kind, pattern in PERSONAL_STARTS.items():
        m = pattern.search(token)
        if m is None:
            continue
        if kind == "ip" and not _public_start(m[0]):
            continue  # a version number, or a private address: both are kept whole too
        if kind == "mac" and m[0].count(m[1]) < 2:
            continue
        return kind, m.start()
    return None


def _public_start(piece: str) -> bool:
    """Whether a cut dotted number can begin a public IPv4 address (three parts or more)."""
    parts = piece.rstrip(".").split(".")
    return len(parts) >= 3 and all(int(p) <= 255 for p in parts) and not _PRIVATE_V4.match(piece)


def prefix_start(
    token: str, values: Iterable[str], word: bool = False, least: int = MIN_PIECE
) -> tuple[int, str] | None:
    """The earliest start in `token` from which the rest of it (`least` characters or more)
    begins one of `values`, at a word start when `word`; and the shortest such value."""
    wanted = sorted((v.lower() for v in values if len(v) >= least), key=len)
    if not wanted:
        return None
    firsts = {v[0] for v in wanted}
    low = token.lower()
    # a piece longer than every value begins none of them: look only at the token's end
    for i in range(max(0, len(token) - len(wanted[-1])), len(token) - least + 1):
        if low[i] not in firsts or (
            word and i > 0 and (token[i - 1].isalnum() or token[i - 1] == "_")
        ):
            continue
        rest = low[i:]
        value = next((v for v in wanted if v.startswith(rest)), None)
        if value is not None:
            return i, value
    return None


def classify(
    token: str,
    before: str,
    known: Iterable[str],
    names: dict[str, tuple[str, str]],
    home: str,
    kept: set[str],
) -> tuple[int, str, str] | None:
    """What the end of `token` (cut short) begins: (where, kind, placeholder key), else None.
    Secrets first, as in the redactor; `kept` addresses and private addresses are left."""
    secret = secret_start(token, before)
    if secret is not None and "://" in token[secret:]:
        return token.index("://", secret) + 3, "url_credentials", ""
    prefix = prefix_start(token, known, least=4)  # shorter: too likely a word's end
    if prefix is not None and (secret is None or prefix[0] < secret):
        return prefix[0], "known_secret", ""
    if secret is not None:
        return secret, "token", ""
    found = personal_start(token)
    if found is not None:
        kind, at = found
        piece = token[at:].lower()
        if kind == "email" and any(k.startswith(piece) for k in kept):
            return None
        return at, kind, piece
    name = prefix_start(token, names, word=True)
    if name is not None and _mid_word(token[name[0] :], name[1]):
        return name[0], *names[name[1]]
    parent = home.rstrip("/\\")[: max(home.rstrip("/\\").rfind("/"), home.rfind("\\")) + 1]
    place = prefix_start(token, [home]) if home else None
    if place is not None and len(token) - place[0] > len(parent) + 1:
        return place[0], "home", ""
    return None


def _mid_word(piece: str, name: str) -> bool:
    """Whether `piece` stops inside a word of `name`: "maij" of "maija" is a cut name, while
    "desktop" of "desktop-7h2k9" may well be the word itself ("Restarting the desktop…")."""
    return len(piece) < len(name) and name[len(piece)].isalnum()


def hide(text: str, replace: Callable[[str, str], str | None]) -> str:
    """`text` with each token in front of a cut mark given to `replace(token, before)`, which
    returns its hidden form or None to leave it."""
    out: list[str] = []
    last = 0
    for start, end, before in pieces(text):
        hidden = replace(text[start:end], before)
        if hidden is not None:
            out += [text[last:start], hidden]
            last = end
    return "".join(out) + text[last:] if out else text
