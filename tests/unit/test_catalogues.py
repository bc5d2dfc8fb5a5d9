"""The message catalogues: every marked message translated in every language, no stale entry,
placeholders as the English has them, the compiled .mo current; and Msg itself."""

from __future__ import annotations

import gettext
import importlib.util
import io
import re
import sys
from pathlib import Path

import pytest

from fixit.i18n import (
    LANGUAGES,
    LOCALE_DIR,
    Messages,
    Msg,
    _,
    from_json,
    language_of,
    ngettext,
    pgettext,
    to_json,
)

ROOT = Path(__file__).resolve().parents[2]


def _po_tool():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("po_tool", ROOT / "scripts" / "po.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["po_tool"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def po():  # type: ignore[no-untyped-def]
    return _po_tool()


@pytest.fixture(scope="module")
def extracted(po):  # type: ignore[no-untyped-def]
    return po.extract()


def test_there_are_catalogues_beyond_english() -> None:
    assert LANGUAGES[0] == "en" and "fi" in LANGUAGES
    for lang in LANGUAGES[1:]:
        assert (LOCALE_DIR / lang / "LC_MESSAGES" / "fixit.po").is_file()


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_every_marked_message_is_translated_and_no_entry_is_stale(po, extracted, lang) -> None:  # type: ignore[no-untyped-def]
    assert po.problems(lang, extracted) == []


def test_extraction_finds_messages_across_the_code(extracted) -> None:  # type: ignore[no-untyped-def]
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in extracted if m.id}
    assert "What do you need help with?" in ids  # the picker
    assert "{n} step" in ids  # a plural
    assert len(ids) > 500


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_the_compiled_catalogue_is_current(po, lang) -> None:  # type: ignore[no-untyped-def]
    from babel.messages.mofile import write_mo

    fresh = io.BytesIO()
    write_mo(fresh, po.read(po.po_path(lang), lang), use_fuzzy=False)
    fresh.seek(0)
    committed = po.po_path(lang).with_suffix(".mo")
    with open(committed, "rb") as fh:
        have = gettext.GNUTranslations(fh)
    want = gettext.GNUTranslations(fresh)
    assert have._catalog == want._catalog, f"run: python scripts/po.py compile ({lang})"  # type: ignore[attr-defined]


@pytest.mark.parametrize("lang", LANGUAGES[1:])
def test_a_translation_is_not_the_english_left_in(po, lang) -> None:  # type: ignore[no-untyped-def]
    same = [
        m.id
        for m in po.read(po.po_path(lang), lang)
        if m.id
        and isinstance(m.id, str)
        and m.string == m.id
        and re.search("[a-z]{4}", re.sub(r"\{[^}]*\}", "", m.id))
        and not m.context  # formats and word lists may coincide
    ]
    allowed = {  # the same words in a language, checked by a person
        "fixit {version}",
        "--config / FIXIT_CONFIG",
        "--trees / FIXIT_TREES",
        "Organisation",  # sv
        "{title} ({id}, version {version})",  # sv
    }
    assert [s for s in same if s not in allowed] == []


def test_a_message_renders_in_each_language_and_is_english_as_a_string() -> None:
    msg = _("What do you need help with?")
    assert str(msg) == "What do you need help with?"
    assert msg.render("fi") == "Missä asiassa tarvitset apua?"
    assert Messages("fi")(msg) == "Missä asiassa tarvitset apua?"


def test_values_are_filled_and_a_message_value_is_translated_but_a_string_never() -> None:
    inner = _("What do you need help with?")
    outer = pgettext("rpt.unset", "not given")
    assert outer.render("fi") == Messages("fi")(outer)
    said = _("{kind}: {what}", kind=inner, what="What do you need help with?")
    assert said.render("fi") == "Missä asiassa tarvitset apua?: What do you need help with?"


def test_plural_forms_come_from_the_catalogue() -> None:
    assert ngettext("{n} with a warning", "{n} with a warning", 1).render("fi") == "1 huomio"
    assert ngettext("{n} with a warning", "{n} with a warning", 2).render("fi") == "2 huomiota"
    assert str(ngettext("{n} step", "{n} steps", 1)) == "1 step"
    assert str(ngettext("{n} step", "{n} steps", 3)) == "3 steps"


def test_an_unknown_language_and_an_unknown_message_fall_back_to_english() -> None:
    assert _("no such message {x}", x=1).render("fi") == "no such message 1"
    assert Messages("xx").lang == "en"


def test_a_translation_with_broken_placeholders_shows_the_english() -> None:
    class Broken(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return "{missing} rikki"

    msg = Msg("{name} works", {"name": "x"})
    assert msg._template(Broken()) == "{missing} rikki"
    # the render path: a KeyError in the translation gives the English text
    from fixit import i18n

    i18n.translation.cache_clear()
    original = i18n.translation
    try:
        i18n.translation = lambda lang: Broken()  # type: ignore[assignment]
        assert msg.render("fi") == "x works"
    finally:
        i18n.translation = original
        i18n.translation.cache_clear()


def test_a_message_survives_a_round_trip_through_json() -> None:
    msg = _("cannot write {path}: {reason}.", path="/x", reason=_("Permission denied"))
    data = to_json(msg)
    assert data["en"] == "cannot write /x: Permission denied."
    assert from_json(data) == msg
    assert from_json({"en": "old", "fi": "vanha"}) is None
    plural = ngettext("{n} step", "{n} steps", 2)
    assert from_json(to_json(plural)) == plural


@pytest.mark.parametrize(
    ("locale_name", "lang"),
    [("fi_FI.UTF-8", "fi"), ("en_GB", "en"), ("de_DE", None), ("C", None)],
)
def test_a_locale_name_picks_a_language_fixit_speaks(locale_name: str, lang: str | None) -> None:
    assert language_of(locale_name) == lang


def test_a_message_missing_a_value_shows_its_text_instead_of_crashing() -> None:
    damaged = from_json({"msg": "What do you need help with? {x}", "values": {"y": 1}})
    assert damaged is not None
    assert damaged.render("fi") == "What do you need help with? {x}"
    assert str(damaged) == "What do you need help with? {x}"
