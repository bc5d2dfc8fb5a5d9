"""`fixit trees schema`: the JSON Schema of tree format 1, printed or written for editors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from fixit import storage
from fixit.context import AppContext
from fixit.errors import ExitCode
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
    from fixit.trees.json_schema import FILE_NAME, header

    if output.is_dir():
        output = output / FILE_NAME
    # a folder of trees is shared: others' editors read the schema too
    storage.write_output(output, text.encode("utf-8"), new_mode=0o644)
    m = ctx.msgs
    ctx.screen.line(m(_("JSON Schema written to {path}.", path=str(output))))
    first = _("For editors to check a tree in that folder as you type, make this its first line:")
    ctx.screen.line(m(first))
    ctx.screen.line(header(output.name))
    return ExitCode.OK
