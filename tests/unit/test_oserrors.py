"""The operating system's reasons become messages that translate; other texts stay data."""

from __future__ import annotations

import errno
import os

from fixit import oserrors
from fixit.i18n import Msg


def test_a_system_reason_is_a_message_in_english_and_finnish() -> None:
    reason = oserrors.reason(PermissionError(errno.EACCES, os.strerror(errno.EACCES)))
    assert isinstance(reason, Msg)
    assert str(reason) == "Permission denied"
    assert reason.render("fi") == "ei käyttöoikeutta"


def test_inside_a_sentence_the_reason_is_lower_case() -> None:
    reason = oserrors.reason(OSError(errno.EIO, "Input/output error"), lowercase=True)
    assert str(reason) == "input/output error"
    assert isinstance(reason, Msg) and reason.render("fi") == "levyn luku- tai kirjoitusvirhe"


def test_every_known_error_number_says_what_the_system_says() -> None:
    for number, (sentence, lower) in oserrors.REASONS.items():
        assert sentence == os.strerror(number), number
        assert lower == sentence.lower()
        assert isinstance(oserrors.reason(OSError(number, os.strerror(number))), Msg)


def test_fixits_own_reason_translates() -> None:
    reason = oserrors.reason(OSError(errno.EINVAL, oserrors.NOT_REGULAR))
    assert isinstance(reason, Msg) and reason.render("fi") == "ei ole tavallinen tiedosto"


def test_a_text_that_is_not_the_systems_own_stays_as_it_is() -> None:
    assert oserrors.reason(OSError(errno.EACCES, "the share said no")) == "the share said no"
    assert oserrors.reason(OSError(errno.EINVAL, "Invalid argument")) == "Invalid argument"


def test_without_a_reason_the_fallback_is_said() -> None:
    assert oserrors.reason(TimeoutError("timed out")) == "timed out"
    assert oserrors.reason(OSError(), "OSError") == "OSError"
    assert oserrors.reason(OSError(), "OSError", lowercase=True) == "oserror"
