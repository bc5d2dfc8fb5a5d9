"""An answer file naming a node the run does not have is an error naming it, with its place
and a near name: a typo in a script never passes unnoticed (SPEC §4)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..conftest import DATA, SHIPPED

TREES = str(DATA / "trees")
HINT = (
    "hint: Fix the names in the answer file: a node of a sub-tree is SUBTREE_ID/NODE_ID "
    "(`fixit trees show TREE` lists the nodes).\n"
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(text, "utf-8")
    return path


def no_session_left() -> bool:
    folder = Path(os.environ["FIXIT_HOME"]) / "sessions"
    return not folder.exists() or not any(folder.iterdir())


def test_a_misspelt_node_is_named_with_its_place_and_the_near_name(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "tree: demo\nanswers:\n  restart: unsolved\n  hdmmi: 'yes'\n  player_id: A-1\n",
    )
    run = fixit("--trees", TREES, "start", "--answers", str(path))
    assert run.code == 1
    assert run.err == (
        f"fixit: error: {path}:4:3: tree 'demo' has no node 'hdmmi'; did you mean 'hdmi'?\n" + HINT
    )
    assert no_session_left()  # refused before anything was started


def test_every_unknown_name_at_once_and_checks_too(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "tree: demo\nanswers:\n  restart: unsolved\n  zzz: 1\n"
        "checks:\n  network.internt: pass\n  network.dns: pass\n",
    )
    run = fixit("--trees", TREES, "start", "--answers", str(path))
    assert run.code == 1
    assert run.err == (
        "fixit: error: the answer file has 2 problems:\n"
        f"{path}:4:3: tree 'demo' has no node 'zzz'\n"
        f"{path}:6:3: 'network.internt' is neither a check nor a node of tree 'demo'; "
        "did you mean 'network.internet'?\n" + HINT
    )


def test_a_sub_tree_node_needs_its_tree_id_and_the_hint_says_so(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    path = write(tmp_path, "tree: web-service\nanswers:\n  router_restart: solved\n")
    run = fixit("--trees", str(SHIPPED), "start", "--answers", str(path))
    assert run.code == 1
    assert (
        f"{path}:3:3: tree 'web-service' has no node 'router_restart'; "
        "did you mean 'no-internet/router_restart'?\n"
    ) in run.err


def test_sub_tree_nodes_by_their_full_name_run(fixit: Callable[..., Any], tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "tree: web-service\nanswers:\n  service: Portal\n  others_affected: just_me\n"
        "  ask_service: down\n  other_sites: 'no'\n  no-internet/scope: all\n"
        "  no-internet/router_lights: 'on'\n  no-internet/network_owner: home\n"
        "  no-internet/router_restart: solved\n"
        "checks: {service.url: error, network.internet: fail}\n",
    )
    run = fixit("--trees", str(SHIPPED), "start", "--answers", str(path))
    assert run.code == 0, run.err


def test_in_finnish(fixit: Callable[..., Any], tmp_path: Path) -> None:
    path = write(tmp_path, "tree: demo\nanswers:\n  hdmmi: 'yes'\n  zzz: 1\n")
    run = fixit("--lang", "fi", "--trees", TREES, "start", "--answers", str(path))
    assert run.err == (
        "fixit: error: vastaustiedostossa on 2 virhettä:\n"
        f"{path}:3:3: vianetsintäpolulla 'demo' ei ole solmua 'hdmmi'. Tarkoititko 'hdmi'?\n"
        f"{path}:4:3: vianetsintäpolulla 'demo' ei ole solmua 'zzz'\n"
        "hint: Korjaa nimet vastaustiedostossa. Alipolun solmu kirjoitetaan muodossa "
        "ALIPOLUN_ID/SOLMUN_ID (komento `fixit trees show PUU` näyttää solmut).\n"
    )


def test_a_tree_test_case_naming_no_node_fails_and_says_so() -> None:
    from fixit.i18n import Messages
    from fixit.trees.testing import run_case
    from fixit.trees.validate import check_file

    tree, problems = check_file(DATA / "trees" / "demo.yaml")
    assert tree is not None, problems
    case: dict[str, object] = {
        "name": "typo",
        "answers": {"restrat": "solved"},
        "checks": {"network.internt": "pass"},
        "expect": {"outcome": "resolved"},
    }
    result = run_case({"demo": tree}, "demo", case, Messages("en"))
    assert not result.passed
    assert [str(p) for p in result.problems] == [
        "tree 'demo' has no node 'restrat'; did you mean 'restart'?",
        "'network.internt' is neither a check nor a node of tree 'demo'; "
        "did you mean 'network.internet'?",
    ]


def test_every_problem_of_an_answer_file_in_one_run_in_file_order(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "tree: demo\nmode: robot\ncolour: red\nanswers:\n  restart: solved\n  restart: unsolved\n"
        "checks: {network.internet: maybe}\ncaller: {name: Maija, shoe: 42}\nnotes: hello\n",
    )
    run = fixit("--trees", TREES, "start", "--answers", str(path))
    assert run.code == 1
    assert run.err == (
        "fixit: error: the answer file has 6 problems:\n"
        f"{path}:2:7: mode must be self or agent\n"
        f"{path}:3:1: unknown key 'colour'\n"
        f"{path}:6:3: duplicate key 'restart' (first at line 5)\n"
        f"{path}:7:28: check network.internet must be one of pass, warn, fail, error\n"
        f"{path}:8:23: unknown caller key 'shoe'\n"
        f"{path}:9:8: notes must be a list\n"
        "hint: Fix the answer file; SPEC §4 describes its format.\n"
    )
