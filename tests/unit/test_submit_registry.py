"""The submit registry's knowledge of what each target type sends, which the preview shows:
its body, the report's own files beside it, and whether the report's attachments go too."""

from __future__ import annotations

import dataclasses
import importlib
from pathlib import Path

from fixit.submit.base import Payload, Target
from fixit.submit.registry import REPORT_FILES, TYPES, sent_body, sent_files


def test_each_type_names_its_body_by_a_payload_field_or_a_function_of_its_module() -> None:
    fields = {f.name for f in dataclasses.fields(Payload)}
    for spec in TYPES.values():
        assert spec.body in ("markdown", "text", "html", "json") and spec.body in fields
        if spec.preview:
            module = importlib.import_module(f"fixit.submit.{spec.module}")
            assert callable(getattr(module, spec.preview)), spec.type


def test_the_files_a_type_sends_beside_its_body() -> None:
    assert sent_files(Target("mail", "email", {})) == list(REPORT_FILES)
    assert sent_files(Target("desk", "redmine", {})) == list(REPORT_FILES)
    assert sent_files(Target("hook", "webhook", {})) == []
    folder = Target("folder", "directory", {"formats": ("markdown", "json", "pdf")})
    assert sent_files(folder) == ["report.md", "report.json"]  # a format it cannot write: none
    from fixit.submit.redmine import _REPORT_FILES

    assert [name for name, _, _ in _REPORT_FILES] == list(REPORT_FILES)


def test_which_types_take_the_reports_attachments() -> None:
    taking = {t for t, spec in TYPES.items() if spec.takes_files}
    assert taking == {"email", "redmine", "zendesk", "jira", "directory"}


def test_the_body_is_the_payload_field_the_type_sends() -> None:
    payload = Payload(
        report_id="fixit-1",
        title="T",
        report={},
        markdown="# md",
        text="plain",
        html="<p>h</p>",
        json="{}",
        attachments=[],
    )
    assert sent_body(Target("mail", "email", {}), payload) == "plain"
    assert sent_body(Target("hook", "webhook", {}), payload) == "{}"
    assert sent_body(Target("desk", "redmine", {}), payload) == "# md"
    assert sent_body(Target("folder", "directory", {"path": str(Path("x"))}), payload) == "# md"
