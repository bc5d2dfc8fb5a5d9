"""Every YAML example in README.md and docs/*.md does what the text says, against the shipped trees.

Each ```yaml block is classified by its keys and checked as what it is: a tree validates, an answer
file runs to its end, a configuration is read without a problem, a tree test passes beside its
shipped tree (its first line names the file: `# ID.test.yaml`), a known_issues.yaml has no fault. A block that is deliberately a
part (a node, a tree with `...`) says so on its first line, `# excerpt`, and must still be YAML
fixit can read. A block of any other shape fails: classify it or mark it.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from fixit.__main__ import main
from fixit.config import TOP_KEYS

from .conftest import ROOT, SHIPPED

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^( *)```yaml\s*$")
TEST_FILE = re.compile(r"^# ([a-z0-9-]+)\.test\.yaml\s*$")


@dataclass(frozen=True)
class Block:
    """One ```yaml block: where it is and its text, dedented to its fence."""

    doc: Path
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.doc.relative_to(ROOT)}:{self.line}"


def blocks(doc: Path) -> Iterator[Block]:
    """The ```yaml blocks of a Markdown file, a block indented in a list item too."""
    lines = doc.read_text("utf-8").splitlines()
    i = 0
    while i < len(lines):
        fence = FENCE.match(lines[i])
        if not fence:
            i += 1
            continue
        start, body = i + 1, []
        i += 1
        while i < len(lines) and lines[i].strip() != "```":
            body.append(lines[i])
            i += 1
        assert i < len(lines), f"{doc.name}:{start}: the ```yaml block is never closed"
        yield Block(doc, start, textwrap.dedent("\n".join(body)) + "\n")
        i += 1


ALL = [b for doc in DOCUMENTS for b in blocks(doc)]


def kind(block: Block) -> str:
    """What an example is, from its first line and its keys."""
    first = block.text.lstrip().splitlines()[0]
    if first.strip() == "# excerpt":
        return "excerpt"
    if TEST_FILE.match(first):
        return "tree test"
    data = yaml.safe_load(block.text)
    if isinstance(data, dict) and {"format", "id", "nodes"} <= set(data):
        return "tree"
    if isinstance(data, dict) and "answers" in data:
        return "answer file"
    if isinstance(data, dict) and {"format", "issues"} <= set(data):
        return "known problems"
    if isinstance(data, dict) and data and set(data) <= set(TOP_KEYS):
        return "configuration"
    return "unknown"


def fixit(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run fixit in this process; its exit code, output and errors."""
    capsys.readouterr()
    code = main(list(args), handle_signals=False)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_the_documents_have_yaml_examples() -> None:
    assert len(ALL) >= 7
    assert any(b.doc.name == "README.md" and kind(b) == "answer file" for b in ALL)


@pytest.mark.parametrize("block", ALL, ids=str)
def test_every_yaml_example_is_what_it_looks_like(
    block: Block,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    what = kind(block)
    assert what != "unknown", (
        f"{block}: not a tree, answer file, configuration or tree test; "
        "if it is a part on purpose, start it with `# excerpt`"
    )
    monkeypatch.setenv("COLUMNS", "100")
    CHECKS[what](block, tmp_path, capsys)


def check_excerpt(block: Block, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A part on purpose: still YAML that fixit's own loader reads without a problem."""
    from fixit.trees.yamlsafe import YamlError, parse_text

    try:
        parse_text(block.text, str(block))
    except YamlError as exc:
        pytest.fail(f"{block}: {exc.problem}")


def check_tree(block: Block, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A whole tree validates on its own."""
    data = yaml.safe_load(block.text)
    path = tmp_path / f"{data['id']}.yaml"
    path.write_text(block.text, "utf-8")
    code, _, err = fixit(capsys, "trees", "validate", str(path))
    assert code == 0, f"{block}:\n{err}"


def check_answer_file(block: Block, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An answer file runs its shipped tree to an end node, as written."""
    path = tmp_path / "answers.yaml"
    path.write_text(block.text, "utf-8")
    code, _, err = fixit(capsys, "start", "--answers", str(path))
    assert code == 0, f"{block}: exit {code}\n{err}"
    (session,) = json.loads(fixit(capsys, "sessions", "--json")[1])
    assert session["status"] == "finished" and session["tree"] == yaml.safe_load(block.text)["tree"]


def check_configuration(block: Block, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A configuration is read without a problem or a warning."""
    path = tmp_path / "config.yaml"
    path.write_text(block.text, "utf-8")
    code, _, err = fixit(capsys, "--config", str(path), "config", "show")
    assert code == 0 and err == "", f"{block}:\n{err}"


def check_tree_test(block: Block, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A tree test passes beside the shipped tree its first line names."""
    match = TEST_FILE.match(block.text.lstrip().splitlines()[0])
    assert match
    tree = SHIPPED / f"{match.group(1)}.yaml"
    assert tree.is_file(), f"{block}: there is no shipped tree {match.group(1)}"
    shutil.copy(tree, tmp_path / tree.name)
    (tmp_path / f"{match.group(1)}.test.yaml").write_text(block.text, "utf-8")
    code, out, err = fixit(capsys, "trees", "test", str(tmp_path / tree.name))
    assert code == 0, f"{block}:\n{out}{err}"
    assert "FAIL" not in out and " 0 passed" not in out


def check_known(block: Block, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A known_issues.yaml has no fault: `fixit known` beside it warns of nothing."""
    folder = tmp_path / "trees"
    folder.mkdir()
    (folder / "known_issues.yaml").write_text(block.text, "utf-8")
    code, out, err = fixit(capsys, "--trees", str(folder), "known", "--json")
    assert code == 0 and json.loads(out)["notices"] == [], f"{block}:\n{out}{err}"


CHECKS = {
    "excerpt": check_excerpt,
    "tree": check_tree,
    "answer file": check_answer_file,
    "configuration": check_configuration,
    "tree test": check_tree_test,
    "known problems": check_known,
}


def test_a_block_of_unknown_shape_is_not_let_through(tmp_path: Path) -> None:
    odd = Block(ROOT / "README.md", 1, "something: else\n")
    assert kind(odd) == "unknown"
    part = Block(ROOT / "README.md", 1, "# excerpt\nscreen:\n  kind: question\n")
    assert kind(part) == "excerpt"
    assert kind(Block(ROOT / "README.md", 1, "# info-screen.test.yaml\n- name: x\n")) == "tree test"


def test_the_redmine_skip_message_and_the_readme_agree() -> None:
    """The skip reason a developer sees and the README give the same command and needs."""
    import ast

    source = (ROOT / "tests" / "integration" / "submit" / "test_redmine.py").read_text("utf-8")
    texts = [
        n.value
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]
    skip = " ".join(t for t in texts if "redmine" in t.lower() or "root" in t)
    readme = " ".join((ROOT / "README.md").read_text("utf-8").split())
    command = '`eval "$(bash scripts/redmine-test-server.sh start)"`'
    assert command in skip and command in readme
    for need in ("root", "apt", "Debian"):
        assert need in skip and "needs root, apt and Debian" in readme, need


def test_the_readme_names_the_folder_target_by_its_type() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| `fixit submit"))
    assert "`directory`" in row
