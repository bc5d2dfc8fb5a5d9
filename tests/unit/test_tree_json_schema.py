"""The JSON Schema of tree format 1 (`fixit trees schema`) agrees with fixit's validator: it is
built from the validator's tables, takes every shipped tree, and rejects every bad tree the
tests feed the validator unless what is wrong is one of the few rules a schema cannot say."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from typing import Any

import jsonschema
import pytest

from fixit.commands.trees_schema import schema_text
from fixit.diagnostics.registry import KNOWN_CHECKS
from fixit.trees import json_schema, model
from fixit.trees.json_schema import FILE_NAME, YAML11_BOOLS, header, tree_schema
from fixit.trees.library import tree_files
from fixit.trees.node_keys import CHOICE_ID, FIELD_ID, NODE_ID, TREE_ID
from fixit.trees.node_schema import kind_keys
from fixit.trees.nodes import KINDS
from fixit.trees.reader import LANG
from fixit.trees.schema import REQUIRED, TOP_KEYS
from fixit.trees.validate import check_text
from fixit.trees.yamlsafe import Map, Scalar, Seq, Value, YamlError, parse_text, scalar_bool

from ..conftest import ROOT, SHIPPED

SCHEMA = tree_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

# YAML 1.2's core schema, as the YAML language server reads a plain scalar
_NULL = re.compile(r"(~|null|Null|NULL|)")
_BOOL = re.compile(r"(true|True|TRUE|false|False|FALSE)")
_INT = re.compile(r"([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)")
_FLOAT = re.compile(
    r"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))"
)


def editor_view(value: Value) -> Any:
    """The JSON value an editor's YAML language server (YAML 1.2 core) sees in a YAML value."""
    if isinstance(value, Seq):
        return [editor_view(item) for item in value.items]
    if isinstance(value, Map):
        return {key: editor_view(item) for key, item in value.items.items()}
    text = value.value
    if not value.plain:
        return text
    if _NULL.fullmatch(text):
        return None
    if _BOOL.fullmatch(text):
        return text.lower() == "true"
    if _INT.fullmatch(text) and len(text) < 100:  # a 5000-digit one is a number too large
        return int(text, 0) if text[:2] in ("0o", "0x") else int(text)
    if _INT.fullmatch(text) or _FLOAT.fullmatch(text):
        return float(text.replace(".inf", "inf").replace(".Inf", "inf").replace(".INF", "inf"))
    return text


def schema_errors(text: str) -> list[str]:
    """What the schema says of a tree's text (its YAML read as an editor reads it)."""
    instance = editor_view(parse_text(text, "t.yaml", problems=[]))
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in VALIDATOR.iter_errors(instance)
    ]


def validator_problems(text: str) -> list[str]:
    """What fixit's validator says of it (no file name to match the id against)."""
    tree, problems = check_text(text, "t.yaml")
    assert (tree is None) == bool(problems)
    return [str(p) for p in problems]


# ---------------------------------------------------------------------------------------------
# the schema itself


def test_the_schema_is_draft_2020_12_and_uses_only_what_draft_07_knows_too() -> None:
    """The YAML extension of VS Code validates with draft-07: the schema means the same there."""
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    used = set()

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            used.update(value)
            for key, item in value.items():
                if key not in ("properties", "$defs"):
                    walk(item)
                else:
                    for sub in item.values():
                        walk(sub)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    walk(SCHEMA)
    newer = {"dependentRequired", "dependentSchemas", "unevaluatedProperties", "prefixItems"}
    assert not used & (newer | {"$dynamicRef", "$anchor", "unevaluatedItems"})


def test_the_schema_names_what_it_cannot_say() -> None:
    description = SCHEMA["description"]
    for words in ("file's name", "reachable", "loop", "language", "placeholder", "names a node"):
        assert words in description, words


def test_the_shipped_schema_file_is_what_the_command_prints() -> None:
    shipped = (SHIPPED / FILE_NAME).read_text("utf-8")
    assert shipped == schema_text(), (
        f"decision_trees/{FILE_NAME} is out of date: run "
        f"`fixit trees schema --output decision_trees/{FILE_NAME}`"
    )


def test_every_shipped_tree_names_the_schema_beside_it_and_validates_against_it() -> None:
    trees = tree_files(SHIPPED, "shipped")
    assert len(trees) >= 5
    for path in trees:
        text = path.read_text("utf-8")
        assert text.splitlines()[0] == header() == f"# yaml-language-server: $schema={FILE_NAME}"
        assert (path.parent / FILE_NAME).is_file()
        assert schema_errors(text) == [], path.name
        _, problems = check_text(text, path.name, path.stem)
        assert problems == [], path.name


def test_the_schema_does_not_make_fixit_need_jsonschema() -> None:
    """jsonschema is a test dependency only: neither the command nor the builder imports it."""
    code = (
        "import sys; sys.modules['jsonschema'] = None\n"
        "from fixit.commands.trees_schema import schema_text\n"
        "assert schema_text().startswith('{')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr


# ---------------------------------------------------------------------------------------------
# built from the validator's tables: a kind or key added there and not here fails


def test_every_kind_and_key_of_the_validator_is_in_the_schema_and_no_other() -> None:
    defs = SCHEMA["$defs"]
    assert SCHEMA["$defs"]["node"]["properties"]["kind"]["enum"] == list(KINDS)
    branches = [rule["if"]["properties"]["kind"]["const"] for rule in defs["node"]["allOf"]]
    assert branches == list(KINDS)
    for kind in KINDS:
        allowed, required = kind_keys(kind)
        assert set(defs[kind]["properties"]) == allowed, kind
        assert set(defs[kind]["required"]) == {"kind", *required}, kind
        assert defs[kind]["additionalProperties"] is False
    assert set(SCHEMA["properties"]) == TOP_KEYS
    assert SCHEMA["required"] == list(REQUIRED)


def test_a_key_or_kind_the_schema_does_not_describe_fails_its_build(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = json_schema.kind_keys

    def more(kind: Any) -> tuple[set[str], tuple[str, ...]]:
        allowed, required = real(kind)
        return allowed | {"colour"}, required

    monkeypatch.setattr(json_schema, "kind_keys", more)
    with pytest.raises(KeyError, match="colour"):
        tree_schema()
    monkeypatch.setattr(json_schema, "kind_keys", real)
    monkeypatch.setattr(json_schema, "TOP_KEYS", {*TOP_KEYS, "owner"})
    with pytest.raises(KeyError, match="owner"):
        tree_schema()
    monkeypatch.setattr(json_schema, "TOP_KEYS", TOP_KEYS)
    monkeypatch.setattr(json_schema, "KINDS", (*KINDS, "note"))
    with pytest.raises(AssertionError, match="note"):
        tree_schema()


def test_values_come_from_the_validators_tables() -> None:
    defs = SCHEMA["$defs"]
    assert defs["check_id"]["enum"] == sorted(KNOWN_CHECKS)
    assert defs["input"]["properties"]["type"]["enum"] == list(model.INPUT_TYPES)
    assert defs["input"]["properties"]["prefill"]["enum"] == list(model.PREFILL_KEYS)
    assert defs["end"]["properties"]["outcome"]["enum"] == list(model.OUTCOMES)
    assert list(defs["check"]["properties"]["on"]["properties"]) == list(model.CHECK_STATUSES)
    assert list(defs["tree"]["properties"]["on"]["properties"]) == list(model.OUTCOMES)
    assert list(defs["question"]["properties"]["detect"]["properties"]) == list(
        model.CHECK_STATUSES
    )
    assert SCHEMA["properties"]["category"]["enum"] == list(model.CATEGORIES)
    assert SCHEMA["properties"]["audience"]["items"]["enum"] == list(model.AUDIENCES)
    assert SCHEMA["properties"]["format"]["const"] == model.FORMAT
    patterns = {
        "tree_id": TREE_ID,
        "node_id": NODE_ID,
        "choice_id": CHOICE_ID,
    }
    for name, regex in patterns.items():
        assert defs[name]["pattern"] == regex.pattern
    assert defs["input"]["properties"]["field"]["pattern"] == FIELD_ID.pattern
    assert SCHEMA["properties"]["nodes"]["propertyNames"]["pattern"] == NODE_ID.pattern
    language = defs["text"]["anyOf"][1]["propertyNames"]["pattern"]
    assert language == LANG.pattern
    for regex in (TREE_ID, NODE_ID, CHOICE_ID, FIELD_ID, LANG):  # whole-value in both languages
        assert regex.pattern.startswith("^") and regex.pattern.endswith("$")


def test_the_flags_fixits_yaml_reads_as_true_or_false_are_the_ones_the_schema_takes() -> None:
    for word in YAML11_BOOLS:
        value = parse_text(f"x: {word}\n", "t.yaml")
        assert isinstance(value, Map) and isinstance(value.items["x"], Scalar)
        assert scalar_bool(value.items["x"]) is not None, word


# ---------------------------------------------------------------------------------------------
# agreement, case by case

BASE = """\
format: 1
id: t
title: T
start: q
nodes:
  q: {kind: question, text: Q, choices: [{id: a, label: A, goto: s}]}
  s: {kind: step, text: S, solved: i, unsolved: i, verify: disk.space}
  i: {kind: input, text: I, field: who, goto: c}
  c: {kind: check, check: disk.space, on: {pass: n}, fallback: n}
  n: {kind: info, text: N, goto: r}
  r: {kind: tree, tree: sub, on: {resolved: e}}
  e: {kind: end, outcome: resolved, text: E}
"""

INPUT = "i: {kind: input, text: I, field: who, goto: c}"


def _input(keys: str) -> tuple[str, str]:
    return INPUT, INPUT.replace("field: who,", f"field: who, {keys},")


# (what is wrong, text replaced, by what): each rejected by the validator and by the schema
BAD = [
    ("an unknown top-level key", "start: q", "start: q\ncolour: red"),
    ("another format", "format: 1", "format: 2"),
    ("a format written as text", "format: 1", "format: '1'"),
    ("a tree id that is no slug", "id: t", "id: T_1"),
    ("a negative version", "title: T", "version: -1\ntitle: T"),
    ("a version that is text", "title: T", "version: three\ntitle: T"),
    ("an unknown category", "title: T", "category: outage\ntitle: T"),
    ("an unknown audience", "title: T", "audience: [everyone]\ntitle: T"),
    ("an audience that is no list", "title: T", "audience: self\ntitle: T"),
    ("no title", "title: T\n", ""),
    ("an empty title", "title: T", "title:"),
    ("a title that is a list", "title: T", "title: [T]"),
    ("a language code that is none", "title: T", "title: {English: T}"),
    ("an empty text mapping", "title: T", "title: {}"),
    ("a translation that is a list", "title: T", "title: {en: [T]}"),
    ("a text over the limit", "text: E}", "text: " + "x" * 10_001 + "}"),
    ("no start", "start: q\n", ""),
    ("no nodes", "nodes:\n", "nodes: {}\nx:\n"),
    ("a node id that is no id", "e: {kind: end", "e!: {kind: end"),
    ("a node that is no mapping", "e: {kind: end, outcome: resolved, text: E}", "e: end"),
    ("a node without a kind", "r: {kind: tree, tree: sub", "r: {tree: sub"),
    ("an unknown kind", "n: {kind: info", "n: {kind: note"),
    ("an unknown key in a node", "text: N, goto: r", "text: N, colour: red, goto: r"),
    ("a key of another kind", "e: {kind: end,", "e: {kind: end, goto: q,"),
    ("an input's key on another kind", "text: N,", "text: N, redact: false,"),
    ("a required key missing", "solved: i, unsolved: i", "solved: i"),
    ("an unknown check", "check: disk.space, on", "check: magic.ball, on"),
    ("an unknown verify check", "verify: disk.space", "verify: magic.ball"),
    ("an unknown check status", "on: {pass: n}", "on: {passed: n}"),
    ("a check that routes no status", "on: {pass: n}", "on: {}"),
    ("an unknown tree outcome", "on: {resolved: e}", "on: {done: e}"),
    ("an unknown end outcome", "outcome: resolved", "outcome: fixed"),
    ("a goto that is a list", "goto: r}", "goto: [r]}"),
    ("a goto that is no id", "goto: r}", "goto: 'r r'}"),
    ("a goto that is empty", "goto: r}", "goto: }"),
    ("no choices", "choices: [{id: a, label: A, goto: s}]", "choices: []"),
    ("a choice without goto", "{id: a, label: A, goto: s}", "{id: a, label: A}"),
    ("a choice with an unknown key", "goto: s}", "goto: s, colour: red}"),
    ("a choice id that is no id", "{id: a,", "{id: 'a b',"),
    ("a choice that is no mapping", "[{id: a, label: A, goto: s}]", "[a]"),
    ("check without detect", "text: Q,", "text: Q, check: disk.space,"),
    ("detect without check", "text: Q,", "text: Q, detect: {pass: a},"),
    ("a detect by no status", "text: Q,", "text: Q, check: disk.space, detect: {ok: a},"),
    ("retry without verify", "verify: disk.space}", "retry: {attempts: 2}}"),
    ("too many retries", "disk.space}", "disk.space, retry: {attempts: 11}}"),
    ("too long a wait", "disk.space}", "disk.space, retry: {wait: 61}}"),
    ("an unknown retry key", "disk.space}", "disk.space, retry: {times: 2}}"),
    ("an unknown input type", *_input("type: phone")),
    ("a choice input without choices", *_input("type: choice")),
    ("choices on a text input", *_input("choices: [{id: x, label: X}]")),
    ("an input choice with a goto", *_input("type: choice, choices: [{id: x, label: X, goto: c}]")),
    (
        "a choice input pre-filled",
        *_input("type: choice, choices: [{id: x, label: X}], prefill: name"),
    ),
    ("an unknown prefill", *_input("prefill: phone")),
    ("a label over 60 characters", *_input("label: " + "x" * 61)),
    ("required that is no flag", *_input("required: maybe")),
    ("redact that is no flag", *_input("redact: 2")),
    ("a field that is no field id", "field: who,", "field: Who,"),
    ("a tree id that is no slug in a tree node", "tree: sub", "tree: Sub"),
]


@pytest.mark.parametrize(("what", "old", "new"), BAD, ids=[b[0] for b in BAD])
def test_what_the_validator_rejects_the_schema_rejects(what: str, old: str, new: str) -> None:
    assert old in BASE, what
    text = BASE.replace(old, new, 1)
    assert validator_problems(text), what
    assert schema_errors(text), what


# read as text by fixit whatever YAML would make of them: the schema takes them too
GOOD = [
    ("the base tree", "", ""),
    ("yes and no as choice ids and labels", "{id: a, label: A,", "{id: yes, label: No,"),
    ("a number as a choice id", "{id: a,", "{id: 0755,"),
    ("a number as a title", "title: T", "title: 12"),
    ("true as a text", "text: N,", "text: true,"),
    ("flags as YAML 1.1 writes them", *_input("required: yes, redact: off")),
    ("flags as YAML 1.2 writes them", *_input("required: true, redact: false")),
    ("a short label in two languages", "title: T", "title: {en: T, fi: T}"),
    ("tags of any words", "title: T", "title: T\ntags: [wifi, 5g, true]"),
    (
        "every optional top key",
        "title: T",
        "title: T\nversion: 3\ncategory: advice\naudience: [self]",
    ),
    ("retry with verify", "disk.space}", "disk.space, retry: {attempts: 3, wait: 5}}"),
    ("a choice input", *_input("type: choice, choices: [{id: x, label: X}], required: true")),
    ("a pre-filled input", *_input("prefill: contact, label: {en: Who}")),
    (
        "a question pre-selected by a check",
        "text: Q,",
        "text: Q, check: disk.space, detect: {pass: a},",
    ),
]


@pytest.mark.parametrize(("what", "old", "new"), GOOD, ids=[g[0] for g in GOOD])
def test_what_the_validator_takes_the_schema_takes(what: str, old: str, new: str) -> None:
    text = BASE.replace(old, new, 1) if old else BASE
    assert validator_problems(text) == [], what
    assert schema_errors(text) == [], what


# ---------------------------------------------------------------------------------------------
# every tree the tests feed the validator

#: what fixit checks that a JSON Schema cannot say (each a validator message), with why
BEYOND_SCHEMA = {
    # YAML itself: the editor's YAML parser reports a key written twice; the schema sees one
    "duplicate key {key} (first at line {line})",
    # the file's name is not in the document
    "id {id} differs from the file name {stem}",
    # the graph: a value must name a key written elsewhere, and what leads where
    "start node {node} does not exist",
    "node {node} goes to {target}, which does not exist",
    "node {node} is unreachable from the start",
    "node {node} is in a loop with no way out to an end node",
    "node {node} is a dead end but not an end node",
    "node {node} detect {status}: {choice} is not a choice of this question",
    # across the tree: the languages of all its texts, the fields of all its inputs
    "{what} has no {missing} translation (the tree uses {langs})",
    "{what} uses {{{field}}}, but no input node collects that field",
    "field {field} is collected twice (first at line {line})",
    # unique by one key among list items: JSON Schema's uniqueItems compares whole items
    "duplicate choice id {choice} in node {node} (first at line {line})",
}

#: the tests whose trees are recorded: the validator's, the reader's, the library's, the CLI's,
#: the languages', the shipped trees', the docs' examples and the mutated shipped trees (fuzz)
RECORDED = [
    "tests/unit/test_validate.py",
    "tests/unit/test_input_keys.py",
    "tests/unit/test_tree_problem_messages.py",
    "tests/unit/test_yamlsafe.py",
    "tests/unit/test_library.py",
    "tests/unit/test_as_typed.py",
    "tests/unit/test_tree_fallback.py",
    "tests/unit/test_engine.py",
    "tests/test_tree_language.py",
    "tests/test_shipped_trees.py",
    "tests/test_docs_examples.py",
    "tests/cli/test_commands.py",
    "tests/cli/test_trees_list.py",
    "tests/fuzz/test_fuzz_tree_mutations.py",
]


def test_the_rules_beyond_the_schema_are_the_validators_own_words() -> None:
    source = "".join(p.read_text("utf-8") for p in (ROOT / "src/fixit/trees").glob("*.py"))
    for message in BEYOND_SCHEMA:
        assert json.dumps(message) in source, message


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """Every distinct tree text the recorded tests gave the validator, with what it found."""
    out = tmp_path_factory.mktemp("record") / "trees.jsonl"
    env = {**os.environ, "FIXIT_TREE_RECORD": str(out)}
    args = ["-q", "-p", "tests.tree_recorder", "-p", "no:cacheprovider", "-x", *RECORDED]
    run = subprocess.run(
        [sys.executable, "-m", "pytest", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    seen: dict[str, dict[str, Any]] = {}
    for line in out.read_text("utf-8").splitlines():
        entry = json.loads(line)
        seen.setdefault(entry["text"], entry)
    return list(seen.values())


@pytest.mark.slow
def test_every_tree_in_the_tests_is_judged_alike_or_beyond_what_a_schema_can_say(
    recorded: list[dict[str, Any]],
) -> None:
    rejected = beyond = not_yaml = good = 0
    for entry in recorded:
        text, found = entry["text"], entry["problems"]
        where = f"{entry['test']}: {found[:3]}\n{textwrap.shorten(text, 300)}"
        try:
            errors = schema_errors(text)
        except YamlError:  # the YAML reader refuses it: no document for a schema to judge
            assert found, where
            not_yaml += 1
            continue
        if not found:
            assert errors == [], f"the schema rejects a good tree: {errors[:3]}\n{where}"
            good += 1
        elif errors:
            rejected += 1
        else:
            unsaid = set(entry["ids"]) - BEYOND_SCHEMA
            assert not unsaid, (
                f"the schema takes a tree the validator rejects for {unsaid}\n{where}"
            )
            beyond += 1
    # the recording saw enough of each to mean something
    assert good >= 20 and rejected >= 20 and beyond >= 10 and not_yaml >= 5, (
        good,
        rejected,
        beyond,
        not_yaml,
    )
