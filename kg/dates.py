"""The publication date of an article inferred from its own words, when it has no dateline.

Chinese news often carries only a month-day and a relative day word: "6月27日，武汉市委召开…"
and further on "在昨日培训会现场" — published the day after the 27th, 6月28日. The year is
rarely written; :func:`infer_date` takes it only from evidence in the text and otherwise gives
the month-day alone (``partial``) and no date. :mod:`kg.ingest` calls it last, after the
input's metadata, ``--date`` and a full dateline.

The month-day (first rule that applies)
---------------------------------------
1. **Linked**: a relative day word with its date in brackets, either way round:
   ``昨天（6月27日）``, ``今日(28日)``, ``27日（昨天）`` — publication = that date + the word's
   offset (``kg/data/dates/relative_days.tsv``: 昨天/昨日/昨晚/昨夜 1, 前天 2, 今天/今日 0).
   All linked words must agree.
2. **Dispatch**: a news-agency dateline ``6月28日电`` / ``6月28日讯`` in the first
   :data:`DISPATCH_WINDOW` characters — publication = that date.
3. **Event + relative day**: an unlinked 昨天/昨日/昨晚/昨夜/前天 (outside quotation marks)
   and the latest *event day* of the text — publication = the latest event day + the smallest
   offset found (the most recent relative day named is taken to be the latest dated event).
   Unlinked 今天/今日 ("nowadays" in speeches) and 日前/近日 ("recently") are never used.

An event day is ``6月27日`` / ``2019年6月27日`` / ``6月27号``, or ``27日`` alone at the start of
a clause (its month from the latest event day before it; none → ignored), that is outside
quotation marks and not a deadline, range, recurring day or plan
(``kg/data/dates/event_exclusions.tsv``: ``7月底前``, ``7月1日起``, ``27日至28日``,
``截至6月27日``, ``每年6月27日``, ``力争7月10日完成``). "Latest" is by calendar among the days
written without a year (January and February after November and December when both appear);
a full date is the latest only on that same month-day (or when no day lacks a year), and a
full date on a later month-day leaves the order unknown: no inference.

The year (only from the text; first tier that gives one)
--------------------------------------------------------
1. **Explicit**: the anchoring date itself has a year (``2019年6月27日`` … 昨日), or a relative
   year word next to a year in brackets (``今年（2019年）``, ``2018年（去年）``;
   ``kg/data/dates/relative_years.tsv``). Different years → no year.
2. **Recent full date**: a past full date elsewhere (an event day as above) at most
   :data:`RECENT_DAYS` days before the publication month-day; different years → no year.
3. **Latest completed year**: ``截至2018年底`` / ``截止2018年末`` / ``2018年全年`` (not in a plan)
   say 2018 is over: the year is the largest such year + 1 — only for a publication month from
   :data:`COMPLETED_YEAR_MIN_MONTH` on (early in a year, the year before last is still cited).

The date found must agree with every past full date (none after it), every completed year
(before it) and every ``2015年以来`` (not after it); otherwise no year is given. No year, no
date: ``partial`` keeps the month-day (``"06-28"``) and ``evidence`` the phrases matched.

>>> r = infer_date("6月27日，武汉市委召开全会。截至2018年底，全市脱贫。在昨日培训会现场，干部表示…")
>>> r.date, r.partial, r.evidence, r.rule
(datetime.date(2019, 6, 28), None, ('6月27日', '昨日', '截至2018年底'), 'event+relative-day; completed-year')
>>> r = infer_date("6月27日，武汉市委召开全会。在昨日培训会现场，干部表示…")
>>> r.date, r.partial, r.evidence
(None, '06-28', ('6月27日', '昨日'))
>>> infer_date("6月27日，武汉市委召开全会，力争7月底前完成。") is None
True
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "DateInference",
    "infer_date",
    "INFERENCE_WINDOW",
    "DISPATCH_WINDOW",
    "RECENT_DAYS",
    "COMPLETED_YEAR_MIN_MONTH",
]

#: Only the first this many characters are read (news articles are short; long reports carry
#: a full dateline).
INFERENCE_WINDOW = 20_000
#: How far from the top a dispatch dateline (``6月28日电``) is looked for.
DISPATCH_WINDOW = 1000
#: A full date at most this many days before the publication month-day gives its year.
RECENT_DAYS = 31
#: ``截至2018年底`` gives the next year only for a publication month from this one on.
COMPLETED_YEAR_MIN_MONTH = 4

DATA_DIR = Path(__file__).parent / "data" / "dates"

_D = "[0-9０-９]"
_MONTH_DAY = re.compile(
    rf"(?<![0-9０-９])(?:({_D}{{4}})\s*年\s*)?({_D}{{1,2}})\s*月\s*({_D}{{1,2}})\s*[日号]"
)
_BARE_DAY = re.compile(rf"(?<![0-9０-９年月])({_D}{{1,2}})\s*日")
_DATE_IN_BRACKETS = (
    rf"[（(]\s*(?:({_D}{{4}})\s*年\s*)?(?:({_D}{{1,2}})\s*月\s*)?({_D}{{1,2}})\s*[日号]\s*[）)]"
)
_DISPATCH = re.compile(
    rf"(?<![0-9０-９])(?:({_D}{{4}})\s*年\s*)?({_D}{{1,2}})\s*月\s*({_D}{{1,2}})\s*日\s*(?:电|讯)"
)
_COMPLETED_YEAR = re.compile(
    rf"(?:截至|截止到|截止)\s*({_D}{{4}})\s*年\s*(?:底|末|12\s*月\s*(?:底|末|31\s*日))"
    rf"|(?<![0-9０-９])({_D}{{4}})\s*年\s*全年"
)
_SINCE_YEAR = re.compile(rf"(?<![0-9０-９])({_D}{{4}})\s*年\s*以来")
# Ends a clause: what may stand right before a clause-initial 27日.
_BOUNDARY = "，,。；;！!？?：:\n”」』）)"
_CLAUSE_END = re.compile("[，,。；;！!？?\n]")
# Times of day skipped after a date before its clause is read (27日上午11时，…).
_TIME_OF_DAY = re.compile(
    rf"\s*(?:(?:[上下中]午|凌晨|早上|早晨|上午|晚上|晚间|傍晚|夜间|夜里|晚|{_D}{{1,2}}\s*[时点](?:\s*{_D}{{1,2}}\s*分)?|许)\s*)*[，,]?"
)
_QUOTES = {"“": "”", "「": "」", "『": "』"}


@dataclass(frozen=True)
class DateInference:
    """What :func:`infer_date` found.

    ``date`` the publication date, or None when no year could be inferred; ``partial`` the
    month-day ``"MM-DD"`` when ``date`` is None; ``evidence`` the phrases matched (month-day
    first, then year), as written; ``rule`` how (``"event+relative-day; completed-year"``).
    """

    date: _dt.date | None
    partial: str | None
    evidence: tuple[str, ...]
    rule: str


@dataclass(frozen=True)
class _Day:
    """A month-day written in the text, with its year when written."""

    year: int | None
    month: int
    day: int
    start: int
    end: int
    phrase: str


@dataclass(frozen=True)
class _Anchor:
    """The publication day as ``event`` + ``offset`` days."""

    event: _Day
    offset: int
    phrases: tuple[str, ...]
    rule: str


# ----------------------------------------------------------------------------- data


def _rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.rstrip("\n").split("\t"))
    return rows


@lru_cache(maxsize=None)
def _tables() -> dict:
    days = {word: (int(offset), use) for word, offset, use in _rows("relative_days.tsv")}
    years = {word: int(offset) for word, offset in _rows("relative_years.tsv")}
    excl: dict[str, list[str]] = {"after": [], "before": [], "clause": []}
    for where, word in _rows("event_exclusions.tsv"):
        excl[where].append(word)
    day_alt = "|".join(sorted(map(re.escape, days), key=len, reverse=True))
    year_alt = "|".join(sorted(map(re.escape, years), key=len, reverse=True))
    return {
        "days": days,
        "years": years,
        "after": tuple(excl["after"]),
        "before": tuple(excl["before"]),
        "clause": tuple(excl["clause"]),
        "day_word": re.compile(day_alt),
        "linked_after": re.compile(rf"({day_alt})\s*{_DATE_IN_BRACKETS}"),
        "linked_before": re.compile(
            rf"(?<![0-9０-９])(?:({_D}{{4}})\s*年\s*)?(?:({_D}{{1,2}})\s*月\s*)?({_D}{{1,2}})\s*[日号]"
            rf"\s*[（(]\s*({day_alt})\s*[）)]"
        ),
        "year_link": re.compile(
            rf"({year_alt})\s*[（(]\s*({_D}{{4}})\s*年?\s*[）)]"
            rf"|(?<![0-9０-９])({_D}{{4}})\s*年\s*[（(]\s*({year_alt})\s*[）)]"
        ),
    }


# ----------------------------------------------------------------------------- helpers


def _int(digits: str) -> int:
    return int(unicodedata.normalize("NFKC", digits))


def _valid(year: int | None, month: int, day: int) -> bool:
    try:
        _dt.date(2000 if year is None else year, month, day)  # 2000: 2月29日 is a day
    except ValueError:
        return False
    return year is None or 1900 <= year <= 2100


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans inside quotation marks; an unclosed quotation ends at its paragraph."""
    spans, i = [], 0
    while i < len(text):
        close = _QUOTES.get(text[i])
        if close is None:
            i += 1
            continue
        stop = len(text)
        for j in range(i + 1, len(text)):
            if text[j] == close or text[j] == "\n":
                stop = j
                break
        spans.append((i, stop))
        i = stop + 1
    return spans


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < pos < b for a, b in spans)


def _clause_before(text: str, start: int) -> str:
    i = start
    while i > 0 and not _CLAUSE_END.match(text[i - 1]):
        i -= 1
    return text[i:start]


def _clause_after(text: str, end: int) -> str:
    """The rest of the date's clause, or the next clause when a comma follows the date."""
    skip = _TIME_OF_DAY.match(text, end)
    pos = skip.end() if skip else end
    stop = _CLAUSE_END.search(text, pos)
    return text[pos : stop.start() if stop else min(len(text), pos + 80)]


def _is_event(text: str, start: int, end: int, tables: dict) -> bool:
    """True when the date at ``text[start:end]`` reads as the day something happened."""
    after = text[end:].lstrip()
    if after.startswith(tables["after"]):
        return False
    if text[:start].rstrip().endswith(tables["before"]):
        return False
    clause = _clause_before(text, start) + _clause_after(text, end)
    return not any(word in clause for word in tables["clause"])


def _chrono_key(days: list[_Day]):
    wrap = any(d.month >= 11 for d in days) and any(d.month <= 2 for d in days)
    return lambda d: (d.month + 12 if wrap and d.month <= 2 else d.month, d.day)


def _md_days(text: str, quotes: list[tuple[int, int]]) -> list[_Day]:
    """Every valid written month-day (with its year when written) outside quotes."""
    days = []
    for m in _MONTH_DAY.finditer(text):
        year = _int(m.group(1)) if m.group(1) else None
        month, day = _int(m.group(2)), _int(m.group(3))
        if _valid(year, month, day) and not _inside(m.start(), quotes):
            days.append(_Day(year, month, day, m.start(), m.end(), m.group(0)))
    return days


def _event_days(text: str, md: list[_Day], quotes: list[tuple[int, int]], tables: dict) -> list[_Day]:
    """Event days in text order: written month-days and clause-initial ``27日``."""
    events = [d for d in md if _is_event(text, d.start, d.end, tables)]
    taken = [(d.start, d.end) for d in md]
    for m in _BARE_DAY.finditer(text):
        if any(a <= m.start() < b for a, b in taken) or _inside(m.start(), quotes):
            continue
        before = text[: m.start()].rstrip(" \t\u3000")
        if before and before[-1] not in _BOUNDARY:
            continue
        prior = [d for d in events if d.end <= m.start()]
        if not prior or not _is_event(text, m.start(), m.end(), tables):
            continue
        month, day = prior[-1].month, _int(m.group(1))
        if _valid(None, month, day):
            events.append(_Day(None, month, day, m.start(), m.end(), m.group(0)))
            events.sort(key=lambda d: d.start)
    return events


def _month_for(pos: int, events: list[_Day], md: list[_Day]) -> int | None:
    for pool in (events, md):
        prior = [d for d in pool if d.end <= pos]
        if prior:
            return prior[-1].month
    return None


# ----------------------------------------------------------------------------- month-day


def _linked(text: str, events: list[_Day], md: list[_Day], tables: dict) -> list[_Anchor]:
    anchors = []
    for pattern, groups in (("linked_after", (2, 3, 4, 1)), ("linked_before", (1, 2, 3, 4))):
        for m in tables[pattern].finditer(text):
            y, mo, d, word = (m.group(g) for g in groups)
            month = _int(mo) if mo else _month_for(m.start(), events, md)
            year = _int(y) if y else None
            if month is None or not _valid(year, month, _int(d)):
                continue
            day = _Day(year, month, _int(d), m.start(), m.end(), m.group(0))
            anchors.append(_Anchor(day, tables["days"][word][0], (m.group(0),), "linked"))
    return anchors


def _anchor(text: str, quotes: list[tuple[int, int]], tables: dict) -> tuple[_Anchor | None, list[_Day]]:
    """The publication day as an event day + offset (None if none, or if rules disagree),
    and the event days of the text."""
    md = _md_days(text, quotes)
    events = _event_days(text, md, quotes, tables)
    linked = _linked(text, events, md, tables)
    if linked:
        pubs = {_pub_md(a) for a in linked}
        years = {a.event.year for a in linked if a.event.year is not None}
        return (linked[0] if len(pubs) == 1 and len(years) <= 1 else None), events
    m = _DISPATCH.search(text[:DISPATCH_WINDOW])
    if m:
        year = _int(m.group(1)) if m.group(1) else None
        month, day = _int(m.group(2)), _int(m.group(3))
        if _valid(year, month, day):
            event = _Day(year, month, day, m.start(), m.end(), m.group(0))
            return _Anchor(event, 0, (m.group(0),), "dispatch"), events
    words = [
        w for w in tables["day_word"].finditer(text)
        if tables["days"][w.group(0)][1] == "any" and not _inside(w.start(), quotes)
    ]
    if not words or not events:
        return None, events
    word = min(words, key=lambda w: (tables["days"][w.group(0)][0], w.start()))
    latest = _latest(events)
    if latest is None:
        return None, events
    offset = tables["days"][word.group(0)][0]
    return _Anchor(latest, offset, (latest.phrase, word.group(0)), "event+relative-day"), events


def _latest(events: list[_Day]) -> _Day | None:
    """The latest event day: of the days written without a year (first written of it), or of
    the full dates; when both kinds exist a full date wins only on the same month-day, and one
    with a later month-day makes the order unknown (None)."""
    plain = [d for d in events if d.year is None]
    full = [d for d in events if d.year is not None]
    last_full = max(full, key=lambda d: (d.year, d.month, d.day)) if full else None
    if not plain:
        return last_full
    key = _chrono_key(plain)
    best = key(max(plain, key=key))
    last_plain = next(d for d in plain if key(d) == best)
    if last_full is None or (last_full.month, last_full.day) < (last_plain.month, last_plain.day):
        return last_plain
    if (last_full.month, last_full.day) == (last_plain.month, last_plain.day):
        return last_full
    return None


def _pub_md(anchor: _Anchor) -> tuple[int, int]:
    """The publication month-day without a year (2月28日 + 1 is 3月1日, a non-leap guess)."""
    ref = 2000 if (anchor.event.month, anchor.event.day) == (2, 29) else 2001
    pub = _dt.date(ref, anchor.event.month, anchor.event.day) + _dt.timedelta(anchor.offset)
    return pub.month, pub.day


def _pub_in(anchor: _Anchor, year: int) -> _dt.date | None:
    """The publication date when it falls in ``year``."""
    e = anchor.event
    for event_year in (year, year - 1):
        if _valid(event_year, e.month, e.day):
            pub = _dt.date(event_year, e.month, e.day) + _dt.timedelta(anchor.offset)
            if pub.year == year:
                return pub
    return None


def _pub_from_event_year(anchor: _Anchor) -> _dt.date | None:
    e = anchor.event
    if e.year is None or not _valid(e.year, e.month, e.day):
        return None
    return _dt.date(e.year, e.month, e.day) + _dt.timedelta(anchor.offset)


# ----------------------------------------------------------------------------- year


def _year(text: str, anchor: _Anchor, events: list[_Day], tables: dict) -> tuple[_dt.date | None, tuple[str, ...], str]:
    """The publication date with its year from the text, the year phrases, and the tier."""
    # 1. explicit
    found: dict[_dt.date, list[str]] = {}
    pub = _pub_from_event_year(anchor)
    if pub is not None:
        found.setdefault(pub, [])
    for m in tables["year_link"].finditer(text):
        word = m.group(1) or m.group(4)
        year = _int(m.group(2) or m.group(3)) - tables["years"][word]
        pub = _pub_in(anchor, year)
        if pub is None:
            return None, (), ""
        found.setdefault(pub, []).append(m.group(0))
    if found:
        if len(found) > 1:
            return None, (), ""
        (pub, phrases), = found.items()
        return pub, tuple(phrases), "explicit"
    # 2. a recent full date
    for e in events:
        if e.year is None or e is anchor.event:
            continue
        when = _dt.date(e.year, e.month, e.day)
        for year in (e.year, e.year + 1):
            pub = _pub_in(anchor, year)
            if pub is not None and 0 <= (pub - when).days <= RECENT_DAYS:
                found.setdefault(pub, []).append(e.phrase)
    if found:
        if len(found) > 1:
            return None, (), ""
        (pub, phrases), = found.items()
        return pub, tuple(dict.fromkeys(phrases)), "recent-date"
    # 3. the latest completed year
    completed = _completed_years(text, tables)
    if completed:
        year, phrase = max(completed)
        pub = _pub_in(anchor, year + 1)
        if pub is not None and pub.month >= COMPLETED_YEAR_MIN_MONTH:
            return pub, (phrase,), "completed-year"
    return None, (), ""


def _completed_years(text: str, tables: dict) -> list[tuple[int, str]]:
    out = []
    for m in _COMPLETED_YEAR.finditer(text):
        clause = _clause_before(text, m.start()) + _clause_after(text, m.end())
        if not any(word in clause for word in tables["clause"]):
            out.append((_int(m.group(1) or m.group(2)), m.group(0)))
    return out


def _consistent(pub: _dt.date, text: str, events: list[_Day], tables: dict) -> bool:
    """No past full date after ``pub``, no completed year or ``…年以来`` not before it."""
    for e in events:
        if e.year is not None and _dt.date(e.year, e.month, e.day) > pub:
            return False
    if any(year >= pub.year for year, _ in _completed_years(text, tables)):
        return False
    return all(_int(m.group(1)) <= pub.year for m in _SINCE_YEAR.finditer(text))


# ----------------------------------------------------------------------------- entry point


def infer_date(text: str) -> DateInference | None:
    """The publication date (or month-day) the text implies, or None if it implies none.

    Reads the first :data:`INFERENCE_WINDOW` characters; see the module docstring for the rules.
    """
    text = text[:INFERENCE_WINDOW]
    tables = _tables()
    quotes = _quoted(text)
    anchor, events = _anchor(text, quotes, tables)
    if anchor is None:
        return None
    pub, year_phrases, tier = _year(text, anchor, events, tables)
    if pub is not None and not (1900 <= pub.year <= 2100 and _consistent(pub, text, events, tables)):
        pub = None
    if pub is None:
        month, day = _pub_md(anchor)
        return DateInference(None, f"{month:02d}-{day:02d}", anchor.phrases, anchor.rule)
    return DateInference(pub, None, anchor.phrases + year_phrases, f"{anchor.rule}; {tier}")
