"""Claims as YAML text: what the writer appends, written so it reads back as the same claim.

A text is written plain when YAML 1.1 would read it back as the same text, else double-quoted with
control, format and bidi characters escaped; numbers are plain decimals, dates YYYY-MM-DD.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import re
import unicodedata

import yaml

from figcheck.claimsfile.full_reader import CLAIM_KEYS
from figcheck.claimsfile.yaml_nodes import STR, resolved_tag
from figcheck.model import Claim, Qualifier, content_id

_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_ESCAPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
_SHORT_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0"}


def _needs_escape(char: str) -> bool:
    return unicodedata.category(char) in _ESCAPED_CATEGORIES


_SIMPLE = re.compile(r"[A-Za-z][A-Za-z0-9_ ]*[A-Za-z0-9_]\Z|[A-Za-z]\Z")  # words and spaces


def _plain_ok(text: str) -> bool:
    """Whether ``text`` can be written unquoted and be read back, by YAML 1.1, as the same text."""
    if _SIMPLE.match(text):  # the usual source or metric: only the resolver can object
        tag = resolved_tag(text)
        return bool(tag == STR)
    if not text or text != text.strip() or text[0] in _INDICATORS or text.endswith(":"):
        return False
    if ": " in text or " #" in text or any(_needs_escape(char) for char in text):
        return False
    tag = resolved_tag(text)
    if tag != STR:
        return False
    emitter = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
    analysis = emitter.analyze_scalar(text)
    return bool(analysis.allow_block_plain and not analysis.multiline)


def _double_quoted(text: str) -> str:
    """``text`` as one double-quoted YAML line; control, format and bidi characters escaped."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif not _needs_escape(char):
            out.append(char)
        elif code <= 0xFF:
            out.append(f"\\x{code:02x}")
        elif code <= 0xFFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


@functools.lru_cache(maxsize=4096)  # sources, metrics and units repeat over many claims
def scalar_yaml(text: str) -> str:
    """A text value as YAML: plain when that is safe, else double-quoted.

    Anything YAML 1.1 would read as something else (``NO``, ``yes``, ``null``, ``2024``, ``1_000``),
    or that holds ``: `` or `` #``, starts with an indicator, or spans lines, is quoted.
    """
    return text if _plain_ok(text) else _double_quoted(text)


def number_yaml(number: float) -> str:
    """A number as plain YAML: whole numbers as integers, others as YAML 1.1 floats."""
    if not math.isfinite(number):
        return str(number)  # never valid; the check after writing refuses it
    if float(number).is_integer() and abs(number) < 1e16:
        return str(int(number))
    text = repr(float(number))
    mantissa, e, exponent = text.partition("e")
    if e and "." not in mantissa:
        text = f"{mantissa}.0e{exponent}"
    return text


def _date_yaml(date: dt.date) -> str:
    return f"{date.year:04d}-{date.month:02d}-{date.day:02d}"


def claim_yaml(claim: Claim, *, dash_column: int = 2, key_column: int | None = None) -> str:
    """One claim as a block-style list item, ending in a newline.

    The item's ``-`` sits at ``dash_column`` and its keys at ``key_column`` (default two further
    in). Fields that are None are left out, and so is the default qualifier ``exact``; the id is
    always written, quoted (the content id when the claim has none).
    """
    keys_at = dash_column + 2 if key_column is None else key_column
    if keys_at < dash_column + 2:
        raise ValueError(f"key_column {keys_at} must be at least dash_column {dash_column} + 2")
    values: dict[str, str] = {"id": _double_quoted(claim.id or content_id(claim))}
    for key in CLAIM_KEYS[1:]:
        value = getattr(claim, key)
        if value is None or (key == "qualifier" and value is Qualifier.EXACT):
            continue
        if isinstance(value, Qualifier):
            values[key] = value.value
        elif isinstance(value, dt.date):
            values[key] = _date_yaml(value)
        elif isinstance(value, int | float):
            values[key] = number_yaml(value)
        else:
            values[key] = scalar_yaml(str(value))
    first = " " * dash_column + "-" + " " * (keys_at - dash_column - 1)
    lines = [
        (first if number == 0 else " " * keys_at) + f"{key}: {value}"
        for number, (key, value) in enumerate(values.items())
    ]
    return "\n".join(lines) + "\n"
