"""What the screen shows of known problems: the problem before the first step, the choice it
offers, the mark in the list of trees, and the agent's one-line reminder at every step."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from fixit.i18n import Messages, Msg, _, format
from fixit.known.labels import STATUS as KNOWN_STATUS
from fixit.known_seen import Seen
from fixit.prompts.base import Option
from fixit.term import Screen
from fixit.textsafe import visible
from fixit.trees.summaries import localize

MINE = "mine"
CARRY_ON = "carry_on"
STOP = "stop"


def since_text(stamp: str | None, msgs: Messages) -> str:
    """When a problem began, as the report and `fixit known` give it: the feed's own clock
    time, with its UTC offset when that is not this machine's ("" when not known)."""
    if not stamp:
        return ""
    try:
        when = dt.datetime.fromisoformat(stamp)
    except ValueError:
        return visible(stamp, True)
    text = format.timestamp(when, msgs.lang)
    offset = when.utcoffset()
    if offset is None or offset == when.astimezone().utcoffset():
        return text
    return f"{text} UTC" if not offset else f"{text} UTC{when.isoformat()[-6:]}"


def status_text(status: str, msgs: Messages) -> str:
    """A feed's status in words (one fixit has no word for: as the feed says it, inert)."""
    word = KNOWN_STATUS.get(status)
    return msgs(word) if word is not None else visible(status, True)


def support_line(p: Seen, msgs: Messages) -> str:
    """Whether support is on it: its ticket and status, as far as the feed says."""
    parts = [msgs(_("Support's ticket: {ticket}.", ticket=p.ticket))] if p.ticket else []
    if p.status:
        parts.append(msgs(_("Status: {status}.", status=status_text(p.status, msgs))))
    return " ".join(parts)


def show_problem(screen: Screen, msgs: Messages, p: Seen) -> None:
    """One known problem: its title, since when, what support says, the workaround, the link."""
    lang = msgs.lang
    screen.line()
    screen.line(msgs(_("Known problem: {title}", title=p.title_in(lang))), "bold yellow")
    since = since_text(p.since, msgs)
    if since:
        screen.line(msgs(_("Since {time}", time=since)))
    for line in (localize(dict(p.text), lang), support_line(p, msgs)):
        if line:
            screen.line(line)
    workaround = localize(dict(p.workaround), lang)
    if workaround:
        screen.line(msgs(_("Workaround: {workaround}", workaround=workaround)), "bold")
    if p.url:
        screen.line(msgs(_("More: {url}", url=p.url)), "dim")
    if not p.new_reports:
        screen.line(
            msgs(_("Support asks for no new reports of this problem: nothing will be sent.")),
            "yellow",
        )


def show_problems(
    screen: Screen, msgs: Messages, problems: Sequence[Seen], notices: Sequence[Msg]
) -> None:
    """Every known problem that matches, then what the feeds said about themselves."""
    for p in problems:
        show_problem(screen, msgs, p)
    for notice in notices:
        screen.line(msgs(notice), "dim")


def say_text(msgs: Messages, problems: Sequence[Seen]) -> str:
    """What the agent tells the caller about the known problems, then asks them."""
    lang, parts = msgs.lang, []
    for p in problems:
        title = p.title_in(lang)
        parts.append(
            msgs(
                _(
                    "We already know about a problem: {title}. Support is working on it.",
                    title=title,
                )
            )
        )
        workaround = localize(dict(p.workaround), lang)
        if workaround:
            parts.append(msgs(_("There is a workaround: {workaround}", workaround=workaround)))
    parts.append(msgs(_("Does this sound like what you are seeing?")))
    return " ".join(parts)


def question(msgs: Messages, agent: bool) -> str:
    """The question after the problems."""
    if agent:
        return msgs(_("Is this the caller's problem?"))
    return msgs(_("Is this your problem?"))


def options(msgs: Messages, problems: Sequence[Seen], agent: bool) -> list[Option]:
    """This is my problem (one option a problem when several match), carry on, stop."""
    out = []
    for p in problems:
        title = p.title_in(msgs.lang)
        if len(problems) > 1:
            label = (
                _("The caller's problem: {title}", title=title)
                if agent
                else _("My problem: {title}", title=title)
            )
        elif not p.new_reports:
            label = _("This is the caller's problem") if agent else _("This is my problem")
        elif agent:
            label = _("This is the caller's problem — add them to it")
        else:
            label = _("This is my problem — add me to it")
        out.append(Option(f"{MINE}:{p.id}", visible(msgs(label), True)))
    out.append(Option(CARRY_ON, msgs(_("Carry on troubleshooting anyway"))))
    out.append(Option(STOP, msgs(_("Stop here")), separator_before=True))
    return out


def reminder(msgs: Messages, p: Seen) -> str:
    """The agent's one line at every step: which known problem is in force."""
    title = p.title_in(msgs.lang)
    if p.ticket:
        return msgs(_("Known problem now: {title} (ticket {ticket})", title=title, ticket=p.ticket))
    return msgs(_("Known problem now: {title}", title=title))


def reminders(msgs: Messages, problems: Sequence[Seen]) -> str:
    """The reminder lines of every problem met, one a line."""
    return "\n".join(reminder(msgs, p) for p in problems)


def picker_label(msgs: Messages, title: str) -> str:
    """A tree's line in the list when a known problem touches it."""
    return msgs(_("{title} — known problem now", title=title))
