"""The outline of a report: the sections, in order, that every text format draws."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from fixit.diagnostics.result import SEVERITY, CheckResult
from fixit.i18n import Messages, Msg, _, format, ngettext, pgettext
from fixit.known.labels import STATUS as KNOWN_STATUS
from fixit.labels import CATEGORY, DIAG_STATUS, OUTCOME, URGENCY
from fixit.report.as_typed import typed_labels
from fixit.report.check_data import detail_lines
from fixit.report.document import Report
from fixit.report.labels import RPT
from fixit.report.model import PROBLEM_KEYS, REPORTER_KEYS, sources
from fixit.report.parts import AttachedFile, CheckEntry, Redaction, TreeInfo
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
SectionOf = Callable[[Report, Messages], Blocks]


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


def _outcome(r: Report, msgs: Messages) -> str:
    outcome, status = r.outcome, r.status
    if outcome:
        return _label(msgs, OUTCOME, outcome, outcome)
    return msgs(_("not finished ({status})", status=_label(msgs, RPT, f"status.{status}", status)))


def _summary(r: Report, msgs: Messages) -> Blocks:
    session, tree, urgency = r.session, r.tree, r.urgency
    seconds = session.duration_seconds
    labels = {  # words of ours, capitalised at the start of a cell
        "category": _label(msgs, CATEGORY, r.category, r.category),
        "urgency": _label(msgs, URGENCY, urgency, urgency)
        if urgency
        else msgs(pgettext("rpt.unset", "not given")),
        "outcome": _outcome(r, msgs),
        "mode": _label(msgs, RPT, f"mode.{session.mode}", session.mode),
    }
    rows = {k: v[:1].upper() + v[1:] for k, v in labels.items()}
    rows |= {
        "tree": msgs(RPT["tree.value"], **{k: one_line(v) for k, v in _tree(tree).items()}),
        "started": when(session.started, msgs),
        "duration": duration(seconds, msgs) if isinstance(seconds, int) else "",
        "session": one_line(session.id),
        "case": one_line(session.case or ""),
        "support_code": one_line(r.support_code or ""),
        "related_ticket": one_line(_related(r)),
    }
    order = ("category", "urgency", "outcome", "tree", "started", "duration", "session", "mode")
    rows = {k: rows[k] for k in (*order, "case", "support_code", "related_ticket") if rows[k]}
    return (Rows(tuple((msgs(RPT[k]), v) for k, v in rows.items()), table=True),)


def _related(r: Report) -> str:
    """The ticket the report adds to, unless the known problem's section already names it."""
    k, ticket = r.known, r.related_ticket
    said = k is not None and r.outcome == "known" and k.new_reports and k.ticket == ticket
    return "" if said or not ticket else ticket


def _known(r: Report, msgs: Messages) -> Blocks:
    """The known problem the session met: what it is, support's ticket, and what the user did."""
    k = r.known
    if k is None:
        return ()
    rows = (
        ("title", one_line(k.title)),
        ("since", when(k.since, msgs) if k.since else ""),
        ("status", _label(msgs, KNOWN_STATUS, k.status, k.status) if k.status else ""),
        ("ticket", one_line(k.ticket or "")),
        ("workaround", shown(k.workaround)),
        ("url", one_line(k.url or "")),
        ("source", one_line(k.source)),
    )
    who = "agent" if r.session.mode == "agent" else "self"
    if r.outcome != "known":
        said = msgs(RPT["known.on"])
    elif not k.new_reports:  # nothing may be sent: the report records it, adds no one
        said = msgs(RPT[f"known.mine.unwanted.{who}"])
    elif k.ticket:
        said = msgs(RPT[f"known.mine.{who}"], ticket=one_line(k.ticket))
    else:  # no ticket to add to (a status page's problem): a new report about it
        said = msgs(RPT[f"known.mine.none.{who}"])
    table = Rows(tuple((msgs(RPT[f"known.{key}"]), v) for key, v in rows if v))
    return _present(table, Prose((said,)))


def _tree(tree: TreeInfo) -> dict[str, object]:
    return {"title": tree.title, "id": tree.id, "version": tree.version}


def _present(*blocks: Block | None) -> Blocks:
    """The blocks that have something to show."""
    return tuple(b for b in blocks if b is not None and _filled(b))


def _filled(b: Block) -> bool:
    return bool(
        b.paragraphs if isinstance(b, Prose) else b.items if isinstance(b, Items) else b.rows
    )


def _labelled(
    name: str, keys: Sequence[str], part: Callable[[Report], Mapping[str, object]]
) -> SectionOf:
    """A section showing the report's `name` mapping, each key labelled `rpt.<name>.<key>`."""

    def blocks(r: Report, msgs: Messages) -> Blocks:
        values = part(r)
        rows = tuple(
            (msgs(RPT[f"{name}.{k}"]), shown(r.choice_label(values[k], *sources(name, k))))
            for k in keys
            if values.get(k)
        )
        return _present(Rows(rows))

    return blocks


def _steps(r: Report, msgs: Messages) -> Blocks:
    head = ("#", msgs(_("Step")), msgs(_("Answer")), msgs(_("Answered by")))
    rows = tuple(
        (str(s.n), shown(s.question), shown(s.answer), one_line(s.by_label)) for s in r.steps
    )
    if r.handover is None or not rows:
        return (Steps(head, rows),) if rows else ()
    code, k = one_line(r.handover.code), r.handover.steps
    if not k:
        return (
            Prose((msgs(_("Picked up from the caller's support code {code}.", code=code)),)),
            Steps(head, rows),
        )
    before = msgs(_("Before the call, the caller's own steps (support code {code}):", code=code))
    if any(s.by == "agent" for s in r.steps[:k]):  # a code made in an earlier agent session
        before = msgs(
            _(
                "Before this call, on an earlier call with an agent (support code {code}):",
                code=code,
            )
        )
    parts: Blocks = (Prose((before,)), Steps(head, rows[:k]))
    if rows[k:]:
        parts += (Prose((msgs(_("On the call, with the agent:")),)), Steps(head, rows[k:]))
    return parts


def _fields(r: Report, msgs: Messages) -> Blocks:
    rows = ((one_line(f.label), shown(r.choice_label(f.value, f.id))) for f in r.fields)
    return _present(Rows(tuple(rows)))


def _check_title(c: CheckEntry, msgs: Messages) -> str:
    """A check's title, with the step whose run it is when a step ran it."""
    title = one_line(c.title)
    return msgs(_("Step {n}: {title}", title=title, n=c.step)) if c.step else title


def _check_line(c: CheckEntry, msgs: Messages) -> str:
    status = _label(msgs, DIAG_STATUS, c.status, c.status)
    said = one_line(c.summary or c.plain or "")  # support reads the detail
    return f"{_check_title(c, msgs)}: {status}" + (f" — {said}" if said else "")


def _check_rows(c: CheckEntry, msgs: Messages) -> Rows:
    status = _label(msgs, DIAG_STATUS, c.status, c.status)
    result = CheckResult.from_json(c.to_json())
    rows = [
        (msgs(_("In short")), shown(c.plain or "")),
        (msgs(_("Found")), shown(c.summary)),
        (msgs(_("Why")), shown(c.reason)),
        (msgs(_("Check id")), one_line(c.id)),
    ]
    rows += [(one_line(k), shown(v)) for k, v in detail_lines(result, msgs.lang)]
    title = f"{_check_title(c, msgs)} — {status}"
    return Rows(tuple((k, v) for k, v in rows if v), title, one_line(c.status))


def _by_severity(checks: Sequence[CheckEntry]) -> list[CheckEntry]:
    return sorted(checks, key=lambda c: SEVERITY.get(c.status, 1))


def _checks(r: Report, msgs: Messages) -> Blocks:
    checks = _by_severity(r.checks)
    full = [_check_rows(c, msgs) for c in checks if c.status in IN_FULL]
    rest = tuple(_check_line(c, msgs) for c in checks if c.status not in IN_FULL)
    return _present(*full, Items(rest, msgs(_("Other checks")) if full and rest else ""))


def _environment(r: Report, msgs: Messages) -> Blocks:
    env = r.environment
    if env is None:
        return ()
    taken = f"{colon(msgs(_('Collected')))} {when(env.taken, msgs)}" if env.taken else ""
    lines = tuple(_check_line(c, msgs) for c in _by_severity(env.checks))
    return _present(Prose((taken,) if taken else ()), Items(lines))


def _notes(r: Report, msgs: Messages) -> Blocks:
    return _present(Items(tuple(shown(n.text) for n in r.notes)))


def _attachment(a: AttachedFile, msgs: Messages) -> str:
    name = one_line(a.name or a.path)
    n = size(a.size, msgs) if isinstance(a.size, int) else ""
    if a.problem:
        return f"{name} — " + _label(msgs, RPT, f"attach.{a.problem}", a.problem, size=n)
    sha = f"sha256 {one_line(a.sha256)[:16]}" if a.sha256 else ""
    return f"{name} — " + ", ".join(p for p in (n, one_line(a.mime), sha) if p)


def _attachments(r: Report, msgs: Messages) -> Blocks:
    return _present(Items(tuple(_attachment(a, msgs) for a in r.attachments)))


def _redacted(action: str, n: int) -> Msg | None:
    """How many of a kind the redaction replaced or removed."""
    if action == "placeholder":
        return ngettext("{n} replaced by a placeholder", "{n} replaced by placeholders", n)
    if action == "remove":
        return ngettext("{n} removed", "{n} removed", n)
    return None


def _redaction(x: Redaction, msgs: Messages) -> str:
    n, action = x.count, one_line(x.action)
    said = _redacted(action, n)
    what = msgs(said) if said is not None else one_line(f"{n} ({action})")
    kind = _label(msgs, RPT, f"kind.{x.kind}", x.kind)
    return msgs(_("{kind}: {what}", kind=kind, what=what))


def _redactions(r: Report, msgs: Messages) -> Blocks:
    warning = (
        None
        if r.redacted
        else Prose((msgs(_("Nothing has been hidden: this copy may contain personal data.")),))
    )
    lines = tuple(_redaction(x, msgs) for x in r.redactions)
    typed = ", ".join(one_line(label) for label in typed_labels(r, msgs))
    kept = (
        Prose((msgs(_("Not hidden, because the request is about them: {fields}", fields=typed)),))
        if typed and r.redacted
        else None
    )
    return _present(warning, Items(lines), kept)


def _end(r: Report, msgs: Messages) -> Blocks:
    text, after = shown(r.end.text).strip(), shown(r.end.next).strip()
    after = msgs(_("Next: {text}", text=after)) if after else ""
    return _present(Prose(tuple(t for t in (text, after) if t)))


_TICKET = ("target", "ref", "url")
#: the sections in the order they are shown; each key's heading is `rpt.<key>`
SECTIONS: tuple[tuple[str, SectionOf], ...] = (
    ("summary", _summary),
    ("known", _known),
    ("problem", _labelled("problem", PROBLEM_KEYS, lambda r: r.problem)),
    ("reporter", _labelled("reporter", REPORTER_KEYS, lambda r: r.reporter)),
    ("steps", _steps),
    ("fields", _fields),
    ("checks", _checks),
    ("env", _environment),
    ("notes", _notes),
    ("attachments", _attachments),
    ("redactions", _redactions),
    ("end", _end),
    ("ticket", _labelled("ticket", _TICKET, lambda r: r.ticket.to_json() if r.ticket else {})),
)


def build_outline(report: Report, msgs: Messages) -> Outline:
    """The sections of a report in order, empty ones left out."""
    sections = []
    for key, blocks_of in SECTIONS:
        blocks = blocks_of(report, msgs)
        if key == "reporter":  # on a call, the reporter is the caller
            agent = report.session.mode == "agent"
            key = f"reporter.{'agent' if agent else 'self'}"
        if blocks:
            sections.append(Section(key.split(".")[0], msgs(RPT[key]), blocks))
    version = one_line(report.generator.version)
    lang, title = one_line(report.lang), one_line(report.title)
    return Outline(
        lang, title, tuple(sections), msgs(_("Made with fixit {version}.", version=version))
    )
