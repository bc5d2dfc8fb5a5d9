"""Secrets are masked in a message's values (a server's words, nested messages) before the
message is shown, stored or logged in any language; fixit's own words are left as they are."""

from __future__ import annotations

import pytest

from fixit.i18n import LANGUAGES, _, pgettext
from fixit.submit import scrub
from fixit.submit.base import SubmitError
from fixit.submit.scrub import Secrets

CANARY = "CANARY-s3cr3t-7f1e2d"
SECRETS = Secrets(frozenset({CANARY, "/hooks/T0K3N"}))


def rejected(body: str) -> SubmitError:
    what = pgettext("submit step", "the upload of {name}", name=f"{CANARY}.log")
    return SubmitError(
        _("{host} rejected {what} (HTTP {body}).", host="desk.example", what=what, body=body),
        _("Check the credentials in {name}.", name="HOOK_TOKEN"),
        retry=False,
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_secret_in_a_value_or_a_nested_message_is_masked_in_every_language(lang: str) -> None:
    err = rejected(f"422: no route for /hooks/T0K3N?key={CANARY}").scrubbed(SECRETS)
    shown = err.message.render(lang) if not isinstance(err.message, str) else err.message
    assert CANARY not in shown and "T0K3N" not in shown
    assert "***" in shown and "desk.example" in shown
    assert CANARY not in str(err) and CANARY not in repr(err) and CANARY not in str(err.args)
    assert err.retry is False  # the rest of the error is kept


def test_an_error_without_a_secret_is_the_same_error() -> None:
    err = rejected("422: summary is too long")
    clean = SubmitError(_("{host} is still creating the ticket.", host="desk.example"))
    assert clean.scrubbed(SECRETS) is clean
    assert err.scrubbed(Secrets()) is err


def test_fixits_own_words_and_numbers_are_never_masked() -> None:
    msg = _("{host} answered with more than {limit} bytes.", host="desk.example", limit=4194304)
    masked = Secrets(frozenset({"answered", "4194304"})).masked(msg)
    assert masked.id == msg.id and masked.values["limit"] == 4194304


def test_a_send_in_progress_masks_what_a_server_echoes_before_it_is_a_value() -> None:
    with pytest.raises(SubmitError) as info, scrub.guarding(SECRETS):
        said = scrub.server_text(f"denied: {CANARY}")
        assert CANARY not in said  # masked as it becomes a value
        raise rejected(said)
    assert CANARY not in info.value.message.render("fi")  # and the upload's name on leaving
