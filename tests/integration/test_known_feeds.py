"""Known-problem feeds against a loopback server: a known_issues.yaml URL and a Statuspage
summary matched to the shipped trees by tree, tag and component; ETag and Last-Modified
revalidation (a 304 keeps the saved copy); a hanging server (gather returns within its
timeout, the wizard's wait shorter still); a server that is down (the saved copy, its age
said); hostile feeds (too large, garbage, faults, compressed, redirected elsewhere) named and
ignored; and no host the configuration does not name is ever contacted."""

from __future__ import annotations

import datetime as dt
import os
import re
import ssl
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import trustme

from fixit import paths
from fixit.config import Config, load_config
from fixit.known import cache, gather, in_background
from fixit.known.fetch import MAX_BYTES
from fixit.known.model import Source
from fixit.trees.library import default_sources, load_library

from ..conftest import DATA
from .known_server import Feeds, Route, closed_port, serve, wait_for

SUMMARY = (DATA / "known" / "summary.json").read_bytes()
ISSUES = (DATA / "known" / "issue-example.yaml").read_bytes() + (
    b"  - id: wifi-down\n"
    b"    title: The office Wi-Fi is down\n"
    b"    affects: {tags: [wifi]}\n"
    b"    status: investigating\n"
    b"    new_reports: false\n"
)


@pytest.fixture
def feeds() -> Iterator[Feeds]:
    with serve() as server:
        server.routes["/known_issues.yaml"] = Route(ISSUES, etag='"v1"')
        server.routes["/api/v2/summary.json"] = Route(
            SUMMARY, last_modified="Mon, 07 Dec 2026 07:12:00 GMT"
        )
        yield server


def configure(tmp_path: Path, feeds: list[str], pages: list[str], **more: float) -> Config:
    """A configuration with these feed URLs and Statuspage pages (the test summary's mapping)."""
    lines = ["known:", f"  feeds: {feeds}", "  statuspage:"]
    for page in pages:
        lines += [
            f"    - url: {page}",
            "      components:",
            "        member portal: {tags: [portal]}",
            "        p0wer0ut4g3s: {trees: [info-screen]}",
        ]
    if not pages:
        lines[-1] = "  statuspage: []"
    lines += [f"  {key}: {value}" for key, value in {"refresh": 0, "timeout": 2, **more}.items()]
    path = tmp_path / "config.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return load_config(path, environ={})


def ids(found: object) -> list[str]:
    return [p.id for p in found.problems]


def test_matching_by_tree_tag_and_component(feeds: Feeds, tmp_path: Path) -> None:
    config = configure(tmp_path, [f"{feeds.url}/known_issues.yaml"], [feeds.url])
    known = gather(config, [])
    assert known.notices == ()
    assert ids(known) == [
        "portal-slow",
        "wifi-down",
        "statuspage:cp306tmzcl0y",
        "statuspage:m41nt3n4nc3s",
        "statuspage:p0wer0ut4g3s",
    ]  # the Member portal component is folded into the incident that names it
    library = load_library(default_sources())
    web = [p.id for p in known.for_tree(library.tree("web-service"))]
    assert web == ["portal-slow", "statuspage:cp306tmzcl0y"]
    assert [p.id for p in known.for_tree(library.tree("no-internet"))] == ["wifi-down"]  # tag
    screen = known.for_tree(library.summaries()["info-screen"])  # a component's tree
    assert [p.id for p in screen] == ["statuspage:p0wer0ut4g3s"]
    assert [(s.name, s.kind) for s in known.sources] == [
        (f"{feeds.url}/known_issues.yaml", "feed"),
        (f"{feeds.url}/api/v2/summary.json", "statuspage"),
    ]
    assert all(s.fetched_at and s.available for s in known.sources)
    portal = known.problems[0]
    assert portal.kind == "file" and portal.source == f"{feeds.url}/known_issues.yaml"
    assert portal.fetched_at is not None and known.problems[1].new_reports is False


def test_etag_and_last_modified_revalidation_keeps_the_copy(feeds: Feeds, tmp_path: Path) -> None:
    config = configure(tmp_path, [f"{feeds.url}/known_issues.yaml"], [feeds.url])
    first = gather(config, [])
    copies = sorted((paths.state_dir() / "known").iterdir())
    assert len(copies) == 2
    assert all(stat.S_IMODE(os.stat(p).st_mode) == 0o600 for p in copies)
    assert stat.S_IMODE(os.stat(paths.state_dir() / "known").st_mode) == 0o700
    feeds.log.clear()
    feeds.routes["/known_issues.yaml"].body = b"not served: the copy is current"
    second = gather(config, [])
    sent = {r.path: r.headers for r in feeds.log}
    assert sent["/known_issues.yaml"]["If-None-Match"] == '"v1"'
    assert sent["/api/v2/summary.json"]["If-Modified-Since"] == "Mon, 07 Dec 2026 07:12:00 GMT"
    assert ids(second) == ids(first) and second.notices == ()
    assert all(b.fetched_at and a.fetched_at and b.fetched_at >= a.fetched_at
               for a, b in zip(first.problems, second.problems, strict=True))  # fmt: skip
    # a changed feed (new ETag) is read again
    feeds.routes["/known_issues.yaml"] = Route(
        ISSUES.replace(b"wifi-down", b"wifi-slow"), etag='"v2"'
    )
    assert "wifi-slow" in ids(gather(config, []))


def test_a_recent_copy_is_used_without_asking(feeds: Feeds, tmp_path: Path) -> None:
    config = configure(tmp_path, [f"{feeds.url}/known_issues.yaml"], [], refresh=60)
    gather(config, [])
    feeds.log.clear()
    assert ids(gather(config, [])) == ["portal-slow", "wifi-down"]
    assert feeds.log == []


def test_a_hanging_server_never_holds_fixit_past_the_timeout(feeds: Feeds, tmp_path: Path) -> None:
    config = configure(tmp_path, [f"{feeds.url}/known_issues.yaml"], [], timeout=0.5)
    assert ids(gather(config, [])) == ["portal-slow", "wifi-down"]  # a copy to fall back on
    feeds.routes["/known_issues.yaml"] = Route(hang=True)
    started = time.monotonic()
    known = gather(config, [])
    assert time.monotonic() - started < 1.5
    assert ids(known) == ["portal-slow", "wifi-down"]
    (notice,) = known.notices
    assert re.fullmatch(
        re.escape(f"{feeds.url}/known_issues.yaml was not read (no answer within 0.5 s); ")
        + r"using the copy read [012] s ago\.",
        str(notice),
    )
    started = time.monotonic()  # the wizard's wait: what the files and copies say, at once
    pending = in_background(config, [])
    early = pending.result(0.1)
    assert time.monotonic() - started < 0.6
    assert ids(early) == ["portal-slow", "wifi-down"]
    assert "still loading" in str(early.notices[0])


def test_a_dripping_body_is_cut_at_the_timeout(feeds: Feeds, tmp_path: Path) -> None:
    feeds.routes["/known_issues.yaml"] = Route(ISSUES, drip=0.05)
    config = configure(tmp_path, [f"{feeds.url}/known_issues.yaml"], [], timeout=0.5)
    started = time.monotonic()
    known = gather(config, [])
    assert time.monotonic() - started < 1.5
    assert known.problems == ()
    assert "no answer within 0.5 s), and fixit has no earlier copy of it." in str(known.notices[0])


def test_a_server_that_is_down_gives_the_copy_with_its_age(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/known_issues.yaml"
    config = configure(tmp_path, [url], [])
    two_hours = dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=2, minutes=5)
    assert cache.write(cache.Copy(url, ISSUES, '"v1"', None, two_hours)) is None
    known = gather(config, [])
    assert ids(known) == ["portal-slow", "wifi-down"]
    assert [str(n) for n in known.notices] == [
        f"{url} was not read (could not connect to 127.0.0.1:{url.split(':')[2].split('/')[0]}); "
        "using the copy read 2 h ago."
    ]
    assert known.problems[0].fetched_at == two_hours
    assert known.sources == (Source(url, "feed", two_hours),)


def test_down_with_no_copy_says_so(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/api/v2/summary.json"
    known = gather(configure(tmp_path, [], [url]), [])
    assert known.problems == ()
    assert known.sources == (Source(url, "statuspage", None, available=False),)
    assert str(known.notices[0]).endswith("and fixit has no earlier copy of it.")


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b"x" * (MAX_BYTES + 1)), "the answer is over the limit of 1048576 bytes"),
        (Route(b"x" * 10, length=MAX_BYTES + 1), "the answer is over the limit of 1048576 bytes"),
        (Route(b"\x1f\x8b...", headers={"Content-Encoding": "gzip"}), "compressed answer"),
        (Route(b"x" * (MAX_BYTES + 1), chunked=True), "the answer is over the limit of 1048576 bytes"),
        (Route(b"gone", status=500), "the server answered HTTP 500"),
        (Route(b"", status=302, headers={"Location": "http://localhost:1/x"}),
         "it redirects to localhost:1, which the configuration does not name"),
    ],
)  # fmt: skip
def test_a_hostile_answer_is_named_and_the_copy_kept(
    feeds: Feeds, tmp_path: Path, route: Route, reason: str
) -> None:
    config = configure(tmp_path, [f"{feeds.url}/known_issues.yaml"], [])
    gather(config, [])
    feeds.routes["/known_issues.yaml"] = route
    known = gather(config, [])
    assert ids(known) == ["portal-slow", "wifi-down"]
    assert reason in str(known.notices[0]) and "using the copy read" in str(known.notices[0])


@pytest.mark.parametrize(
    ("path", "body", "fault"),
    [
        ("/known_issues.yaml", b"<html>Sorry</html>", "the file must be a mapping"),
        ("/known_issues.yaml", b"format: 1\nissues: [{id: X}]\n", "issue id 'X' is not valid"),
        ("/known_issues.yaml", b"\xff\xfe", "the file is not valid UTF-8"),
        ("/api/v2/summary.json", b"<html>Sorry</html>", "the answer is not JSON"),
        ("/api/v2/summary.json", b"{}", "not a Statuspage summary"),
    ],
)
def test_a_feed_that_does_not_parse_is_named_and_ignored(
    feeds: Feeds, tmp_path: Path, path: str, body: bytes, fault: str
) -> None:
    config = configure(tmp_path, [f"{feeds.url}/known_issues.yaml"], [feeds.url])
    before = ids(gather(config, []))
    feeds.routes[path] = Route(body, etag='"bad"')
    known = gather(config, [])
    assert ids(known) == before  # the good copy still stands
    (notice,) = known.notices
    lines = str(notice).splitlines()
    assert lines[0].startswith(f"The answer of {feeds.url}{path} is not used; fixit uses its copy ")
    assert lines[0].endswith(" ago instead. The answer's faults:")
    assert any(fault in line for line in lines[1:])
    assert cache.read(f"{feeds.url}{path}")[0].etag != '"bad"'  # type: ignore[union-attr]


def test_no_url_inside_a_feed_is_ever_fetched(feeds: Feeds, tmp_path: Path) -> None:
    with serve() as elsewhere:
        elsewhere.routes["/x"] = Route(b"x")
        body = ISSUES.replace(
            b"new_reports: true",
            f"new_reports: true\n    url: {elsewhere.url}/x\n"
            f"    affects: {{urls: ['{elsewhere.url}/x']}}".encode(),
        ).replace(b"    affects: {trees: [web-service], tags: [portal]}\n", b"", 1)
        feeds.routes["/known_issues.yaml"] = Route(body)
        feeds.routes["/api/v2/summary.json"] = Route(
            SUMMARY.replace(b"https://stspg.io/abc123", f"{elsewhere.url}/x".encode())
        )
        config = configure(tmp_path, [f"{feeds.url}/known_issues.yaml"], [feeds.url])
        known = gather(config, [])
        assert known.notices == () and known.problems[0].url == f"{elsewhere.url}/x"
        feeds.routes["/known_issues.yaml"] = Route(
            b"", status=301, headers={"Location": f"{elsewhere.url}/x"}
        )
        assert "which the configuration does not name" in str(gather(config, []).notices[0])
        assert elsewhere.log == []


def test_a_chunked_answer_is_read_whole(feeds: Feeds, tmp_path: Path) -> None:
    feeds.routes["/known_issues.yaml"] = Route(ISSUES + b"#" * 5000 + b"\n", chunked=True)
    known = gather(configure(tmp_path, [f"{feeds.url}/known_issues.yaml"], []), [])
    assert ids(known) == ["portal-slow", "wifi-down"] and known.notices == ()


def test_a_redirect_on_the_same_host_is_followed(feeds: Feeds, tmp_path: Path) -> None:
    feeds.routes["/old.yaml"] = Route(b"", status=301, headers={"Location": "/known_issues.yaml"})
    known = gather(configure(tmp_path, [f"{feeds.url}/old.yaml"], []), [])
    assert ids(known) == ["portal-slow", "wifi-down"] and known.notices == ()


def test_a_damaged_copy_is_kept_aside_and_said(feeds: Feeds, tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{closed_port()}/known_issues.yaml"
    config = configure(tmp_path, [url], [])
    copy = cache.file_for(url)
    copy.write_text("{}", "utf-8")
    known = gather(config, [])
    assert "was damaged; it is kept aside as" in str(known.notices[0])
    assert not copy.exists() and copy.with_name(copy.name + ".corrupt").exists()


def test_the_background_result_once_read(feeds: Feeds, tmp_path: Path) -> None:
    config = configure(tmp_path, [f"{feeds.url}/known_issues.yaml"], [feeds.url])
    pending = in_background(config, [])
    wait_for(pending.done)
    assert len(pending.result(0).problems) == 5 and pending.result(0).notices == ()


@pytest.fixture
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls(ca: trustme.CA) -> Iterator[Feeds]:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(context)
    with serve(context) as server:
        server.routes["/known_issues.yaml"] = Route(ISSUES)
        yield server


def test_a_certificate_fixit_cannot_verify_is_refused(tls: Feeds, tmp_path: Path) -> None:
    known = gather(configure(tmp_path, [f"{tls.url}/known_issues.yaml"], []), [])
    assert known.problems == ()
    assert "(its certificate could not be verified)" in str(known.notices[0])


def test_a_private_ca_is_trusted_through_ssl_cert_file(
    tls: Feeds, ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    known = gather(configure(tmp_path, [f"{tls.url}/known_issues.yaml"], []), [])
    assert ids(known) == ["portal-slow", "wifi-down"] and known.notices == ()


def test_netrc_is_never_read(feeds: Feeds, tmp_path: Path) -> None:
    netrc = Path(os.environ["HOME"]) / ".netrc"
    netrc.write_text("machine 127.0.0.1 login canary password canary-secret\n", "utf-8")
    netrc.chmod(0o600)
    gather(configure(tmp_path, [f"{feeds.url}/known_issues.yaml"], []), [])
    (request,) = feeds.log
    assert "Authorization" not in request.headers
    assert request.headers["Accept-Encoding"] == "identity"


def test_a_feeds_query_string_never_shows(feeds: Feeds, tmp_path: Path) -> None:
    feeds.routes["/known_issues.yaml?token=canary-secret"] = Route(ISSUES)
    url = f"{feeds.url}/known_issues.yaml?token=canary-secret"
    known = gather(configure(tmp_path, [url], []), [])
    assert ids(known) == ["portal-slow", "wifi-down"]
    assert known.problems[0].source == f"{feeds.url}/known_issues.yaml?…"
    down = f"http://127.0.0.1:{closed_port()}/k.yaml?token=canary-secret"
    notices = gather(configure(tmp_path, [down], []), []).notices
    assert notices and all("canary" not in str(n) for n in notices)


def test_a_slow_feed_holds_up_none_of_the_others(feeds: Feeds, tmp_path: Path) -> None:
    config = configure(tmp_path, [f"{feeds.url}/known_issues.yaml"], [feeds.url], timeout=5)
    gather(config, [])  # copies of both
    feeds.routes["/api/v2/summary.json"] = Route(hang=True)
    feeds.routes["/known_issues.yaml"] = Route(ISSUES.replace(b"wifi-down", b"wifi-new"))
    pending = in_background(config, [])
    wait_for(lambda: any(r.path == "/known_issues.yaml" for r in feeds.log[-2:]))
    time.sleep(0.3)  # the fast feed is read and parsed by now; the other still hangs
    early = pending.result(0.1)
    assert not pending.done()
    assert "wifi-new" in ids(early) and "statuspage:cp306tmzcl0y" in ids(early)
    (notice,) = early.notices
    assert str(notice).startswith(f"{feeds.url}/api/v2/summary.json was not read (still loading)")


def test_a_link_planted_where_the_copies_go_is_refused(feeds: Feeds, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    state = paths.state_dir()
    state.mkdir(mode=0o700, parents=True, exist_ok=True)
    (state / "known").symlink_to(elsewhere)
    known = gather(configure(tmp_path, [f"{feeds.url}/known_issues.yaml"], []), [])
    assert ids(known) == ["portal-slow", "wifi-down"]  # read, just not kept
    (notice,) = known.notices
    assert str(notice) == f"{state / 'known'} is a symbolic link; fixit will not follow it."
    assert list(elsewhere.iterdir()) == []
