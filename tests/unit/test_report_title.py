"""A report's title is shortened only after redaction: a secret or an address cut at any position
of the title leaves no piece of itself in any format, the e-mail subject or a ticket subject."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from fixit.engine import ACK, Answer, Engine, State
from fixit.history import History
from fixit.i18n import Messages
from fixit.report.model import assemble_report
from fixit.report.redact import DEFAULT_POLICY, Redactor, redact_json, redact_report
from fixit.report.render import FORMATS, render
from fixit.report.title import MAX_PART
from fixit.submit.base import Payload
from fixit.submit.email import build_message
from fixit.submit.redmine import subject
from fixit.trees.model import Tree
from fixit.trees.validate import check_text

from ..conftest import SHIPPED

CANARY = "CANARY-7f3a9c1b2d"
#: (what is typed, where its private part starts): every prefix of that part must stay hidden
PRIVATE = [
    ("liisa.virtanen@example.org", 0),
    ("ghp_" + "A1b2C3d4E5" * 4, 0),
    ("password=Hunter2Secret", 9),
    ("https://liisa:Pa55word@portal.example.org/x", 8),
    (CANARY, 0),
    ("81.2.69.160", 0),
    ("aa:bb:cc:dd:ee:ff", 0),
    ("maija-laptop", 0),
    ("/home/maija/plans.txt", 6),
]
FIELDS = {
    "category": "incident",
    "topic": "other",
    "doing": "Working",
    "happened": "It broke",
    "error_message": "",
    "since": "today",
    "frequency": "always",
    "reproduce": "",
    "affected": "me",
    "urgency": "high",
    "device_id": "",
    "screenshot": "",
    "reporter_name": "Liisa",
    "reporter_contact": "040 123 4567",
}


def report_tree() -> Tree:
    text = (SHIPPED / "report-problem.yaml").read_text()
    tree, problems = check_text(text, "report-problem.yaml", "report-problem")
    assert problems == [] and tree is not None
    return tree


TREE = report_tree()


def history(fields: dict[str, str]) -> History:
    """The report-problem tree answered from `fields` (info nodes acknowledged)."""
    engine = Engine({TREE.id: TREE}, TREE.id)
    state = State()
    while not (walk := engine.walk(state.active)).finished:
        assert walk.node is not None
        value = ACK if walk.node.kind == "info" else fields[walk.qid]
        state, _ = engine.answer(state, Answer(walk.qid, value))
    return History(state=state)


def redactor() -> Redactor:
    return Redactor(
        DEFAULT_POLICY,
        secrets=[CANARY],
        user="maija",
        home="/home/maija",
        hostnames=["maija-laptop.corp.example"],
    )


def outputs(fields: dict[str, str], lang: str = "en") -> Iterator[tuple[str, str]]:
    """Every place the title leaves in: the redacted report in each format, the mail's subject
    and a Redmine subject (GitHub, Jira and Zendesk clip the same redacted title)."""
    msgs = Messages(lang)
    meta = {"id": "20260101-000000-abcd", "tree": TREE.id, "lang": lang, "started": ""}
    report = assemble_report(meta, {TREE.id: TREE}, history(fields), msgs)
    redacted = redact_report(report, redactor())
    rendered = {fmt: render(redacted, fmt, msgs) for fmt in FORMATS}
    yield from rendered.items()
    payload = Payload(
        "fixit-x", redacted.title, redacted.to_json(), *(rendered[f] for f in FORMATS)
    )
    settings = {"subject_prefix": "[fixit]", "from": "fixit@example.fi", "to": ["t@example.fi"]}
    yield "e-mail subject", str(build_message(payload, settings, "fixit@example.fi")["Subject"])
    yield "redmine subject", subject(payload.title, payload.tag)


def leaks(typed: str, start: int, text: str) -> list[str]:
    """The pieces of `typed`'s private part (four characters or more) that `text` holds."""
    return [
        typed[start:end] for end in range(start + 4, len(typed) + 1) if typed[start:end] in text
    ]


def cuts(item: str, limit: int) -> Iterator[int]:
    """Filler lengths that put the title's cut (at `limit` - 1) at every position of `item`."""
    for offset in range(len(item) + 1):
        yield max(0, limit - 1 - offset - 1)


@pytest.mark.parametrize(("typed", "start"), PRIVATE, ids=[p[0][:12] for p in PRIVATE])
def test_what_happened_cut_at_every_position_leaks_nothing(typed: str, start: int) -> None:
    assert FORMATS == ("markdown", "text", "html", "json")
    for filler in cuts(typed, MAX_PART):
        happened = "w" * filler + " " + typed if filler else typed
        for where, text in outputs({**FIELDS, "happened": happened}):
            assert not leaks(typed, start, text), (filler, where, leaks(typed, start, text))


@pytest.mark.parametrize(("typed", "start"), PRIVATE[:3], ids=["email", "token", "password"])
def test_a_device_id_cut_at_every_position_leaks_nothing(typed: str, start: int) -> None:
    for filler in cuts(typed, 30):
        device = "d" * filler + " " + typed if filler else typed
        for where, text in outputs({**FIELDS, "device_id": device}, "fi"):
            assert not leaks(typed, start, text), (filler, where, leaks(typed, start, text))


def test_the_title_is_shortened_after_redaction_and_keeps_its_shape() -> None:
    happened = "The portal refused liisa.virtanen@example.org and then " + "x" * 80
    report = next(
        json.loads(text)
        for where, text in outputs({**FIELDS, "happened": happened, "device_id": "L-42"})
        if where == "json"
    )
    title = report["title"]
    what, device, urgency = title.split(" — ")
    assert what.startswith("The portal refused <email-1> and then xxx") and what.endswith("…")
    assert len(what) == MAX_PART and device == "L-42" and urgency == "blocks my work"
    counts = {r["kind"]: r["count"] for r in report["redactions"]}
    rest = json.dumps({k: v for k, v in report.items() if k != "title"})
    assert counts == {"email": rest.count("<email-1>")}  # the title's copy is not counted again


def test_a_report_without_the_models_shape_still_has_its_title_redacted() -> None:
    out = redact_json({"title": "maija cannot reach 8.8.8.8"}, redactor())
    assert out["title"] == "<user-1> cannot reach <ip-1>"


def test_a_request_or_a_question_is_named_by_its_own_words_not_the_tree() -> None:
    """`fixit report --new` for a request or for advice collects no 'what happened': the title
    says what is needed, or the question asked, instead of 'Report a problem to support'."""
    common = {"urgency": "normal", "screenshot": "", "reporter_name": "Liisa"}
    common |= {"reporter_contact": "040 123 4567"}
    request = {"category": "service_request", "topic": "request"}
    request |= {"request_what": "A second monitor", "request_for": "me", "needed_by": "Monday"}
    advice = {"category": "advice", "topic": "advice", "advice_question": "How do I add a logo?"}
    for fields, words in ((request, "A second monitor"), (advice, "How do I add a logo?")):
        doc = next(json.loads(t) for w, t in outputs({**common, **fields}) if w == "json")
        assert doc["title"] == f"{words} — work is possible but harder", doc["title"]
