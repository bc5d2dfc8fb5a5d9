"""What newer Pythons have and 3.10 lacks, without a typing_extensions dependency."""

from __future__ import annotations

import sys
from typing import NoReturn

if sys.version_info >= (3, 11):
    from typing import assert_never as assert_never
else:

    def assert_never(value: NoReturn) -> NoReturn:
        """Mark a branch mypy proves unreachable: a `match` that misses a case fails type checks."""
        raise AssertionError(f"unhandled value: {value!r}")
