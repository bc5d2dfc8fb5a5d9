"""Every shipped tree validates, and its test cases walk it to every end node, in every language."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit.i18n import Messages
from fixit.trees.graph import with_subtrees
from fixit.trees.library import Source, load_library
from fixit.trees.model import localize
from fixit.trees.testing import case_file_for, load_cases, run_case

from .conftest import SHIPPED

EXPECTED = {
    "web-service",
    "computer-wont-start",
    "no-internet",
    "info-screen",
    "website-error",
    "account-request",
    "member-registry",
    "slow-computer",
    "report-problem",
}
LIBRARY = load_library([Source("shipped", SHIPPED)], use_cache=False)
TREES = LIBRARY.trees()
IDS = sorted(EXPECTED)
#: every shipped tree is in these languages (Swedish: issue 15)
LANGS = ("en", "fi", "sv")
#: each tree with each language it has: a tree walked in a language it lacks would prove nothing
TREE_LANGS = [(t, lang) for t in IDS for lang in TREES[t].languages]


def test_all_shipped_trees_are_there_and_valid() -> None:
    assert set(TREES) == EXPECTED
    assert LIBRARY.problems == []
    for tree in TREES.values():
        assert tree.languages == LANGS, tree.id
    assert TREES["account-request"].category == "service_request"


@pytest.mark.parametrize(("tree_id", "lang"), TREE_LANGS)
def test_cases_reach_every_end_node(tree_id: str, lang: str) -> None:
    tree = TREES[tree_id]
    entry = LIBRARY.by_id[tree_id]
    cases = load_cases(case_file_for(entry.path))
    trees = with_subtrees(tree, TREES.__getitem__)
    msgs = Messages(lang)
    reached: set[str] = set()
    for case in cases:
        result = run_case(trees, tree_id, case, msgs)
        assert result.passed, f"{tree_id}: {result.name}: {result.problems}"
        reached.add(result.path[-1])
        for qid in result.path:  # every node on the way reads in this language
            *subs, node_id = qid.split("/")
            node = trees[subs[-1] if subs else tree_id].nodes[node_id]
            if node.text is not None:
                assert localize(node.text, lang).strip(), qid
            for text in (node.text, node.say, node.agent_note, node.help):
                if text is not None:
                    assert lang in text, f"{qid} has no {lang} text"  # not shown by a fallback
                    assert localize(text, lang).strip(), qid
    assert reached >= set(tree.ends()), f"{tree_id}: no case reaches {set(tree.ends()) - reached}"


def test_agent_mode_covers_check_fallbacks() -> None:
    for tree in TREES.values():
        checks = [n for n in tree.nodes.values() if n.kind == "check"]
        if not checks:
            continue
        cases = load_cases(case_file_for(LIBRARY.by_id[tree.id].path))
        assert any(c.get("mode") == "agent" for c in cases), f"{tree.id} has no agent-mode case"


@pytest.mark.parametrize("tree_id", IDS)
def test_answer_file_run_in_finnish(
    tree_id: str, tmp_path: Path, fixit_cli: Callable[..., Any]
) -> None:
    case = load_cases(case_file_for(LIBRARY.by_id[tree_id].path))[-1]
    af = {
        "tree": tree_id,
        "mode": case.get("mode", "self"),
        "lang": "fi",
        "answers": case.get("answers", {}),
        "checks": case.get("checks", {}),
    }
    path = tmp_path / "a.yaml"
    path.write_text(json.dumps(af, ensure_ascii=False))  # JSON is YAML
    code, out, err = fixit_cli("start", "--answers", str(path), "--no-checks")
    assert code == 0, err
    [folder] = list((Path(os.environ["FIXIT_HOME"]) / "sessions").iterdir())
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["status"] == "finished"
    assert meta["outcome"] == case["expect"]["outcome"]  # type: ignore[index]
    assert "Lopputulos" in out


@pytest.mark.parametrize("tree_id", IDS)
def test_answer_file_run_and_its_report_in_swedish(
    tree_id: str, tmp_path: Path, fixit_cli: Callable[..., Any]
) -> None:
    """A Swedish session's report shows the tree's own Swedish: title, steps and end."""
    case = load_cases(case_file_for(LIBRARY.by_id[tree_id].path))[-1]
    af = {
        "tree": tree_id,
        "mode": case.get("mode", "self"),
        "lang": "sv",
        "answers": case.get("answers", {}),
        "checks": case.get("checks", {}),
    }
    path = tmp_path / "a.yaml"
    path.write_text(json.dumps(af, ensure_ascii=False))  # JSON is YAML
    code, _, err = fixit_cli("start", "--answers", str(path), "--no-checks")
    assert code == 0, err
    code, out, err = fixit_cli("report", "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    trees = with_subtrees(TREES[tree_id], TREES.__getitem__)
    assert report["session"]["lang"] == "sv"
    assert report["tree"]["title"] == localize(TREES[tree_id].title, "sv")
    assert report["steps"], tree_id
    for step in report["steps"]:
        *subs, node_id = step["node"].split("/")
        node = trees[subs[-1] if subs else tree_id].nodes[node_id]
        if node.text is not None and node.kind != "check":  # a check's step is its title
            # up to a {field}, which the report fills in
            assert step["question"].startswith(localize(node.text, "sv").split("{")[0]), step
    end = trees[tree_id].nodes[report["end"]["node"].split("/")[-1]]
    assert report["end"]["text"].startswith(localize(end.text, "sv").split("{")[0])


@pytest.fixture
def fixit_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Any]:
    from fixit.__main__ import main

    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args), handle_signals=False)
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run
