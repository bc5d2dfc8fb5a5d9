"""The support code of every shipped tree test case, and the table of their lengths that
docs/support-code.md holds (a test checks the doc is current).

    python scripts/support_code_lengths.py            # print the table
    python scripts/support_code_lengths.py --write    # write it into docs/support-code.md
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from fixit.engine import Answer, Engine, State, Walk
from fixit.i18n import Messages
from fixit.supportcode import encode
from fixit.trees.graph import with_subtrees
from fixit.trees.model import Tree
from fixit.trees.testing import case_answers, case_file_for, drive, load_cases
from fixit.trees.validate import check_file

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "decision_trees"
DOC = ROOT / "docs" / "support-code.md"
BEGIN = "<!-- support-code-lengths: begin (python scripts/support_code_lengths.py --write) -->"
END = "<!-- support-code-lengths: end -->"


@dataclass(frozen=True)
class Case:
    """One shipped test case walked: its trees, the answers in force, the walk, the code."""

    tree: str
    name: str
    trees: dict[str, Tree]
    digest: str
    mode: str
    answers: tuple[Answer, ...]
    walk: Walk
    code: str


def shipped_trees() -> dict[str, Tree]:
    """Every shipped tree, validated (AssertionError naming a tree that is not)."""
    out = {}
    for path in sorted(SHIPPED.glob("*.yaml")):
        if path.name.endswith(".test.yaml"):
            continue
        tree, problems = check_file(path)
        assert tree is not None, f"{path}: {problems}"
        out[tree.id] = tree
    return out


def answers_of(trees: dict[str, Tree], root: str, case: dict[str, object]) -> State:
    """The state a case's answers lead to, driven as `fixit trees test` drives it."""
    raw = case.get("answers") or {}
    checks = case.get("checks") or {}
    assert isinstance(raw, dict) and isinstance(checks, dict)
    af = case_answers(str(case.get("name")), raw, checks)
    state, _stuck = drive(Engine(trees, root), af, case.get("mode") == "agent", Messages("en"))
    return state


def shipped_cases() -> list[Case]:
    """Every case of every shipped tree's test file, walked and encoded."""
    trees = shipped_trees()
    out = []
    for tid, tree in sorted(trees.items()):
        sub = with_subtrees(tree, trees.__getitem__)
        for case in load_cases(case_file_for(Path(tree.source) if tree.source else SHIPPED)):
            state = answers_of(sub, tid, case)
            walk = Engine(sub, tid).walk(state.active)
            mode = "agent" if case.get("mode") == "agent" else "self"
            code = encode(sub, tid, tree.digest, state.active, mode, walk.finished)
            name = str(case.get("name"))
            out.append(Case(tid, name, sub, tree.digest, mode, state.active, walk, code))
    return out


def table(cases: list[Case]) -> str:
    """The Markdown table of every case's code and its length."""
    lines = [
        "| tree | case | answers | code | characters |",
        "|---|---|---:|---|---:|",
    ]
    for c in cases:
        name = c.name.replace("|", "\\|")
        bare = len(c.code.replace("-", ""))
        lines.append(f"| {c.tree} | {name} | {len(c.answers)} | `{c.code}` | {bare} |")
    lengths = sorted(len(c.code.replace("-", "")) for c in cases)
    lines += [
        "",
        f"{len(cases)} cases: {lengths[0]} to {lengths[-1]} characters, median "
        f"{lengths[len(lengths) // 2]}; {sum(n <= 16 for n in lengths)} of them 16 or fewer.",
    ]
    return "\n".join(lines)


def section(cases: list[Case]) -> str:
    """The doc's generated section, markers included."""
    return f"{BEGIN}\n{table(cases)}\n{END}"


def main(argv: list[str]) -> int:
    """Print the table, or write it into the doc between its markers."""
    cases = shipped_cases()
    if "--write" not in argv:
        print(table(cases))
        return 0
    text = DOC.read_text(encoding="utf-8")
    head, _sep, rest = text.partition(BEGIN)
    _old, _sep2, tail = rest.partition(END)
    DOC.write_text(head + section(cases) + tail, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
