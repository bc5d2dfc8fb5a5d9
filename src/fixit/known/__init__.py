"""Known problems and outages: `known_issues.yaml` files in the tree folders, configured feeds
of the same format and Statuspage summaries, gathered without ever blocking (docs/known.md).

Importing this package is light: no requests, no yaml; they load when a feed is read."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from fixit.known.gather import Pending as Pending
from fixit.known.gather import gather as gather
from fixit.known.gather import in_background as in_background
from fixit.known.gather import offline as offline
from fixit.known.model import Affects as Affects
from fixit.known.model import Known as Known
from fixit.known.model import Problem as Problem
from fixit.known.model import Source as Source

if TYPE_CHECKING:
    from fixit.config_model import Config


def folders(config: Config, extra: Sequence[Path] = ()) -> list[Path]:
    """The tree folders whose `known_issues.yaml` count, least specific first: the shipped
    folder, the organisation's, the configuration's, the user's, then `extra` (--trees)."""
    from fixit.trees.library import default_sources

    return [source.path for source in default_sources(config.trees, extra)]


__all__ = [
    "Affects",
    "Known",
    "Pending",
    "Problem",
    "Source",
    "folders",
    "gather",
    "in_background",
    "offline",
]
