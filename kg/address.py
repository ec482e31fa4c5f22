"""Addresses: the runs of adjacent places that name one location (河南省新乡市红旗区).

The extractor finds each place of ``河南省新乡市红旗区荣校东路599号`` on its own and links them by
``partOf``; an address is the whole run, read from those mentions, with an area or direction
word after its last place (``德国北部``, ``广州地区``: ``kg/data/address_tails.txt``) or the parts
of a building after it (``余家头小区三期b座``, ``姚家园路88号3层``). A place
standing alone is an address, except the country itself (中国: the frame of every address in a
Chinese text, not a location in it) and a one-character abbreviation (京, 美); 中国 can still
open a longer address (``中国北京市``). Two
places are one address only when the second lies within the first or the division table cannot
tell (a road, a village, a facility): ``上海北京`` is a list of two.

    >>> import kg
    >>> text = "河南省新乡市红旗区的居民和中国的游客"
    >>> [a.text for a in address_spans(text, kg.extract(text))]
    ['河南省新乡市红旗区']
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable

from .gazetteer import load_gazetteer, read_lines
from .model import Mention
from .resolve import _keys

__all__ = ["Address", "address_spans"]

#: The parts of a building after a compound's or a road's name: phase, block, unit, floor, room.
_BUILDING_PART = re.compile(r"(?:[0-9０-９一二三四五六七八九十]{1,3}期)?(?:[0-9０-９a-zA-Z]{1,3}(?:座|栋|幢|号楼|单元|层|室))+")

#: Levels of the division table that open an address: none follows a facility or a road in one.
_OPENING_LEVELS = {"country", "province", "city", "county", "world_city"}

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
    if len(m.text) == 1:
        return False  # a one-character abbreviation (京, 美) stands for a place, it writes no address
    keys = set(_keys(m))
    return not keys or not keys <= _NOT_ALONE


def _continues(a: Mention, b: Mention) -> bool:
    """Whether place ``b`` right after ``a`` is part of the same address."""
    ka, kb = _keys(a), _keys(b)
    gaz = load_gazetteer()
    if not ka and any((d := gaz.get(k)) is not None and d.level in _OPENING_LEVELS for k in kb):
        return False  # a city after a facility or a road opens another address (王府井书店|北京市; a
        # city inside a facility's name, 王府井书店|北京市东城区王府井大街218号, is not seen)
    if not ka or not kb:
        return True  # the table knows one of them only: the text's order decides
    if set(ka) & _NOT_ALONE:
        return not any(k.startswith("w/") for k in kb)  # 中国北京市, not 中国美国
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
        if not tail and not _keys(run[-1]) and (part := _BUILDING_PART.match(text, end)) is not None:
            end = part.end()  # 余家头小区|三期b座, 姚家园路88号|3层 (not 浙江省|20座 reservoirs)
        out.append(Address(start, end, text[start:end], tuple(run)))
    return out
