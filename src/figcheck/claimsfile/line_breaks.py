"""What YAML counts as a line break: the one rule for every reader, writer and merge of the file.

YAML ends a line at ``\\n``, ``\\r\\n``, a lone ``\\r``, NEL (U+0085), LINE SEPARATOR (U+2028) and
PARAGRAPH SEPARATOR (U+2029). Code that cuts the file's text into lines at ``\\n`` alone must first
make sure there is no other kind.
"""

from __future__ import annotations

import re

LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # what YAML counts as a new line


def newlines(data: bytes) -> int | None:
    """How many lines ``data`` ends (its "\n"s), or None when it has line breaks YAML counts
    besides "\n" (a lone CR, NEL, LS, PS): then counting "\n"s would put claims read apart from
    the start of their file on the wrong lines."""
    # a byte is looked for first (memchr): in a file without such characters, a quick answer
    if b"\xc2" in data and b"\xc2\x85" in data:
        return None
    if b"\xe2" in data and (b"\xe2\x80\xa8" in data or b"\xe2\x80\xa9" in data):
        return None
    if b"\r" in data and b"\r" in data.replace(b"\r\n", b""):
        return None
    return data.count(b"\n")


def has_odd_breaks(text: str) -> bool:
    """Whether the text has line breaks YAML counts besides ``\n`` (a lone CR, NEL, LS, PS)."""
    if any(mark in text for mark in ("\x85", "\u2028", "\u2029")):
        return True
    return "\r" in text and "\r" in text.replace("\r\n", "")
