"""Schema rules of an input node's own keys: choices, its short label, redaction and pre-fill."""

from __future__ import annotations

from dataclasses import dataclass

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
    r: Reader, value: Map, type_: str | None, choices: tuple[Choice, ...], where: str
) -> InputKeys:
    """Read and check `label`, `redact` and `prefill`, and the choices rule (`type_`: the type
    read, None when none is written)."""
    items = value.items
    label: Text | None = None
    redact = True
    prefill: str | None = None
    if type_ == "choice" and not choices:
        r.error(value, f"{where} is a choice input and needs 'choices'")
    if type_ != "choice" and "choices" in items:
        r.error(value.keys["choices"], f"{where}: 'choices' is only for type choice")
    if "label" in items:
        label = r.text(items["label"], f"{where} label")
        for lang, body in (label or {}).items():
            if len(body) > MAX_LABEL:
                r.error(
                    items["label"],
                    f"{where} label ({lang or 'text'}) is over {MAX_LABEL} characters: "
                    "a label is a short name, the question goes in 'text'",
                )
    if "redact" in items:
        item = items["redact"]
        got = scalar_bool(item) if isinstance(item, Scalar) else None
        if got is None:
            r.error(item, f"{where} redact must be true or false")
        else:
            redact = got
    if "prefill" in items:
        prefill = r.one_of(items["prefill"], f"{where} prefill", model.PREFILL_KEYS)
        if type_ == "choice":
            r.error(value.keys["prefill"], f"{where}: 'prefill' is for typed answers, not choices")
    return InputKeys(label, redact, prefill)


def misplaced(r: Reader, value: Map, kind: str, where: str) -> None:
    """An input-only key on another kind of node, named as such rather than as unknown."""
    for key in sorted(INPUT_ONLY & set(value.items)):
        r.error(value.keys[key], f"{where}: {key!r} is only for input nodes, not {kind}")
