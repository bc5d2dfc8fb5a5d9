"""Support codes over trees: every shipped test case round-trips, no typed value is in a code,
and a code for another tree or version says which."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fixit.engine import ESCALATE, Answer, Engine
from fixit.supportcode import CodeError, decode, encode, read_header
from fixit.supportcode.header import tree_hash
from fixit.trees.model import Tree
from fixit.trees.nodes import Info, Input

from .supportcode_support import SMALL, shipped_cases, small

CASES = shipped_cases()


def _bare(code: str) -> str:
    return code.replace("-", "")


@pytest.mark.parametrize("case", CASES, ids=[f"{c.tree}: {c.name}" for c in CASES])
def test_every_shipped_case_decodes_to_its_path_statuses_and_end(case: Any) -> None:
    decoded = decode(case.code, [(case.trees, case.tree, case.digest)])
    engine = Engine(case.trees, case.tree)
    assert decoded.tree == case.tree
    assert decoded.version == case.trees[case.tree].version
    assert decoded.mode == case.mode
    assert decoded.path == case.walk.path
    assert (decoded.finished, decoded.outcome, decoded.end) == (
        case.walk.finished,
        case.walk.outcome,
        case.walk.end,
    )
    assert decoded.at == (None if case.walk.finished else case.walk.qid)
    assert [a.node for a in decoded.answers] == [a.node for a in case.answers]
    for got, sent in zip(decoded.answers, case.answers, strict=True):
        node = engine.node(sent.node)
        if isinstance(node, Input):
            assert got.value == ""  # typed values are never in a code
        elif not isinstance(node, Info):
            assert got.value == sent.value
        assert (got.by == "check") == (sent.by == "check"), sent.node


def test_every_shipped_case_fits_in_16_characters() -> None:
    assert max(len(_bare(c.code)) for c in CASES) <= 16


def test_a_code_is_grouped_by_four_in_crockford_base32() -> None:
    for case in CASES:
        groups = case.code.split("-")
        assert all(len(g) == 4 for g in groups[:-1]) and 1 <= len(groups[-1]) <= 4
        assert not set(case.code) - set("0123456789ABCDEFGHJKMNPQRSTVWXYZ-")


def test_a_code_reads_back_in_lower_case_with_spaces_and_look_alikes() -> None:
    case = next(c for c in CASES if "1" in c.code or "0" in c.code)
    typed = case.code.lower().replace("-", " ").replace("1", "l").replace("0", "O")
    want = decode(case.code, [(case.trees, case.tree, case.digest)])
    assert decode(typed, [(case.trees, case.tree, case.digest)]) == want


def _small_code(answers: list[Answer], mode: str = "self", finished: bool = True) -> str:
    tree = small()
    return encode({"small": tree}, "small", tree.digest, answers, mode, finished)


def _decode_small(code: str, tree: Tree | None = None) -> Any:
    tree = tree or small()
    return decode(code, [({"small": tree}, "small", tree.digest)])


def test_two_sessions_differing_only_in_typed_values_times_and_people_give_one_code() -> None:
    def session(name: str, at: str) -> list[Answer]:
        return [
            Answer("kind", "web", "user", at),
            Answer("name", name, "user", at),
            Answer("note", "ok", "user", at),
            Answer("retry", "solved", "user", at),
        ]

    first = _small_code(session("Maija Meikäläinen, +358 40 123 4567", "2026-01-01T10:00"))
    second = _small_code(session("Root <root@example.fi>", "2030-12-31T23:59"))
    assert first == second
    assert "Maija" not in str(_decode_small(first))


def test_who_answered_where_a_check_could_is_kept() -> None:
    answers = [Answer("kind", "net", "override"), Answer("net", "fail", "check")]
    decoded = _decode_small(_small_code(answers))
    assert [(a.value, a.by) for a in decoded.answers] == [("net", "override"), ("fail", "check")]
    assert (decoded.outcome, decoded.end) == ("escalate", "broken")


def test_a_person_is_the_user_in_self_mode_and_the_agent_in_agent_mode() -> None:
    answers = [Answer("kind", "net", "answers"), Answer("net", "fallback", "agent")]
    agent = _decode_small(_small_code(answers, "agent", False))
    assert [a.by for a in agent.answers] == ["agent", "agent"]
    assert (agent.mode, agent.finished, agent.outcome, agent.at) == ("agent", False, None, "ask")
    user = _decode_small(_small_code(answers, "self", False))
    assert [a.by for a in user.answers] == ["user", "user"]


def test_a_hand_over_to_support_midway_round_trips() -> None:
    answers = [Answer("kind", "other", "user"), Answer("other", "unsolved", "user")]
    answers.append(Answer("other", ESCALATE, "user"))
    decoded = _decode_small(_small_code(answers))
    assert [a.value for a in decoded.answers] == ["other", "unsolved", ESCALATE]
    assert (decoded.finished, decoded.outcome, decoded.end) == (True, "escalate", None)


def test_a_session_finished_away_from_an_end_node_says_where_it_stopped() -> None:
    decoded = _decode_small(_small_code([Answer("kind", "web", "user")], finished=True))
    assert (decoded.finished, decoded.outcome, decoded.at) == (False, None, "name")
    # the one way a session finishes away from an end node: "this is my problem"
    tree = small()
    answers = [Answer("kind", "web", "user")]
    known = encode({"small": tree}, "small", tree.digest, answers, "self", False, known=True)
    decoded = _decode_small(known)
    assert (decoded.finished, decoded.outcome, decoded.at) == (True, "known", "name")


def test_an_unanswered_session_round_trips() -> None:
    decoded = _decode_small(_small_code([], finished=False))
    assert (decoded.answers, decoded.at, decoded.finished) == ((), "kind", False)


def test_the_header_says_tree_version_digest_and_mode_without_any_tree() -> None:
    tree = small()
    header = read_header(_small_code([Answer("kind", "web", "user")], "agent", False))
    assert header.tree_hash == tree_hash("small")
    assert header.version == 3
    assert tree.digest.startswith(header.digest_prefix)
    assert (header.mode, header.finished, header.stop, header.count) == ("agent", False, "at", 1)


def test_a_code_for_a_tree_this_machine_does_not_have_says_so() -> None:
    code = _small_code([Answer("kind", "web", "user")])
    case = CASES[0]
    with pytest.raises(CodeError) as err:
        decode(code, [(case.trees, case.tree, case.digest)])
    assert str(err.value.message).startswith(
        "this code is for a tree this machine does not have (version 3, content "
    )
    assert str(err.value.hint) == (
        "Add the tree folders the user's fixit has to this machine's; `fixit trees list` shows "
        "the trees here."
    )


def test_a_code_for_another_version_names_the_tree_and_both_versions() -> None:
    code = _small_code([Answer("kind", "web", "user")])
    newer = small(SMALL.replace("version: 3", "version: 4"))
    with pytest.raises(CodeError) as err:
        _decode_small(code, newer)
    assert str(err.value.message) == (
        "this code is for tree small version 3, which this machine does not have (it has version 4)"
    )
    assert str(err.value.hint) == (
        "Put the user's version of small in one of this machine's tree folders, or ask the user "
        "for the answers."
    )


def test_a_code_for_other_content_under_the_same_version_says_so() -> None:
    code = _small_code([Answer("kind", "web", "user")])
    changed = small(SMALL.replace("Reload the page.", "Reload the page again."))
    with pytest.raises(CodeError) as err:
        _decode_small(code, changed)
    assert str(err.value.message) == (
        "this code is for tree small version 3 with other content than this machine's copy"
    )


def test_the_matching_candidate_is_found_among_many() -> None:
    case = CASES[-1]
    others = [(c.trees, c.tree, c.digest) for c in CASES if c.tree != case.tree]
    everything = [*others[:5], (case.trees, case.tree, case.digest), *others[5:]]
    assert decode(case.code, everything).tree == case.tree


def test_answers_that_do_not_walk_the_tree_are_a_fault_named_with_the_tree() -> None:
    with pytest.raises(CodeError) as err:
        _small_code([Answer("kind", "nonsense", "user")])
    assert str(err.value.message) == (
        "the answers do not fit tree small: 'nonsense' is not a choice of 'kind'"
    )
    assert str(err.value.hint) == "This is a fault in fixit: report it with the session."


def test_a_session_too_long_for_a_code_is_refused_with_a_clear_error() -> None:
    looping = small(
        SMALL.replace('label: {en: "Yes"}, goto: fixed', 'label: {en: "Yes"}, goto: net')
    )
    rounds = [Answer("net", "fallback", "user"), Answer("ask", "yes", "user")] * 300
    answers = [Answer("kind", "net", "user"), *rounds]
    with pytest.raises(CodeError) as err:
        encode({"small": looping}, "small", looping.digest, answers, "self", False)
    assert str(err.value.message).startswith("this session is too long for a support code (")
    assert str(err.value.hint) == "Send the report instead: it holds every answer."


def test_a_long_session_takes_one_more_block_of_checks_past_29_characters() -> None:
    answers = [Answer("kind", "other", "user")] + [Answer("other", "unsolved", "user")] * 200
    code = _small_code(answers, finished=False)
    assert 31 < len(_bare(code)) <= 62
    decoded = _decode_small(code)
    assert len(decoded.answers) == 201 and decoded.at == "other"


def test_answers_after_the_end_are_not_in_the_code() -> None:
    done = [Answer("kind", "net", "user"), Answer("net", "pass", "check")]
    extra = [*done, Answer("ask", "yes", "user")]
    assert _small_code(extra) == _small_code(done)


def test_a_code_is_not_read_over_other_copies_of_the_trees_its_tree_runs() -> None:
    case = next(c for c in CASES if c.trees[c.tree].subtrees())
    runs = case.trees[case.tree].subtrees()
    other = dict(case.trees)
    other[runs[0]] = replace(other[runs[0]], digest="0" * 64)
    want = (
        f"this code is for tree {case.tree} version {case.trees[case.tree].version} with other "
        f"content than this machine's copy (or other copies of the trees it runs: "
        f"{', '.join(runs)})"
    )
    with pytest.raises(CodeError) as err:
        decode(case.code, [(other, case.tree, case.digest)])
    assert str(err.value.message) == want
    assert str(err.value.hint) == (  # any of them may differ: the hint names them all
        f"Put the user's copies of {case.tree} and of the trees it runs ({', '.join(runs)}) in "
        "one of this machine's tree folders, or ask the user for the answers."
    )
    missing = {k: v for k, v in case.trees.items() if k != runs[0]}
    with pytest.raises(CodeError) as err:
        decode(case.code, [(missing, case.tree, case.digest)])
    assert str(err.value.message) == want


WITH_INPUTS = [
    c
    for c in CASES
    if any(isinstance(Engine(c.trees, c.tree).node(a.node), Input) for a in c.answers)
]


@given(
    case=st.sampled_from(WITH_INPUTS),
    typed=st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=5),
    when=st.text(max_size=30),
    person=st.sampled_from(["user", "agent", "answers"]),
)
def test_a_code_is_a_function_of_ids_and_statuses_only(
    case: Any, typed: list[str], when: str, person: str
) -> None:
    """Typed values, times and which person answered never change a code; notes, the caller's
    details and the host are not even given to `encode`."""
    engine = Engine(case.trees, case.tree)
    changed = []
    for i, a in enumerate(case.answers):
        node = engine.node(a.node)
        value = a.value
        if isinstance(node, Input) and node.type != "choice" and a.value:
            value = typed[i % len(typed)]
        by = a.by if a.by in ("check", "override") else person
        changed.append(Answer(a.node, value, by, when))
    code = encode(case.trees, case.tree, case.digest, changed, case.mode, case.walk.finished)
    assert code == case.code


def test_of_several_copies_here_the_one_of_the_same_version_is_named() -> None:
    code = _small_code([Answer("kind", "web", "user")])
    newer = small(SMALL.replace("version: 3", "version: 4"))
    changed = small(SMALL.replace("Reload the page.", "Reload the page again."))
    with pytest.raises(CodeError) as err:
        decode(
            code,
            [({"small": t}, "small", t.digest) for t in (newer, changed)],
        )
    assert "with other content than this machine's copy" in str(err.value.message)
