"""Schema rules of an input node's own keys: choices, its short label, redaction and pre-fill."""

from __future__ import annotations

from dataclasses import dataclass

from fixit.i18n import _
from fixit.trees import model
from fixit.trees.model import Choice, Text
from fixit.trees.reader import Reader
from fixit.trees.yamlsafe import Map, Scalar, scalar_bool

#: keys only an input node may have (on another kind they are an error that says so)
INPUT_ONLY = frozenset({"label", "redact", "prefill"})
#: a label names a field in a summary's or a report's table: a few words, not a sentence
MAX_LABEL = 60


@dataclass(frozen=True)
class InputKeys:
    """An input's `label`, `redact` and `prefill` as read."""

    label: Text | None = None
    redact: bool = True
    prefill: str | None = None


def read_input(
    r: Reader, value: Map, type_: str | None, choices: tuple[Choice, ...], node: str
) -> InputKeys:
    """Read and check `label`, `redact` and `prefill`, and the choices rule (`type_`: the type
    read, None when none is written; `node`: the node's id as problems quote it)."""
    items = value.items
    label: Text | None = None
    redact = True
    prefill: str | None = None
    if type_ == "choice" and not choices:
        r.error(value, _("node {node} is a choice input and needs 'choices'", node=node))
    if type_ != "choice" and "choices" in items:
        r.error(
            value.keys["choices"], _("node {node}: 'choices' is only for type choice", node=node)
        )
    if "label" in items:
        label = r.text(items["label"], _("node {node} {key}", node=node, key="label"))
        for lang, body in (label or {}).items():
            if len(body) > MAX_LABEL:
                message = _(
                    "node {node} label ({lang}) is over {limit} characters: "
                    "a label is a short name, the question goes in 'text'",
                    node=node,
                    lang=lang or "text",
                    limit=MAX_LABEL,
                )
                r.error(items["label"], message)
    if "redact" in items:
        item = items["redact"]
        got = scalar_bool(item) if isinstance(item, Scalar) else None
        if got is None:
            what = _("node {node} {key}", node=node, key="redact")
            r.error(item, _("{where} must be true or false", where=what))
        else:
            redact = got
    if "prefill" in items:
        what = _("node {node} {key}", node=node, key="prefill")
        prefill = r.one_of(items["prefill"], what, model.PREFILL_KEYS)
        if type_ == "choice":
            message = _("node {node}: 'prefill' is for typed answers, not choices", node=node)
            r.error(value.keys["prefill"], message)
    return InputKeys(label, redact, prefill)


def misplaced(r: Reader, value: Map, kind: str, node: str) -> None:
    """An input-only key on another kind of node, named as such rather than as unknown."""
    for key in sorted(INPUT_ONLY & set(value.items)):
        message = _(
            "node {node}: {key} is only for input nodes, not {kind}",
            node=node,
            key=repr(key),
            kind=kind,
        )
        r.error(value.keys[key], message)
