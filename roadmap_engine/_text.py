"""Cutting catalog prose to size without cutting a sentence in half."""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[.!?](?<!\b[a-z]\.[a-z][.!?])(?=\s+[A-Z])")
"""A full stop, question or exclamation mark before a capital: not the one in
"e.g. this" or "3.5". The mark comes first and the look back after it: led by the
look back, the search tried it at every character (ten times slower)."""


def first_sentence(text: str) -> str:
    """The first sentence of ``text``, or all of it when it is one sentence."""
    found = _SENTENCE_END.search(text)
    return text[: found.end()] if found else text
