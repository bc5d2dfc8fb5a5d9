"""The secrets a crash log is masked of, found the best one can after a crash: the targets the
configuration names, and the environment's and the configuration's own secrets."""

from __future__ import annotations

from collections.abc import Sequence

from fixit.submit.scrub import Secrets, of_targets


def secrets_for_crash_log(args: Sequence[str]) -> Secrets:
    """Best effort, for a crash log: the secrets of the targets the configuration names (and
    the environment's and configuration's own secrets, as reports mask them)."""
    import os

    from fixit.config import load_config
    from fixit.credentials import lookup
    from fixit.paths import config_option
    from fixit.report.secrets import secret_values

    found = set(secret_values(os.environ, {}))
    try:
        config = load_config(config_option(args))
    except Exception:  # the configuration may be what failed: mask what the environment holds
        return Secrets(frozenset(found))
    found |= secret_values(os.environ, config.raw)
    return of_targets(config.targets.values(), lookup).plus(*found)
