"""A Statuspage summary read into known problems: unresolved incidents and maintenances in
progress (touching what their mapped components touch), mapped components not operational;
resolved or scheduled ones, unmapped components and any value of the wrong type left out;
something that is not a summary is a named fault."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from fixit.known.model import Affects, FeedError
from fixit.known.settings import StatusPage, summary_url
from fixit.known.statuspage import MAX_TEXT, read_summary

from ..conftest import DATA

BODY = (DATA / "known" / "summary.json").read_bytes()
PAGE = StatusPage(
    "https://status.example.fi/api/v2/summary.json",
    {
        "member portal": Affects(trees=("web-service",), tags=("portal",)),  # by name, any case
        "x7k2mq9zd2a0": Affects(tags=("email",)),  # by id
    },
    Affects(tags=("status-page",)),
)
FETCHED = dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.timezone.utc)


def test_incidents_maintenances_and_mapped_components() -> None:
    found = {p.id: p for p in read_summary(BODY, PAGE, "status.example.fi", FETCHED)}
    assert list(found) == [
        "statuspage:cp306tmzcl0y",
        "statuspage:m41nt3n4nc3s",
    ]  # the Member portal component is down, but the incident names it: folded into it
    incident = found["statuspage:cp306tmzcl0y"]
    assert incident.kind == "statuspage" and incident.source == "status.example.fi"
    assert incident.title == {"en": "Member portal is slow to log in"}
    assert incident.text == {"en": "The cause is a full database disk; we are moving data."}
    assert incident.status == "identified" and incident.url == "https://stspg.io/abc123"
    assert incident.since == dt.datetime(2026, 12, 7, 6, 0, tzinfo=dt.timezone.utc)
    assert incident.affects == Affects(trees=("web-service",), tags=("status-page", "portal"))
    assert incident.fetched_at == FETCHED and incident.ticket is None and incident.new_reports
    assert found["statuspage:m41nt3n4nc3s"].affects.tags == ("status-page", "email")
    # Printing is down but the configuration maps it to nothing: not fixit's business


def test_a_component_no_incident_names_is_a_problem_of_its_own() -> None:
    data = json.loads(BODY)
    data["incidents"][0]["components"] = []  # the incident no longer names the Member portal
    found = {p.id: p for p in read_summary(json.dumps(data).encode(), PAGE, "s", FETCHED)}
    assert list(found)[-1] == "statuspage:b13yz5g2cw10"
    component = found["statuspage:b13yz5g2cw10"]
    assert (component.title, component.status) == ({"en": "Member portal"}, "partial_outage")
    assert component.affects == Affects(trees=("web-service",), tags=("portal",))
    data["incidents"][0]["components"] = [{"id": "b13yz5g2cw10"}]
    data["incidents"][0]["status"] = "resolved"  # a resolved incident folds nothing
    found = {p.id: p for p in read_summary(json.dumps(data).encode(), PAGE, "s", FETCHED)}
    assert list(found) == ["statuspage:m41nt3n4nc3s", "statuspage:b13yz5g2cw10"]


def test_values_of_the_wrong_type_are_left_out_and_text_is_capped() -> None:
    data = json.loads(BODY)
    data["incidents"][0]["incident_updates"][0]["body"] = "x" * 50_000
    data["incidents"][0]["shortlink"] = "javascript:alert(1)"
    data["incidents"].append({"id": 5, "name": ["x"], "status": None})
    data["incidents"].append("not a mapping")
    data["components"][0]["name"] = {"nested": True}
    found = read_summary(json.dumps(data).encode(), PAGE, "s", None)
    (incident,) = [p for p in found if p.id == "statuspage:cp306tmzcl0y"]
    assert len(incident.text["en"]) == MAX_TEXT and incident.url is None
    # the portal component has no name now: left out (the incident still maps it by its own list)
    assert [p.id for p in found] == ["statuspage:cp306tmzcl0y", "statuspage:m41nt3n4nc3s"]
    assert incident.affects.trees == ("web-service",)


@pytest.mark.parametrize(
    ("body", "fault"),
    [
        (b"<html>Down for maintenance</html>", "the answer is not JSON"),
        (b"\xff\xfe", "the answer is not JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "the answer is not JSON"),
        (b"{}", "the answer is not a Statuspage summary (no components or incidents)"),
        (b"[]", "the answer is not a Statuspage summary (no components or incidents)"),
        (b"null", "the answer is not a Statuspage summary (no components or incidents)"),
        (b'{"incidents": {"a": 1}}', "incidents is not a list"),
    ],
)
def test_what_is_not_a_summary_is_a_named_fault(body: bytes, fault: str) -> None:
    with pytest.raises(FeedError) as caught:
        read_summary(body, PAGE, "s", None)
    assert str(caught.value) == fault


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("https://status.example.fi", "https://status.example.fi/api/v2/summary.json"),
        ("https://status.example.fi/", "https://status.example.fi/api/v2/summary.json"),
        ("https://x.fi/status/", "https://x.fi/status/api/v2/summary.json"),
        ("https://x.fi/api/v2/summary.json", "https://x.fi/api/v2/summary.json"),
        ("http://127.0.0.1:8000/s.json", "http://127.0.0.1:8000/s.json"),
    ],
)
def test_a_page_address_becomes_its_summarys(given: str, url: str) -> None:
    assert summary_url(given) == url


def test_a_group_mapped_by_name_covers_its_components() -> None:
    data = {
        "components": [
            {"id": "grp", "name": "Website", "status": "partial_outage", "group": True},
            {"id": "api", "name": "API", "status": "major_outage", "group_id": "grp"},
            {"id": "web", "name": "Frontend", "status": "operational", "group_id": "grp"},
        ],
        "incidents": [
            {"id": "inc", "name": "API errors", "status": "investigating",
             "components": [{"id": "api", "name": "API"}]},
        ],
    }  # fmt: skip
    page = StatusPage("https://s/api/v2/summary.json", {"website": Affects(trees=("web-service",))})
    found = read_summary(json.dumps(data).encode(), page, "s", None)
    assert [(p.id, p.affects.trees) for p in found] == [
        ("statuspage:inc", ("web-service",)),  # the API component is folded into it
    ]
    data["incidents"] = []  # the group's own entry is not a second problem
    found = read_summary(json.dumps(data).encode(), page, "s", None)
    assert [(p.id, p.affects.trees) for p in found] == [("statuspage:api", ("web-service",))]
