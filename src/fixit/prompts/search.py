"""A questionary list searched by more words than it shows, that says when nothing matches.

questionary's search filter keeps a choice when `typed.lower() in choice.title.lower()`, and
shows the whole list, silently, when nothing matches. A title that is a `SearchTitle` shows its
label but hands that test its label and keywords together (case-folded); `word_no_match` adds a
sentence to the search line when only the always-kept choices (Quit) are left.
questionary lets only ASCII (`string.printable`) into the search: `type_every_letter` lets in the
letters of every other script too, so that `skärm`, `näyttö` and `ström` can be typed.
"""

from __future__ import annotations

from typing import Any


class _Everything(str):
    """A haystack that holds every needle: an always-kept choice matches any search."""

    def __contains__(self, needle: object) -> bool:
        return True


class SearchTitle(str):
    """A choice title shown as its label and searched by its label and keywords."""

    words: str
    always: bool

    def __new__(cls, label: str, keywords: str = "", always: bool = False) -> SearchTitle:
        title = super().__new__(cls, label)
        title.words = " ".join(f"{label} {keywords}".split()).casefold()
        title.always = always
        return title

    def lower(self) -> str:
        """What questionary's search looks in (it lower-cases what was typed itself)."""
        return _Everything(self.words) if self.always else self.words


def _inquirer(question: Any) -> Any:
    """The list's own control in a questionary select (its choices and its search)."""
    from questionary.prompts.common import InquirerControl

    windows = question.application.layout.find_all_windows()
    return next(w.content for w in windows if isinstance(w.content, InquirerControl))


def type_every_letter(question: Any) -> None:
    """Let a non-ASCII character typed at the list of `question` into its search, as questionary
    lets in ASCII ones; any other key stays ignored, as questionary ignores it."""
    from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent, merge_key_bindings
    from prompt_toolkit.keys import Keys

    control = _inquirer(question)
    letters = KeyBindings()

    @letters.add(Keys.Any)
    def _letter(event: KeyPressEvent) -> None:
        typed = event.key_sequence[0].data
        if len(typed) == 1 and not typed.isascii() and typed.isprintable():
            control.add_search_character(typed)

    # registered after questionary's own catch-all, so this one is the binding that runs
    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, letters])


def word_no_match(question: Any, text: str) -> None:
    """Make the search line of `question` (a questionary select) say `text` when only the
    always-kept choices match what was typed."""
    from prompt_toolkit.layout.controls import FormattedTextControl

    windows = list(question.application.layout.find_all_windows())
    control = _inquirer(question)
    plain_tokens: Any = control.get_search_string_tokens

    def tokens() -> Any:
        shown = plain_tokens()
        left = [c for c in control.filtered_choices if not getattr(c.title, "always", False)]
        if shown and (not left or not control.found_in_search):
            shown = [*shown, ("class:search_none", f"  {text}")]
        return shown

    for window in windows:
        if isinstance(window.content, FormattedTextControl) and window.content.text == plain_tokens:
            window.content.text = tokens
