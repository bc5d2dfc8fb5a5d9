"""e2e fixtures: the pseudo-terminal harness and its fixtures live in harness.py."""

from __future__ import annotations

from .harness import closed_port, fixit_script, fx, http_ok, net_config

__all__ = ["closed_port", "fixit_script", "fx", "http_ok", "net_config"]
