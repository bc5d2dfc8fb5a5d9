"""The known-problem validator's and feeds' words as a reader takes them, in en, fi and sv: an
unknown key of an issue, a bad status, a limit with its decimal comma, known_issues.yaml counted
as a file of its own in `fixit trees validate`, the hint of a feed that is not http(s), and the
notice of a feed answer not used while its older copy is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from fixit.i18n import Messages
from fixit.known.fetch import slow
from fixit.known.notices import bad_feed

BAD = """\
format: 1
issues:
  - id: Bad ID
    title: {en: Slow}
    affects: {trees: [web-service]}
    status: broken
    tikcet: "1234"
"""

SAID = {
    "en": (
        "unknown key 'tikcet' in an issue",
        "issue 'Bad ID' status must be one of investigating, identified, monitoring, active, "
        "resolved, not 'broken'",
        "3 problems in 1 of 2 files (tree files: 1, known-problem files: 1).",
    ),
    "fi": (
        "tuntematon avain 'tikcet' viassa",
        "kohdan status (vika 'Bad ID') arvon on oltava jokin näistä: investigating, identified, "
        "monitoring, active, resolved, ei 'broken'",
        "3 virhettä 1/2 tiedostossa (polkutiedostoja 1, tunnettujen vikojen tiedostoja 1).",
    ),
    "sv": (
        "okänd nyckel 'tikcet' i ett problem",
        "värdet för status (problemet 'Bad ID') ska vara något av följande: investigating, "
        "identified, monitoring, active, resolved, inte 'broken'",
        "3 fel i 1 av 2 filer (anvisningsfiler: 1, filer med kända problem: 1).",
    ),
}


@pytest.mark.parametrize("lang", list(SAID))
def test_validator_faults_read_well(fixit: Callable[..., Any], tmp_path: Path, lang: str) -> None:
    from ..conftest import SHIPPED

    (tmp_path / "web-service.yaml").write_text((SHIPPED / "web-service.yaml").read_text("utf-8"))
    (tmp_path / "known_issues.yaml").write_text(BAD, "utf-8")
    r = fixit("--lang", lang, "trees", "validate", str(tmp_path))
    assert r.code == 1
    err = " ".join(r.err.split())
    for line in SAID[lang]:
        assert line in err, line


@pytest.mark.parametrize(
    ("lang", "limit", "hint"),
    [
        ("en", "from 0.1 to 30", "fixit reads feeds over http:// and https:// only"),
        ("fi", "väliltä 0,1–30", "fixit lukee syötteitä vain http://- ja https://-osoitteista"),
        ("sv", "från 0,1 till 30", "fixit läser bara flöden över http:// och https://"),
    ],
)
def test_config_faults_and_hints(
    fixit: Callable[..., Any], tmp_path: Path, lang: str, limit: str, hint: str
) -> None:
    cfg = tmp_path / "config.yaml"
    cfg.write_text("known:\n  timeout: 99\n", "utf-8")
    r = fixit("--lang", lang, "--config", str(cfg), "known")
    assert r.code != 0 and limit in r.err
    cfg.write_text("known:\n  feeds: ['ftp://files.example.fi/known.yaml']\n", "utf-8")
    r = fixit("--lang", lang, "--config", str(cfg), "known")
    err = " ".join(r.err.split())
    assert r.code != 0 and hint in err and "password" not in err and "salasan" not in err


@pytest.mark.parametrize(
    ("lang", "heading", "timeout"),
    [
        (
            "en",
            "The answer of https://s.fi/k.yaml is not used; fixit uses its copy from 12 s ago "
            "instead. The answer's faults:",
            "no answer within 0.5 s",
        ),
        (
            "fi",
            "Syötteen https://s.fi/k.yaml vastausta ei käytetä, vaan fixit käyttää 12 s sitten "
            "luettua kopiota. Vastauksen virheet:",
            "ei vastausta 0,5 sekunnissa",
        ),
        (
            "sv",
            "Svaret från https://s.fi/k.yaml används inte; fixit använder i stället kopian som "
            "lästes för 12 s sedan. Fel i svaret:",
            "inget svar inom 0,5 s",
        ),
    ],
)
def test_feed_notices(lang: str, heading: str, timeout: str) -> None:
    now = dt.datetime(2026, 12, 7, 8, 0, 12, tzinfo=dt.timezone.utc)
    m = Messages(lang)
    assert m(bad_feed("https://s.fi/k.yaml", now - dt.timedelta(seconds=12), now)) == heading
    assert m(slow(0.5).reason) == timeout
    assert m(slow(3.0).reason).startswith(
        ("no answer within 3 s", "ei vastausta 3 ", "inget svar inom 3 s")
    )
