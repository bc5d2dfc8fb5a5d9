"""Plain mode draws no table anywhere: listings and check results as labelled blocks."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from .conftest import Run

RULES = re.compile("[─━┃│┏┓┗┛╇╋┼╭╮╰╯]")


@pytest.mark.parametrize(
    "args",
    [
        ["trees", "list"],
        ["config", "show"],
        ["config", "path"],
        ["sessions"],
        ["diagnose", "--check", "system.info", "--check", "disk.space"],
    ],
)
def test_plain_listings_are_blocks_with_no_rules_or_boxes(
    fixit: Callable[..., Run], args: list[str]
) -> None:
    wide = fixit(*args)  # COLUMNS=200: a table where one fits
    plain = fixit("--plain", *args)
    assert plain.code == wide.code and plain.out.strip()
    assert not RULES.search(plain.out), plain.out
    assert "\x1b[" not in plain.out
