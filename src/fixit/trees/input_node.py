"""Schema rules of an input node's own keys: choices, its short label, redaction and pre-fill."""

from __future__ import annotations

from fixit.trees import model
from fixit.trees.reader import Reader
from fixit.trees.yamlsafe import Map, Scalar, scalar_bool

#: keys only an input node may have (on another kind they are an error that says so)
INPUT_ONLY = frozenset({"label", "redact", "prefill"})
#: a label names a field in a summary's or a report's table: a few words, not a sentence
MAX_LABEL = 60


def read_input(r: Reader, value: Map, attrs: dict[str, object], where: str) -> None:
    """Read and check `label`, `redact` and `prefill`, and the choices rule, into `attrs`."""
    items = value.items
    if attrs.get("type") == "choice" and not attrs.get("choices"):
        r.error(value, f"{where} is a choice input and needs 'choices'")
    if attrs.get("type") != "choice" and "choices" in items:
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
        attrs["label"] = label
    if "redact" in items:
        item = items["redact"]
        got = scalar_bool(item) if isinstance(item, Scalar) else None
        if got is None:
            r.error(item, f"{where} redact must be true or false")
        else:
            attrs["redact"] = got
    if "prefill" in items:
        attrs["prefill"] = r.one_of(items["prefill"], f"{where} prefill", model.PREFILL_KEYS)
        if attrs.get("type") == "choice":
            r.error(value.keys["prefill"], f"{where}: 'prefill' is for typed answers, not choices")


def misplaced(r: Reader, value: Map, kind: str, where: str) -> None:
    """An input-only key on another kind of node, named as such rather than as unknown."""
    for key in sorted(INPUT_ONLY & set(value.items)):
        r.error(value.keys[key], f"{where}: {key!r} is only for input nodes, not {kind}")
