"""Sentences and paragraphs of Chinese text, as character offsets.

A sentence ends at 。！？!?； or a line break; a closing quote or bracket right after the end
mark stays with its sentence (“…。”). A paragraph is a line.
"""
from __future__ import annotations

import re

__all__ = ["sentence_spans", "paragraph_spans", "is_heading"]

HEADING_MAX = 30

_ENDS_SENTENCE = re.compile(r"[。！？；!?;）)]$")
_END = re.compile(r"[。！？!?；;]+[”’」』）)]*|\n+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank sentence, in order.

    >>> t = "到2021年,要力争达到2万亿元。明年将步入小康。"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['到2021年,要力争达到2万亿元。', '明年将步入小康。']
    """
    out, start = [], 0
    for m in _END.finditer(text):
        end = m.end() if text[m.start()] != "\n" else m.start()
        _add(text, start, end, out)
        start = m.end()
    _add(text, start, len(text), out)
    return out


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line."""
    out, start = [], 0
    for line in text.split("\n"):
        end = start + len(line)
        if line and not line.isspace():
            _add(text, start, end, out)
        start = end + 1
    return out


def is_heading(line: str) -> bool:
    """A headline or section heading: a short line that does not end a sentence.

    >>> is_heading("建档立卡贫困户明年步入全面小康"), is_heading("明年，8.6万多名贫困户将步入小康。")
    (True, False)
    """
    line = line.strip()
    return 0 < len(line) <= HEADING_MAX and not _ENDS_SENTENCE.search(line)


def _add(text: str, start: int, end: int, out: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
