"""Addresses: the runs of adjacent places that name one location (河南省新乡市红旗区).

The extractor finds each place of ``河南省新乡市红旗区荣校东路599号`` on its own and links them by
``partOf``; an address is the whole run, read from those mentions, with an area or direction
word after its last place (``德国北部``, ``广州地区``: ``kg/data/address_tails.txt``). A place
standing alone is an address, except the country itself (中国: the frame of every address in a
Chinese text, not a location in it); 中国 can still open a longer address (``中国北京市``). Two
places are one address only when the second lies within the first or the division table cannot
tell (a road, a village, a facility): ``上海北京`` is a list of two.

    >>> import kg
    >>> text = "河南省新乡市红旗区的居民和中国的游客"
    >>> [a.text for a in address_spans(text, kg.extract(text))]
    ['河南省新乡市红旗区']
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterable

from .gazetteer import load_gazetteer, read_lines
from .model import Mention
from .resolve import _keys

__all__ = ["Address", "address_spans"]

#: Places that do not make an address on their own: the national level.
_NOT_ALONE = {"x/中国"}


@dataclass(frozen=True)
class Address:
    """A run of adjacent places (and its tail word): offsets into the text and its parts."""

    start: int
    end: int
    text: str
    parts: tuple[Mention, ...]


@functools.lru_cache(maxsize=1)
def _tails() -> tuple[str, ...]:
    return tuple(sorted(read_lines("address_tails.txt"), key=len, reverse=True))


def _alone_ok(m: Mention) -> bool:
    keys = set(_keys(m))
    return not keys or not keys <= _NOT_ALONE


def _continues(a: Mention, b: Mention) -> bool:
    """Whether place ``b`` right after ``a`` is part of the same address."""
    ka, kb = _keys(a), _keys(b)
    if not ka or not kb:
        return True  # the table knows one of them only: the text's order decides
    if set(ka) & _NOT_ALONE:
        return not any(k.startswith("w/") for k in kb)  # 中国北京市, not 中国美国
    gaz = load_gazetteer()
    return any(gaz.is_within(y, x) for x in ka for y in kb)


def address_spans(text: str, mentions: Iterable[Mention]) -> list[Address]:
    """The addresses of ``text`` from its mentions (as :func:`kg.extract` returns them), in order.

    Only the outermost places count (宁河 inside 安宁河 is not a part); two places are one
    address when the second starts where the first ends."""
    places = sorted({(m.start, -m.end): m for m in mentions if m.label == "Place"}.items())
    outer: list[Mention] = []
    for _, m in places:
        if outer and m.end <= outer[-1].end:
            continue  # inside the previous (longer or equal) place
        if outer and m.start < outer[-1].end:
            continue  # overlaps it: the earlier place wins
        outer.append(m)
    runs: list[list[Mention]] = []
    for m in outer:
        if runs and runs[-1][-1].end == m.start and _continues(runs[-1][-1], m):
            runs[-1].append(m)
        else:
            runs.append([m])
    out = []
    for run in runs:
        start, end = run[0].start, run[-1].end
        tail = next((t for t in _tails() if text.startswith(t, end)), "")
        if tail.endswith("部"):  # a direction, and an area word after it: 阿富汗西部地区
            tail += next((t for t in _tails() if not t.endswith("部") and text.startswith(t, end + len(tail))), "")
        if len(run) == 1 and not tail and not _alone_ok(run[0]):
            continue
        end += len(tail)
        out.append(Address(start, end, text[start:end], tuple(run)))
    return out
