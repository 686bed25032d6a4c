"""Making text from a claims file safe to show: in a terminal, and in a spreadsheet."""

from __future__ import annotations

_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_REPLACEMENT = "\N{REPLACEMENT CHARACTER}"
_VISIBLE: dict[int, int | str] = {
    **{code: 0x2400 + code for code in range(0x20)},  # C0 controls -> control pictures (␛, ␊ ...)
    0x7F: 0x2421,  # DEL -> ␡
    **{code: _REPLACEMENT for code in range(0x80, 0xA0)},  # C1 controls (CSI, OSC ...)
    **{code: _REPLACEMENT for code in _BIDI},  # bidirectional overrides and marks
    0x2028: 0x2424,  # line separator -> ␤ (a line break to many readers)
    0x2029: 0x00B6,  # paragraph separator -> ¶
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def visible(text: str) -> str:
    """Text with every control character and bidi override replaced by a visible mark.

    A note holding ``ESC]8;;`` or a right-to-left override then reaches the terminal as text, not as
    a link, a cleared screen or reordered characters.
    """
    return text.translate(_VISIBLE)


def spreadsheet_safe(cell: str) -> str:
    """A text cell that a spreadsheet will show, never run as a formula (``=HYPERLINK(...)``).

    A cell that starts like a formula gets a leading ``'``, and so does one that only starts so
    after its own leading ``'``s, so that taking one ``'`` off again (``figcheck import``) always
    gives the text back.
    """
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_START) else cell
