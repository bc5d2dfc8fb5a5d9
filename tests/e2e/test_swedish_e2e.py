"""`fixit --lang sv start computer-wont-start` in a real terminal, 100 and 40 columns wide: the
question, the step counter, the menu, `/tillbaka` at a text prompt and the end screen in Swedish,
no English UI word on the screen, and at 40 columns no label cut and no word broken.

The UI's words are compared with what the catalogue says (a proofreader may reword them), the
tree's words with its own `sv:` texts.
"""

from __future__ import annotations

import re
import time

import pyte
import pytest

from fixit.i18n import Messages, _, pgettext

from .harness import DOWN, ENTER, Fixit, Term, strip_ansi
from .test_narrow_e2e import words_whole

pytestmark = pytest.mark.e2e

SV = Messages("sv")
TREE = "computer-wont-start"
ROWS = 150  # tall enough that the whole end screen stays on it

# computer-wont-start's own Swedish (decision_trees/computer-wont-start.yaml)
FIRST = "Tryck en gång på datorns strömbrytare. Tänds någon lampa, eller hör du fläkten?"
CHOICES = ["Nej, ingenting händer", "Ja, men skärmen förblir svart", "Jag vet inte"]
CABLE = "Kontrollera att datorns strömsladd sitter ordentligt i båda ändarna"
SOCKET = "Testa uttaget som datorn är kopplad till"
ASSET = "Vilket är datorns enhets-id eller modell? Du hittar det på en etikett på datorn."
TYPED = "Dell OptiPlex 7010"
URGENCY = "Jag kan inte göra mitt arbete"
END = "Tack! Datorn (Dell OptiPlex 7010) behöver granskas närmare, och dina svar är sparade."

MENU = [_("✎ Add a note"), _("? Help"), _("Save and quit")]
BACK = _("← Back")
STEP_MENU = [_("Did that help?"), _("Done — that fixed it"), _("Done — still not working")]
SLASH = [pgettext("slash command typed at a text prompt", c) for c in ("/back", "/note", "/quit")]
#: English a Swedish screen must not show: the UI's msgids and the tree's own English
ENGLISH = [
    "Save and quit",
    "Add a note",
    "Back",
    "Help",
    "Your answer:",
    "Did that help?",
    "Done — still not working",
    "(Use arrow keys)",
    "Step 1",
    "of at most",
    "Outcome:",
    "Steps and answers",
    "Answered by",
    "Details collected",
    "/back",
    "/note",
    "/quit",
    "Press the computer's power button",
    "No, nothing happens",
    "Thank you.",
]


def step_pattern(n: int) -> re.Pattern[str]:
    """The step counter of step `n`, whatever most steps the tree can still ask."""
    template = re.escape(SV(_("Step {n} of at most {most}", n=n, most="\0")))
    return re.compile(template.replace("\\\x00", r"\d+").replace("\x00", r"\d+"))


class Screen:
    """A pyte screen fed with everything fixit writes, and the whole output kept as text."""

    def __init__(self, t: Term, columns: int) -> None:
        self.t = t
        self.columns = columns
        self.screen = pyte.Screen(columns, ROWS)
        self.stream = pyte.Stream(self.screen)
        self.seen = ""

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def flat(self) -> str:
        return " ".join(" ".join(self.lines()).split())

    def until(self, ready: object, what: str) -> list[str]:
        """Feed the screen until `ready(flat screen, whole output)` holds and the drawing rests."""
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                chunk = self.t.child.read_nonblocking(65536, timeout=0.3)
            except Exception:  # a pause in the drawing (or the end): look at what is there
                chunk = ""
            if chunk:
                self.stream.feed(chunk)
                self.seen += chunk
            elif ready(self.flat(), strip_ansi(self.seen)):  # type: ignore[operator]
                return self.lines()
        raise AssertionError(f"never showed {what}:\n" + "\n".join(self.lines()))

    def shows(self, text: str) -> list[str]:
        """Feed until `text` is on the screen (its words in order, however wrapped)."""
        return self.until(lambda shown, _: " ".join(text.split()) in shown, repr(text))

    def whole(self, *texts: str) -> None:
        """Each text is on the screen with every line break between two of its words."""
        lines = self.lines()
        assert all(len(line) <= self.columns for line in lines)
        for text in texts:
            assert words_whole(lines, text), f"{text!r} cut or broken:\n" + "\n".join(lines)


@pytest.mark.parametrize("columns", [100, 40])
def test_a_swedish_session_in_a_real_terminal(fx: Fixit, columns: int) -> None:
    t = fx.spawn("--lang", "sv", "start", TREE, trees=False, dimensions=(ROWS, columns))
    s = Screen(t, columns)
    menu = [SV(m) for m in MENU]

    s.shows(menu[-1])  # the first question, drawn whole
    assert step_pattern(1).search(s.flat()), s.flat()
    s.whole(FIRST, *CHOICES, *menu, SV(_("Your answer:")), SV(_("(Use arrow keys)")))
    assert SV(BACK) not in s.flat()  # nothing to go back to yet
    t.keys(ENTER)  # Nej, ingenting händer

    s.until(lambda shown, _: bool(step_pattern(2).search(shown)), "step 2")
    s.shows(menu[-1])
    s.whole(CABLE, *(SV(m) for m in STEP_MENU), SV(BACK), *menu)
    t.keys(DOWN, ENTER)  # still not working
    s.shows("Är datorn kopplad till en förlängningssladd")
    s.shows(menu[-1])
    t.keys(ENTER)  # a power strip
    s.until(lambda shown, _: bool(step_pattern(4).search(shown)), "step 4")
    s.shows(menu[-1])
    t.keys(DOWN, ENTER)  # still not working
    s.shows(SOCKET)
    s.shows(menu[-1])
    t.keys(ENTER)  # the socket works

    slash = [SV(c) for c in SLASH]
    s.shows(slash[-1])  # the text prompt's hint names the Swedish slash commands
    s.whole(ASSET, *slash)
    t.child.send(slash[0])  # /tillbaka
    t.keys(ENTER)
    s.until(lambda _, seen: " ".join(seen.split()).count(SOCKET) >= 2, "the step before")
    s.shows(menu[-1])
    t.keys(ENTER)  # the socket works, again
    s.until(lambda _, seen: " ".join(seen.split()).count(ASSET) >= 2, "the text prompt again")
    s.shows(slash[-1])
    t.child.send(TYPED)
    s.shows(TYPED)
    s.whole(TYPED)  # at 40 columns the hint fills its line: the answer starts on the next one
    t.keys(ENTER)
    s.shows(URGENCY)
    s.shows(menu[-1])
    s.whole("Hur mycket hindrar problemet arbetet?", "Arbetet har stannat för flera personer")
    t.keys(DOWN, ENTER)  # I cannot do my work

    sid_shown = s.until(lambda _, seen: "fixit report" in seen, "the end screen")
    assert t.wait() == 0
    sid = fx.only_session()
    s.until(lambda shown, _: sid in shown, "the session id")
    outcome = SV(_("Outcome: {outcome}", outcome=SV(_("Needs support"))))
    s.whole(END, outcome, SV(_("Steps and answers")), URGENCY)
    saved = SV(_("Your report is saved as {id} but has not been sent to support yet.", id=sid))
    assert " ".join(saved.split()) in s.flat(), "\n".join(sid_shown)

    shown = " ".join(strip_ansi(t.output).split())
    for english in ENGLISH:
        assert not re.search(rf"(?<!\w){re.escape(english)}(?!\w)", shown), english
    assert [k for k in fx.kinds(sid) if k in ("back", "end")] == ["back", "end"]
    assert fx.meta(sid)["outcome"] == "escalate" and fx.meta(sid)["lang"] == "sv"


def test_the_picker_is_swedish_and_searches_swedish_letters(fx: Fixit) -> None:
    """Swedish from the locale alone; and questionary lets only ASCII into its search: `ström`
    must not become `strm`."""
    locale = {"FIXIT_LANG": None, "LANG": "sv_FI.UTF-8"}
    t = fx.spawn(trees=False, dimensions=(30, 40), env=locale)
    s = Screen(t, 40)
    quit_label = SV(_("Quit"))
    s.shows(quit_label)
    s.whole("Datorn startar inte", "Internetförbindelsen fungerar inte", quit_label)
    s.whole(SV(_("(type to search, arrows to move, Enter to choose)")))
    t.keys(*"ström")  # a Swedish tag of computer-wont-start only
    s.shows("/ ström...")
    assert "Datorn startar inte" in s.flat() and "Internetförbindelsen" not in s.flat()
    t.keys(ENTER)
    s.shows(FIRST)  # the chosen tree's first question, in Swedish
    t.child.terminate(force=True)
