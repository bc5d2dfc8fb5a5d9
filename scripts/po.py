#!/usr/bin/env python3
"""fixit's message catalogues: extract, update, add, compile and check (needs Babel).

    python scripts/po.py extract          # src/ -> src/fixit/i18n/locale/fixit.pot
    python scripts/po.py update [LANG…]   # the .pot into every LANG .po (new entries empty)
    python scripts/po.py add LANG FILE    # merge the entries of FILE into LANG's .po, compile it
    python scripts/po.py compile          # every .po -> .mo
    python scripts/po.py check            # what the test checks: complete, current, placeholders
    python scripts/po.py new LANG         # start a catalogue for a new language from the .pot

Several people may add entries at once: `add`, `update` and `compile` hold a lock on the folder.
"""

from __future__ import annotations

import argparse
import fcntl
import io
import string
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "fixit"
LOCALE = SRC / "i18n" / "locale"
POT = LOCALE / "fixit.pot"
WIDTH = 100


def po_path(lang: str) -> Path:
    """Where the catalogue of `lang` lives."""
    return LOCALE / lang / "LC_MESSAGES" / "fixit.po"


def languages() -> list[str]:
    """The languages that have a catalogue."""
    return sorted(p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/fixit.po"))


@contextmanager
def locked() -> Iterator[None]:
    """One writer at a time."""
    LOCALE.mkdir(parents=True, exist_ok=True)
    with open(LOCALE / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def fields(text: str) -> set[str]:
    """The placeholders of a brace-format text."""
    try:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
    except ValueError:
        return {"<malformed>"}


def extract() -> Catalog:
    """Every marked message in src/fixit, with where it is used."""
    catalog = Catalog(project="fixit", charset="utf-8")
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(SRC), method_map, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        flags = brace_flags(message)
        catalog.add(
            message,
            None,
            [(f"src/fixit/{filename}", lineno)],
            auto_comments=comments,
            context=context,
            flags=flags,
        )
    return catalog


def _ids(message: str | tuple[str, ...]) -> tuple[str, ...]:
    return message if isinstance(message, tuple) else (message,)


def read(path: Path, lang: str | None = None) -> Catalog:
    """A .po or .pot file."""
    with open(path, "rb") as fh:
        return read_po(fh, locale=lang, charset="utf-8")


def brace_flags(message: str | tuple[str, ...]) -> set[str]:
    """How msgfmt should check a message's placeholders. One with a format spec (`{day:02d}`) is
    not checked by msgfmt, which demands the same spec in every language (a date format's very
    point is to differ); the placeholder names are still checked by `check`."""
    texts = _ids(message)
    if not any("{" in t for t in texts):
        return set()
    specs = any(":" in f for t in texts for f in _field_specs(t))
    return {"no-python-brace-format"} if specs else {"python-brace-format"}


def _field_specs(text: str) -> list[str]:
    try:
        return [
            f"{f}:{spec}" if spec else f for _, f, spec, _ in string.Formatter().parse(text) if f
        ]
    except ValueError:
        return []


def write(path: Path, catalog: Catalog) -> None:
    """Write a catalogue as translators' tools expect it, atomically."""
    lang = catalog.locale_identifier or "template"
    catalog.header_comment = (
        f"# fixit's messages: {lang}.\n"
        "# This file is distributed under the same license as fixit.\n"
        "# How to translate: README.md, section 'Adding a language'."
    )
    catalog.fuzzy = False
    catalog.project, catalog.version, catalog.msgid_bugs_address = "fixit", "1", ""
    for m in catalog:
        if m.id:
            m.flags.discard("python-brace-format")
            m.flags.discard("no-python-brace-format")
            m.flags.update(brace_flags(m.id))
            if m.flags & {"python-brace-format", "no-python-brace-format"}:
                m.flags.discard("python-format")  # Babel's guess: "{pct}% left" is not %-format
                m.flags.discard("no-python-format")
    buf = io.BytesIO()
    write_po(buf, catalog, width=WIDTH, omit_header=False, include_previous=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(buf.getvalue())
    tmp.replace(path)


def compile_one(lang: str) -> None:
    """LANG's .po to .mo (fuzzy entries left out, as msgfmt does)."""
    catalog = read(po_path(lang), lang)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    mo = po_path(lang).with_suffix(".mo")
    tmp = mo.with_suffix(".tmp")
    tmp.write_bytes(buf.getvalue())
    tmp.replace(mo)


def cmd_extract(_: argparse.Namespace) -> int:
    with locked():
        write(POT, extract())
    print(f"wrote {POT.relative_to(ROOT)}")
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    with locked():
        template = extract()
        write(POT, template)
        for lang in args.langs or languages():
            catalog = read(po_path(lang), lang)
            catalog.update(template, no_fuzzy_matching=False, update_header_comment=False)
            catalog.obsolete.clear()
            write(po_path(lang), catalog)
            compile_one(lang)
            print(f"updated {lang}")
    return 0


def cmd_compile(_: argparse.Namespace) -> int:
    with locked():
        for lang in languages():
            compile_one(lang)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    path = po_path(args.lang)
    if path.exists():
        print(f"{path} exists", file=sys.stderr)
        return 1
    with locked():
        template = extract()
        catalog = Catalog(locale=args.lang, project="fixit", charset="utf-8")
        catalog.update(template)
        path.parent.mkdir(parents=True, exist_ok=True)
        write(path, catalog)
        compile_one(args.lang)
    print(f"wrote {path.relative_to(ROOT)}")
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    incoming = read(Path(args.file), args.lang)
    conflicts = 0
    with locked():
        path = po_path(args.lang)
        catalog = read(path, args.lang)
        for m in incoming:
            if not m.id:
                continue
            old = catalog.get(m.id, m.context)
            if (
                old is not None
                and any(_ids(old.string))
                and old.string != m.string
                and not args.replace
            ):
                conflicts += 1
                print(
                    f"kept the existing translation of {m.id!r} (context {m.context!r}):\n"
                    f"  existing: {old.string!r}\n  yours:    {m.string!r}",
                    file=sys.stderr,
                )
                continue
            flags = set(m.flags) | brace_flags(m.id)
            if old is not None:  # Babel's catalog[id] = ... keeps an existing entry's msgstr
                catalog.delete(m.id, context=m.context)
            catalog[m.id] = Message(
                m.id,
                m.string,
                list(old.locations) if old else [],
                flags,
                m.auto_comments or (list(old.auto_comments) if old else []),
                m.user_comments,
                context=m.context,
            )
        write(path, catalog)
        compile_one(args.lang)
    print(f"{args.lang}: merged {sum(1 for m in incoming if m.id)} entries, {conflicts} conflicts")
    return 1 if conflicts else 0


def problems(lang: str, template: Catalog) -> list[str]:
    """What is wrong with LANG's catalogue against the extracted messages."""
    catalog = read(po_path(lang), lang)
    found: list[str] = []
    wanted = {(m.id if isinstance(m.id, str) else m.id[0], m.context) for m in template if m.id}
    for m in template:
        if not m.id:
            continue
        key = m.id if isinstance(m.id, str) else m.id[0]
        have = catalog.get(m.id, m.context)
        where = f"{lang}: {key!r}" + (f" (context {m.context!r})" if m.context else "")
        strings = _ids(have.string) if have is not None else ()
        if have is None or not all(strings) or have.fuzzy:
            found.append(f"{where}: not translated")
            continue
        need = set().union(*(fields(i) for i in _ids(m.id)))
        for s in strings:
            if fields(s) - need or (len(strings) == 1 and fields(s) != need):
                found.append(
                    f"{where}: placeholders {sorted(fields(s))} but the English has {sorted(need)}"
                )
    for m in catalog:
        if m.id and ((m.id if isinstance(m.id, str) else m.id[0]), m.context) not in wanted:
            found.append(f"{lang}: stale entry {m.id!r} (no longer in the code)")
    return found


def cmd_check(_: argparse.Namespace) -> int:
    template = extract()
    found = [p for lang in languages() for p in problems(lang, template)]
    print("\n".join(found) or "all catalogues complete")
    return 1 if found else 0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("extract").set_defaults(run=cmd_extract)
    update = sub.add_parser("update")
    update.add_argument("langs", nargs="*", help="only these languages (default: all)")
    update.set_defaults(run=cmd_update)
    sub.add_parser("compile").set_defaults(run=cmd_compile)
    sub.add_parser("check").set_defaults(run=cmd_check)
    new = sub.add_parser("new")
    new.add_argument("lang")
    new.set_defaults(run=cmd_new)
    add = sub.add_parser("add")
    add.add_argument("lang")
    add.add_argument("file")
    add.add_argument("--replace", action="store_true", help="overwrite differing translations")
    add.set_defaults(run=cmd_add)
    args = parser.parse_args()
    return int(args.run(args))


if __name__ == "__main__":
    sys.exit(main())
