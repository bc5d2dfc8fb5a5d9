"""Values a tree declares the subject of a request (`redact: false`): sent as typed.

Only the declared field's own value is exempt from the personal-data policy, where the report
shows it as that field (the fields table, the problem section, the step that asked for it).
The same text anywhere else (a free-text answer, a note, a check) is redacted as usual, and
secrets are removed everywhere, in an exempt value too."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from fixit.i18n import Messages
from fixit.report.document import Report
from fixit.report.labels import RPT

#: where a value sits in a report: (section, index or key, entry key)
Spot = tuple[str, Any, str]


def _spots(report: Mapping[str, Any]) -> list[Spot]:
    """Every place the report shows a declared field's value."""
    keep = set(report.get("as_typed") or ())
    if not keep:
        return []
    spots: list[Spot] = [("problem", k, "") for k in report.get("problem") or {} if k in keep]
    for i, f in enumerate(report.get("fields") or []):
        if f.get("id") in keep:
            spots.append(("fields", i, "value"))
    return spots + step_spots(report.get("steps") or [], keep)


def step_spots(steps: Sequence[Mapping[str, Any]], keep: Collection[str]) -> list[Spot]:
    """The answers of the steps that asked for a declared field."""
    spots: list[Spot] = []
    for i, st in enumerate(steps):
        if st.get("field") in keep:
            spots += [("steps", i, "answer"), ("steps", i, "value")]
    return spots


def _get(report: Mapping[str, Any], spot: Spot) -> str:
    section, at, key = spot
    value = report[section][at]
    return str(value[key] if key else value)


def put(report: dict[str, Any], spot: Spot, text: str) -> None:
    """Set the value at `spot`."""
    section, at, key = spot
    if key:
        report[section][at][key] = text
    else:
        report[section][at] = text


def set_aside(report: Mapping[str, Any]) -> tuple[dict[str, Any], list[tuple[Spot, str]]]:
    """A copy of `report` with each declared value blanked (so the redactor neither counts nor
    numbers it), and the values taken out."""
    spots = _spots(report)
    out = dict(report)
    if not spots:
        return out, []
    out["problem"] = dict(report.get("problem") or {})
    out["fields"] = [dict(f) for f in report.get("fields") or []]
    out["steps"] = [dict(st) for st in report.get("steps") or []]
    return out, take_out(out, spots)


def take_out(d: dict[str, Any], spots: Sequence[Spot]) -> list[tuple[Spot, str]]:
    """Blank each spot of `d` in place; the values taken out, with where they go back."""
    aside = [(spot, _get(d, spot)) for spot in spots]
    for spot, _ in aside:
        put(d, spot, "")
    return aside


def put_back(
    redacted: dict[str, Any], aside: list[tuple[Spot, str]], secrets: Callable[[str], str]
) -> None:
    """Put the values taken out back into the redacted copy, their secrets removed."""
    for spot, text in aside:
        put(redacted, spot, secrets(text))


def typed_labels(report: Report, msgs: Messages) -> list[str]:
    """The labels of the fields a report sends as typed, as its fields table or problem section
    names them."""
    labels = {f.id: f.label for f in report.fields}
    out = []
    for fid in report.as_typed or ():
        label = labels.get(fid) or ""
        if not label and fid in report.problem:
            label = msgs(RPT[f"problem.{fid}"])
        out.append(label or fid)
    return out
