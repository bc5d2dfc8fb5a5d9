"""A check's data in a report: labelled lines in the report's language (report/check_data.py)."""

from __future__ import annotations

import json
from typing import Any

from fixit.diagnostics.probeerror import ProbeError, failure_data
from fixit.diagnostics.registry import CHECKS
from fixit.diagnostics.result import CheckResult
from fixit.i18n import Msg
from fixit.report.check_data import detail_lines, problem
from tests.unit.diagnostics.said import say


def _dns_data(failure: dict[str, Any]) -> dict[str, Any]:
    """network.dns data: one name that failed (as `failure` says), one that resolved."""
    return {
        "names": [
            {"name": "www.example.fi", "ok": False, "count": 0, **failure},
            {"name": "intra.example.fi", "ok": True, "count": 1, "addresses": ["192.0.2.7"],
             "ms": 12},
        ],
        "nameservers": ["192.0.2.53"],
    }  # fmt: skip


def test_details_are_labelled_lines_in_the_language() -> None:
    failed = ProbeError("dns", "www.example.fi")
    data = _dns_data(failure_data(failed.kind, failed.words))
    assert data["names"][0]["error"] == "the name www.example.fi does not resolve"  # as before
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
    assert detail_lines(result, "sv")[0] == ("Namnuppslagning", "namnet www.example.fi hittas inte")


def test_an_older_versions_english_error_is_shown_as_stored() -> None:
    """Data from before the message was kept beside the words: never matched back to a
    message (no guessing at values), so it reads as it was stored, in every language."""
    english = "the name www.example.fi does not resolve"
    result = CheckResult("network.dns", "warn", say("x", "x"), _dns_data({"kind": "dns",
                         "error": english}))  # fmt: skip
    for lang in ("en", "fi", "sv"):
        assert detail_lines(result, lang)[0][1] == english, lang


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


def test_a_probe_problem_is_told_in_the_reports_language_with_its_detail() -> None:
    cert = ProbeError("cert", "portal.example.fi", "certificate has expired")
    data = {"url": "https://portal.example.fi/", **failure_data(cert.kind, cert.words)}
    assert data["error"] == (
        "TLS failed with portal.example.fi: certificate verify failed (certificate has expired)"
    )
    assert json.loads(json.dumps(data)) == data  # what a session file keeps
    result = CheckResult.from_json(
        CheckResult("service.url", "fail", say("x", "x"), data).to_json()
    )
    assert dict(detail_lines(result, "fi"))["Ongelma"] == (
        "palvelimen portal.example.fi varmenne ei kelpaa (vanhentunut)"
    )
    assert dict(detail_lines(result, "sv"))["Problem"] == (
        "certifikatet för portal.example.fi godkändes inte (har gått ut)"
    )
    assert dict(detail_lines(result, "en"))["Problem"] == data["error"]
    refused = ProbeError("refused", "x.fi", "Connection refused")
    row = {"url": "http://x.fi/", "ok": False, **failure_data(refused.kind, refused.words)}
    assert problem(row, "fi") == "x.fi torjui yhteyden"
    assert problem(row, "sv") == "x.fi avvisade anslutningen"
    assert problem({"kind": "unknown-kind", "error": "something odd"}, "fi") == "something odd"


def test_an_older_english_error_is_translated_only_when_it_is_a_message_word_for_word() -> None:
    """An exact catalogue entry without values is looked up; anything else is left alone."""
    exact = {"error": "The clock could not be checked."}
    assert problem(exact, "fi") == Msg(exact["error"]).render("fi") != exact["error"]
    old = {"kind": "refused", "error": "x.fi refused the connection"}
    assert problem(old, "fi") == problem(old, "sv") == "x.fi refused the connection"
    template = {"kind": "refused", "error": "{host} refused the connection"}
    assert problem(template, "fi") == "{host} refused the connection"  # never a raw msgstr
    assert problem({"error": ""}, "fi") == ""  # not the catalogue's header


def _keys(value: Any, mapping_keys: bool = True) -> set[str]:
    """Every key in a check's data, nested lists and mappings included."""
    found: set[str] = set()
    if isinstance(value, dict):
        for k, v in value.items():
            found.add(k)
            # a mapping keyed by data (ports, proxy schemes) shows its keys as they are; a
            # failure's message (error_msg) is rendered whole, never shown by its keys
            if k not in ("ports", "proxies", "reachable", "error_msg"):
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


def test_a_batterys_percent_is_its_charge_not_its_use() -> None:
    data = {"percent": 80.0, "plugged": False}
    for lang, charge in (("en", "Charge"), ("fi", "Varaus")):
        battery = dict(
            detail_lines(CheckResult("power.battery", "pass", say("x", "x"), data), lang)
        )
        assert battery[charge] == ("80 %" if lang == "fi" else "80%")
    memory = dict(detail_lines(CheckResult("memory.usage", "pass", say("x", "x"), data), "en"))
    assert "Use" in memory and "Charge" not in memory
