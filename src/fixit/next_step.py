"""The wizard's one line at the end of a session: what is left to do, by what really happened."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from fixit.config import Config
from fixit.i18n import Messages, _
from fixit.labels import KNOWN_NEXT, NEXT

#: the outcomes whose report still has to reach support
SEND_OUTCOMES = ("escalate", "unresolved")
CATEGORIES = ("incident", "service_request", "advice")
MODES = ("self", "agent")

#: how a report that has to reach support gets there: fixit is about to offer to send it, the
#: user sends it with `fixit submit` (one target, or several to choose from), saves it and sends
#: it by hand (no target is configured), or it was sent already
Delivery = Literal["offer", "submit", "choose", "save", "sent"]
DELIVERIES: tuple[Delivery, ...] = ("offer", "submit", "choose", "save", "sent")


def next_step(
    msgs: Messages,
    outcome: str,
    mode: str,
    category: str,
    sid: str,
    how: Delivery,
    detail: str = "",
) -> str:
    """The one next step after a session, in `msgs`' language ("" when nothing is left).

    Resolved: nothing. Referred: the tree's end text names whom to contact, and the line points
    there. Escalated or unresolved: where the report is and how it reaches support; `detail` is
    the ticket reference (`sent`), the targets to choose from (`choose`) or support's contact
    (`save`). Agent mode speaks to support's own agent, and a service request or a question is
    never called a fault to investigate. Plain words and commands: this is read on a terminal."""
    mode = mode if mode in MODES else "self"
    if outcome not in SEND_OUTCOMES:
        if outcome == "referred":
            return msgs(NEXT["referred" if mode == "self" else "referred.agent"])
        return ""
    if how == "sent":
        return msgs(NEXT[f"sent.{mode}"], ref=detail)
    category = category if category in CATEGORIES else "incident"
    saved = msgs(NEXT[f"saved.{mode}.{category}"], id=sid)
    if how == "offer":  # the question that follows is the next step
        return saved
    more = ""
    if how == "save" and detail:
        more = msgs(_(" ({contact})", contact=detail))
    elif how == "choose":
        more = detail
    return f"{saved} {msgs(NEXT[f'how.{how}.{mode}'], id=sid, more=more)}"


def known_next(
    msgs: Messages,
    mode: str,
    sid: str,
    ticket: str | None,
    wanted: bool,
    how: Delivery,
    detail: str = "",
    adds: bool = True,
) -> str:
    """The next step after "this is my problem": nothing when support wants no more reports of
    it; else the report adds the user to its ticket, or (`adds` False: the target cannot add to
    one) goes as a new report that names it (`how` and `detail` as for next_step)."""
    mode = mode if mode in MODES else "self"
    if not wanted:
        return msgs(KNOWN_NEXT[f"unwanted.{mode}"])
    if how == "sent":
        return msgs(NEXT[f"sent.{mode}"], ref=detail)
    key = ("adds" if adds else "names") if ticket else "tells"
    saved = msgs(KNOWN_NEXT[f"{key}.{mode}"], id=sid, ticket=ticket or "")
    if how == "offer":  # the question that follows is the next step
        return saved
    more = msgs(_(" ({contact})", contact=detail)) if how == "save" and detail else ""
    more = detail if how == "choose" else more
    return f"{saved} {msgs(NEXT[f'how.{how}.{mode}'], id=sid, more=more)}"


def delivery(config: Config, meta: Mapping[str, Any], offering: bool) -> tuple[Delivery, str]:
    """How the session's report reaches support, with its detail: the ticket reference once
    sent, the target names when several are configured and none is the default. The target is
    chosen as `fixit submit` and the offer to send choose it."""
    ticket = meta.get("ticket")
    if isinstance(ticket, Mapping) and ticket.get("ref"):
        return "sent", str(ticket["ref"])
    targets = config.targets
    if not targets:
        return "save", ""
    chosen = config.default_target or (next(iter(targets)) if len(targets) == 1 else None)
    if chosen not in targets:
        return "choose", ", ".join(targets)
    return ("offer" if offering else "submit"), ""


def category_of(fields: Mapping[str, Any], tree_category: str) -> str:
    """The session's category as its report has it: a collected `category` field, else the
    tree's."""
    given = fields.get("category")
    return given if isinstance(given, str) and given in CATEGORIES else tree_category


def line_for(
    msgs: Messages,
    meta: Mapping[str, Any],
    fields: Mapping[str, Any],
    tree_category: str,
    config: Config,
    offering: bool,
) -> str:
    """The next step for a finished session from its metadata and collected fields."""
    how, detail = delivery(config, meta, offering)
    return next_step(
        msgs,
        str(meta.get("outcome") or ""),
        str(meta.get("mode") or "self"),
        category_of(fields, tree_category),
        str(meta["id"]),
        how,
        detail or config.contact(),
    )
