"""Why a check was skipped, for the reasons its plain sentence tells apart: the checks write their
reason with one of these, and diagnostics/plain.py knows the reason by its msgid, never by reading
its English."""

from __future__ import annotations

from fixit.i18n import N_

TURNED_OFF = N_("checks.{check}.enabled is false")
NO_BATTERY_SENSOR = N_("no battery sensor here: {error}")
NO_BATTERY_FOUND = N_("psutil.sensors_battery() found no battery")
NO_CONNECTORS = N_(
    "the system lists no display connectors on {platform} (a virtual machine, "
    "a container or a headless server?)"
)
NO_SERVICE_URL = N_("checks.service.url.url is not set")
