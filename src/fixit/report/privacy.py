"""The configured redactor: one privacy setup for the report, its submission and the end summary."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from fixit.report.redact import Redactor, secret_values

if TYPE_CHECKING:
    from fixit.config import Config


def redactor_for(config: Config, contact: str = "") -> Redactor:
    """A redactor with the configuration's policy and every secret it knows of (secret-looking and
    configured variables of the environment and the credentials file, the configuration's own
    secrets), keeping the reporter's `contact` address and the support team's: neither is private
    to the people the report goes to."""
    from fixit.credentials import load

    keep = [contact, str(config.support.get("email") or "")]
    # both sources, not a merge: an empty variable must not hide the file's value of the same name
    secrets = secret_values(os.environ, config.raw) | secret_values(load(), config.raw)
    return Redactor(config.redaction, secrets, keep_emails=keep)
