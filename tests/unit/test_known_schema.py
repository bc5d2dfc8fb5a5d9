"""The JSON Schema of known_issues.yaml agrees with fixit's validator: the shipped file is the
generated one, the schema is built from the validator's tables, and every good and bad file
here gets the same verdict from both (except the rules the schema's description names)."""

from __future__ import annotations

import jsonschema
import pytest

from fixit.known import issues
from fixit.known.json_schema import BEYOND, FILE_NAME, known_schema, schema_text
from fixit.known.model import FeedError
from fixit.known.sources import parse_yaml
from fixit.trees.yamlsafe import parse_text

from ..conftest import DATA, SHIPPED
from .test_tree_json_schema import editor_view

SCHEMA = known_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)

GOOD = (DATA / "known" / "issue-example.yaml").read_text("utf-8")


def issue(**keys: str) -> str:
    """A file of one issue: a good one with `keys` changed (a value of "" leaves the key out)."""
    base = {"id": "x", "title": "A title", "affects": "{tags: [portal]}"}
    base.update(keys)
    lines = [f"    {k}: {v}" for k, v in base.items() if v != ""]
    return "format: 1\nissues:\n  -" + "\n".join(lines)[3:] + "\n"


def schema_ok(text: str) -> bool:
    return VALIDATOR.is_valid(editor_view(parse_text(text, "k.yaml", problems=[])))


def validator_ok(text: str) -> bool:
    try:
        parse_yaml(text.encode("utf-8"), "k.yaml", None)
    except FeedError:
        return False
    return True


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert (SHIPPED / FILE_NAME).read_text("utf-8") == schema_text()
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_the_schema_is_built_from_the_validators_tables() -> None:
    issue_schema = SCHEMA["$defs"]["issue"]
    assert list(issue_schema["properties"]) == list(issues.ISSUE_KEYS)
    assert issue_schema["required"] == list(issues.REQUIRED)
    assert list(SCHEMA["$defs"]["affects"]["properties"]) == list(issues.AFFECTS_KEYS)
    assert issue_schema["properties"]["status"]["enum"] == list(issues.STATUSES)
    assert issue_schema["properties"]["since"]["pattern"] == issues.TIME.pattern
    assert all(rule in SCHEMA["description"] for rule in BEYOND)


GOOD_FILES = [
    GOOD,
    "format: 1\nissues: []\n",
    "format: 1\nissues:\n",
    issue(ticket="1234"),
    issue(ticket="SUP-12"),
    issue(new_reports="no"),
    issue(status="monitoring", until="2026-12-08"),
    issue(since="2026-12-07 08:00Z"),
    issue(since="2026-12-07T08:00:00.123+02:00"),
    issue(affects="{checks: [network.dns]}"),
    issue(affects="{urls: ['https://portal.example.fi/login']}"),
    issue(affects="{trees: [], tags: [portal]}"),
    issue(url="https://status.example.fi/incidents/1"),
    issue(title="{sv: Portalen är långsam}"),
]

BAD_FILES = [
    "format: 2\nissues: []\n",
    "issues: []\n",
    "format: 1\n",
    "format: 1\nissues: {}\n",
    "format: 1\nissues: []\nmore: 1\n",
    issue(id=""),
    issue(title=""),
    issue(affects=""),
    issue(id="Bad_Id"),
    issue(id="'-x'"),
    issue(title="''"),
    issue(title="{english: A}"),
    issue(title="'" + "x" * (issues.MAX_TITLE + 1) + "'"),
    issue(affects="{}"),
    issue(affects="{trees: []}"),
    issue(affects="{trees: [Web_Service]}"),
    issue(affects="{tags: ['two words']}"),
    issue(affects="{checks: [network.nope]}"),
    issue(affects="{urls: ['ftp://x']}"),
    issue(affects="{places: [x]}"),
    issue(since="yesterday"),
    issue(since="2026-12-07T08:00:00.5Z"),
    issue(since="20261207"),
    issue(status="fixed"),
    issue(ticket="'12 34'"),
    issue(new_reports="maybe"),
    issue(url="javascript:alert(1)"),
    issue(url="https://user:pw@example.fi/"),
    issue(colour="red"),
]


@pytest.mark.parametrize("text", GOOD_FILES)
def test_a_good_file_is_good_to_both(text: str) -> None:
    assert validator_ok(text) and schema_ok(text)


@pytest.mark.parametrize("text", BAD_FILES)
def test_a_bad_file_is_bad_to_both(text: str) -> None:
    assert not validator_ok(text)
    assert not schema_ok(text)


@pytest.mark.parametrize(
    "text",
    [
        GOOD.replace(
            "text: {en: We are on it., fi: Selvitämme asiaa.}", "text: {en: We are on it.}"
        ),
        issue(since="2026-12-07T10:00:00Z", until="2026-12-07T09:00:00Z"),
        "format: 1\nissues:\n  - {id: a, title: A, affects: {tags: [x]}}\n"
        "  - {id: a, title: B, affects: {tags: [y]}}\n",
    ],
)
def test_what_only_fixit_checks_is_named_in_the_description(text: str) -> None:
    assert not validator_ok(text) and schema_ok(text)
