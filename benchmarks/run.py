"""Start-up benchmarks, run on demand (never in the test suite, never in CI).

    python benchmarks/run.py                # BENCH_ROUNDS=N for more rounds (default 15)
    python benchmarks/run.py --profile      # also cProfiles: --help, warm trees list, start

Measures, side by side and interleaved in one run (2 warm-up runs each, then ROUNDS rounds in
which every alternative runs once; median and minimum wall time):

1. `fixit --help` against `python -c "import typer"`                  (target: at most 2.0x);
2. the first question in a pseudo-terminal: `fixit --trees DIR start TREE` on a small tree whose
   start node is a question, against a bare `questionary.select(...).unsafe_ask()`
   (target: at most 1.5x). Two moments are timed per run: when the question's text first shows,
   and when the answerable prompt is drawn (questionary's "(Use arrow keys)" line, drawn in the
   same frame as the choices). fixit prints the question in a header before its prompt, so the
   first moment flatters it; the target is judged on the second;
3. `fixit trees list` over a generated library of 100 trees of 150 nodes: once with an empty cache
   (cold), then warm, against `fixit --help` (target: warm at most 1.5x);
4. the first question of a generated 10,000-node tree (`gen-big`, 1 MB of YAML), timed as in 2
   with a warm tree cache: once its snapshot is stored (every session after the first) and with
   the snapshot removed before each run (the first session of the tree); target at most 0.7 s,
   1.5x the bare prompt better still.

Then the import cost of `import fixit.cli` (`python -X importtime`, top 10 by cumulative time) and
which of the known heavy modules each benchmarked command actually imports.
"""

from __future__ import annotations

import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXIT = str(Path(sys.executable).parent / "fixit")
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
WARMUPS = 2

BARE_PROMPT = "import questionary; questionary.select('Pick one', choices=['a','b']).unsafe_ask()"
#: questionary's select instruction: drawn with the choices, once the prompt can be answered
PROMPT_READY = "(Use arrow keys)"

FIRST_TREE = "bench-first"
FIRST_QUESTION = {"en": "Is the printer switched on?", "fi": "Onko tulostin päällä?"}

#: modules the issue names as expensive, and the ones start-up is made of
HEAVY = (
    "questionary",
    "prompt_toolkit",
    "requests",
    "psutil",
    "rich.markdown",
    "rich.table",
    "yaml",
    "typer",
    "rich.console",
    "pydantic",
)

Timing = dict[str, float]


# --- data -----------------------------------------------------------------------------------


def generated_tree(t: int, nodes: int = 150) -> dict[str, object]:
    """A valid format-1 tree of `nodes` nodes: a chain of diamonds, then two end nodes.

    Each diamond is four nodes: a question whose choices split to a step and an input, both of
    which join again at an info node that leads to the next diamond. A step's "solved" and every
    question's "give up" choice lead to the end nodes, so every node is reachable from the start
    and can reach an end. Texts are in English and Finnish.
    """
    blocks = (nodes - 2) // 4
    extra = nodes - 2 - 4 * blocks  # leftover info nodes at the end of the chain
    body: dict[str, object] = {}

    def text(en: str, fi: str) -> dict[str, str]:
        return {"en": en, "fi": fi}

    for k in range(blocks):
        nxt = f"q{k + 1}" if k + 1 < blocks else ("x0" if extra else "done")
        body[f"q{k}"] = {
            "kind": "question",
            "text": text(
                f"Tree {t}, part {k}: does the device show an error message?",
                f"Polku {t}, osa {k}: näyttääkö laite virheilmoitusta?",
            ),
            "help": text(
                "Look at the screen and at the lights on the front panel.",
                "Katso näyttöä ja etupaneelin merkkivaloja.",
            ),
            "choices": [
                {"id": "yes", "label": text("Yes", "Kyllä"), "goto": f"s{k}"},
                {"id": "no", "label": text("No", "Ei"), "goto": f"i{k}"},
                {"id": "give-up", "label": text("Give up", "Luovuta"), "goto": "support"},
            ],
        }
        body[f"s{k}"] = {
            "kind": "step",
            "text": text(
                f"Restart the device and wait a minute (part {k}).",
                f"Käynnistä laite uudelleen ja odota minuutti (osa {k}).",
            ),
            "say": text(
                "Ask the caller to switch the device off, wait ten seconds and switch it on.",
                "Pyydä soittajaa sammuttamaan laite, odottamaan hetken ja käynnistämään se.",
            ),
            "solved": "done",
            "unsolved": f"j{k}",
        }
        body[f"i{k}"] = {
            "kind": "input",
            "field": f"detail_{k}",
            "type": "text",
            "required": False,
            "text": text(
                f"Describe what you see (part {k}).",
                f"Kuvaile, mitä näet (osa {k}).",
            ),
            "goto": f"j{k}",
        }
        body[f"j{k}"] = {
            "kind": "info",
            "text": text(
                f"Thank you. Next we look at part {k + 1}.",
                f"Kiitos. Seuraavaksi katsotaan osaa {k + 1}.",
            ),
            "goto": nxt,
        }
    for x in range(extra):
        body[f"x{x}"] = {
            "kind": "info",
            "text": text(f"Almost done ({x}).", f"Melkein valmista ({x})."),
            "goto": f"x{x + 1}" if x + 1 < extra else "done",
        }
    body["done"] = {
        "kind": "end",
        "outcome": "resolved",
        "text": text("The problem is solved.", "Ongelma on ratkaistu."),
    }
    body["support"] = {
        "kind": "end",
        "outcome": "escalate",
        "text": text("Support needs to look at this.", "Tuen on selvitettävä tämä."),
    }
    assert len(body) == nodes, len(body)
    return {
        "format": 1,
        "id": f"gen-{t:03d}",
        "version": 1,
        "title": text(f"Generated problem {t:03d}", f"Generoitu ongelma {t:03d}"),
        "category": ("incident", "service_request", "advice")[t % 3],
        "audience": ["self", "agent"],
        "tags": ["generated", f"group-{t % 7}"],
        "start": "q0",
        "nodes": body,
    }


BIG_TREE = "gen-big"
BIG_NODES = 10_000
BIG_QUESTION = "Error in part 0?"


def big_tree_yaml(nodes: int = BIG_NODES, tree_id: str = BIG_TREE) -> str:
    """A valid tree of `nodes` nodes, written one flow-style line per node so that it stays
    under the 1 MiB size limit of a tree file: the diamonds of `generated_tree` with short
    English texts (a question, a step, an input and an info node each), then two end nodes."""
    blocks = (nodes - 2) // 4
    extra = nodes - 2 - 4 * blocks
    out = [
        "format: 1",
        f"id: {tree_id}",
        "version: 1",
        f"title: {{en: A generated tree of {nodes} nodes}}",
    ]
    out += ["start: q0", "nodes:"]
    for k in range(blocks):
        nxt = f"q{k + 1}" if k + 1 < blocks else ("x0" if extra else "done")
        choices = (
            f"[{{id: a, label: {{en: Yes}}, goto: s{k}}}, "
            f"{{id: b, label: {{en: No}}, goto: i{k}}}, "
            "{id: c, label: {en: Give up}, goto: support}]"
        )
        out += [
            f"  q{k}: {{kind: question, text: {{en: Error in part {k}?}}, choices: {choices}}}",
            f"  s{k}: {{kind: step, text: {{en: Restart part {k}.}}, "
            f"solved: done, unsolved: j{k}}}",
            f"  i{k}: {{kind: input, field: d{k}, text: {{en: What do you see?}}, goto: j{k}}}",
            f"  j{k}: {{kind: info, text: {{en: Next part.}}, goto: {nxt}}}",
        ]
    for x in range(extra):
        after = f"x{x + 1}" if x + 1 < extra else "done"
        out.append(f"  x{x}: {{kind: info, text: {{en: Almost there.}}, goto: {after}}}")
    out.append("  done: {kind: end, outcome: resolved, text: {en: Solved.}}")
    out.append("  support: {kind: end, outcome: escalate, text: {en: Support will help.}}")
    return "\n".join(out) + "\n"


def write_big_tree(folder: Path) -> int:
    """Writes the 10,000-node tree; returns its size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    data = big_tree_yaml().encode()
    (folder / f"{BIG_TREE}.yaml").write_bytes(data)
    return len(data)


def dump(data: dict[str, object]) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def write_library(folder: Path, trees: int = 100, nodes: int = 150) -> int:
    """Writes gen-000..gen-NNN as block-style YAML; returns the total size in bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for t in range(trees):
        data = dump(generated_tree(t, nodes)).encode()
        (folder / f"gen-{t:03d}.yaml").write_bytes(data)
        size += len(data)
    return size


def write_first_question_tree(folder: Path) -> None:
    """A small tree whose start node is a question."""
    folder.mkdir(parents=True, exist_ok=True)
    tree = {
        "format": 1,
        "id": FIRST_TREE,
        "version": 1,
        "title": {"en": "The printer does not print", "fi": "Tulostin ei tulosta"},
        "start": "power",
        "nodes": {
            "power": {
                "kind": "question",
                "text": FIRST_QUESTION,
                "choices": [
                    {"id": "yes", "label": {"en": "Yes", "fi": "Kyllä"}, "goto": "paper"},
                    {"id": "no", "label": {"en": "No", "fi": "Ei"}, "goto": "switch_on"},
                ],
            },
            "switch_on": {
                "kind": "step",
                "text": {"en": "Switch the printer on.", "fi": "Kytke tulostin päälle."},
                "solved": "done",
                "unsolved": "support",
            },
            "paper": {
                "kind": "info",
                "text": {"en": "Check the paper tray.", "fi": "Tarkista paperilokero."},
                "goto": "support",
            },
            "done": {
                "kind": "end",
                "outcome": "resolved",
                "text": {"en": "Solved.", "fi": "Ratkaistu."},
            },
            "support": {
                "kind": "end",
                "outcome": "escalate",
                "text": {"en": "Support will help.", "fi": "Tuki auttaa."},
            },
        },
    }
    (folder / f"{FIRST_TREE}.yaml").write_text(dump(tree), encoding="utf-8")


def isolated_env(base: Path) -> dict[str, str]:
    """The environment every benchmarked fixit runs in: empty state, system and config folders
    under `base`, none of the user's FIXIT_* choices, a plain xterm without cursor queries."""
    env = {
        **os.environ,
        "FIXIT_HOME": str(base / "home"),
        "FIXIT_SYSTEM_DIR": str(base / "etc"),
        "XDG_CONFIG_HOME": str(base / "cfg"),
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm",
    }
    for name in ("FIXIT_TREES", "FIXIT_CONFIG", "FIXIT_LANG", "NO_COLOR"):
        env.pop(name, None)
    return env


# --- timing ---------------------------------------------------------------------------------


def wall(cmd: list[str], env: dict[str, str]) -> float:
    """Wall seconds of one run; output discarded; a failure stops the benchmark."""
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    return elapsed


def on_screen(cmd: list[str], texts: list[str], env: dict[str, str]) -> Timing:
    """Seconds from spawning `cmd` in a pty until one of `texts` shows, and until the prompt
    is ready to answer (PROMPT_READY shows after it). The process is killed afterwards."""
    started = time.perf_counter()
    child = pexpect.spawn(
        cmd[0], cmd[1:], env=env, encoding="utf-8", timeout=30, dimensions=(40, 100)
    )
    try:
        child.expect_exact(texts)
        text_at = time.perf_counter() - started
        child.expect_exact(PROMPT_READY)
        ready_at = time.perf_counter() - started
    except (pexpect.TIMEOUT, pexpect.EOF):
        shown = (child.before or "")[-1500:]
        sys.exit(f"{' '.join(cmd)}: never showed {texts} then {PROMPT_READY!r}; screen:\n{shown}")
    finally:
        child.kill(9)
        child.close(force=True)
    return {"text": text_at, "ready": ready_at}


def measure(
    runs: dict[str, Callable[[], Timing]], rounds: int
) -> dict[str, dict[str, list[float]]]:
    """WARMUPS runs of each, then `rounds` rounds that run every alternative once, in turn."""
    for fn in runs.values():
        for _ in range(WARMUPS):
            fn()
    times: dict[str, dict[str, list[float]]] = {name: {} for name in runs}
    for _ in range(rounds):
        for name, fn in runs.items():
            for key, value in fn().items():
                times[name].setdefault(key, []).append(value)
    return times


# --- what start-up is made of ---------------------------------------------------------------

IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def parse_importtime(text: str) -> dict[str, tuple[int, int]]:
    """module -> (self us, cumulative us) from -X importtime output."""
    out: dict[str, tuple[int, int]] = {}
    for m in IMPORT_LINE.finditer(text):
        out[m.group(4)] = (int(m.group(1)), int(m.group(2)))
    return out


def interpreter_modules(env: dict[str, str]) -> dict[str, tuple[int, int]]:
    """What `python -c pass` imports already (site, and whatever its .pth files import)."""
    cmd = [sys.executable, "-X", "importtime", "-c", "pass"]
    return parse_importtime(subprocess.run(cmd, env=env, capture_output=True, text=True).stderr)


def import_fixit_cli(env: dict[str, str], runs: int = 5) -> dict[str, tuple[float, float]]:
    """Median self and cumulative ms per module of `import fixit.cli` over `runs` runs."""
    cmd = [sys.executable, "-X", "importtime", "-c", "import fixit.cli"]
    subprocess.run(cmd, env=env, capture_output=True)  # warm the page cache
    samples: dict[str, list[tuple[int, int]]] = {}
    for _ in range(runs):
        err = subprocess.run(cmd, env=env, capture_output=True, text=True).stderr
        for mod, value in parse_importtime(err).items():
            samples.setdefault(mod, []).append(value)
    return {
        mod: (
            statistics.median(s for s, _ in v) / 1000,
            statistics.median(c for _, c in v) / 1000,
        )
        for mod, v in samples.items()
    }


def imports_of(cmd: list[str], env: dict[str, str]) -> dict[str, tuple[int, int]]:
    """The modules a command imports (PYTHONPROFILEIMPORTTIME), run with output captured."""
    env = {**env, "PYTHONPROFILEIMPORTTIME": "1"}
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    return parse_importtime(done.stderr)


def imports_in_pty(
    cmd: list[str], texts: list[str], env: dict[str, str]
) -> dict[str, tuple[int, int]]:
    """The modules imported until the prompt is drawn (importtime lines land on the pty)."""
    env = {**env, "PYTHONPROFILEIMPORTTIME": "1"}
    child = pexpect.spawn(
        cmd[0], cmd[1:], env=env, encoding="utf-8", timeout=30, dimensions=(40, 400)
    )
    try:
        child.expect_exact(texts)
        seen = child.before
        child.expect_exact(PROMPT_READY)
        seen += child.before
    finally:
        child.kill(9)
        child.close(force=True)
    return parse_importtime(seen)


def profile(cmd_args: list[str], env: dict[str, str]) -> str:
    """cProfile of one fixit run, top 25 by cumulative time."""
    code = (
        "import cProfile, pstats, sys, io\n"
        "from fixit.__main__ import entry\n"
        f"sys.argv = ['fixit', *{cmd_args!r}]\n"
        "p = cProfile.Profile()\n"
        "p.enable()\n"
        "try:\n"
        "    entry()\n"
        "except SystemExit:\n"
        "    pass\n"
        "p.disable()\n"
        "s = io.StringIO()\n"
        "pstats.Stats(p, stream=s).sort_stats('cumulative').print_stats(25)\n"
        "sys.stderr.write(s.getvalue())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    return done.stderr


PROFILE_START = """
import cProfile, io, os, pstats, signal, sys
sys.argv = ["fixit", *ARGS]
p = cProfile.Profile()
def dump(*_):
    p.disable()
    s = io.StringIO()
    pstats.Stats(p, stream=s).sort_stats("cumulative").print_stats(r"fixit/|__init__", 30)
    with open(OUT, "w") as f:
        f.write(s.getvalue())
    os._exit(0)
signal.signal(signal.SIGUSR1, dump)
p.enable()
from fixit.__main__ import entry
entry()
"""


def profile_start(args: list[str], texts: list[str], env: dict[str, str], out: Path) -> str:
    """cProfile of `fixit start` until its prompt is drawn (SIGUSR1 then dumps the stats)."""
    code = PROFILE_START.replace("ARGS", repr(args)).replace("OUT", repr(str(out)))
    child = pexpect.spawn(
        sys.executable, ["-c", code], env=env, encoding="utf-8", timeout=30, dimensions=(40, 100)
    )
    try:
        child.expect_exact(texts)
        child.expect_exact(PROMPT_READY)
        child.kill(signal.SIGUSR1)
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    return out.read_text() if out.exists() else "(no profile written)"


# --- report ---------------------------------------------------------------------------------


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"nproc {os.cpu_count()}, {cpu}, Python {sys.version.split()[0]}"


def main() -> None:
    want_profile = "--profile" in sys.argv[1:]
    # an editable install under PYTHONDONTWRITEBYTECODE never writes fixit's .pyc files; a real
    # install compiles on install, so compile once to measure what users get
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=False)
    with tempfile.TemporaryDirectory(prefix="fixit-bench-") as tmp:
        base = Path(tmp)
        lib, small, big = base / "library", base / "small", base / "big"
        size = write_library(lib)
        write_first_question_tree(small)
        big_size = write_big_tree(big)
        env = isolated_env(base)
        for folder in (lib, small, big):
            check = subprocess.run(
                [FIXIT, "trees", "validate", str(folder)], env=env, capture_output=True, text=True
            )
            if check.returncode != 0:
                sys.exit(
                    f"generated trees in {folder} do not validate:\n{check.stdout}{check.stderr}"
                )
        listing = [FIXIT, "--trees", str(lib), "trees", "list"]
        listed = subprocess.run(listing, env=env, capture_output=True, text=True)
        found = sum(f"gen-{t:03d}" in listed.stdout for t in range(100))
        if found != 100:
            sys.exit(
                f"trees list shows {found} of the 100 generated trees:\n{listed.stdout[-2000:]}"
            )

        subprocess.run([FIXIT, "--trees", str(big), "trees", "list"], env=env, capture_output=True)
        cold_env = {**env, "FIXIT_HOME": str(base / "cold")}
        cold = wall(listing, cold_env)

        start = [FIXIT, "--trees", str(small), "start", FIRST_TREE]
        big_start = [FIXIT, "--trees", str(big), "start", BIG_TREE]
        snapshots = base / "home" / "trees"

        def big_new() -> Timing:
            for stored in snapshots.glob("*.json"):
                stored.unlink()
            return on_screen(big_start, [BIG_QUESTION], env)

        bare = [sys.executable, "-c", BARE_PROMPT]
        texts = list(FIRST_QUESTION.values())
        runs: dict[str, Callable[[], Timing]] = {
            "typer": lambda: {"wall": wall([sys.executable, "-c", "import typer"], env)},
            "help": lambda: {"wall": wall([FIXIT, "--help"], env)},
            "list": lambda: {"wall": wall(listing, env)},
            "bare": lambda: on_screen(bare, ["Pick one"], env),
            "start": lambda: on_screen(start, texts, env),
            "big": lambda: on_screen(big_start, [BIG_QUESTION], env),
            "big_new": big_new,
        }
        times = measure(runs, ROUNDS)

        cli_imports = import_fixit_cli(env)
        interpreter = interpreter_modules(env)
        bare_imports = imports_in_pty(bare, ["Pick one"], env)
        used = {
            "--help": imports_of([FIXIT, "--help"], env),
            "trees list": imports_of(listing, env),
            "start": imports_in_pty(start, texts, env),
        }
        profiles = (
            {
                "fixit --help": profile(["--help"], env),
                "fixit trees list (warm)": profile(["--trees", str(lib), "trees", "list"], env),
                "fixit start, until the prompt is drawn (fixit/ and package inits)": profile_start(
                    ["--trees", str(small), "start", FIRST_TREE], texts, env, base / "start.prof"
                ),
            }
            if want_profile
            else {}
        )

    def row(label: str, values: list[float]) -> str:
        return f"{label:50} {statistics.median(values):8.3f} {min(values):8.3f}"

    print(f"machine: {machine()}")
    print(f"command: {' '.join(sys.argv)}  (BENCH_ROUNDS={ROUNDS})")
    print(f"library: 100 trees x 150 nodes, {size / 1e6:.2f} MB of YAML")
    print(f"big tree: {BIG_NODES} nodes, {big_size / 1e6:.2f} MB of YAML")
    print(f"{ROUNDS} interleaved rounds after {WARMUPS} warm-ups each; wall seconds")
    print()
    print(f"{'measure':50} {'median':>8} {'min':>8}")
    print(row("python -c 'import typer'", times["typer"]["wall"]))
    print(row("fixit --help", times["help"]["wall"]))
    print(row("bare questionary.select: 'Pick one' + prompt", times["bare"]["ready"]))
    print(row("fixit start: question text first shown", times["start"]["text"]))
    print(row("fixit start: prompt ready (choices drawn)", times["start"]["ready"]))
    print(row("fixit start, 10k nodes: prompt ready", times["big"]["ready"]))
    print(row("fixit start, 10k nodes, snapshot not stored yet", times["big_new"]["ready"]))
    print(row("fixit trees list, 100x150, warm cache", times["list"]["wall"]))
    print(f"{'fixit trees list, 100x150, cold cache (once)':50} {cold:8.3f}")
    print()
    # (label, numerator, denominator, target); both (name, key) into `times`
    ratios = [
        ("fixit --help / import typer", ("help", "wall"), ("typer", "wall"), 2.0),
        ("first question ready / bare prompt", ("start", "ready"), ("bare", "ready"), 1.5),
        ("(question text shown / bare prompt)", ("start", "text"), ("bare", "ready"), None),
        ("trees list warm / fixit --help", ("list", "wall"), ("help", "wall"), 1.5),
        ("10k-node first question / bare prompt", ("big", "ready"), ("bare", "ready"), 1.5),
        ("(the same, snapshot not stored yet)", ("big_new", "ready"), ("bare", "ready"), 1.5),
    ]
    print(f"{'ratio':38} {'medians':>8} {'mins':>6} {'paired':>7}  (paired: per-round ratios)")
    for name, (a, ak), (b, bk), target in ratios:
        num, den = times[a][ak], times[b][bk]
        ratio = statistics.median(num) / statistics.median(den)
        paired = statistics.median(x / y for x, y in zip(num, den, strict=True))
        cells = f"{name:38} {ratio:7.2f}x {min(num) / min(den):5.2f}x {paired:6.2f}x"
        if target is None:
            print(f"{cells}  not the target: the prompt is not up yet")
        else:
            verdict = "met" if ratio <= target else f"MISSED by {ratio / target - 1:.0%}"
            print(f"{cells}  target <= {target}x (medians): {verdict}")
    print()
    site_ms = interpreter.get("site", (0, 0))[1] / 1000
    print("python -X importtime -c 'import fixit.cli' (median of 5), top 10 by cumulative,")
    print(f"leaving out what `python -c pass` imports already (site: {site_ms:.1f} ms here):")
    print(f"{'module':40} {'cumul ms':>9} {'self ms':>8}")
    own_mods = {m: v for m, v in cli_imports.items() if m not in interpreter}
    top = sorted(own_mods.items(), key=lambda kv: kv[1][1], reverse=True)[:10]
    for mod, (own, cum) in top:
        print(f"{mod:40} {cum:9.1f} {own:8.1f}")
    print()
    extra = {
        m: v for m, v in used["start"].items() if m not in bare_imports and m not in interpreter
    }
    extra_self = sum(own for own, _ in extra.values()) / 1000
    print(f"fixit start imports {len(extra)} modules the bare prompt does not, {extra_self:.1f} ms")
    print("of import time in all (one run; importtime inflates); top 10 of them by cumulative:")
    for mod, (own, cum) in sorted(extra.items(), key=lambda kv: kv[1][1], reverse=True)[:10]:
        print(f"{mod:40} {cum / 1000:9.1f} {own / 1000:8.1f}")
    print()
    print("heavy modules: cumulative import ms in each command (- = not imported)")
    print(f"{'module':20} {'import fixit.cli':>17} {'--help':>8} {'trees list':>11} {'start':>8}")
    for mod in HEAVY:
        costs = [cli_imports[mod][1] if mod in cli_imports else None]
        costs += [used[c][mod][1] / 1000 if mod in used[c] else None for c in used]
        shown = [f"{c:.1f}" if c is not None else "-" for c in costs]
        print(f"{mod:20} {shown[0]:>17} {shown[1]:>8} {shown[2]:>11} {shown[3]:>8}")
    for name, text in profiles.items():
        print()
        print(f"cProfile of {name}:")
        print(text)


if __name__ == "__main__":
    main()
