"""One step of an answer-file run: the file's answer, a caller detail it gives, or the step's
check run for real when the file leaves it to the machine."""

from __future__ import annotations

from fixit.answers import AnswerFile, scripted_answer
from fixit.checkflow import CheckFlow
from fixit.diagnostics.result import CheckResult
from fixit.errors import MissingAnswerError
from fixit.i18n import Messages, _
from fixit.trees.nodes import Asked, Step, by_check, probe


def scripted_step(
    af: AnswerFile,
    flow: CheckFlow,
    node: Asked,
    qid: str,
    prefilled: str | None,
    checks_off: bool,
    msgs: Messages,
    check_paths: bool,
) -> tuple[str, str, str]:
    """(action, value, who) for a step (`prefilled`: the caller detail that answers an input,
    when the file does not); a check the file does not force runs for real."""
    if prefilled is not None:  # the answer file's `caller:` already answers it
        return "answer", prefilled, "answers"
    got = scripted_answer(
        node,
        qid,
        af,
        checks_off,
        msgs,
        check_paths=check_paths,
    )
    cid = probe(node)
    if got is None:
        assert cid is not None
        if isinstance(node, Step) and node.verify:
            result = flow.verify(node, False)[0]
        else:
            result = flow.run(cid)
        answer = by_check(node, result.status)
        if answer is None:
            raise MissingAnswerError(
                _(
                    "the answer file has no answer for node {node}, and the check "
                    "{check} could not tell ({status}).",
                    node=repr(qid),
                    check=cid,
                    status=result.status,
                ),
                _(
                    "Add `{node}: ...` under `answers:` in {file}.",
                    node=qid,
                    file=af.source,
                ),
            )
        return "answer", answer, "check"
    value, by = got
    if by == "check" and cid:
        forced = af.checks.get(qid) or af.checks.get(cid, "")
        given = _("given in the answer file")
        flow.record(CheckResult(cid, forced, given))
    return "answer", value, by
