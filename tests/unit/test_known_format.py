"""known_issues.yaml format 1: the issue's example read as written, every fault of a file at
once at its file:line:col, hostile YAML refused by the trees' safe reader, a file with faults
named and not used, and the file never taken for a tree."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from fixit.diagnostics.registry import KNOWN_CHECKS
from fixit.known.model import Affects, FeedError
from fixit.known.sources import MAX_FEED, parse_yaml, read_files
from fixit.trees.library import tree_files

from ..conftest import DATA

EXAMPLE = (DATA / "known" / "issue-example.yaml").read_text("utf-8")


def faults(text: str) -> list[str]:
    """Every fault fixit finds in a file's text, as `name:line:col: message`."""
    with pytest.raises(FeedError) as caught:
        parse_yaml(text.encode("utf-8"), "k.yaml", None)
    return [str(f) for f in caught.value.faults]


def test_the_example_of_the_issue_is_read_as_written() -> None:
    (problem,) = parse_yaml(EXAMPLE.encode(), "k.yaml", None)
    assert problem.id == "portal-slow" and problem.kind == "file" and problem.source == "k.yaml"
    assert problem.title == {"en": "The member portal is slow", "fi": "Jäsenportaali on hidas"}
    assert problem.workaround["fi"] == "Käytä sillä välin mobiilisovellusta."
    assert problem.since == dt.datetime(2026, 12, 7, 6, 0, tzinfo=dt.timezone.utc)
    assert (problem.ticket, problem.new_reports, problem.status) == ("1234", True, "active")
    assert problem.affects == Affects(trees=("web-service",), tags=("portal",))
    assert problem.until is None and problem.url is None and problem.fetched_at is None


def test_values_are_read_as_text_as_written() -> None:
    text = EXAMPLE.replace('ticket: "1234"', "ticket: 0755").replace(
        "new_reports: true", "new_reports: no"
    )
    (problem,) = parse_yaml(text.encode(), "k.yaml", None)
    assert problem.ticket == "0755" and problem.new_reports is False


def test_every_fault_of_a_file_at_once_with_line_and_column() -> None:
    text = textwrap.dedent(
        """\
        format: 2
        colour: red
        issues:
          - id: Bad Id
            title: {en: A, fi: B}
            text: {en: only English}
            affects: {trees: [Web_Service], checks: [network.nope], urls: [ftp://x]}
            since: yesterday
            until: 2026-12-01T00:00:00Z
            status: fixed
            ticket: "12 34"
            new_reports: maybe
            url: javascript:alert(1)
            extra: 1
          - id: ok
            title: Fine
            affects: {}
          - id: ok
            title: Again
            affects: {tags: [x]}
          - just text
        """
    )
    assert faults(text) == [
        "k.yaml:1:9: format must be 1 (this fixit reads known_issues.yaml format 1)",
        "k.yaml:2:1: unknown key 'colour' in the file",
        "k.yaml:4:9: issue id 'Bad Id' is not valid (lowercase letters, digits, ., - and _; "
        "64 at most)",
        "k.yaml:6:11: issue 'Bad Id' text has no fi text, which its other texts have",
        "k.yaml:7:23: issue 'Bad Id' affects.trees: 'Web_Service' is not a tree id",
        f"k.yaml:7:46: unknown check 'network.nope' (known: {', '.join(sorted(KNOWN_CHECKS))})",
        "k.yaml:7:68: issue 'Bad Id' affects.urls must be an http:// or https:// address without a "
        "user name or password",
        "k.yaml:8:12: issue 'Bad Id' since must be a date and time, like 2026-12-07T08:00:00+02:00",
        "k.yaml:10:13: issue 'Bad Id' status must be one of investigating, identified, monitoring, "
        "active, resolved, not 'fixed'",
        "k.yaml:11:13: issue 'Bad Id' ticket must be a ticket reference such as \"1234\" or SUP-12",
        "k.yaml:12:18: issue 'Bad Id' new_reports must be true or false",
        "k.yaml:13:10: issue 'Bad Id' url must be an http:// or https:// address without a user name "
        "or password",
        "k.yaml:14:5: unknown key 'extra' in an issue",
        "k.yaml:17:14: issue 'ok': affects must name at least one tree, tag, check or URL",
        "k.yaml:18:9: duplicate issue id 'ok' (first at line 15)",
        "k.yaml:21:5: an issue must be a mapping",
    ]


def test_required_keys_and_the_order_of_times() -> None:
    text = textwrap.dedent(
        """\
        issues:
          - text: no id, no title, no affects
          - id: backwards
            title: Backwards
            affects: {tags: [x]}
            since: 2026-12-07T10:00:00+02:00
            until: 2026-12-07T09:00:00+02:00
        """
    )
    assert faults(text) == [
        "k.yaml:1:1: missing required key 'format'",
        "k.yaml:2:5: an issue needs the key 'id'",
        "k.yaml:2:5: an issue needs the key 'title'",
        "k.yaml:2:5: an issue needs the key 'affects'",
        "k.yaml:7:12: issue 'backwards': until must be later than since",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("format: 1\nissues: &a []\nmore: *a\n", "k.yaml:2:9: anchors (&name) are not allowed"),
        (
            "format: !!python/object:os.system 1\n",
            "k.yaml:1:9: tags (tag:yaml.org,2002:python/object:os.system)",
        ),
        ("format: 1\nformat: 1\n", "k.yaml:2:1: duplicate key 'format' (first at line 1)"),
        ("format: 1\nissues: " + "[" * 100 + "]" * 100 + "\n", "nesting deeper than 64 levels"),
        ("format: 1\n---\nformat: 1\n", "k.yaml:2:1: only one YAML document is allowed"),
        ("format: 1\nissues: [\x1b]\n", "k.yaml:2:10: the file contains a control character"),
        ("", "k.yaml:1:1: the file is empty"),
    ],
)
def test_hostile_yaml_is_a_fault_at_its_place(text: str, expected: str) -> None:
    assert expected in "\n".join(faults(text))


def test_over_the_size_cap_is_refused_before_parsing() -> None:
    body = b"format: 1\n#" + b"x" * MAX_FEED
    with pytest.raises(FeedError) as caught:
        parse_yaml(body, "k.yaml", None)
    assert "over the limit of 1048576 bytes" in str(caught.value)


def test_a_file_with_faults_is_named_and_not_used(tmp_path: Path) -> None:
    good, bad = tmp_path / "good", tmp_path / "bad"
    good.mkdir()
    bad.mkdir()
    (good / "known_issues.yaml").write_text(EXAMPLE, "utf-8")
    (bad / "known_issues.yml").write_text(EXAMPLE.replace("ticket", "tikcet"), "utf-8")
    found = read_files([good, bad, tmp_path / "missing"])
    assert [p.id for p in found.problems] == ["portal-slow"]
    (notice,) = found.notices
    assert str(notice).splitlines() == [
        f"The known-problems file {bad / 'known_issues.yml'} is not used; fix these:",
        f"  {bad / 'known_issues.yml'}:8:5: unknown key 'tikcet' in an issue",
    ]


def test_a_fifo_in_the_files_place_is_named_not_waited_for(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "known_issues.yaml")
    found = read_files([tmp_path])
    assert found.problems == [] and "not a regular file" in str(found.notices[0])


def test_known_issues_beside_the_trees_is_not_a_tree(tmp_path: Path) -> None:
    for name in ("a.yaml", "known_issues.yaml", "known_issues.yml", "a.test.yaml"):
        (tmp_path / name).write_text("format: 1\n", "utf-8")
    assert [p.name for p in tree_files(tmp_path)] == ["a.yaml"]
