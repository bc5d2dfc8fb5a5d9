"""The `known:` configuration section: read into settings, every problem at its file:line:col
with its key path, URLs that could carry a secret or lead elsewhere refused, and the layers
added up (feeds, pages) or overridden (timeout, refresh)."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from fixit.config import load_config
from fixit.errors import ConfigError
from fixit.known.model import Affects
from fixit.known.settings import REFRESH, TIMEOUT, KnownSettings, StatusPage

GOOD = textwrap.dedent(
    """\
    known:
      feeds:
        - https://support.example.fi/fixit/known_issues.yaml
      statuspage:
        - url: https://status.example.fi
          tags: [status]
          components:
            Member portal: {trees: [web-service], tags: [portal]}
            x7k2mq9zd2a0: {tags: [email]}
      timeout: 2.5
      refresh: 0
    """
)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_a_good_section_is_read_into_settings(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path / "c.yaml", GOOD), environ={})
    assert cfg.known == KnownSettings(
        feeds=("https://support.example.fi/fixit/known_issues.yaml",),
        statuspages=(
            StatusPage(
                "https://status.example.fi/api/v2/summary.json",
                {
                    "Member portal": Affects(trees=("web-service",), tags=("portal",)),
                    "x7k2mq9zd2a0": Affects(tags=("email",)),
                },
                Affects(tags=("status",)),
            ),
        ),
        timeout=2.5,
        refresh=0.0,
    )
    assert cfg.origins["known.feeds"] == f"{tmp_path / 'c.yaml'}:2"
    assert cfg.known.urls() == (
        "https://support.example.fi/fixit/known_issues.yaml",
        "https://status.example.fi/api/v2/summary.json",
    )


def test_no_section_means_the_defaults(tmp_path: Path) -> None:
    cfg = load_config(write(tmp_path / "c.yaml", "organisation: X\n"), environ={})
    assert cfg.known is None
    from fixit.known.gather import settings_of

    assert settings_of(cfg) == KnownSettings((), (), TIMEOUT, REFRESH)


def test_every_problem_at_once_with_its_place(tmp_path: Path) -> None:
    text = textwrap.dedent(
        """\
        known:
          feeds:
            - ftp://example.fi/k.yaml
            - https://user:secret@example.fi/k.yaml
            - {url: x}
          statuspage:
            - url: https://status.example.fi
              component: {}
              components:
                Portal: {trees: [Web Service], checks: [network.nope], places: [x]}
                Mail: {}
                Print: [printing]
            - components: {}
            - https://status.example.fi
          timeout: 0
          refresh: soon
          colour: red
        """
    )
    path = write(tmp_path / "c.yaml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    lines = str(caught.value.message).splitlines()
    assert lines[0] == "the configuration has 14 problems:"
    assert [line for line in lines[1:] if not line.startswith("  hint:")] == [
        f"{path}:3:7: known.feeds[0] must be an http:// or https:// address",
        f"{path}:4:7: known.feeds[1] cannot hold a user name or password",
        f"{path}:5:7: known.feeds[2] must be text",
        f"{path}:8:7: unknown key known.statuspage[0].component (url, components, trees, tags, "
        "checks, urls)",
        f"{path}:10:26: known.statuspage[0].components.Portal.trees: 'Web Service' is not a tree "
        "id",
        f"{path}:10:49: unknown check 'network.nope' (known: browser.versions, cpu.load, "
        "disk.space, display.outputs, memory.usage, network.dns, network.gateway, "
        "network.interfaces, network.internet, network.proxy, power.battery, process.top, "
        "service.url, system.info, time.skew)",
        f"{path}:10:64: unknown key known.statuspage[0].components.Portal.places (trees, tags, "
        "checks, urls)",
        f"{path}:11:15: known.statuspage[0].components.Mail must name at least one tree, tag, check or URL",
        f"{path}:12:16: known.statuspage[0].components.Print (trees, tags, checks, urls) must be "
        "a mapping",
        f"{path}:13:7: known.statuspage[1] needs a url (the page's address)",
        f"{path}:14:7: known.statuspage[2] must be a mapping",
        f"{path}:15:12: known.timeout must be a number of seconds from 0.1 to 30",
        f"{path}:16:12: known.refresh must be a number of seconds from 0 to 86400",
        f"{path}:17:3: unknown key known.colour (feeds, statuspage, timeout, refresh)",
    ]
    assert "secret" not in str(caught.value.message)


def test_the_layers_add_feeds_and_pages_and_the_last_timeout_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    org = write(
        Path(os.environ["FIXIT_SYSTEM_DIR"]) / "config.yaml",
        "known:\n  feeds: [https://org.example.fi/k.yaml]\n  timeout: 5\n"
        "  statuspage: [{url: https://s.example.fi, tags: [a]}]\n",
    )
    assert org.exists()
    mine = write(
        tmp_path / "c.yaml",
        "known:\n  feeds: [https://org.example.fi/k.yaml, https://me.example.fi/k.yaml]\n"
        "  timeout: 1\n  statuspage: [{url: https://s.example.fi/, tags: [b]}]\n",
    )
    cfg = load_config(mine, environ={})
    assert cfg.known is not None
    assert cfg.known.feeds == ("https://org.example.fi/k.yaml", "https://me.example.fi/k.yaml")
    assert cfg.known.timeout == 1.0
    (page,) = cfg.known.statuspages  # the same page again: the later file's mapping
    assert page.affects.tags == ("b",)
