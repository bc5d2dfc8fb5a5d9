"""A pytest plugin that records every tree text the validator reads, and what it found, as JSON
lines in the file `FIXIT_TREE_RECORD` names: the trees the tests feed fixit, good and bad, for
tests/unit/test_tree_json_schema.py to hold the JSON Schema against (`-p tests.tree_recorder`)."""

from __future__ import annotations

import json
import os

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """Wrap `check_text` before any test module imports it by name."""
    from fixit.i18n import Msg
    from fixit.trees import validate
    from fixit.trees.model import Tree
    from fixit.trees.yamlfile import Problem

    record = os.environ["FIXIT_TREE_RECORD"]
    original = validate.check_text

    def recording(
        text: str, name: str, stem: str | None = None
    ) -> tuple[Tree | None, list[Problem]]:
        tree, problems = original(text, name, stem)
        line = {
            "text": text,
            "stem": stem,
            "test": os.environ.get("PYTEST_CURRENT_TEST", ""),
            "ids": [p.message.id if isinstance(p.message, Msg) else p.message for p in problems],
            "problems": [str(p) for p in problems],
        }
        with open(record, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(line) + "\n")
        return tree, problems

    validate.check_text = recording  # type: ignore[assignment]
