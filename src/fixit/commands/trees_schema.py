"""`fixit trees schema`: the JSON Schema of tree format 1, printed or written for editors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fixit import storage
from fixit.context import AppContext
from fixit.errors import ExitCode, UsageError
from fixit.i18n import _


def schema_text() -> str:
    """The schema as `fixit trees schema` prints it and the shipped file holds it."""
    from fixit.trees.json_schema import tree_schema

    return json.dumps(tree_schema(), indent=2, ensure_ascii=False) + "\n"


def schema(ctx: AppContext, output: Path | None) -> int:
    """Print the schema, or write it to `output` (a folder gets the file the trees name)."""
    text = schema_text()
    if output is None:
        sys.stdout.write(text)
        return ExitCode.OK
    target = _target(output)
    # a folder of trees is shared: others' editors read the schema too
    storage.write_output(target, text.encode("utf-8"), new_mode=0o644)
    from fixit.trees.json_schema import header

    m = ctx.msgs
    ctx.screen.line(m(_("JSON Schema written to {path}.", path=str(target))))
    first = _("For editors to check a tree in that folder as you type, make this its first line:")
    ctx.screen.line(m(first))
    ctx.screen.line(header(target.name))
    return ExitCode.OK


def _target(output: Path) -> Path:
    """The file to write: `output`, or the schema's file in it when it is a folder. A name that
    is neither an existing folder, a .json file nor an existing file (/dev/stdout) is most likely
    a folder not made yet: writing a file by that name would leave the trees without a schema."""
    from fixit.trees.json_schema import FILE_NAME

    if output.is_dir():
        return output / FILE_NAME
    if output.suffix.lower() != ".json" and not output.exists():
        raise UsageError(
            _("{path} is not a folder, nor a file name that ends in .json.", path=str(output)),
            _("Make the folder first, or give a file name that ends in .json."),
        )
    return output
