"""A check's data in a report: labelled lines in the report's language (report/check_data.py)."""

from __future__ import annotations

from typing import Any

from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import CheckResult
from fixit.report.check_data import detail_lines, problem
from tests.unit.diagnostics.said import say


def test_details_are_labelled_lines_in_the_language() -> None:
    data = {
        "names": [
            {"name": "www.example.fi", "ok": False, "count": 0, "kind": "dns",
             "error": "the name www.example.fi does not resolve"},
            {"name": "intra.example.fi", "ok": True, "count": 1, "addresses": ["192.0.2.7"],
             "ms": 12},
        ],
        "nameservers": ["192.0.2.53"],
    }  # fmt: skip
    result = CheckResult("network.dns", "warn", say("x", "x"), data)
    assert detail_lines(result, "en") == [
        ("DNS", "the name www.example.fi does not resolve"),
        ("DNS", "intra.example.fi — addresses found: 1; addresses: 192.0.2.7; time: 12 ms"),
        ("Name servers", "192.0.2.53"),
    ]
    assert detail_lines(result, "fi") == [
        ("Nimipalvelu", "nimeä www.example.fi ei löydy"),
        (
            "Nimipalvelu",
            "intra.example.fi — osoitteita löytyi: 1; osoitteet: 192.0.2.7; aika: 12 ms",
        ),
        ("Nimipalvelimet", "192.0.2.53"),
    ]


def test_details_give_units_and_translate_known_words() -> None:
    data = {
        "boot_time": "2026-12-07T02:59:39Z",
        "total": 8 * 1024**3,
        "percent": 42.5,
        "swap": {"total": 0, "used": 0},
        "interfaces": [{"name": "wlan0", "up": True, "kind": "wireless", "ipv4": []}],
    }
    lines = dict(detail_lines(CheckResult("memory.usage", "pass", say("x", "x"), data), "fi"))
    assert lines == {
        "Käynnistetty": "7.12.2026 klo 2.59 UTC",
        "Koko": "8 GiB",
        "Käyttöaste": "42,5 %",
        "Sovitin": "wlan0 — yhteys päällä: kyllä; tyyppi: langaton",
    }


def test_a_probe_problem_is_told_again_in_finnish_with_its_detail() -> None:
    en = "TLS failed with portal.example.fi: certificate verify failed (certificate has expired)"
    assert problem("cert", en, "fi") == (
        "palvelimen portal.example.fi varmenne ei kelpaa (certificate has expired)"
    )
    assert problem("refused", "x.fi refused the connection", "fi") == "x.fi torjui yhteyden"
    assert problem("unknown-kind", "something odd", "fi") == "something odd"


def _keys(value: Any, mapping_keys: bool = True) -> set[str]:
    """Every key in a check's data, nested lists and mappings included."""
    found: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            found.add(k)
            # a mapping keyed by data (ports, proxy schemes) shows its keys as they are
            if k not in ("ports", "proxies", "reachable"):
                found |= _keys(v)
    elif isinstance(value, list):
        for v in value:
            found |= _keys(v)
    return found


def test_every_data_key_of_a_real_run_has_a_label_in_both_languages() -> None:
    """Run every check on this machine (network ones on loopback only): no data key a report
    shows is left as an English key in a Finnish report."""
    import http.server
    import threading

    from fixit.diagnostics.runner import ThreadRunner
    from fixit.report.check_data import ITEMS, KEYS, QUIET

    class Quick(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quick)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{srv.server_address[1]}/generate_204"
    settings = {
        "network.dns": {"names": ["localhost"]},
        "network.internet": {"urls": [url]},
        "time.skew": {"url": url},
        "service.url": {"url": url},
    }
    try:
        results = ThreadRunner(settings=settings).run(list(CHECKS))
    finally:
        srv.shutdown()
        srv.server_close()
    for result in results.values():
        unknown = _keys(result.data) - set(KEYS) - set(ITEMS) - QUIET
        assert not unknown, (result.id, unknown)
        for label, text in detail_lines(result, "fi"):
            assert "_" not in label and "{" not in text, (result.id, label, text)
