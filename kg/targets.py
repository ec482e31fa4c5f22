"""Forward-looking commitments inside a sentence, as typed quantities.

A *target* (目标/指标) is a clause that commits to an outcome that can later be checked:
到2021年地区生产总值达到2万亿元左右; 7月底前将实现首批服务企业的全覆盖. This module finds such
clauses in one sentence and normalises them into :class:`kg.model.TargetFields`: the deadline
(end of the period named), the raw time phrase, the value, unit, approximation flag, comparator
and the metric.

The rule, stated once (see :func:`find_targets`): a clause is a target when it is

* **forward-looking** - it has, or is governed by, a forward time phrase (到2021年, 三年内,
  7月底前, 明年, "十四五"期间), or it carries a mark of intent (力争, 确保, 计划, 将, 要, 目标,
  不低于, 控制在 ...), or it sits under a goal header (主要预期目标是：); and
* **checkable** - it states a value (2万亿元, 30%), or its own time phrase gives a deadline, or it
  has a result predicate (实现, 建成, 全覆盖, 取得…进展, 步入 ...); and
* **not reported** - no past mark (已, 同比, 比上年, 完成了, …以来) and not governed by a past time
  phrase (截至2018年底, 今年1-5月, 去年).

Exhortations (要坚决打好防范化解重大风险攻坚战) are forward but name no value, deadline or result,
so they are not targets. A clause governed only by a sentence-level time phrase needs a value
or a result predicate of its own (到2022年, …, 重点支持… is not a second target).

All word lists live in ``kg/data/targets/`` (one entry a line, with a comment header).
Pure functions; jionlp is imported lazily and only for time phrases outside the grammar here.

Examples
--------
>>> import datetime
>>> parse_quantity("地区生产总值达到2万亿元左右")
(2000000000000.0, '元', True, '=', '2万亿元左右')
>>> resolve_deadline("三年内", datetime.date(2019, 6, 28))
datetime.date(2022, 12, 31)
>>> [t.deadline.isoformat() for _, _, t in find_targets("到2022年,省市每年共同筹集100亿元,重点支持重大项目建设。", datetime.date(2019, 6, 28))]
['2022-12-31']
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from kg.model import TargetFields

__all__ = [
    "find_targets",
    "find_targets_in_text",
    "resolve_deadline",
    "parse_quantity",
    "find_time_phrases",
    "split_clauses",
    "split_sentences",
    "TimePhrase",
]

DATA_DIR = Path(__file__).parent / "data" / "targets"


# --------------------------------------------------------------------------- data files
def _lines(name: str) -> list[list[str]]:
    rows = []
    for raw in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        rows.append(raw.rstrip("\n").split("\t"))
    return rows


@lru_cache(maxsize=None)
def _cues() -> dict[str, re.Pattern]:
    groups: dict[str, list[str]] = {}
    for row in _lines("cues.tsv"):
        groups.setdefault(row[0], []).append(row[1])
    return {k: re.compile("|".join(f"(?:{p})" for p in v)) for k, v in groups.items()}


@lru_cache(maxsize=None)
def _not_values() -> re.Pattern:
    return re.compile("|".join(f"(?:{r[0]})" for r in _lines("not_values.tsv")))


@lru_cache(maxsize=None)
def _units() -> tuple[str, ...]:
    return tuple(sorted((r[0] for r in _lines("units.txt")), key=len, reverse=True))


@lru_cache(maxsize=None)
def _markers() -> dict[str, list[tuple[str, bool, str | None]]]:
    out: dict[str, list[tuple[str, bool, str | None]]] = {"prefix": [], "suffix": [], "inner": []}
    for marker, pos, approx, comp in _lines("markers.tsv"):
        out[pos].append((marker, approx == "1", None if comp == "-" else comp))
    for v in out.values():
        v.sort(key=lambda m: len(m[0]), reverse=True)
    return out


@lru_cache(maxsize=None)
def _relative_years() -> dict[str, tuple[int, str]]:
    return {w: (int(o), d) for w, o, d in _lines("relative_years.tsv")}


@lru_cache(maxsize=None)
def _periods() -> dict[str, int]:
    return {w: int(m) for w, m in _lines("periods.tsv")}


@lru_cache(maxsize=None)
def _festivals() -> tuple[str, ...]:
    return tuple(row[0] for row in _lines("festivals.txt"))


@lru_cache(maxsize=None)
def _fixed_days() -> dict[str, tuple[int, int]]:
    """The festivals.txt days that fall on one date every year (汛期: month, day), which jionlp
    does not know."""
    return {row[0]: tuple(map(int, row[1].split("-"))) for row in _lines("festivals.txt") if len(row) > 1}


@lru_cache(maxsize=None)
def _plans() -> dict[str, tuple[int, int]]:
    return {w: (int(a), int(b)) for w, a, b in _lines("plan_periods.tsv")}


# --------------------------------------------------------------------------- numerals
_CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_NUM_CHARS = "零〇○一二两三四五六七八九十百千"


def _cn_to_int(s: str) -> int | None:
    """三千 -> 3000, 一百二十 -> 120, 十五 -> 15, 二〇二一 -> 2021 (digit string)."""
    if not s:
        return None
    if all(c in _CN_DIGIT for c in s) and len(s) > 1:  # 二〇二一
        return int("".join(str(_CN_DIGIT[c]) for c in s))
    total, section, digit = 0, 0, None
    for c in s:
        if c in _CN_DIGIT:
            digit = _CN_DIGIT[c]
        elif c in _CN_UNIT:
            section += (1 if digit is None else digit) * _CN_UNIT[c]
            digit = None
        elif c in _CN_BIG:
            section += digit or 0
            total += (section or 1) * _CN_BIG[c]
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def _to_int(s: str) -> int | None:
    s = s.strip()
    if s.isdigit():
        return int(s)
    return _cn_to_int(s)


# --------------------------------------------------------------------------- time phrases
_YEAR = r"(?:\d{4}|[〇零○一二三四五六七八九]{4})"
_MON = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_PRE = r"(?P<pre>截至|截止到|截止至|截止|到|至|于|在|从|自)?"
_POST = r"(?P<post>以前|之前|前|以内|之内|内|期间|以来|为止)?"
_PART = r"(?P<part>上半年|下半年|前三季度|第?[一二三四]季度|首季度|年底|年末|年初|底|末|初)?"
_XUN = r"(?P<xun>上旬|中旬|下旬|底|末|初)?"


@dataclass(frozen=True)
class TimePhrase:
    """A time phrase found in text: where it is, its deadline, and which way it points.

    ``direction`` is ``forward`` (a deadline ahead: 到2021年, 7月底前, 明年), ``current`` (the
    article's own period, 今年, 2019年 in a 2019 article: a deadline, not a commitment),
    ``past`` (a reporting period: 截至2018年底, 今年1-5月, 去年, …以来) or ``neutral`` (an event
    date such as 6月27日).
    """

    start: int
    end: int
    text: str
    deadline: _dt.date | None
    direction: str


def _month_end(y: int, m: int) -> _dt.date:
    return _dt.date(y, m, calendar.monthrange(y, m)[1])


@lru_cache(maxsize=None)
def _compiled_time() -> list[tuple[str, re.Pattern]]:
    plans = "|".join(sorted(map(re.escape, _plans()), key=len, reverse=True))
    rel = "|".join(sorted(map(re.escape, _relative_years()), key=len, reverse=True))
    # the relative years that can stand before a month (明年, 今年, 去年; not 年内, 年底)
    relyear = "|".join(re.escape(w) for w in _relative_years() if len(w) == 2 and w[1] == "年" and w[0] != "年")
    fest = "|".join(sorted(map(re.escape, _festivals()), key=len, reverse=True))
    q = r"[“”\"'‘’]?"
    pats = [
        # 今年1-5月, 2019年1至5月, 1—5月份 : a reporting period
        ("mrange", rf"(?P<pre>截至|截止到|截止)?(?P<y>{_YEAR}年|{rel})?(?P<m1>{_MON})\s*[-—–~～至到]\s*(?P<m2>{_MON})月份?"),
        # 2021—2023年, 2021-2025年
        ("yrange", rf"{_PRE}(?P<y1>\d{{4}})\s*[-—–~～至到]\s*(?P<y2>\d{{4}})\s*年(?:度)?{_POST}"),
        # 2023年6月底前, 2021年, 2025年底, 2023年上半年, 2022年3月23日
        ("abs", rf"{_PRE}(?P<y>{_YEAR})\s*年(?:度)?(?:(?P<m>{_MON})\s*月(?:份)?(?:(?P<d>{_DAY})\s*[日号])?{_XUN}|{_PART}){_POST}"),
        # "十四五"期间 / 末 / 时期
        ("plan", rf"(?P<pre>到|至|在)?{q}(?P<plan>{plans}){q}(?:规划)?(?P<post>期间|时期|末期|末|收官之年|以来)?"),
        # 今后三年 / 未来五年 / 三年内 / 用三年时间
        ("span", r"(?P<lead>今后|未来|近|用)?(?P<n>\d{1,2}|[一二两三四五六七八九十]{1,2})\s*(?:个)?年(?P<post>以内|之内|内|时间|左右时间)?"),
        # 明年, 今年上半年, 年底前, 今年内, 去年
        ("rel", rf"(?P<pre>到|至|截至|截止到|截止|在)?(?P<rel>{rel}){_PART}(?P<post>以前|之前|前|以内|之内|内|以来)?"),
        # 国庆节前, 春节之前: a festival (kg/data/targets/festivals.txt), only with 前 after it
        ("festival", rf"(?P<pre>到|在)?(?P<fest>{fest})(?P<post>前|之前|以前)"),
        # 上半年, 三季度末 standing alone: a part of the article's year
        ("part", r"(?P<pre>到|至|在)?(?P<part>上半年|下半年|前三季度|第?[一二三四]季度)(?P<post>末|前|以前|之前|内)?"),
        # 明年6月底前, 今年3月: a month of a relative year
        ("relmon", rf"{_PRE}(?P<rel>{relyear})(?P<m>{_MON})\s*月(?:份)?(?:(?P<d>{_DAY})\s*[日号])?{_XUN}{_POST}"),
        # 7月底前, 6月中旬, 12月, 6月27日, 5月份
        ("month", rf"{_PRE}(?P<m>{_MON})\s*月(?:份)?(?:(?P<d>{_DAY})\s*[日号])?{_XUN}{_POST}"),
    ]
    return [(k, re.compile(p)) for k, p in pats]


@lru_cache(maxsize=None)
def _time_kinds() -> list[tuple[str, re.Pattern, str | None, re.Pattern | None]]:
    """(kind, pattern, a character every match of it holds, a word list every match holds one of).

    :func:`find_time_phrases` skips a pattern whose character or words the text lacks (it could
    not match there anyway).
    """
    char = {"mrange": "月", "month": "月", "relmon": "月", "yrange": "年", "abs": "年", "span": "年"}
    words = {"plan": list(_plans()), "rel": list(_relative_years()), "festival": list(_festivals()),
             "part": ["半年", "季度"]}
    out = []
    for kind, rx in _compiled_time():
        w = words.get(kind)
        out.append((kind, rx, char.get(kind),
                    re.compile("|".join(map(re.escape, sorted(w, key=len, reverse=True)))) if w else None))
    return out


class _Hint:
    """A pre-filter: ``search(text)`` finds one of some characters or words in ``text`` (None
    when it holds none). Two patterns, not one alternation of both: the regex engine skips
    quickly to a possible start only for a pattern that opens with one character class, or
    with a literal in every branch (three times faster on this text)."""

    def __init__(self, chars: str, words):
        self.chars = re.compile(f"[{chars}]")
        self.words = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))

    def search(self, text: str) -> re.Match | None:
        return self.chars.search(text) or self.words.search(text)


_HINT_NUMERALS = r"\d〇零○一二两三四五六七八九十"


@lru_cache(maxsize=None)
def _time_hint() -> _Hint:
    """What every pattern of :func:`_compiled_time` needs: a digit, a numeral, a plan or a relative year."""
    return _Hint(_HINT_NUMERALS, set(_plans()) | set(_relative_years()) | set(_festivals()) | {"半年", "季度"})


def _direction(kind: str, g: dict, deadline: _dt.date | None, base: _dt.date | None) -> str:
    pre, post = g.get("pre") or "", g.get("post") or ""
    if post in ("以来",):
        return "past"
    if kind == "mrange":
        return "past"
    if kind in ("abs", "month", "relmon") and g.get("d") and not g.get("xun") and not post and not pre.startswith("截"):
        return "neutral"  # 6月27日: the date of an event
    if pre.startswith("截"):
        return "forward" if (deadline and base and deadline > base) else "past"
    if kind == "relmon":
        if _relative_years()[g["rel"]][1] == "past" or (deadline and base and deadline < base):
            return "past"
        if deadline is None:  # no article date: as a month alone
            return "forward" if (pre in ("到", "至") or post) else "neutral"
        if pre in ("到", "至") or post or g.get("xun") in ("底", "末") or (deadline and base and deadline.year > base.year):
            return "forward"
        return "current"
    if kind == "rel":
        _, d = _relative_years()[g["rel"]]
        if d == "past":
            return "past"
        if post or pre in ("到", "至"):
            return "forward"
        if d == "current" and g.get("part") and deadline and base and deadline < base:
            return "past"
        return d
    if kind == "part":  # 上半年 alone: a part of the article's year, like 今年上半年
        if deadline is not None and base is not None and deadline < base:
            return "past"
        return "forward" if (post or pre in ("到", "至")) else "current"
    if deadline is None:
        return "forward" if (pre in ("到", "至") or post) else "neutral"
    if base is not None and deadline < base:
        return "past"
    marked = pre in ("到", "至") or post in ("以前", "之前", "前", "以内", "之内", "内", "期间", "为止",
                                              "时间", "左右时间", "末期", "末", "时期")
    if kind in ("span", "plan", "festival") or marked:
        return "forward"
    if kind == "abs":
        if g.get("d") and not g.get("xun"):
            return "neutral"
        if base is None:
            return "current"
        return "forward" if deadline.year > base.year else "current"
    if kind == "yrange":
        return "forward" if base is None or deadline.year > base.year else "current"
    if kind == "month":
        if g.get("d") and not g.get("xun"):
            return "neutral"
        return "forward" if g.get("xun") in ("底", "末") else "current"
    return "neutral"


def _resolve_match(kind: str, g: dict, base: _dt.date | None) -> _dt.date | None:
    by = base.year if base else None
    try:
        if kind == "mrange":
            y = g.get("y")
            if y and y in _relative_years():
                yr = by + _relative_years()[y][0] if by else None
            elif y:
                yr = _to_int(y[:-1])
            else:
                yr = by
            m2 = _to_int(g["m2"])
            return _month_end(yr, m2) if yr and m2 and 1 <= m2 <= 12 else None
        if kind == "yrange":
            return _dt.date(int(g["y2"]), 12, 31)
        if kind == "abs":
            yr = _to_int(g["y"])
            return _year_part(yr, g)
        if kind == "plan":
            first, last = _plans()[g["plan"]]
            return _dt.date(last, 12, 31)
        if kind == "span":
            n = _to_int(g["n"])
            lead, post = g.get("lead") or "", g.get("post") or ""
            if not (post or lead in ("今后", "未来", "用")) or by is None or not n:
                return None
            return _dt.date(by + n, 12, 31)
        if kind == "rel":
            if by is None:
                return None
            yr = by + _relative_years()[g["rel"]][0]
            if g["rel"] in ("年底", "年末", "年底前"):
                return _dt.date(yr, 12, 31)
            return _year_part(yr, g)
        if kind == "festival":
            if base is None:
                return None
            fixed = _fixed_days().get(g["fest"])
            if fixed is not None:  # 汛期前: before the flood season, this year's or, once past, next year's
                day = _dt.date(base.year, *fixed)
                return day if day >= base else _dt.date(base.year + 1, *fixed)
            day = _jionlp_deadline(g["fest"], base)  # this year's (春节: its Gregorian date)
            if day is not None and day < base:
                day = _jionlp_deadline(g["fest"], _dt.date(by + 1, 1, 1))  # (written after it: next year's)
            return day
        if kind == "part":
            return _year_part(by, g) if by else None
        if kind in ("month", "relmon"):
            if by is None:
                return None
            if kind == "relmon":
                by += _relative_years()[g["rel"]][0]
            m = _to_int(g["m"])
            if not m or not 1 <= m <= 12:
                return None
            return _day_in_month(by, m, g)
    except (ValueError, TypeError, KeyError):
        return None
    return None


def _day_in_month(yr: int, m: int, g: dict) -> _dt.date | None:
    d, xun = g.get("d"), g.get("xun")
    if d:
        return _dt.date(yr, m, int(d))
    if xun == "上旬":
        return _dt.date(yr, m, 10)
    if xun == "中旬":
        return _dt.date(yr, m, 20)
    if xun == "初":
        return None  # the beginning of a month is not an end-of-period date
    return _month_end(yr, m)


def _year_part(yr: int | None, g: dict) -> _dt.date | None:
    if not yr or not 1900 <= yr <= 2200:
        return None
    if g.get("m"):
        m = _to_int(g["m"])
        if not m or not 1 <= m <= 12:
            return None
        return _day_in_month(yr, m, g)
    part = g.get("part")
    if part in ("初", "年初"):
        return None
    if part:
        return _month_end(yr, _periods()[part.lstrip("第") if part.lstrip("第") in _periods() else part])
    return _dt.date(yr, 12, 31)


def find_time_phrases(text: str, article_date: _dt.date | None = None) -> list[TimePhrase]:
    """Every time phrase in ``text``, left to right, longest match at each position.

    >>> [(p.text, p.direction) for p in find_time_phrases("截至6月中旬,…,7月底前将实现", __import__("datetime").date(2019, 6, 28))]
    [('截至6月中旬', 'past'), ('7月底前', 'forward')]
    """
    if not _time_hint().search(text):  # every time phrase holds a numeral, a plan or a relative year
        return []
    return _time_phrases(text, article_date, (
        (kind, rx) for kind, rx, char, words in _time_kinds()
        # a pattern whose required character or word is absent cannot match
        if (char is None or char in text) and (words is None or words.search(text))))


def _time_phrases(text: str, article_date, patterns) -> list[TimePhrase]:
    """The matches of ``patterns`` (kind, compiled regex), longest first at each start, resolved."""
    found: list[tuple[int, int, str, re.Match]] = []
    for kind, rx in patterns:
        for m in rx.finditer(text):
            if m.end() == m.start() or not _valid(kind, m, text):
                continue
            found.append((m.start(), m.end(), kind, m))
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out, last = [], -1
    for s, e, kind, m in found:
        if s < last:
            continue
        g = m.groupdict()
        dl = _resolve_match(kind, g, article_date)
        out.append(TimePhrase(s, e, text[s:e], dl, _direction(kind, g, dl, article_date)))
        last = e
    return out


_SPACE_GE = re.compile(r"\s*个")


def _valid(kind: str, m: re.Match, text: str) -> bool:
    s, e = m.start(), m.end()
    before = text[s - 1] if s else " "
    after = text[e] if e < len(text) else " "
    if kind in ("month", "mrange", "abs", "yrange", "span") and (before.isdigit() or before in ".．"):
        return False
    if kind == "span":
        g = m.groupdict()
        if before in "-—–~～至到" or before.isdigit():
            return False
        if not (g.get("post") or g.get("lead") in ("今后", "未来", "用")):
            return False
        if after in "期级度" or (g.get("lead") == "近" and not g.get("post")):
            return False
        if g.get("lead") == "用" and before in "利使采运应作" and not g.get("post"):
            return False  # 保护利用|三年行动: 利用 (use), not 用三年 (in three years); 利用3年时间 is
    if kind == "month":
        if before in ("个", "第"):
            return False
        if _SPACE_GE.match(text, s, e):
            return False
    if kind == "plan":
        g = m.groupdict()
        if not (g.get("pre") or g.get("post")):
            return False
    if kind == "abs" and (after.isdigit()):
        return False
    return True


def resolve_deadline(phrase: str, article_date: _dt.date | None) -> _dt.date | None:
    """The last day of the period a time phrase names, or None when unsure.

    到2021年 -> 2021-12-31; 三年内 (written 2019-06-28) -> 2022-12-31; 7月底前 -> 2019-07-31;
    明年 -> 2020-12-31; 年内/今年 -> the article year's December 31; "十四五"期间 -> 2025-12-31;
    2023年6月底前 -> 2023-06-30; 上半年 -> June 30; 一季度 -> March 31; 今年1-5月 -> May 31 (a
    reporting period, not January 5th). A relative phrase without an article date gives None.
    Phrases outside this module's grammar are passed to ``jionlp.parse_time`` and its answer is
    kept only when it is a plain span or point; month ranges, 以来 and 初 are never guessed.

    >>> import datetime
    >>> resolve_deadline("2023年6月底前", None)
    datetime.date(2023, 6, 30)
    >>> resolve_deadline("明年", None) is None
    True
    """
    phrase = (phrase or "").strip().strip("，,。;；：:")
    if not phrase:
        return None
    phrases = find_time_phrases(phrase, article_date)
    if phrases:
        best = max(phrases, key=lambda p: p.end - p.start)
        covered = best.end - best.start
        rest = (phrase[: best.start] + phrase[best.end:]).strip()
        if covered == len(phrase) or len(rest) <= 2:
            return best.deadline
    return _jionlp_deadline(phrase, article_date)


_NOT_FOR_JIONLP = re.compile(r"\d\s*[-—–~～至到]\s*\d|以来|初|每")
_ABS_YEAR = re.compile(r"\d{4}\s*年|[〇零一二三四五六七八九]{4}年")


@lru_cache(maxsize=4096)
def _jionlp_deadline(phrase: str, base: _dt.date | None) -> _dt.date | None:
    if _NOT_FOR_JIONLP.search(phrase):
        return None
    if base is None and not _ABS_YEAR.search(phrase):
        return None
    try:
        import time

        import jionlp  # noqa: PLC0415 - heavy, imported only when needed
        tb = time.mktime((base or _dt.date(2000, 1, 1)).timetuple())
        res = jionlp.parse_time(phrase, time_base=tb)
    except Exception:  # jionlp raises bare ValueError/Exception for strings it cannot read
        return None
    if not isinstance(res, dict) or res.get("type") not in ("time_span", "time_point"):
        return None
    times = res.get("time")
    if not isinstance(times, list) or len(times) != 2 or not isinstance(times[1], str):
        return None
    try:
        end = _dt.datetime.strptime(times[1][:10], "%Y-%m-%d").date()
    except ValueError:
        return None
    return end if 1900 <= end.year <= 2200 else None


# --------------------------------------------------------------------------- quantities
_NUM = r"(?:百分之(?P<pct>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+)|(?P<num>\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+))"
_MULT = (("万亿", 1e12), ("千亿", 1e11), ("百亿", 1e10), ("十亿", 1e9), ("千万", 1e7), ("百万", 1e6),
         ("十万", 1e5), ("亿", 1e8), ("万", 1e4), ("千", 1e3), ("百", 1e2))


@dataclass(frozen=True)
class _Qty:
    start: int
    end: int
    value: float
    unit: str | None
    approx: bool
    comparator: str
    num_start: int


_NUM_RX = re.compile(_NUM)
_RANGE_AHEAD = re.compile(r"\s*[-—–~～至到]\s*\d")
_RANGE_BEHIND = re.compile(r"\d\s*[-—–~～]\s*$")
_CN_SMALL = frozenset("零〇一二两三四五六七八九十")
_UNIT_NAMES = {"％": "%", "标准箱": "标箱", "千米": "公里", "平方千米": "平方公里"}
_NEVER = re.compile(r"(?!)")


def _alternation(words) -> re.Pattern:
    """A pattern whose ``match(text, pos)`` gives the first of ``words`` (in order) that ``text`` has at ``pos``."""
    words = list(words)
    if any(not w for w in words):
        raise ValueError("empty entry in a targets word list")
    return re.compile("|".join(map(re.escape, words))) if words else _NEVER


@dataclass(frozen=True)
class _QtyTables:
    unit: re.Pattern
    mult: re.Pattern
    mult_factor: dict
    inner: re.Pattern
    suffix: re.Pattern
    suffix_flags: dict
    prefix_by_last: dict


@lru_cache(maxsize=None)
def _qty_tables() -> _QtyTables:
    mk = _markers()
    suffix_flags: dict[str, tuple[bool, str | None]] = {}
    for marker, a, c in mk["suffix"]:
        suffix_flags.setdefault(marker, (a, c))
    prefix_by_last: dict[str, list[tuple[str, bool, str | None]]] = {}
    for marker, a, c in mk["prefix"]:
        if not marker:
            raise ValueError("empty prefix marker in markers.tsv")
        prefix_by_last.setdefault(marker[-1], []).append((marker, a, c))
    return _QtyTables(
        unit=_alternation(_units()),
        mult=_alternation(mm for mm, _ in _MULT),
        mult_factor=dict(_MULT),
        inner=_alternation(m for m, _, _ in mk["inner"]),
        suffix=_alternation(m for m, _, _ in mk["suffix"]),
        suffix_flags=suffix_flags,
        prefix_by_last=prefix_by_last,
    )


def _iter_quantities(text: str, masked: list[tuple[int, int]]) -> list[_Qty]:
    """Every quantity of ``text`` whose number does not start inside a ``masked`` span.

    Units, multipliers and markers are tried in the order of their word lists (longest first),
    each as one alternation (the first entry that ``text`` has at the position wins).
    """
    tb = _qty_tables()
    out: list[_Qty] = []
    for m in _NUM_RX.finditer(text):
        s, e = m.span()
        num = m.group("num")
        if num is not None and not num[0].isdigit():
            if _CN_SMALL.isdisjoint(num):
                continue
            if num in ("一", "二", "两") and not text[e:e + 1] in "万亿千百":
                continue
        if masked and any(a <= s < b for a, b in masked):
            continue
        before = text[s - 1] if s else " "
        if before in "第×*xX/.．" or (before.isascii() and before.isalpha()):
            continue
        if _RANGE_AHEAD.match(text[e:e + 3]) or _RANGE_BEHIND.search(text[max(0, s - 3):s]):
            continue  # a range (2—3家) has no single value
        if num is None:
            raw = m.group("pct")
            v = float(raw) if raw[0].isdigit() else _cn_to_int(raw)
            if v is None:
                continue
            value, unit, pos = float(v), "%", e
            approx = False
        else:
            raw = num.replace(",", "")
            v = float(raw) if raw[0].isdigit() else _cn_to_int(raw)
            if v is None:
                continue
            value, pos = float(v), e
            approx = False
            after = text[pos:pos + 1]
            if after.isascii() and after.isalpha() and not text.startswith("Mbps", pos):
                continue
            direct = tb.unit.match(text, pos)
            if direct is None:
                mm = tb.mult.match(text, pos)
                if mm is not None:
                    value *= tb.mult_factor[mm.group()]
                    pos = mm.end()
                mi = tb.inner.match(text, pos)
                if mi is not None:
                    approx = True
                    pos = mi.end()
                    mm = tb.mult.match(text, pos)
                    if mm is not None:
                        value *= tb.mult_factor[mm.group()]
                        pos = mm.end()
                direct = tb.unit.match(text, pos)
                if direct is None:
                    continue
            unit = direct.group()
            pos = direct.end()
            unit = _UNIT_NAMES.get(unit, unit)
            if unit == "百分点":
                unit = "个百分点"
        comp = None
        end = pos
        ms = tb.suffix.match(text, end)
        if ms is not None:
            a, c = tb.suffix_flags[ms.group()]
            approx = approx or a
            comp = c
            end = ms.end()
        start = s
        if s:
            lo = max(0, s - 4)
            for marker, a, c in tb.prefix_by_last.get(before, ()):
                if text.endswith(marker, lo, s):
                    approx = approx or a
                    comp = comp or c
                    start = s - len(marker)
                    break
        out.append(_Qty(start, end, value, unit, approx, comp or "=", s))
    return out


def parse_quantity(text: str) -> tuple[float | None, str | None, bool, str | None, str | None]:
    """The main quantity of a clause: (value, unit, approximate, comparator, value_text).

    The value is a plain number with the multiplier folded in (2万亿元 -> 2e12, 8.6万多名 ->
    86000); the unit is the measure word or currency after it (元, 家, 名, %, 平方公里 ...).
    ``approximate`` is True for 多/余/左右/上下/近/约/超过/以上/逾; ``comparator`` is ``>=`` for
    不低于/不少于/以上/超过/至少/突破, ``<=`` for 控制在/以内/以下/不超过/不高于/…内, else ``=``;
    ``value_text`` is the surface text of the quantity with its markers. Years, dates and time
    spans (2021年, 三年内), ordinals (第3), codes (5G, 3.0版) and bare numbers without a unit are
    not quantities. Without a quantity: ``(None, None, False, None, None)``.

    >>> parse_quantity("8.6万多名建档立卡贫困户")
    (86000.0, '名', True, '=', '8.6万多名')
    >>> parse_quantity("城镇调查失业率控制在5%以内")
    (5.0, '%', False, '<=', '控制在5%以内')
    """
    qs = _iter_quantities(text, [(p.start, p.end) for p in find_time_phrases(text)])
    if not qs:
        bare = _bare_number(text.strip())
        if bare is not None:
            return (bare, None, False, "=", text.strip())
        return (None, None, False, None, None)
    q = qs[0]
    return (q.value, q.unit, q.approx, q.comparator, text[q.start:q.end])


_BARE_NUMBER = re.compile(r"(\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)(万亿|亿|万|千|百)?")


def _bare_number(s: str) -> float | None:
    """A text that is only a number (三千, 两万, 1.5亿): its value, else None."""
    m = _BARE_NUMBER.fullmatch(s)
    if not m:
        return None
    v = float(m.group(1)) if m.group(1)[0].isdigit() else _cn_to_int(m.group(1))
    if v is None:
        return None
    return float(v) * dict(_MULT).get(m.group(2) or "", 1)


# --------------------------------------------------------------------------- clauses
_CLAUSE_SEP = re.compile(r"[，,；;：:！!？?。]")
_SENT_SEP = re.compile(r"[。！？!?；;\n]")


def split_clauses(sentence: str) -> list[tuple[int, int]]:
    """Clause spans of a sentence: split on ，,；;：:！？。 (not on a comma between digits).

    Offsets index ``sentence``; leading/trailing spaces and the separator are left out.
    """
    spans, start = [], 0
    for m in _CLAUSE_SEP.finditer(sentence):
        i = m.start()
        if sentence[i] == "," and 0 < i < len(sentence) - 1 and sentence[i - 1].isdigit() and sentence[i + 1].isdigit():
            continue
        spans.append((start, i))
        start = i + 1
    spans.append((start, len(sentence)))
    out = []
    for s, e in spans:
        seg = sentence[s:e]
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg.rstrip())
        if rs > ls:
            out.append((s + ls, s + rs))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text, split on 。！？；\\n (the separator is left out)."""
    return _split(text, _SENT_SEP)


_FILLER = "　 \t“”\"'‘’（）()、"
_LEAD_STRIP = re.compile(r"^(?:同时|此外|另外|其中|并|并且|而且|全年|届时|预计|要|力争|确保|争取|努力|计划|将|使|实现|推动|推进|"
                         r"促进|带动|全市|全省|全区|全县|我市|我省|我区)+")
_TAIL_STRIP = re.compile(r"(?:要|将|力争|确保|争取|努力|可|均|分别|累计|共|共同|每年|年均|"
                         r"达到|达|增长|增加|下降|降低|减少|提高到|提高至|提高|提升到|提升至|提升|降至|降到|"
                         r"控制在|保持在|稳定在|保持|稳定|突破|超过|不低于|不少于|不超过|不高于|至少|"
                         r"建成|建设|培育|打造|推广|实施|完成|实现|引导|推动|占比|为|在|的|约|近|逾|以上|比例)+$")


_OBJ_SPLIT = re.compile(r"[对把将由让使从与向]")
_OBJ_MARK = re.compile(r"[对把]")
_SHORT_TAIL = re.compile(r"(?:达到|达|为|在|的|约|近|逾)+$")
_LEAD_NOTE = re.compile(r"^[（(][^）)]*[）)]")
_POST_METRIC = re.compile(r"[^，,。；;、将要可均的]{2,16}?(?=(?:[，,]|将|要|可|均|的|进行|实施|开展|纳入|实现|步入|完成|$))")


def _metric(clause: str, q: _Qty | None, offset: int) -> str | None:
    if q is None:
        return None
    pre = clause[: q.start - offset]
    for t in find_time_phrases(pre):
        pre = pre.replace(t.text, "")
    pre = _OBJ_SPLIT.split(pre)[-1] if _OBJ_MARK.search(pre) else pre
    pre = _LEAD_STRIP.sub("", pre.strip(_FILLER)).strip(_FILLER)
    short = _TAIL_STRIP.sub("", pre).strip(_FILLER)
    if 0 < len(short) < 3 and len(pre) <= 20:
        short = _SHORT_TAIL.sub("", pre)  # 经济增长6% -> 经济增长
    if 2 <= len(short) <= 20:
        return short
    post = _LEAD_NOTE.sub("", clause[q.end - offset:])
    m = _POST_METRIC.match(post)
    if m:
        return m.group(0).strip(_FILLER) or None
    return None


@dataclass
class _Clause:
    start: int
    end: int
    text: str
    times: list[TimePhrase]


_TIME_ONLY_REST = re.compile(r"^(?:据悉|据了解|同时|其中|另外|此外|而|在|从|自|于|截至|今年|当前|目前)|(?:以来|起|开始|里|中)$")


def _time_rest(c: _Clause) -> str | None:
    """What a clause holds besides its time phrases and circumstance words (None: no time phrase)."""
    if not c.times:
        return None
    rest = c.text
    for t in sorted(c.times, key=lambda t: -t.start):
        rest = rest[: t.start - c.start] + rest[t.end - c.start:]
    rest = _TIME_ONLY_REST.sub("", rest.strip(_FILLER))
    return rest.strip(_FILLER)


def _is_time_only(c: _Clause) -> bool:
    return _time_rest(c) == ""


def _is_time_lead(c: _Clause) -> bool:
    """计划到2023年, 争取用3年时间: a time phrase with only a word of intent (cues.tsv ``lead``); the
    clause is no target of its own, and the commitment and its deadline are the next clauses'."""
    rest = _time_rest(c)
    if not rest:
        return False
    cues = _cues()
    if cues["lead"].fullmatch(rest) is not None:
        return True
    # 镇政府提出到2024年, 方案明确到2025年: who says it, then the deadline ending the clause
    return c.times[-1].end == c.end and cues["intro"].search(rest) is not None


@lru_cache(maxsize=None)
def _target_hint() -> _Hint | None:
    """What a sentence needs to hold a target when no time phrase governs it from outside.

    A target is checkable through a quantity (a digit or a numeral), a time phrase (see
    :func:`_time_hint`), a range (digits) or a result under a goal header (目标是：). None when a
    goal-header cue does not require 目标 (the pre-filter is then off).
    """
    for rx in _lines("cues.tsv"):
        if rx[0] == "goal_header":
            top = rx[1]
            while True:
                stripped = re.sub(r"\([^()]*\)", "", top)
                if stripped == top:
                    break
                top = stripped
            if "目标" not in top or "|" in top:
                return None
    return _Hint(_HINT_NUMERALS + "百千ⅠⅡⅢⅣⅤ", set(_plans()) | set(_relative_years()) | set(_festivals())
                 | {"半年", "季度", "目标", "全覆盖"})  # (Ⅱ类, 全覆盖: a standard met, cues.tsv ``standard``)


def _intends(text: str, times: list["TimePhrase"]) -> bool:
    """Whether a word of intent governs ``text``: one other than 将, or 将 with a time phrase of
    this year or later in the sentence (将 also marks the object: 将电影市场经营得有声有色)."""
    if _strong_forward(text.replace("将", " ")):  # (a space: 将 removed joins no new word)
        return True
    return "将" in text and _strong_forward(text) and any(t.direction in ("forward", "current") for t in times)


def _past(text: str) -> bool:
    """A mark of a reported figure, a comparison with last year included (cues past, comparative)."""
    cues = _cues()
    return bool(cues["past"].search(text) or cues["comparative"].search(text))


# a change and its value after a comparison with last year (同比|下降30%, 较上年|减少5%)
_CHANGE_VALUE = re.compile(r"(?:下降|减少|降低|增长|增加|提高|提升)(?:了)?[\d百分之一二三四五六七八九十]")


def _strong_forward(text: str) -> bool:
    # no cache: keyed by clause text it would be hit across articles only by repeated clauses
    # (the benchmark corpus recombines a pool of sentences), and the two searches are cheap
    cues = _cues()
    return bool(cues["forward"].search(text) or cues["weak_forward_req"].search(text))


_QUOTED = re.compile(r"“[^“”]{1,16}”")
_BASE_BEFORE = "较比"  # 较2023年, 比上年
_BASE_AFTER = ("相比", "相较", "对比")  # 与2020年相比
_LEAD_MODAL = re.compile(r"^(?:将|要|可|均|都|全部|基本)")
_ITEM_NUMBER = re.compile(r"^\s*\d{1,3}\s*[．.、]\s*")


def find_targets(sentence: str, article_date: _dt.date | None = None, *,
                 governing_time: str | None = None, plan_section: bool = False,
                 section_time: TimePhrase | None = None) -> list[tuple[int, int, TargetFields]]:
    """The target clauses of one sentence.

    Parameters
    ----------
    sentence : str
        One sentence (or any short text; it is split into clauses on ，,；;：:！？。).
    article_date : datetime.date or None
        The article's date, the base for relative phrases (明年, 7月底前, 三年内). Without it a
        relative phrase keeps its ``time_phrase`` but gets no deadline.
    governing_time : str, optional
        A time phrase from outside the sentence that governs it (a deadline note such as
        "6月底完成" after an item of a task list); clauses then need only a value or a result
        predicate. :func:`find_targets_in_text` passes it.
    plan_section, section_time
        The sentence stands in a report's plan section (二、2025年主要任务), whose heading's time
        phrase governs it when it has none of its own: a clause with a verb of doing or a result
        before its value is then a commitment even without a word of intent.

    Returns
    -------
    list of (start, end, TargetFields)
        ``start``/``end`` are character offsets into ``sentence``; ``sentence[start:end] ==
        fields.text`` is the clause (a subject clause directly followed by its predicate clause,
        8.6万多名建档立卡贫困户,将共同步入…, is one clause). ``time_phrase`` is the raw phrase that
        gives the deadline: the clause's own, else the one governing it from the head of the
        sentence or from a clause of its own (到2021年, …). A clause listing several values with
        分别 gives one target per value, each ending after its value.

    Examples
    --------
    >>> import datetime
    >>> s = "明年,8.6万多名建档立卡贫困户,将共同步入全面小康社会。"
    >>> [(s[a:b], t.deadline.isoformat(), t.value, t.approximate) for a, b, t in find_targets(s, datetime.date(2019, 6, 28))]
    [('8.6万多名建档立卡贫困户,将共同步入全面小康社会', '2020-12-31', 86000.0, True)]
    """
    if not sentence or not sentence.strip():
        return []
    hint = _target_hint()
    if governing_time is None and hint is not None and not hint.search(sentence):
        return []  # no time phrase, quantity or goal header: nothing can be forward and checkable
    cues = _cues()
    # a time phrase in brackets after a name (行动计划（2021-2023年）) is the name's period, not a deadline
    # so is a base year (较2023年增长45%, 比2020年翻一番, 与2020年相比): the comparison's, not a deadline
    # and one inside a 《…》 title is the title's (《…三年行动实施方案（2025—2027年）》)
    all_times = [t for t in find_time_phrases(sentence, article_date)
                 if not (sentence[t.start - 1:t.start] in "（(" and sentence[t.end:t.end + 1] in "）)"
                         and t.start > 0 and t.end < len(sentence))
                 and not ("《" in sentence and sentence.rfind("《", 0, t.start) > sentence.rfind("》", 0, t.start))
                 and not (t.start > 0 and sentence[t.start - 1] in _BASE_BEFORE)
                 and not sentence.startswith(_BASE_AFTER, t.end)]
    # The quantities of the whole sentence, found once. A clause's own are those whose number
    # starts inside it: no number, unit or marker spans a clause separator, so a quantity found
    # in the clause's text alone, or in the sentence up to the clause's end, is the same one.
    masked = [(t.start, t.end) for t in all_times]
    # 24小时值班: a standing arrangement, no value (kg/data/targets/not_values.tsv)
    masked += [m.span() for m in _not_values().finditer(sentence)]
    # a numeral inside a quoted slogan is part of its name (“三个年”活动, “六个百分之百”), no value
    if "“" in sentence:
        masked += [m.span() for m in _QUOTED.finditer(sentence)]
    sentence_qs = _iter_quantities(sentence, masked)
    if (governing_time is None and hint is not None and not all_times and not sentence_qs
            and "目标" not in sentence and not _RANGE_QTY.search(sentence) and not cues["standard"].search(sentence)):
        return []  # a numeral but no quantity, time phrase, range or goal header (进一步, 统一)
    clauses: list[_Clause] = []
    for s, e in split_clauses(sentence):
        clauses.append(_Clause(s, e, sentence[s:e], [t for t in all_times if s <= t.start and t.end <= e]))

    def qs_any(c: _Clause) -> bool:
        return any(c.start <= q.num_start < c.end for q in sentence_qs)

    # merge a subject clause into the predicate clause that follows it (…贫困户,将共同步入…)
    merged: list[_Clause] = []
    for c in clauses:
        if merged and _LEAD_MODAL.match(c.text):
            p = merged[-1]
            if (len(p.text) <= 30 and qs_any(p) and not _is_time_only(p) and not cues["reporting"].search(p.text)
                    and not _strong_forward(p.text)
                    and not cues["outcome"].search(p.text) and not _past(p.text)
                    and not cues["goal_header"].search(p.text)):
                merged[-1] = _Clause(p.start, c.end, sentence[p.start:c.end], p.times + c.times)
                continue
        merged.append(c)

    gov: TimePhrase | None = section_time if section_time is not None and not all_times else None
    if governing_time:
        dl = resolve_deadline(governing_time, article_date)
        gov = TimePhrase(-1, -1, governing_time, dl, "forward")
    goal_ctx = False
    mid_gov: TimePhrase | None = None  # a deadline heading a later clause (governs what follows)
    results: list[tuple[int, int, TargetFields]] = []
    intent_before = False  # the clause before this one holds a word of intent (将, 力争) and no past mark
    seen_any = False  # a clause before this one held a time phrase or a quantity (按照方案，2024年…: none)
    for idx, c in enumerate(merged):
        strong = _strong_forward(c.text)
        carried, intent_before = intent_before, strong and not _past(c.text)
        if idx:
            p = merged[idx - 1]
            seen_any = seen_any or bool(p.times) or qs_any(p)
        if _is_time_only(c):
            gov = c.times[-1]
            continue
        if _is_time_lead(c):
            # after a word of intent a duration (用3年时间) or the article's own year (力争今年) is a
            # commitment's deadline; a past date stays past
            t = c.times[-1]
            gov = replace(t, direction="forward") if t.direction in ("neutral", "current") else t
            continue
        if cues["goal_header"].search(c.text) or (sentence[c.end:c.end + 1] in "：:" and cues["goal_colon"].search(c.text)):
            goal_ctx = True
            if c.times:
                gov = c.times[-1]
            continue
        own = [t for t in c.times if t.direction != "neutral"]
        # a time phrase at the very head of the sentence governs the clauses after it; so does a
        # forward one heading a later clause (…发展，到2025年A达到…，B达到82%: B is due in 2025 too)
        if own and own[0].start == c.start and (idx == 0 or own[0].direction == "forward" or not seen_any):
            head_gov = own[0]
        else:
            head_gov = None
        if not own and gov is not None and gov is mid_gov and not (
                (cues["outcome"].search(c.text) or cues["plan_verb"].search(c.text))
                and any(c.start <= q.start and q.num_start < c.end for q in sentence_qs)):
            continue  # after a mid-sentence deadline, only a result with its own predicate and value (达到82%)
        tp = own[0] if own else None
        if tp is not None and tp.direction == "current" and gov is not None and gov.direction == "forward":
            tp = None
        eff = tp or gov
        if head_gov is not None:
            gov = head_gov
            mid_gov = head_gov if idx > 0 else None
        if eff is not None and eff.direction == "past":
            continue
        qs = [q for q in sentence_qs if q.start >= c.start and q.num_start < c.end]
        has_deadline = eff is not None and eff.deadline is not None or (eff is not None and eff.direction == "forward")
        # a standard met, with no figure and no period (确保…水质稳定保持Ⅱ类, 要…，实现…核查全覆盖)
        standard = (strong or carried) and bool(cues["standard"].search(c.text)) and not _past(c.text)
        if not (qs or (tp is not None and tp.direction == "forward") or has_deadline or goal_ctx or standard
                or _RANGE_QTY.search(c.text)):
            continue  # cannot be checkable (the full test is below; every test here is a pure filter)
        # a comparison with last year is past, but a sentence's intent carries to a change with its
        # value (今年，我市将…；…频次同比下降30%)
        compared = bool(cues["comparative"].search(c.text))
        intended = compared and bool(_CHANGE_VALUE.search(c.text)) and _intends(sentence[:c.end], all_times)
        if cues["past"].search(c.text) or (compared and not intended):
            continue
        if tp is not None and not qs_any(c) and not _has_content(c, tp):
            continue  # （6月底完成 : a bare deadline note
        lead = _ITEM_NUMBER.sub("", c.text.lstrip(_FILLER))
        if (not strong and cues["adverbial"].search(lead)) or cues["not_commitment"].search(lead):
            continue
        outcome = bool(cues["outcome"].search(c.text))
        # a word of intent carries to a result with its value in a later clause of the sentence
        # (市生态环境局将持续推进…，PM2.5平均浓度下降到35微克/立方米)
        # this year's (今年, 全年, 2024年 in a 2024 article) plan with its value after a verb of
        # doing (今年完成岸线整治40公里, 新增高新技术企业500家)
        planned = ((plan_section or (eff is not None and eff.direction == "current")) and not _past(c.text)
                   and _value_after_result(c, qs, cues["plan_verb"], *((cues["outcome"],) if plan_section else ())))
        carries = carried and _value_after_result(c, qs, cues["outcome"], cues["plan_verb"])
        forward = bool((eff is not None and eff.direction == "forward") or strong or goal_ctx or carries or planned
                       or intended or standard)
        if not forward:
            continue
        if carries:
            intent_before = True  # 力争A增长7%，B新增500家，C突破7000家: the intent governs the list
        own_deadline = tp is not None and tp.direction == "forward" and _has_content(c, tp)
        # checkable: a value; or a deadline of its own; or a result predicate within a period
        checkable = (bool(qs) or own_deadline or (outcome and (has_deadline or goal_ctx)) or standard
                     or bool(_RANGE_QTY.search(c.text)))
        if not checkable:
            continue
        if eff is not None and eff.direction == "current" and not (strong or goal_ctx or gov or planned or carries):
            continue
        deadline = eff.deadline if eff is not None else None
        phrase = eff.text if eff is not None else None
        enum = _enumerated(sentence, c, qs)
        picks = enum if enum else [_headline(sentence, qs)]
        metrics = _enum_metrics(c.text, len(enum)) if enum else None
        for k, q in enumerate(picks):
            end = q.end if (enum and k < len(picks) - 1) else c.end
            metric = metrics[k] if metrics else _metric(c.text, q, c.start)
            fields = TargetFields(
                text=sentence[c.start:end],
                deadline=deadline,
                time_phrase=phrase,
                value=q.value if q else None,
                unit=q.unit if q else None,
                approximate=q.approx if q else False,
                comparator=q.comparator if q else None,
                metric=metric,
                value_text=sentence[q.start:q.end] if q else None,
            )
            results.append((c.start, end, fields))
    return results


def _value_after_result(c: _Clause, qs: list[_Qty], *verbs: re.Pattern) -> bool:
    """A result predicate (or another verb of ``verbs``) followed by the clause's value
    (PM2.5平均浓度下降到|35微克/立方米), not a count before it (五项原则…建立)."""
    for rx in verbs:
        m = rx.search(c.text)
        if m is not None and any(q.num_start >= c.start + m.end() for q in qs):
            return True
    return False


_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_TIME_UNITS = ("分钟", "小时")
_AFTER_DURATION = set("内以左之后前至起")  # 30分钟以内, 1小时内: the duration is the value


def _headline(sentence: str, qs: list[_Qty]) -> _Qty | None:
    """The clause's value: its first quantity, unless that is a duration naming a thing (15分钟|便民
    生活圈200个, 1小时|经济圈) and another quantity follows."""
    for q in qs[:-1]:
        nxt = sentence[q.end:q.end + 1]
        if not (q.unit in _TIME_UNITS and nxt and _CJK_CHAR.match(nxt) and nxt not in _AFTER_DURATION):
            return q
    return qs[-1] if qs else None


_GENERIC = re.compile(r"[（()）\d.．分]|完成|取得|明显|阶段性|成效|并|持续|推进|按进度|将|要|力争|确保|实现|前")


_RANGE_QTY = re.compile(r"\d+(?:\.\d+)?\s*[-—–~～]\s*\d+(?:\.\d+)?\s*(?:万|亿)?(?:家|个|项|%|％|人|名|户|座|条)")


def _has_content(c: _Clause, tp: TimePhrase) -> bool:
    """Something beyond the time phrase and generic verbs (（6月底完成 alone is a deadline note)."""
    rest = (c.text[: tp.start - c.start] + c.text[tp.end - c.start:]).strip(_FILLER)
    return len(_GENERIC.sub("", rest).strip(_FILLER)) >= 2


def _enumerated(sentence: str, c: _Clause, qs: list[_Qty]) -> list[_Qty]:
    """分别…30%、20%和10%: the quantities listed after 分别, when they are joined by 、/和/及/与."""
    i = sentence.find("分别", c.start, c.end)
    if i < 0:
        return []
    after = [q for q in qs if q.start > i]
    if len(after) < 2:
        return []
    for a, b in zip(after, after[1:]):
        if sentence[a.end:b.start].strip() not in ("、", "和", "及", "与", "以及", ",", "，"):
            return []
    return after


_ENUM_TAIL = re.compile(r"(?:占比|比重|增速|增长|分别)+$")
_ENUM_SEP = re.compile(r"以及|[、和及与]")
_ENUM_HEAD = re.compile(r"^.*(?:国家|地区|的)")


def _enum_metrics(clause: str, n: int) -> list[str | None] | None:
    """货物贸易、对外投资和实际利用外资分别占比达…: the n listed metrics before 分别, else None."""
    head = _ENUM_TAIL.sub("", clause[: clause.find("分别")])
    items = [x for x in _ENUM_SEP.split(head) if x.strip(_FILLER)]
    if len(items) < n:
        return None
    items = items[-n:]
    items[0] = _ENUM_HEAD.sub("", items[0]) or items[0]
    return [x.strip(_FILLER) or None for x in items]


# --------------------------------------------------------------------------- whole texts
_NOTE = re.compile(r"^(?:[（(][^（）()]*[）)]\s*)+$")
_TRAILING_NOTE = re.compile(r"[（(]([^（）()]*)[）)]\s*$")
_NOTE_BODY = re.compile(r"牵头|负责|责任单位|考核单位|完成|推进|成效")


_NOTE_GROUP = re.compile(r"[（(]([^（）()]*)[）)]")
_NOTE_HEAD_SEP = re.compile(r"[，,；;]")


def _note_time(note: str) -> str | None:
    for grp in _NOTE_GROUP.findall(note):
        if not _NOTE_BODY.search(grp):
            continue
        head = _NOTE_HEAD_SEP.split(grp)[0]
        phrases = find_time_phrases(head)
        if phrases:
            return phrases[0].text
    return None


_ITEM_LEAD = re.compile(r"\s*\d{1,3}\s*[．.、]\s*")


def find_targets_in_text(text: str, article_date: _dt.date | None = None) -> list[tuple[int, int, TargetFields]]:
    """Targets of a whole text: :func:`find_targets` over each sentence (split on 。！？\n;
    ； stays inside the sentence so that a goal header such as 主要预期目标是：… governs its list).

    Task lists often put an item's deadline in a parenthesised note after its last sentence,
    ``…办理。（0.5分）（5月底取得阶段性成效并持续推进，牵头考核单位：市审批服务局）``. Such a note
    governs its item (the sentences back to the previous note on the same line): each clause of
    the item that states a value becomes a target with the note's deadline; an item without a
    value becomes one target spanning the item (its leading number ``3．`` left out). The note
    itself is not a target. Offsets are into ``text``.
    """
    out: list[tuple[int, int, TargetFields]] = []
    sents = _split(text, _TEXT_SEP)
    pending: list[tuple[int, int]] = []
    sections = _sections(text, article_date)

    def section_at(pos: int) -> tuple[str | None, TimePhrase | None]:
        """The kind ("past", "plan" or None) and heading time of the section holding ``pos``."""
        for a, b, kind, t in sections:
            if a <= pos < b:
                return kind, t
        return None, None

    def flush(gov: str | None) -> None:
        if not pending:
            return
        if sections:  # a retrospective section's sentences are last year's results: not searched
            pending[:] = [(s, e) for s, e in pending if section_at(s)[0] != "past"]
            if not pending:
                return
        if gov is None:
            for s, e in pending:
                kind, heading_time = section_at(s)
                out.extend((s + a, s + b, f) for a, b, f in find_targets(
                    text[s:e], article_date, plan_section=kind == "plan", section_time=heading_time))
        else:
            valued = []
            for s, e in pending:
                valued.extend((s + a, s + b, f) for a, b, f in
                              find_targets(text[s:e], article_date, governing_time=gov) if f.value is not None)
            if valued:
                out.extend(valued)
            else:
                s, e = pending[0][0], pending[-1][1]
                m = _ITEM_LEAD.match(text[s:e])
                if m:
                    s += m.end()
                out.append((s, e, TargetFields(text=text[s:e], deadline=resolve_deadline(gov, article_date),
                                               time_phrase=gov)))
        pending.clear()

    prev_line = None
    ln, counted = 0, 0  # line of the sentence: the newlines before it, counted once over the text
    for s, e in sents:
        ln += text.count("\n", counted, s)
        counted = s
        if prev_line is not None and ln != prev_line:
            flush(None)
        prev_line = ln
        sent = text[s:e]
        if _NOTE.match(sent):
            flush(_note_time(sent))
            continue
        tn = _TRAILING_NOTE.search(sent)
        if tn and _note_time(tn.group(0)):
            pending.append((s, s + tn.start()))
            flush(_note_time(tn.group(0)))
            continue
        pending.append((s, e))
    flush(None)
    return out


_TOP_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、．.]|第[一二三四五六七八九十]{1,3}部分)")
_HEADING_END = ("。", "！", "？", "；", ";", "!", "?")


def _sections(text: str, article_date: _dt.date | None) -> list[tuple[int, int, str, TimePhrase | None]]:
    """A report's top-level sections (一、… to the next 二、…) that say what their figures are:
    (start, end, "past" or "plan", the heading's time phrase). A retrospective section (一、2024年
    工作回顾: cues.tsv ``past_heading``) holds last year's results, no commitment; a plan section
    (二、2025年工作思路和重点任务: ``plan_heading``, or a lead-in line such as 重点抓好以下工作：)
    holds commitments even without a word of intent (新增城镇就业4.5万人), due by its heading's
    time phrase when it has one. A title line that is itself a plan (…局2024年工作要点, or the issued
    plan's title after a notice: ``plan_document``) opens a plan section there."""
    if "\n" not in text:
        return []
    cues = _cues()
    past, plan = cues.get("past_heading"), cues.get("plan_heading")
    spans, cur, pos = [], None, 0
    doc = cues.get("plan_document")
    lines = text.split("\n")
    for line in lines[:_PLAN_TITLE_LINES] if doc is not None else ():
        title = line.strip()
        if len(title) <= 40 and not title.endswith(_HEADING_END) and doc.search(title):
            # 长春市住房和城乡建设局2024年工作要点 (the title), or the issued plan's own title line after a
            # notice (包头市2022年数字政府建设考评办法): the text from there is the plan
            times = [t for t in find_time_phrases(title, article_date) if t.direction != "past"]
            cur = whole = (pos, "plan", times[0] if times else None)
            break
        pos += len(line) + 1
    else:
        whole = None  # (the plan a title line names: its headings go on with it)
    pos = 0
    for line in lines:
        body = line.strip()
        lead_in = body.endswith(("：", ":")) and len(body) <= 30  # 重点抓好以下工作： (its items follow)
        if body and len(body) <= 40 and (lead_in or not body.endswith(_HEADING_END) and _TOP_HEADING.match(body)):
            if lead_in and (not (plan is not None and plan.search(body)) or (cur is not None and cur[1] == "plan")):
                pos += len(line) + 1
                continue  # 各位代表： opens nothing; 具体要做好以下工作： goes on with its plan section
            if cur is not None:
                spans.append((cur[0], pos, cur[1], cur[2]))
                cur = None
            if past is not None and past.search(body):
                cur = (pos, "past", None)
            elif plan is not None and plan.search(body):
                times = [t for t in find_time_phrases(body, article_date) if t.direction != "past"]
                cur = (pos, "plan", times[0] if times else None)
            elif whole is not None and pos > whole[0]:
                cur = (pos, "plan", whole[2])  # 一、政府服务“一网通办”: a part of the plan document
        pos += len(line) + 1
    if cur is not None:
        spans.append((cur[0], len(text), cur[1], cur[2]))
    return spans


_PLAN_TITLE_LINES = 12  # lines that may hold a plan's own title (a notice's citation and preamble before it)
_TEXT_SEP = re.compile(r"[。！？!?\n]")


def _split(text: str, sep: re.Pattern) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in list(sep.finditer(text)) + [None]:
        end = m.start() if m else len(text)
        seg = text[start:end]
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg.rstrip())
        if rs > ls:
            out.append((start + ls, start + rs))
        start = end + 1
    return out
