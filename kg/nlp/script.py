"""Traditional-script text, read through a simplified copy of the same length.

The rules and gazetteers are simplified Chinese. OpenCC converts a traditional article for
matching; the copy keeps every character at its offset (a conversion that would change the
length falls back to character-by-character), so offsets and provenance refer to the original.
"""
from __future__ import annotations

import functools

__all__ = ["to_simplified"]


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """``text`` in simplified characters, with the same length and offsets.

    >>> to_simplified("武漢市水務局負責人表示")
    '武汉市水务局负责人表示'
    """
    if text.isascii():
        return text
    conv = _converter()
    out = conv.convert(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(s := conv.convert(c)) != 1 else s for c in text)
