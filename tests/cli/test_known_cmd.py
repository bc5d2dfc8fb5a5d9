"""`fixit known` end to end: the problems in force with where each comes from and how old the
data is, in English, Finnish and Swedish, at 40 and 100 columns and with --plain; --json pure
JSON; --tree; a feed's untrusted text made inert; a file with faults named on stderr."""

from __future__ import annotations

import io
import json
import re
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ..integration.known_server import Feeds, Route, serve

ISSUES = textwrap.dedent(
    """\
    format: 1
    issues:
      - id: portal-slow
        title: {en: The member portal is slow, fi: Jäsenportaali on hidas, sv: Medlemsportalen är långsam}
        text: {en: We are on it., fi: Selvitämme asiaa., sv: Vi jobbar på det.}
        affects: {trees: [web-service], tags: [portal]}
        since: 2026-12-07T08:00:00+02:00
        ticket: "1234"
        workaround:
          en: Use the mobile app meanwhile.
          fi: Käytä sillä välin mobiilisovellusta.
          sv: Använd mobilappen så länge.
        new_reports: false
    """
)


@pytest.fixture
def trees(tmp_path: Path) -> Path:
    folder = tmp_path / "trees"
    folder.mkdir()
    (folder / "known_issues.yaml").write_text(ISSUES, "utf-8")
    return folder


@pytest.fixture
def feeds() -> Iterator[Feeds]:
    with serve() as server:
        yield server


def config(tmp_path: Path, feed: str) -> str:
    path = tmp_path / "config.yaml"
    path.write_text(f"known:\n  feeds: [{feed}]\n  refresh: 0\n  timeout: 2\n", "utf-8")
    return str(path)


EXPECTED = {
    "en": [
        "Known problems in force: 1",
        "",
        "The member portal is slow",
        "  Status: in force, since 2026-12-07 08:00 UTC+02:00",
        "  Description: We are on it.",
        "  Workaround: Use the mobile app meanwhile.",
        "  Help-desk ticket: 1234 (support wants no new reports of it)",
        "  Affects: trees web-service; tags portal",
    ],
    "fi": [
        "Voimassa olevia tunnettuja vikoja: 1",
        "",
        "Jäsenportaali on hidas",
        "  Tila: aktiivinen, alkaen 7.12.2026 klo 8.00 UTC+02:00",  # as the wizard labels it
        "  Kuvaus: Selvitämme asiaa.",
        "  Kiertotie: Käytä sillä välin mobiilisovellusta.",
        "  Tukipyyntö: 1234 (tuki ei halua siitä uusia ilmoituksia)",
        "  Koskee: polut web-service; tunnisteet portal",
    ],
    "sv": [
        "Kända problem som gäller: 1",
        "",
        "Medlemsportalen är långsam",
        "  Tillstånd: pågår, sedan 7.12.2026 kl. 8.00 UTC+02:00",  # as the wizard labels it
        "  Beskrivning: Vi jobbar på det.",
        "  Tillfällig lösning: Använd mobilappen så länge.",
        "  Ärende: 1234 (supporten vill inte ha fler anmälningar om det)",
        "  Gäller: anvisningar web-service; taggar portal",
    ],
}


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
def test_the_problems_in_three_languages_at_100_columns(
    fixit: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, trees: Path, lang: str
) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    r = fixit("--lang", lang, "--trees", str(trees), "known")
    assert r.code == 0 and r.err == ""
    lines = r.out.splitlines()
    assert lines[: len(EXPECTED[lang])] == EXPECTED[lang]
    path = str(trees / "known_issues.yaml")
    heading = {"en": "Read from:", "fi": "Luettu lähteistä:", "sv": "Inläst från:"}[lang]
    assert lines[-5].endswith(f": {path}") and lines[-4].endswith(": portal-slow")
    assert lines[-3:] == ["", heading, f"  {path}"]


@pytest.mark.parametrize("lang", ["en", "fi", "sv"])
@pytest.mark.parametrize("plain", [False, True])
def test_40_columns_wrap_between_words_and_indent(
    fixit: Callable[..., Any], monkeypatch: pytest.MonkeyPatch, trees: Path, lang: str, plain: bool
) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    r = fixit("--lang", lang, "--trees", str(trees), *(["--plain"] if plain else []), "known")
    assert r.code == 0
    path = str(trees / "known_issues.yaml")
    for line in r.out.splitlines():
        assert len(line) <= 40 or path in line  # a path stays whole to be copied
    _heading, problem, read_from = r.out.split("\n\n")
    assert all(line.startswith("  ") for line in problem.splitlines()[1:])
    assert read_from.splitlines()[1:] == [f"  {path}"]
    words = " ".join(r.out.split())
    expected = " ".join(" ".join(EXPECTED[lang]).split())
    assert expected in words
    assert "─" not in r.out and "\x1b" not in r.out


def test_json_is_pure_json(fixit: Callable[..., Any], trees: Path) -> None:
    r = fixit("--lang", "fi", "--trees", str(trees), "known", "--json")
    assert r.code == 0 and r.err == ""
    data = json.loads(r.out)
    assert data["schema_version"] == 1 and data["notices"] == []
    assert data["sources"] == [
        {
            "source": str(trees / "known_issues.yaml"),
            "kind": "file",
            "fetched_at": None,
            "available": True,
        }
    ]
    (problem,) = data["problems"]
    assert problem == {
        "id": "portal-slow",
        "kind": "file",
        "source": str(trees / "known_issues.yaml"),
        "title": {
            "en": "The member portal is slow",
            "fi": "Jäsenportaali on hidas",
            "sv": "Medlemsportalen är långsam",
        },
        "text": {"en": "We are on it.", "fi": "Selvitämme asiaa.", "sv": "Vi jobbar på det."},
        "workaround": {
            "en": "Use the mobile app meanwhile.",
            "fi": "Käytä sillä välin mobiilisovellusta.",
            "sv": "Använd mobilappen så länge.",
        },
        "since": "2026-12-07T08:00:00+02:00",
        "until": None,
        "status": "active",
        "ticket": "1234",
        "new_reports": False,
        "affects": {"trees": ["web-service"], "tags": ["portal"], "checks": [], "urls": []},
        "url": None,
        "fetched_at": None,
    }


def test_tree_keeps_only_the_problems_touching_it(fixit: Callable[..., Any], trees: Path) -> None:
    r = fixit("--trees", str(trees), "known", "--tree", "web-service", "--json")
    assert [p["id"] for p in json.loads(r.out)["problems"]] == ["portal-slow"]
    r = fixit("--trees", str(trees), "known", "--tree", "no-internet")
    path = trees / "known_issues.yaml"
    assert (r.code, r.out) == (
        0,
        f"No known problem touches the tree no-internet.\n\nRead from:\n  {path}\n",
    )
    r = fixit("--lang", "fi", "--trees", str(trees), "known", "--tree", "no-internet")
    assert r.out.startswith(
        "Mikään tunnettu vika ei koske vianetsintäpolkua no-internet.\n\nLuettu"
    )
    r = fixit("--trees", str(trees), "known", "--tree", "nope")
    assert r.code == 1 and r.err.startswith("fixit: error: there is no tree 'nope'.\nhint: ")


def test_nothing_known_says_where_known_problems_come_from(fixit: Callable[..., Any]) -> None:
    r = fixit("known")
    assert (r.code, r.err) == (0, "")
    assert r.out.splitlines() == [
        "No known problems are in force.",
        "Known problems come from a known_issues.yaml in a tree folder and from the feeds under "
        "known: in the configuration (see docs/known.md).",
    ]


def test_a_feeds_text_is_data_never_terminal_commands(
    fixit: Callable[..., Any], feeds: Feeds, tmp_path: Path
) -> None:
    title = "Slow\\e]8;;http://evil\\e\\\\ [red]x[/red] \\u202eevil"  # YAML escapes
    hostile = ISSUES.replace("{en: The member portal is slow,", '{en: "' + title + '",')
    feeds.routes["/k.yaml"] = Route(hostile.encode())
    r = fixit("--config", config(tmp_path, f"{feeds.url}/k.yaml"), "known")
    assert r.code == 0, r.err
    assert "\x1b" not in r.out and "\u202e" not in r.out
    assert "Slow\\x1b]8;;http://evil\\x1b\\ [red]x[/red] <U+202E>evil" in r.out
    assert f"  From: {feeds.url}/k.yaml" in r.out
    assert re.search(r"\n  Read: [0-9] s ago\n", r.out)


def test_a_feed_not_read_is_a_warning_with_the_copys_age(
    fixit: Callable[..., Any], feeds: Feeds, tmp_path: Path
) -> None:
    feeds.routes["/k.yaml"] = Route(ISSUES.encode())
    cfg = config(tmp_path, f"{feeds.url}/k.yaml")
    assert fixit("--config", cfg, "known").code == 0
    feeds.routes["/k.yaml"] = Route(b"", status=503)
    r = fixit("--config", cfg, "--lang", "fi", "known")
    assert r.code == 0 and "Jäsenportaali on hidas" in r.out
    assert r.err.startswith(f"fixit: warning: Syötettä {feeds.url}/k.yaml ei luettu")
    r = fixit("--config", cfg, "known", "--json")
    assert json.loads(r.out)["notices"][0].startswith(f"{feeds.url}/k.yaml was not read (the ")


def test_a_file_with_faults_is_named_on_stderr(fixit: Callable[..., Any], trees: Path) -> None:
    (trees / "known_issues.yaml").write_text(ISSUES.replace("ticket:", "tikcet:"), "utf-8")
    r = fixit("--trees", str(trees), "known")
    assert r.code == 0 and r.out.startswith("No known problems are in force.")
    path = trees / "known_issues.yaml"
    assert r.err == (
        f"fixit: warning: The known-problems file {path} is not used; fix these:\n"
        f"  {path}:8:5: unknown key 'tikcet' in an issue\n"
    )


def test_a_status_page_incident_with_its_link_and_age(
    fixit: Callable[..., Any], feeds: Feeds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ..conftest import DATA

    summary = (DATA / "known" / "summary.json").read_bytes()
    feeds.routes["/api/v2/summary.json"] = Route(
        summary.replace(b"Member portal is slow to log in", b"Portal \\u001b[2J slow")
    )
    cfg = tmp_path / "config.yaml"
    cfg.write_text(
        f"known:\n  statuspage:\n    - url: {feeds.url}\n      components:\n"
        "        Member portal: {trees: [web-service]}\n  refresh: 0\n",
        "utf-8",
    )
    monkeypatch.setenv("COLUMNS", "40")
    r = fixit("--config", str(cfg), "--lang", "fi", "known", "--tree", "web-service")
    assert r.code == 0 and r.err == ""
    lines = r.out.splitlines()
    assert lines[:7] == [
        "Voimassa olevia tunnettuja vikoja: 1",  # the component is folded into the incident
        "",
        "Portal \\x1b[2J slow",
        "  Tila: syy on selvillä, ja tuki korjaa",
        "    vikaa, alkaen 7.12.2026 klo 8.00",
        "    UTC+02:00",
        "  Kuvaus: The cause is a full database",
    ]
    assert "  Lisätietoa: https://stspg.io/abc123" in lines
    assert f"Lähde: {feeds.url}/api/v2/summary.json" in " ".join(r.out.split())  # URL whole
    assert "  Luettu: 0 s sitten" in lines or "  Luettu: 1 s sitten" in lines
    assert "osittain poissa käytöstä" not in r.out  # the component: one outage, one problem


def test_trees_validate_checks_the_known_file_beside_the_trees(
    fixit: Callable[..., Any], trees: Path
) -> None:
    from ..conftest import SHIPPED

    (trees / "web-service.yaml").write_text((SHIPPED / "web-service.yaml").read_text("utf-8"))
    r = fixit("trees", "validate", str(trees))
    checked = "2 files checked (tree files: 1, known-problem files: 1): all valid."
    assert (r.code, r.out.strip()) == (0, checked)  # known_issues.yaml is no tree file
    known = trees / "known_issues.yaml"
    known.write_text(ISSUES.replace("ticket:", "tikcet:").replace("format: 1", "format: 2"))
    for target in (trees, known):
        r = fixit("trees", "validate", str(target))
        assert r.code == 1
        assert r.err.splitlines()[:2] == [
            f"{known}:1:9: format must be 1 (this fixit reads known_issues.yaml format 1)",
            f"{known}:8:5: unknown key 'tikcet' in an issue",
        ]
    r = fixit("--trees", str(trees), "trees", "validate")  # every folder, the --trees one too
    assert r.code == 1 and f"{known}:8:5: unknown key 'tikcet' in an issue" in r.err


def test_schema_prints_the_shipped_json_schema(fixit: Callable[..., Any]) -> None:
    from ..conftest import SHIPPED

    r = fixit("known", "--schema")
    assert (r.code, r.err) == (0, "")
    assert r.out == (SHIPPED / "known_issues.schema.json").read_text("utf-8")


class _Terminal(io.StringIO):
    """A stream that says it is a terminal (colour and a spinner are allowed on it)."""

    def isatty(self) -> bool:
        return True


def test_a_spinner_on_a_terminal_while_the_feeds_are_read(
    feeds: Feeds, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fixit.commands.known_cmd import known
    from fixit.context import AppContext
    from fixit.term import Screen

    monkeypatch.setenv("TERM", "xterm")
    feeds.routes["/k.yaml"] = Route(ISSUES.encode())
    ctx = AppContext(config_path=Path(config(tmp_path, f"{feeds.url}/k.yaml")))
    stream = _Terminal()
    ctx.screen = Screen(stream=stream)
    assert known(ctx) == 0
    assert "Reading the known-problem feeds…" in stream.getvalue()
    assert "The member portal is slow" in stream.getvalue()
