"""Every error a user can meet has Finnish text: the catalogue covers each message and hint the
code writes as a literal, its templates are well-formed, and translation fills in the values."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from fixit.i18n import errors
from fixit.i18n.errors import catalogue, error_language, translate

SRC = Path(errors.__file__).resolve().parents[1]
# calls whose arguments at these positions (or keyword `hint`) are a message or a hint; a
# check's reason for `skipped` or `error` is shown in Finnish reports and `fixit diagnose` too
CALLS = {"bad": (2, 3), "skipped": (2,), "errored": (2,)}
# exceptions that never reach a user as they are: a probe's kind is worded by the check
INTERNAL = {"ProbeError", "AssertionError", "KeyError", "ValueError", "TypeError"}


def template(node: ast.expr) -> Iterator[str]:
    """The catalogue key(s) for a literal message: text as written, `{}` for each value."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value.replace("{", "{{").replace("}", "}}")
    elif isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value).replace("{", "{{").replace("}", "}}"))
            else:
                parts.append("{}")
        yield "".join(parts)
    elif isinstance(node, ast.IfExp):
        yield from template(node.body)
        yield from template(node.orelse)


def written() -> Iterator[tuple[str, str]]:
    """(file, template) for every literal message and hint given to an error in src/fixit."""
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in CALLS:
                spots = CALLS[name]
            elif name in INTERNAL:
                continue
            elif name.endswith("Error") and name[:1].isupper():
                spots = (0, 1)
            else:
                continue
            args = [node.args[i] for i in spots if i < len(node.args)]
            args += [k.value for k in node.keywords if k.arg in ("message", "hint")]
            for arg in args:
                for key in template(arg):
                    key = key.removeprefix("{}:{}:{}: ")  # the location is kept as it is
                    if re.sub(r"\{\}|[\W\d_]", "", key):  # has words of its own
                        yield str(path.relative_to(SRC)), key


def test_every_error_message_and_hint_has_finnish_text() -> None:
    known = catalogue()
    missing = sorted({f"{where}: {key!r}" for where, key in written() if key not in known})
    assert not missing, f"{len(missing)} without Finnish text:\n" + "\n".join(missing)


def test_catalogue_templates_are_well_formed() -> None:
    fields = string.Formatter()
    for english, finnish in catalogue().items():
        values = [f for _, f, _, _ in fields.parse(english) if f is not None]
        assert all(v == "" for v in values), f"use bare {{}} in the English key: {english!r}"
        assert re.sub(r"\{\}", "", english).strip(" .,:;()'\""), f"no fixed text: {english!r}"
        filled = finnish.format(*(f"<{i}>" for i in range(len(values))))
        for i in range(len(values)):
            assert f"<{i}>" in filled, f"value {i} is lost in Finnish: {english!r}"
        assert (finnish.strip() and finnish != english) or not re.search("[a-z]", english), english


def test_translation_fills_the_values_and_translates_known_phrases() -> None:
    table = catalogue()
    key = next(k for k in table if k.count("{}") == 1 and "\n" not in k)
    text = key.replace("{}", "X-123", 1)
    assert translate(text, "en") == text
    assert translate(text, "fi") == table[key].format("X-123")
    unknown = "something fixit never says"
    assert translate(unknown, "fi") == unknown
    # a fixed phrase inside a value is translated too; every template that takes values works
    reason = "could not reach desk.example.fi (connection refused)."
    assert "yhteys torjuttiin" in translate(reason, "fi")
    for english in table:
        if "{}" in english and "\n" not in english:
            pieces = errors.parse(english, "").pieces
            values = [f"v{i}x" for i in range(len(pieces) - 1)]
            text = pieces[0] + "".join(v + p for v, p in zip(values, pieces[1:], strict=True))
            got = translate(text, "fi")
            assert all(v in got for v in values), (english, got)


def test_a_location_and_a_hint_line_keep_their_prefix() -> None:
    table = catalogue()
    key = next(k for k in table if "{}" not in k and "\n" not in k)
    assert translate(f"/etc/fixit/config.yaml:3:5: {key}", "fi") == (
        f"/etc/fixit/config.yaml:3:5: {table[key]}"
    )
    assert translate(f"  hint: {key}", "fi") == f"  hint: {table[key]}"


@pytest.mark.parametrize(
    ("args", "env", "lang"),
    [
        (["--lang", "fi", "report"], {}, "fi"),
        (["--lang=fi"], {"FIXIT_LANG": "en"}, "fi"),
        (["report"], {"FIXIT_LANG": "fi"}, "fi"),
        (["report"], {"LANG": "fi_FI.UTF-8"}, "fi"),
        (["report"], {"LANG": "C.UTF-8"}, "en"),
    ],
)
def test_the_error_language_needs_nothing_that_may_have_failed(
    args: list[str], env: dict[str, str], lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("FIXIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert error_language(args) == lang


def test_a_single_token_inside_a_message_is_never_translated() -> None:
    # "proxy" is also the name of a kind of network failure: a key typed as it must stay as typed
    said = translate("unknown key submit.proxy (known: default, targets)", "fi")
    assert "submit.proxy" in said and "default, targets" in said
    assert translate("could not reach 127.0.0.1 (connection refused).", "fi") == (
        "palvelimeen 127.0.0.1 ei saatu yhteyttä (yhteys torjuttiin)."
    )


def test_hostile_text_is_matched_in_linear_time() -> None:
    import time

    line = "tree.yaml:1:2: unknown key '" + "a:1:2: b " * 200 + "'"
    started = time.monotonic()
    for _ in range(20):
        translate(line, "fi")
        translate("x " * 1000, "fi")
    assert time.monotonic() - started < 5  # a lazy-group regex took 156 s for one such line


@pytest.mark.parametrize(
    "text",
    [
        "127.0.0.1 rejected the new issue (HTTP 422: Subject needs a value).",
        "The server sent an empty answer",
        "node hdmi has no choices",
    ],
)
def test_text_from_servers_and_trees_is_not_reworded(text: str) -> None:
    said = translate(text, "fi")
    for piece in ("Subject needs a value", "an empty answer", "has no choices"):
        if piece in text:
            assert piece in said, said


def test_a_finnish_configuration_is_found_through_fixit_config_and_the_equals_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("FIXIT_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "FIXIT_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    cfg = tmp_path / "fi.yaml"
    cfg.write_text("defaults: {lang: fi}\n")
    assert error_language(["report"]) == "en"
    assert error_language([f"--config={cfg}", "report"]) == "fi"
    assert error_language(["--config", str(cfg), "report"]) == "fi"
    monkeypatch.setenv("FIXIT_CONFIG", str(cfg))
    assert error_language(["report"]) == "fi"
