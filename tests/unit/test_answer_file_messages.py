"""An answer file's errors are messages: shown in one language from end to end, the input's own
problem inside the sentence included (it was English wrapped around Finnish before)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixit.answers import AnswerFile, AnswerFileError, load_answer_file, scripted_answer
from fixit.i18n import Messages
from fixit.trees.nodes import Input


def _email_node() -> Input:
    return Input(id="mail", text={"": "Mail?"}, type="email", field="mail", goto="end")


def test_an_answer_that_does_not_fit_is_one_sentence_in_one_language() -> None:
    af = AnswerFile(answers={"mail": ["not an address"]}, source="a.yaml")
    with pytest.raises(AnswerFileError) as info:
        scripted_answer(_email_node(), "mail", af, False, Messages("fi"), check_paths=False)
    assert str(info.value.message) == (
        "the answer for node 'mail' does not fit: "
        "That does not look like an e-mail address (name@example.com)."
    )
    finnish = info.value.message.render("fi")
    assert finnish.startswith("vastaus solmuun 'mail' ei kelpaa: ")
    assert "does not look" not in finnish
    assert info.value.hint.render("fi") == "Korjaa solmun mail vastaus tiedostossa a.yaml."


def test_every_problem_of_an_answer_file_is_counted_and_placed(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("tree: x\nmode: robot\nnotes: 5\ncolour: red\n")
    with pytest.raises(AnswerFileError) as info:
        load_answer_file(path)
    assert str(info.value.message).splitlines() == [
        "the answer file has 3 problems:",
        f"{path}:2:7: mode must be self or agent",
        f"{path}:3:8: notes must be a list",
        f"{path}:4:1: unknown key 'colour'",
    ]
    assert info.value.message.render("fi").splitlines() == [
        "vastaustiedostossa on 3 virhettä:",
        f"{path}:2:7: kohdan mode arvon on oltava self tai agent",
        f"{path}:3:8: kohdan notes arvon on oltava luettelo",
        f"{path}:4:1: tuntematon avain 'colour'",
    ]
