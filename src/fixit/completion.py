"""Shell completion of the values fixit knows: tree ids, session ids and check ids."""

from __future__ import annotations

import os
from pathlib import Path


def _extra_trees() -> list[Path]:
    value = os.environ.get("FIXIT_TREES", "")
    return [Path(p) for p in value.split(os.pathsep) if p]


def tree_ids(incomplete: str) -> list[str]:
    """The ids of the trees fixit would load now (shipped, configured, FIXIT_TREES)."""
    try:
        from fixit.context import AppContext

        ctx = AppContext(None, _extra_trees(), None, True, False)
        ids = sorted(ctx.library.by_id)
    except Exception:  # a broken configuration or folder: complete nothing rather than fail
        return []
    return [tid for tid in ids if tid.startswith(incomplete)]


def session_ids(incomplete: str) -> list[str]:
    """Recorded session ids, newest first; nothing is created to find them."""
    from fixit import paths

    try:
        folder = paths.state_dir() / "sessions"
        names = [p.name for p in folder.iterdir() if p.is_dir() and not p.is_symlink()]
    except OSError:
        return []
    return sorted((n for n in names if n.startswith(incomplete)), reverse=True)


def check_ids(incomplete: str) -> list[str]:
    """Check ids and their families (the part before the dot)."""
    from fixit.diagnostics.registry import CHECKS

    families = {cid.split(".", 1)[0] for cid in CHECKS}
    return [c for c in [*sorted(families), *CHECKS] if c.startswith(incomplete)]
