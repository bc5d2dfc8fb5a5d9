"""The import graph of src/fixit: no circles, and no command module importing another.

Every `import` and `from … import` counts wherever it is written: at the top, inside a
function (fixit imports much on first use, for start-up) and under `TYPE_CHECKING`. A circle
that only forms through such imports is still a circle: the modules cannot be read, tested or
moved one without the other. Commands share through `fixit.flows`, never through each other."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src"
COMMANDS = "fixit.commands"


@dataclass(frozen=True)
class Edge:
    """One import: the module that makes it, the module it loads, and where it is written."""

    source: str
    target: str
    line: int


def module_name(path: Path, root: Path) -> str:
    """`fixit.report.model` for src/fixit/report/model.py; a package is its `__init__`."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(root: Path) -> dict[str, Path]:
    """Every module of the `fixit` package under `root`, by dotted name."""
    return {module_name(p, root): p for p in sorted((root / "fixit").rglob("*.py"))}


def _resolve(name: str, known: Mapping[str, Path]) -> str | None:
    """The module `name` loads: itself, or the deepest module above an attribute of one."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def _base(module: str, is_package: bool, level: int, written: str | None) -> str:
    """The absolute module a `from` import names (relative imports resolved)."""
    if level == 0:
        return written or ""
    package = module if is_package else module.rpartition(".")[0]
    for _ in range(level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{written}" if written else package


def imports_of(module: str, path: Path, known: Mapping[str, Path]) -> Iterator[Edge]:
    """Every import of a fixit module written anywhere in `path`."""
    tree = ast.parse(path.read_text("utf-8"), str(path))
    is_package = path.name == "__init__.py"
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _base(module, is_package, node.level, node.module)
            # `from fixit import sessions` loads the module fixit.sessions, not only the package
            names = [f"{base}.{alias.name}" for alias in node.names if alias.name != "*"]
            names = [n if n in known else base for n in names] or [base]
        targets = {_resolve(n, known) for n in names if n.split(".")[0] == "fixit"}
        for target in sorted(t for t in targets if t is not None and t != module):
            yield Edge(module, target, node.lineno)  # once per statement and module it loads


def import_graph(root: Path) -> dict[str, list[Edge]]:
    """Each module's imports of other fixit modules."""
    known = modules(root)
    return {m: list(imports_of(m, p, known)) for m, p in known.items()}


def circles(graph: Mapping[str, list[Edge]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(start: str) -> None:
        # iterative, so a deep graph cannot hit the recursion limit
        work = [(start, iter(graph.get(start, ())))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for edge in edges:
                if edge.target not in index:
                    index[edge.target] = low[edge.target] = len(index)
                    stack.append(edge.target)
                    on_stack.add(edge.target)
                    work.append((edge.target, iter(graph.get(edge.target, ()))))
                    break
                if edge.target in on_stack:
                    low[node] = min(low[node], index[edge.target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        found.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return sorted(found)


def one_cycle(graph: Mapping[str, list[Edge]], group: list[str]) -> list[Edge]:
    """A shortest way round from the group's first module back to itself, edge by edge."""
    members, start = set(group), group[0]
    came: dict[str, Edge] = {}
    todo = [start]
    while todo:
        node = todo.pop(0)
        for edge in graph[node]:
            if edge.target == start:
                path = [edge]
                while path[0].source != start:
                    path.insert(0, came[path[0].source])
                return path
            if edge.target in members and edge.target not in came:
                came[edge.target] = edge
                todo.append(edge.target)
    raise AssertionError(f"no cycle through {start}")  # pragma: no cover - a group has one


def describe(graph: Mapping[str, list[Edge]], group: list[str]) -> str:
    """A circle as a reader follows it: `a:12 -> b`, each arrow at the line it is written."""
    steps = [f"{e.source}:{e.line} -> {e.target}" for e in one_cycle(graph, group)]
    return f"circle of {len(group)} modules ({', '.join(group)}):\n    " + "\n    ".join(steps)


def command_imports(graph: Mapping[str, list[Edge]]) -> list[Edge]:
    """Imports of one command module by another (cli.py importing commands is the design)."""
    return [
        e
        for m, edges in graph.items()
        if m.startswith(f"{COMMANDS}.")
        for e in edges
        if e.target.startswith(f"{COMMANDS}.") and e.target != m
    ]


#: who may import each upper layer: itself and the layers above it (imports run down)
UPPER = {
    f"{COMMANDS}.": ("fixit.cli.", "fixit.__main__.", f"{COMMANDS}."),
    "fixit.flows.": ("fixit.cli.", "fixit.__main__.", f"{COMMANDS}.", "fixit.flows."),
}


def upward_imports(graph: Mapping[str, list[Edge]]) -> list[Edge]:
    """Imports of a command or of the application layer from below it."""
    return [
        e
        for edges in graph.values()
        for e in edges
        for layer, callers in UPPER.items()
        if e.target.startswith(layer) and not f"{e.source}.".startswith(callers)
    ]


# --- the rules, on fixit itself ---


def test_no_module_of_fixit_is_in_an_import_circle() -> None:
    graph = import_graph(SRC)
    found = circles(graph)
    assert not found, "import circles in src/fixit:\n" + "\n".join(
        describe(graph, g) for g in found
    )


def test_no_command_module_imports_another() -> None:
    found = command_imports(import_graph(SRC))
    assert not found, "command modules importing each other (share through fixit.flows):\n" + (
        "\n".join(f"  {e.source}:{e.line} imports {e.target}" for e in found)
    )


#: what only the application layer (fixit.flows) reads: sessions on disk, the configuration,
#: the credentials file; the report and submit packages take plain values instead
READ_ABOVE = (
    "fixit.sessions",
    "fixit.session_read",
    "fixit.session_lock",
    "fixit.tree_store",
    "fixit.snapshot",
    "fixit.config",
    "fixit.credentials",
)


def test_report_and_submit_read_no_session_configuration_or_credentials() -> None:
    graph = import_graph(SRC)
    found = [
        f"  {e.source}:{e.line} imports {e.target}"
        for m, edges in graph.items()
        if m.startswith(("fixit.report.", "fixit.submit.")) or m == "fixit.summary"
        for e in edges
        if e.target in READ_ABOVE
    ]
    assert not found, "report/, submit/ and summary take plain values:\n" + "\n".join(found)


def test_only_the_top_imports_the_commands_and_the_application_layer() -> None:
    found = upward_imports(import_graph(SRC))
    assert not found, "imports that run back up:\n" + "\n".join(
        f"  {e.source}:{e.line} imports {e.target}" for e in found
    )


def test_the_graph_sees_imports_made_anywhere() -> None:
    """The walk is only as good as what it reads: these imports of fixit are known to exist
    in function bodies, under TYPE_CHECKING and as `from fixit import module`."""
    graph = import_graph(SRC)
    targets = {(e.source, e.target) for edges in graph.values() for e in edges}
    assert ("fixit.cli", "fixit.commands.run") in targets  # inside a function
    assert ("fixit.context", "fixit.term") in targets  # under TYPE_CHECKING
    assert ("fixit.flows.session", "fixit.sessions") in targets  # `from fixit import sessions`


# --- the walk itself, on a small package written for the test ---


def _package(tmp_path: Path, files: Mapping[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / "fixit" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "a_imports",
    [
        "from fixit import b\n",
        "import fixit.b\n",
        "from fixit.b import thing\n",
        "from . import b\n",
        "from .b import thing\n",
        "def later():\n    from fixit.b import thing\n",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from fixit.b import Thing\n",
    ],
)
def test_a_circle_is_found_however_its_imports_are_written(tmp_path: Path, a_imports: str) -> None:
    root = _package(
        tmp_path,
        {"__init__.py": "", "a.py": a_imports, "b.py": "from fixit.sub import c\n"}
        | {"sub/__init__.py": "", "sub/c.py": "from ..a import x\n"},
    )
    graph = import_graph(root)
    assert circles(graph) == [["fixit.a", "fixit.b", "fixit.sub.c"]]
    assert describe(graph, ["fixit.a", "fixit.b", "fixit.sub.c"]).endswith(
        "fixit.a:"
        + str(a_imports.count("\n"))
        + " -> fixit.b\n    fixit.b:1 -> fixit.sub.c\n    fixit.sub.c:1 -> fixit.a"
    )


def test_an_import_of_a_name_from_a_package_is_an_edge_to_the_package(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "pkg/__init__.py": "from fixit.pkg.impl import thing\n",
            "pkg/impl.py": "from fixit.user import use\n",
            "user.py": "from fixit.pkg import thing\n",
        },
    )
    assert circles(import_graph(root)) == [["fixit.pkg", "fixit.pkg.impl", "fixit.user"]]


def test_one_way_imports_are_no_circle(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "import os\nfrom fixit import b\nfrom fixit.c import x\n",
            "b.py": "from fixit.c import y\nimport fixit\n",
            "c.py": "from fixit import __version__\n",
        },
    )
    graph = import_graph(root)
    assert circles(graph) == []
    assert {e.target for e in graph["fixit.a"]} == {"fixit.b", "fixit.c"}


def test_a_command_importing_another_is_named_but_cli_may_import_them(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "cli.py": "def main():\n    from fixit.commands.one import run\n",
            "commands/__init__.py": "",
            "commands/one.py": "def run():\n    from fixit.commands import two\n",
            "commands/two.py": "from fixit.flows import shared\n",
            "flows/__init__.py": "",
            "flows/shared.py": "",
        },
    )
    found = command_imports(import_graph(root))
    assert [(e.source, e.target, e.line) for e in found] == [
        ("fixit.commands.one", "fixit.commands.two", 2)
    ]


def test_a_lower_module_importing_the_application_layer_is_named(tmp_path: Path) -> None:
    root = _package(
        tmp_path,
        {
            "__init__.py": "",
            "cli.py": "from fixit.commands import one\n",
            "commands/__init__.py": "",
            "commands/one.py": "from fixit.flows import shared\n",
            "flows/__init__.py": "",
            "flows/shared.py": "from fixit import engine\n",
            "engine.py": "def later():\n    from fixit.flows.shared import x\n",
        },
    )
    found = upward_imports(import_graph(root))
    assert [(e.source, e.target, e.line) for e in found] == [
        ("fixit.engine", "fixit.flows.shared", 2)
    ]
