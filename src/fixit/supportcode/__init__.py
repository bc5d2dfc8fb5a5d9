"""Support codes: a session's path as a short code to read over the phone, and back (pure: no
I/O). See docs/support-code.md for the format and its bounds."""

from __future__ import annotations

from fixit.supportcode.codec import Decoded as Decoded
from fixit.supportcode.codec import decode as decode
from fixit.supportcode.codec import encode as encode
from fixit.supportcode.codec import read_header as read_header
from fixit.supportcode.header import Header as Header
from fixit.supportcode.header import tree_hash as tree_hash
from fixit.supportcode.spelling import spell as spell
from fixit.supportcode.typed import MAX_LENGTH as MAX_LENGTH
from fixit.supportcode.typed import CodeError as CodeError
