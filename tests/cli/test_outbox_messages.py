"""Why a try failed is kept in item.json as a message (its msgid, values and English) and shown
in the reader's language; an item an older fixit wrote (plain English) is still shown."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit.i18n import _, pgettext
from fixit.submit import outbox
from fixit.submit.base import Target
from tests.cli.test_outbox_faults import payload_with
from tests.cli.test_outbox_send import Desk, config, desk_fixture, make_due, session

__all__ = ["desk_fixture"]  # the loopback help desk, as a fixture here too

REJECTED = _(
    "{host} rejected {what} (HTTP {body}).",
    host="desk.example",
    what=pgettext("submit step", "the report"),
    body="422: summary is too long",  # the server's words: never translated
)
CHECK = _("Check the target's settings; the report stays in the outbox.")
HOOK = Target("desk", "webhook", {"url": "https://desk.example/in", "token_env": "T"})


def failed_item(tmp_path: Path) -> outbox.Item:
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"x")
    item = outbox.put("s1", HOOK, payload_with(shot))
    item.failed(REJECTED, False, CHECK, HOOK)
    return item


def test_the_reason_is_kept_as_a_message_with_its_english(tmp_path: Path) -> None:
    item = failed_item(tmp_path)
    meta = json.loads((item.folder / outbox.ITEM).read_text("utf-8"))
    english = "desk.example rejected the report (HTTP 422: summary is too long)."
    assert meta["last_error"]["en"] == english  # readable in the file without fixit
    assert meta["last_error"]["msg"] == "{host} rejected {what} (HTTP {body})."
    assert meta["hint"]["en"] == "Check the target's settings; the report stays in the outbox."
    assert item.last_error == REJECTED and item.hint == CHECK


def test_the_list_shows_the_reason_in_the_readers_language(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    failed_item(tmp_path)
    finnish = fixit("--lang", "fi", "--plain", "outbox", "list")
    assert finnish.code == 0, finnish.err
    said = (
        "raportin lähetys epäonnistui: palvelin desk.example hylkäsi pyynnön "
        "(HTTP 422: summary is too long)."
    )
    assert said in " ".join(finnish.out.split())
    english = fixit("--lang", "en", "--plain", "outbox", "list")
    assert "desk.example rejected the report (HTTP 422: summary is too long)." in " ".join(
        english.out.split()
    )
    [row] = json.loads(fixit("--lang", "fi", "outbox", "list", "--json").out)
    assert row["last_error"] == "desk.example rejected the report (HTTP 422: summary is too long)."


def test_an_item_an_older_fixit_wrote_in_english_is_still_shown(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    item = failed_item(tmp_path)
    meta = json.loads((item.folder / outbox.ITEM).read_text("utf-8"))
    meta["last_error"] = "the connection to desk.example broke before it answered."
    meta["hint"] = "Check the target."
    (item.folder / outbox.ITEM).write_text(json.dumps(meta), "utf-8")
    # its words were written out in English, values and all: shown as they were stored (the
    # Finnish labels around them still Finnish); fixit does not guess at an English sentence
    finnish = " ".join(fixit("--lang", "fi", "--plain", "outbox", "list").out.split())
    assert "Viimeisin virhe: the connection to desk.example broke before it answered." in finnish
    english = " ".join(fixit("--lang", "en", "--plain", "outbox", "list").out.split())
    assert "the connection to desk.example broke before it answered." in english
    [row] = json.loads(fixit("outbox", "list", "--json").out)
    assert row["last_error"] == "the connection to desk.example broke before it answered."


def test_a_damaged_item_says_why_in_the_readers_language(
    fixit: Callable[..., Any], tmp_path: Path
) -> None:
    item = failed_item(tmp_path)
    (item.folder / outbox.ITEM).write_text("[]", "utf-8")
    finnish = " ".join(fixit("--lang", "fi", "--plain", "outbox", "list").out.split())
    assert "item.json ei ole JSON-objekti; tiedosto siirrettiin talteen nimellä" in finnish
    [row] = json.loads(fixit("outbox", "list", "--json").out)  # it was kept aside the first time
    assert row["last_error"] == "item.json is missing (kept aside: item.json.corrupt)"


def test_outbox_send_says_the_kept_reason_and_fix_in_the_readers_language(
    fixit: Callable[..., Any], tmp_path: Path, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOOK_TOKEN", "t0ken-for-the-desk")
    cfg = str(config(tmp_path, desk, {"desk": 401}))
    sid = session(fixit, tmp_path)
    assert fixit("--config", cfg, "submit", sid, "--to", "desk", "--yes").code == 1
    make_due(sid, "desk")
    run = fixit("--lang", "fi", "--config", cfg, "outbox", "send")
    assert run.code == 0 and run.err == ""
    assert run.out.startswith(
        f"{sid} → desk: vaatii korjauksen, joten sitä ei yritetty: raportin lähetys epäonnistui: "
        "palvelin 127.0.0.1 torjui pyynnön (HTTP 401).\nTarkista tunnistetiedot muuttujassa "
        "HOOK_TOKEN. "
    )
    english = fixit("--lang", "en", "--config", cfg, "outbox", "send").out
    assert (
        "127.0.0.1 refused the report (HTTP 401).\nCheck the credentials in HOOK_TOKEN." in english
    )
