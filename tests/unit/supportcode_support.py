"""Shared pieces of the support code tests: the shipped cases (from the script that writes the
doc's table) and a small tree to test one thing at a time."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from fixit.trees.model import Tree
from fixit.trees.validate import check_text

ROOT = Path(__file__).resolve().parents[2]


@cache
def lengths_script() -> ModuleType:
    """scripts/support_code_lengths.py as a module."""
    spec = importlib.util.spec_from_file_location(
        "support_code_lengths", ROOT / "scripts" / "support_code_lengths.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["support_code_lengths"] = module
    spec.loader.exec_module(module)
    return module


@cache
def shipped_cases() -> list[Any]:
    """Every shipped test case, walked and encoded (the script's `Case`s)."""
    cases: list[Any] = lengths_script().shipped_cases()
    return cases


SMALL = """\
format: 1
id: small
version: 3
title: {en: Small}
start: kind
nodes:
  kind:
    kind: question
    text: {en: What is wrong?}
    check: network.internet
    detect: {pass: "web", fail: "net"}
    choices:
      - {id: web, label: {en: A web page}, goto: name}
      - {id: net, label: {en: The network}, goto: net}
      - {id: other, label: {en: Something else}, goto: other}
  name:
    kind: input
    field: user_name
    text: {en: Your name?}
    required: true
    goto: note
  note:
    kind: info
    text: {en: Thanks.}
    goto: retry
  retry:
    kind: step
    text: {en: Reload the page.}
    verify: network.internet
    solved: fixed
    unsolved: net
  net:
    kind: check
    check: network.internet
    on: {pass: fixed, fail: broken}
    fallback: ask
  ask:
    kind: question
    text: {en: Do other sites open?}
    choices:
      - {id: "yes", label: {en: "Yes"}, goto: fixed}
      - {id: "no", label: {en: "No"}, goto: broken}
  other:
    kind: step
    text: {en: Try again.}
    solved: fixed
    unsolved: other
  fixed:
    kind: end
    outcome: resolved
    text: {en: Fixed.}
  broken:
    kind: end
    outcome: escalate
    text: {en: Support takes over.}
"""


def small(text: str = SMALL) -> Tree:
    """The small tree (or a variant of its text), validated."""
    tree, problems = check_text(text, "small.yaml", "small")
    assert tree is not None, problems
    return tree
