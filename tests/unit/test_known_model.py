"""Known problems' matching (tree id, tag, check, service URL), what is in force now, a tree's
problems through `Known.for_tree`, and one id from two sources kept once."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from fixit.known import Affects, Known, Problem
from fixit.known.gather import assemble
from fixit.known.model import url_covers
from fixit.known.sources import Found
from fixit.trees.library import default_sources, load_library

from ..conftest import SHIPPED

NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.timezone.utc)
HOUR = dt.timedelta(hours=1)


def problem(id: str = "p", **changes: object) -> Problem:
    base = Problem(
        id=id,
        kind="file",
        source="k.yaml",
        title={"en": "T"},
        text={},
        workaround={},
        since=None,
        until=None,
        status="active",
        ticket=None,
        new_reports=True,
        affects=Affects(),
        url=None,
        fetched_at=None,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def test_matching_by_tree_tag_check_and_url() -> None:
    p = problem(
        affects=Affects(
            trees=("web-service",),
            tags=("Portal",),
            checks=("network.dns",),
            urls=("https://portal.example.fi/app",),
        )
    )
    assert p.matches("web-service", [])
    assert p.matches("other", ["x", "portal"])  # a tag without regard to case
    assert p.matches("other", [], checks=["network.dns"])
    assert p.matches("other", [], urls=["https://portal.example.fi/app/login"])
    assert not p.matches("other", ["port"], checks=["network.internet"])
    assert not p.matches("other", [], urls=["https://portal.example.fi/application"])
    assert not problem().matches("web-service", ["portal"])  # affects nothing: matches nothing


@pytest.mark.parametrize(
    ("given", "covered"),
    [
        ("https://a.fi/x", True),
        ("https://a.fi/x/", True),
        ("https://a.fi/x/y", True),
        ("https://a.fi/xy", False),
        ("http://a.fi/x", False),
        ("https://a.fi:8443/x", False),
        ("https://b.fi/x", False),
        ("https://[::1/x", False),
    ],
)
def test_a_service_url_covers_its_own_paths_on_its_own_host(given: str, covered: bool) -> None:
    assert url_covers("https://a.fi/x", given) is covered


@pytest.mark.parametrize(
    ("changes", "in_force"),
    [
        ({}, True),
        ({"since": NOW - HOUR}, True),
        ({"since": NOW + HOUR}, False),  # announced, not begun
        ({"until": NOW + HOUR}, True),
        ({"until": NOW - HOUR}, False),
        ({"until": NOW}, False),
        ({"status": "resolved"}, False),
        ({"status": "postmortem"}, False),
        ({"status": "monitoring"}, True),
    ],
)
def test_what_is_in_force_now(changes: dict[str, object], in_force: bool) -> None:
    assert problem(**changes).in_force(NOW) is in_force


def test_one_id_from_two_sources_is_kept_once_the_later_ones() -> None:
    first = Found([problem("a", source="one"), problem("b")], [])
    second = Found([problem("a", source="two"), problem("c", until=NOW - HOUR)], [])
    known = assemble([first, second], NOW)
    assert [(p.id, p.source) for p in known.problems] == [("b", "k.yaml"), ("a", "two")]


def test_for_tree_matches_a_trees_id_tags_and_check_ids() -> None:
    library = load_library(default_sources())
    tree = library.tree("no-internet")
    checks = {"network.internet"} & {
        c
        for n in tree.nodes.values()
        for c in [getattr(n, "check", None), getattr(n, "verify", None)]
        if c
    }
    assert checks, "the shipped no-internet tree runs network.internet"
    by_check = problem("c", affects=Affects(checks=("network.internet",)))
    by_id = problem("i", affects=Affects(trees=("no-internet",)))
    other = problem("o", affects=Affects(trees=("web-service",)))
    known = Known((by_check, by_id, other), ())
    assert [p.id for p in known.for_tree(tree)] == ["c", "i"]
    summary = library.summaries()["no-internet"]  # a summary has no nodes: id and tags only
    assert [p.id for p in known.for_tree(summary)] == ["i"]
    assert (SHIPPED / "no-internet.yaml").exists()
