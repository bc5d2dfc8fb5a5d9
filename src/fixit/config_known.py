"""The `known:` section: known_issues.yaml feeds by URL, Statuspage pages with the mapping of
their components to trees and tags, and the time limits (docs/known.md). Only the URLs written
here are ever fetched for known problems."""

from __future__ import annotations

import urllib.parse
from pathlib import Path
from typing import TYPE_CHECKING

from fixit.config_sections import bad, collecting, mapping, record, text
from fixit.i18n import Msg, _
from fixit.trees.yamlsafe import Map, Scalar, Seq, Value, is_null

if TYPE_CHECKING:  # the known package loads when a file has a known: section (start-up)
    from fixit.config_model import Config
    from fixit.known.model import Affects
    from fixit.known.settings import StatusPage

KNOWN_KEYS = ("feeds", "statuspage", "timeout", "refresh")
PAGE_KEYS = ("url", "components", "trees", "tags", "checks", "urls")
AFFECTS_KEYS = ("trees", "tags", "checks", "urls")
#: setting -> (lowest, highest) seconds
LIMITS = {"timeout": (0.1, 30.0), "refresh": (0.0, 86400.0)}
MAX_URLS = 20
URL_HINT = _(
    "Write the address as https://HOST/PATH; a feed that needs a password is not supported."
)
#: the hint of an address that is not http(s): fixit reads no other kind of feed
SCHEME_HINT = _("fixit reads feeds over http:// and https:// only: write it as https://HOST/PATH.")
SCHEME = _("must be an http:// or https:// address")


def url_problem(url: str) -> Msg | None:
    """What is wrong with a feed's URL, or None when fixit can fetch it."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return _("is not a URL fixit can read")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return SCHEME
    if parts.username is not None or parts.password is not None:
        return _("cannot hold a user name or password")
    if any(c.isspace() for c in url):
        return _("cannot contain spaces")
    return None


def apply_known(cfg: Config, path: Path, section: Value) -> None:
    """known: feeds and Statuspage pages add up across the files; timeout and refresh: the
    last file's."""
    if is_null(section):
        return
    known = mapping(path, section, "known")
    from fixit.known.settings import KnownSettings

    old = cfg.known if isinstance(cfg.known, KnownSettings) else KnownSettings()
    feeds, pages = list(old.feeds), {p.url: p for p in old.statuspages}
    limits = {"timeout": old.timeout, "refresh": old.refresh}
    for key, value in known.items.items():
        with collecting(cfg):
            if key not in KNOWN_KEYS:
                message = _(
                    "unknown key known.{key} ({known})", key=key, known=", ".join(KNOWN_KEYS)
                )
                raise bad(path, known.keys[key], message)
            if key == "feeds":
                feeds += _urls(cfg, path, value, "known.feeds")
            elif key == "statuspage":
                for page in _pages(cfg, path, value):
                    pages[page.url] = page
            else:
                limits[key] = _seconds(path, value, key)
            record(cfg, f"known.{key}", path, known.keys[key])
    feeds = list(dict.fromkeys(feeds))
    if len(feeds) + len(pages) > MAX_URLS:
        cfg.problems.append(bad(path, section, _("known names more than {n} feeds", n=MAX_URLS)))
    cfg.known = KnownSettings(
        tuple(feeds), tuple(pages.values()), limits["timeout"], limits["refresh"]
    )


def _urls(cfg: Config, path: Path, value: Value, where: str) -> list[str]:
    """A list of feed URLs, each checked."""
    if not isinstance(value, Seq):
        raise bad(path, value, _("{where} must be a list of URLs", where=where))
    out = []
    for i, item in enumerate(value.items):
        with collecting(cfg):
            out.append(_url(path, item, f"{where}[{i}]"))
    return out


def _url(path: Path, value: Value, where: str) -> str:
    url = text(path, value, where).strip()
    problem = url_problem(url)
    if problem is not None:
        hint = SCHEME_HINT if problem is SCHEME else URL_HINT
        raise bad(path, value, _("{where} {problem}", where=where, problem=problem), hint)
    return url


def _pages(cfg: Config, path: Path, value: Value) -> list[StatusPage]:
    """known.statuspage: a list of pages, each a mapping with its url."""
    if not isinstance(value, Seq):
        message = _("known.statuspage must be a list of pages, each with its url")
        raise bad(path, value, message)
    pages = []
    for i, item in enumerate(value.items):
        with collecting(cfg):
            pages.append(_page(cfg, path, item, f"known.statuspage[{i}]"))
    return pages


def _page(cfg: Config, path: Path, value: Value, where: str) -> StatusPage:
    page = mapping(path, value, where)
    for key, at in page.keys.items():
        if key not in PAGE_KEYS:
            message = _(
                "unknown key {where}.{key} ({known})",
                where=where,
                key=key,
                known=", ".join(PAGE_KEYS),
            )
            cfg.problems.append(bad(path, at, message))
    if "url" not in page.items:
        raise bad(path, value, _("{where} needs a url (the page's address)", where=where))
    from fixit.known.settings import StatusPage, summary_url

    url = summary_url(_url(path, page.items["url"], f"{where}.url"))
    components: dict[str, Affects] = {}
    given = page.items.get("components")
    if given is not None and not is_null(given):
        found = mapping(
            path, given, _("{where}.components (component name or id -> trees, tags)", where=where)
        )
        for name, item in found.items.items():
            with collecting(cfg):
                components[name] = _affects(cfg, path, item, f"{where}.components.{name}", True)
    own = Map(
        {k: v for k, v in page.items.items() if k in AFFECTS_KEYS}, line=value.line, col=value.col
    )
    return StatusPage(url, components, _affects(cfg, path, own, where, False))


def _affects(cfg: Config, path: Path, value: Value, where: str, needed: bool) -> Affects:
    """trees, tags, checks and urls lists; `needed`: at least one must name something."""
    from fixit.known.model import Affects

    found = mapping(path, value, f"{where} (trees, tags, checks, urls)")
    before = len(cfg.problems)
    lists: dict[str, tuple[str, ...]] = {}
    for key, item in found.items.items():
        place = f"{where}.{key}"
        if key not in AFFECTS_KEYS:
            message = _("unknown key {where} ({known})", where=place, known=", ".join(AFFECTS_KEYS))
            cfg.problems.append(bad(path, found.keys[key], message))
        elif not isinstance(item, Seq):
            cfg.problems.append(bad(path, item, _("{where} must be a list", where=place)))
        else:
            lists[key] = tuple(_names(cfg, path, item, key, place))
    affects = Affects(**lists)
    if needed and not affects and len(cfg.problems) == before:
        message = _("{where} must name at least one tree, tag, check or URL", where=where)
        cfg.problems.append(bad(path, value, message))
    return affects


def _names(cfg: Config, path: Path, items: Seq, key: str, where: str) -> list[str]:
    """One list of affects: tree ids, tags, built-in check ids or service URLs."""
    from fixit.diagnostics.registry import KNOWN_CHECKS
    from fixit.trees.node_keys import TREE_ID

    names = []
    for entry in items.items:
        with collecting(cfg):
            name = text(path, entry, where).strip()
            if key == "trees" and not TREE_ID.match(name):
                message = _("{where}: {value} is not a tree id", where=where, value=repr(name))
                raise bad(path, entry, message)
            if key == "checks" and name not in KNOWN_CHECKS:
                known = ", ".join(sorted(KNOWN_CHECKS))
                message = _("unknown check {check} (known: {known})", check=repr(name), known=known)
                raise bad(path, entry, message)
            names.append(_url(path, entry, where) if key == "urls" else name)
    return names


def _seconds(path: Path, value: Value, key: str) -> float:
    low, high = LIMITS[key]
    given = text(path, value, f"known.{key}").strip() if isinstance(value, Scalar) else ""
    try:
        seconds = float(given)
    except ValueError:
        seconds = float("nan")
    if not low <= seconds <= high:  # also NaN
        message = _(
            "known.{key} must be a number of seconds from {low} to {high}",
            key=key,
            low=_number(low),
            high=_number(high),
        )
        raise bad(path, value, message)
    return seconds


def _number(value: float) -> Msg | str:
    """A limit as the language writes it: 30, and 0.1 with its decimal comma in fi and sv."""
    from fixit.i18n.format import decimal

    written = f"{value:g}"
    return decimal(value, len(written.partition(".")[2])) if "." in written else written
