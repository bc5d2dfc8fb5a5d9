"""The outline of a report: the sections, in order, that every text format draws."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fixit.diagnostics.result import SEVERITY, CheckResult
from fixit.i18n import Messages, Msg, _, format, ngettext, pgettext
from fixit.labels import CATEGORY, DIAG_STATUS, OUTCOME, URGENCY
from fixit.report.as_typed import typed_labels
from fixit.report.check_data import detail_lines
from fixit.report.labels import RPT
from fixit.report.model import PROBLEM_KEYS, REPORTER_KEYS, choice_label, sources
from fixit.textsafe import visible

IN_FULL = ("fail", "error", "warn")


@dataclass(frozen=True)
class Rows:
    """Label and value pairs, optionally under a sub-heading; `tone` is a check's status."""

    rows: tuple[tuple[str, str], ...]
    title: str = ""
    tone: str = ""
    table: bool = False


@dataclass(frozen=True)
class Steps:
    """The numbered steps: a header (number, step, answer, by) and one row per step."""

    head: tuple[str, str, str, str]
    rows: tuple[tuple[str, str, str, str], ...]


@dataclass(frozen=True)
class Items:
    """A bulleted list, optionally under a sub-heading."""

    items: tuple[str, ...]
    title: str = ""


@dataclass(frozen=True)
class Prose:
    """Paragraphs of running text."""

    paragraphs: tuple[str, ...]


Block = Rows | Steps | Items | Prose
Blocks = tuple[Block, ...]
SectionOf = Callable[[Mapping[str, Any], Messages], Blocks]


@dataclass(frozen=True)
class Section:
    """A headed part of a report; `key` names it for styling."""

    key: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Outline:
    """A report's content, made inert at the terminal but not yet escaped for any format."""

    lang: str
    title: str
    sections: tuple[Section, ...]
    footer: str


def shown(value: object) -> str:
    """Report text with controls and bidi overrides made visible (newlines and tabs kept)."""
    return visible(str(value).replace("\r\n", "\n"))


def one_line(value: object) -> str:
    """Report text for a heading, label or cell title: visible, on one line."""
    return re.sub(r"[ \t]*\n[ \t]*", " ", shown(value)).strip()


def colon(label: str) -> str:
    """`label:`, unless the label (often a question) already ends in punctuation."""
    return label if label[-1:] in ".?!:" else f"{label}:"


def _label(
    msgs: Messages, table: Mapping[str, Msg], key: object, fallback: object, **values: object
) -> str:
    """The label of one of fixit's own values; the value as it is when fixit has no word for it."""
    found = table.get(str(key))
    return msgs(found, **values) if found is not None else one_line(fallback)


def when(stamp: object, msgs: Messages) -> str:
    """An ISO time as people read it in the report's language, keeping its UTC offset."""
    try:
        t = dt.datetime.fromisoformat(str(stamp))
    except ValueError:
        return one_line(stamp)
    text = format.timestamp(t, msgs.lang)
    offset = t.utcoffset()
    if offset is None:
        return text
    return f"{text} UTC" if not offset else f"{text} UTC{t.isoformat()[-6:]}"


def duration(seconds: int, msgs: Messages) -> str:
    """A duration such as `4 min 10 s` or `1 h 5 min`."""
    h, rest = divmod(max(0, seconds), 3600)
    m, s = divmod(rest, 60)
    if h:
        return msgs(_("{h} h {m} min", h=h, m=m))
    return msgs(_("{m} min {s} s", m=m, s=s)) if m else msgs(_("{s} s", s=s))


def size(n: int, msgs: Messages) -> str:
    """A file size in bytes, kilobytes or megabytes with the language's decimal mark."""
    if n < 1000:
        return msgs(_("{n} B", n=n))
    key, value = ("kilobytes", n / 1000) if n < 1_000_000 else ("megabytes", n / 1e6)
    return msgs(RPT[key], n=format.number(value, msgs.lang))


def _outcome(r: Mapping[str, Any], msgs: Messages) -> str:
    outcome, status = r.get("outcome"), r.get("status", "")
    if outcome:
        return _label(msgs, OUTCOME, outcome, outcome)
    return msgs(_("not finished ({status})", status=_label(msgs, RPT, f"status.{status}", status)))


def _summary(r: Mapping[str, Any], msgs: Messages) -> Blocks:
    session, tree, urgency = r.get("session") or {}, r.get("tree") or {}, r.get("urgency")
    seconds = session.get("duration_seconds")
    labels = {  # words of ours, capitalised at the start of a cell
        "category": _label(msgs, CATEGORY, r.get("category"), r.get("category", "")),
        "urgency": _label(msgs, URGENCY, urgency, urgency)
        if urgency
        else msgs(pgettext("rpt.unset", "not given")),
        "outcome": _outcome(r, msgs),
        "mode": _label(msgs, RPT, f"mode.{session.get('mode')}", session.get("mode", "")),
    }
    rows = {k: v[:1].upper() + v[1:] for k, v in labels.items()}
    rows |= {
        "tree": msgs(RPT["tree.value"], **{k: one_line(tree.get(k, "")) for k in _TREE}),
        "started": when(session.get("started", ""), msgs),
        "duration": duration(seconds, msgs) if isinstance(seconds, int) else "",
        "session": one_line(session.get("id", "")),
        "case": one_line(session.get("case") or ""),
    }
    order = ("category", "urgency", "outcome", "tree", "started", "duration", "session", "mode")
    rows = {k: rows[k] for k in (*order, "case") if rows[k]}
    return (Rows(tuple((msgs(RPT[k]), v) for k, v in rows.items()), table=True),)


_TREE = ("title", "id", "version")


def _present(*blocks: Block | None) -> Blocks:
    """The blocks that have something to show."""
    return tuple(b for b in blocks if b is not None and _filled(b))


def _filled(b: Block) -> bool:
    return bool(
        b.paragraphs if isinstance(b, Prose) else b.items if isinstance(b, Items) else b.rows
    )


def _labelled(name: str, keys: Sequence[str]) -> SectionOf:
    """A section showing the report's `name` mapping, each key labelled `rpt.<name>.<key>`."""

    def blocks(r: Mapping[str, Any], msgs: Messages) -> Blocks:
        values = r.get(name) or {}
        rows = tuple(
            (msgs(RPT[f"{name}.{k}"]), shown(choice_label(r, values[k], *sources(name, k))))
            for k in keys
            if values.get(k)
        )
        return _present(Rows(rows))

    return blocks


def _steps(r: Mapping[str, Any], msgs: Messages) -> Blocks:
    head = ("#", msgs(_("Step")), msgs(_("Answer")), msgs(_("Answered by")))
    rows = tuple(
        (str(s.get("n", i)), shown(s["question"]), shown(s["answer"]), one_line(s["by_label"]))
        for i, s in enumerate(r.get("steps") or [], 1)
    )
    return (Steps(head, rows),) if rows else ()


def _fields(r: Mapping[str, Any], msgs: Messages) -> Blocks:
    fields = r.get("fields") or []
    rows = ((one_line(f["label"]), shown(choice_label(r, f["value"], f["id"]))) for f in fields)
    return _present(Rows(tuple(rows)))


def _check_title(c: Mapping[str, Any], msgs: Messages) -> str:
    """A check's title, with the step whose run it is when a step ran it."""
    title = one_line(c.get("title", ""))
    return msgs(_("Step {n}: {title}", title=title, n=c["step"])) if c.get("step") else title


def _check_line(c: Mapping[str, Any], msgs: Messages) -> str:
    status = _label(msgs, DIAG_STATUS, c.get("status"), c.get("status"))
    said = one_line(c.get("summary") or c.get("plain", ""))  # support reads the detail
    return f"{_check_title(c, msgs)}: {status}" + (f" — {said}" if said else "")


def _check_rows(c: Mapping[str, Any], msgs: Messages) -> Rows:
    status = _label(msgs, DIAG_STATUS, c.get("status"), c.get("status"))
    result = CheckResult.from_json(c)
    rows = [
        (msgs(_("In short")), shown(c.get("plain") or "")),
        (msgs(_("Found")), shown(c.get("summary", ""))),
        (msgs(_("Why")), shown(str(c.get("reason") or ""))),
        (msgs(_("Check id")), one_line(c.get("id", ""))),
    ]
    rows += [(one_line(k), shown(v)) for k, v in detail_lines(result, msgs.lang)]
    title = f"{_check_title(c, msgs)} — {status}"
    return Rows(tuple((k, v) for k, v in rows if v), title, one_line(c.get("status", "")))


def _by_severity(checks: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return sorted(checks, key=lambda c: SEVERITY.get(str(c.get("status")), 1))


def _checks(r: Mapping[str, Any], msgs: Messages) -> Blocks:
    checks = _by_severity(r.get("checks") or [])
    full = [_check_rows(c, msgs) for c in checks if c.get("status") in IN_FULL]
    rest = tuple(_check_line(c, msgs) for c in checks if c.get("status") not in IN_FULL)
    return _present(*full, Items(rest, msgs(_("Other checks")) if full and rest else ""))


def _environment(r: Mapping[str, Any], msgs: Messages) -> Blocks:
    env = r.get("environment") or {}
    taken = f"{colon(msgs(_('Collected')))} {when(env['taken'], msgs)}" if env.get("taken") else ""
    lines = tuple(_check_line(c, msgs) for c in _by_severity(env.get("checks") or []))
    return _present(Prose((taken,) if taken else ()), Items(lines))


def _notes(r: Mapping[str, Any], msgs: Messages) -> Blocks:
    return _present(Items(tuple(shown(n.get("text", "")) for n in r.get("notes") or [])))


def _attachment(a: Mapping[str, Any], msgs: Messages) -> str:
    name = one_line(a.get("name") or a.get("path") or "")
    n = size(a["size"], msgs) if isinstance(a.get("size"), int) else ""
    if a.get("problem"):
        return f"{name} — " + _label(msgs, RPT, f"attach.{a['problem']}", a["problem"], size=n)
    sha = f"sha256 {one_line(a['sha256'])[:16]}" if a.get("sha256") else ""
    return f"{name} — " + ", ".join(p for p in (n, one_line(a.get("mime", "")), sha) if p)


def _attachments(r: Mapping[str, Any], msgs: Messages) -> Blocks:
    return _present(Items(tuple(_attachment(a, msgs) for a in r.get("attachments") or [])))


def _redacted(action: str, n: int) -> Msg | None:
    """How many of a kind the redaction replaced or removed."""
    if action == "placeholder":
        return ngettext("{n} replaced by a placeholder", "{n} replaced by placeholders", n)
    if action == "remove":
        return ngettext("{n} removed", "{n} removed", n)
    return None


def _redaction(x: Mapping[str, Any], msgs: Messages) -> str:
    n, action = int(x.get("count", 0)), one_line(x.get("action", ""))
    said = _redacted(action, n)
    what = msgs(said) if said is not None else one_line(f"{n} ({action})")
    kind = _label(msgs, RPT, f"kind.{x.get('kind')}", x.get("kind", ""))
    return msgs(_("{kind}: {what}", kind=kind, what=what))


def _redactions(r: Mapping[str, Any], msgs: Messages) -> Blocks:
    warning = (
        None
        if r.get("redacted")
        else Prose((msgs(_("Nothing has been hidden: this copy may contain personal data.")),))
    )
    lines = tuple(_redaction(x, msgs) for x in r.get("redactions") or [])
    typed = ", ".join(one_line(label) for label in typed_labels(r, msgs))
    kept = (
        Prose((msgs(_("Not hidden, because the request is about them: {fields}", fields=typed)),))
        if typed and r.get("redacted")
        else None
    )
    return _present(warning, Items(lines), kept)


def _end(r: Mapping[str, Any], msgs: Messages) -> Blocks:
    end = r.get("end") or {}
    text, after = shown(end.get("text", "")).strip(), shown(end.get("next", "")).strip()
    after = msgs(_("Next: {text}", text=after)) if after else ""
    return _present(Prose(tuple(t for t in (text, after) if t)))


#: the sections in the order they are shown; each key's heading is `rpt.<key>`
SECTIONS: tuple[tuple[str, SectionOf], ...] = (
    ("summary", _summary),
    ("problem", _labelled("problem", PROBLEM_KEYS)),
    ("reporter", _labelled("reporter", REPORTER_KEYS)),
    ("steps", _steps),
    ("fields", _fields),
    ("checks", _checks),
    ("env", _environment),
    ("notes", _notes),
    ("attachments", _attachments),
    ("redactions", _redactions),
    ("end", _end),
    ("ticket", _labelled("ticket", ("target", "ref", "url"))),
)


def build_outline(report: Mapping[str, Any], msgs: Messages) -> Outline:
    """The sections of a report in order, empty ones left out."""
    sections = []
    for key, blocks_of in SECTIONS:
        blocks = blocks_of(report, msgs)
        if key == "reporter":  # on a call, the reporter is the caller
            agent = (report.get("session") or {}).get("mode") == "agent"
            key = f"reporter.{'agent' if agent else 'self'}"
        if blocks:
            sections.append(Section(key.split(".")[0], msgs(RPT[key]), blocks))
    version = one_line((report.get("generator") or {}).get("version", ""))
    lang, title = one_line(report.get("lang", "en")), one_line(report.get("title", ""))
    return Outline(
        lang, title, tuple(sections), msgs(_("Made with fixit {version}.", version=version))
    )
