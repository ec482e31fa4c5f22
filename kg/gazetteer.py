"""The national administrative-division gazetteer, plus govkg's own place tables.

The divisions come from the table jionlp ships (``jionlp.china_location_loader``): every
province, city, district/county and street/township of the country with their division codes
and short forms, and the villages under each township. jionlp is chosen over cpca because it
is maintained, covers the township and village levels (cpca stops at the county), and its
parsers (times, money) are used by :mod:`kg.targets` too.

govkg's own data files under ``kg/data/`` add what the table lacks: development zones and
their nicknames, customary areas (汉口), water bodies, and the short forms that are too
ambiguous to match on their own.

A place is identified by its *path*: the division code of its county (or city / province) and,
below that, the township and village names: ``420116`` (黄陂区), ``420116/李集街道/巴山砦村``.
"""
from __future__ import annotations

import contextlib
import csv
import functools
import io
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator

__all__ = [
    "Division",
    "Gazetteer",
    "load_gazetteer",
    "TOWN_SUFFIXES",
    "read_table",
    "read_lines",
]

LEVELS = ("province", "city", "county", "town", "village")
_PSEUDO_CITIES = {"省直辖行政区划", "自治区直辖县级行政区划", "市辖区", "县", "市直辖行政区划"}


@dataclass(frozen=True)
class Division:
    """One administrative division (or other gazetteer place)."""

    key: str  # stable path: division code, or code/town[/village], or x/<name> for extras
    name: str  # full name: 黄陂区
    level: str  # province, city, county, town, village, zone, area, water
    parent: str | None  # key of the parent division
    short: tuple[str, ...] = ()  # short forms: 黄陂
    code: str | None = None  # 6-digit division code where the table gives one
    # other full names, written with the level word (三江县 of 三江侗族自治县): matched as full names
    variants: tuple[str, ...] = ()

    @property
    def subtype(self) -> str:
        return "WaterBody" if self.level == "water" else "District"


def _data_path(name: str):
    return resources.files("kg") / "data" / name


def read_lines(name: str) -> list[str]:
    """Lines of a data file under ``kg/data/``, without comments (``#``) and blanks."""
    text = _data_path(name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a TSV data file under ``kg/data/`` (header row first, ``#`` lines are comments)."""
    text = _data_path(name).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return [
        {k: (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(lines, delimiter="\t")
    ]


@functools.lru_cache(maxsize=1)
def _rule_word_lists() -> dict[str, tuple[str, ...]]:
    lists: dict[str, list[str]] = {}
    for r in read_table("rule_words.tsv"):
        lists.setdefault(r["list"], []).append(r["word"])
    return {k: tuple(v) for k, v in lists.items()}


def rule_words(name: str) -> tuple[str, ...]:
    """The words of one list of ``kg/data/rule_words.tsv``, in file order (the file is read once)."""
    return _rule_word_lists()[name]


def _split(cell: str) -> tuple[str, ...]:
    return tuple(x for x in re.split(r"[|,，]", cell) if x)


class Gazetteer:
    """Every division of the country, indexed by name and short form.

    Parameters
    ----------
    divisions : iterable of Division
    ambiguous_short : set of str
        Names that are common words (和平, 新华, 开发区…): never matched on their own, though
        they still match inside a longer name (和平区).
    """

    def __init__(self, divisions: Iterable[Division], ambiguous_short: set[str] = frozenset()):
        self.by_key: dict[str, Division] = {}
        self.by_name: dict[str, list[str]] = {}
        self.villages: dict[str, list[str]] = {}  # village name -> keys of its towns
        self.ambiguous_short = set(ambiguous_short)
        # key -> (its ancestors, their keys): asked for every place of every article, mostly for
        # the same few hundred divisions; emptied by add (a new division may be someone's parent)
        self._up: dict[str, tuple[tuple[Division, ...], frozenset[str]]] = {}
        for d in divisions:
            self.add(d)

    def add(self, d: Division) -> None:
        self._up.clear()
        self.by_key[d.key] = d
        for n in (d.name, *d.variants, *d.short):
            keys = self.by_name.setdefault(n, [])
            if d.key not in keys:
                keys.append(d.key)

    # -- lookups -------------------------------------------------------------
    def get(self, key: str | None) -> Division | None:
        if not key:
            return None
        d = self.by_key.get(key)
        if d is None and key.count("/") >= 2:  # a village: <county>/<town>/<village>
            town, _, name = key.rpartition("/")
            if town in self.villages.get(name, ()):
                d = Division(key, name, "village", town)
        return d

    def candidates(self, name: str) -> list[Division]:
        """Divisions (not villages) that the name or short form may stand for."""
        return [self.by_key[k] for k in self.by_name.get(name, ())]

    def village_candidates(self, name: str) -> list[Division]:
        """Villages of that name, one per town that has one (villages have no code)."""
        return [Division(f"{t}/{name}", name, "village", t) for t in self.villages.get(name, ())]

    def ancestors(self, key: str) -> Iterator[Division]:
        """The division's parents, nearest first."""
        return iter(self._ancestry(key)[0])

    def is_within(self, key: str, ancestor: str) -> bool:
        return ancestor in self._ancestry(key)[1]

    def _ancestry(self, key: str) -> tuple[tuple[Division, ...], frozenset[str]]:
        """The division's parents, nearest first, and the set of their keys."""
        up = self._up.get(key)
        if up is None:
            found = []
            d = self.get(key)
            seen = {key}
            while d is not None and d.parent and d.parent not in seen:
                seen.add(d.parent)
                d = self.by_key.get(d.parent)
                if d is not None:
                    found.append(d)
            up = (tuple(found), frozenset(a.key for a in found))
            if key in self.by_key:  # a village's parents are not kept: get() makes villages from self.villages
                self._up[key] = up
        return up

    def names(self, include_short: bool = True) -> Iterator[tuple[str, bool]]:
        """Every matchable name (not villages): (name, is_full_name)."""
        for name, keys in self.by_name.items():
            if name in self.ambiguous_short:
                continue
            full = any(self.by_key[k].name == name or name in self.by_key[k].variants for k in keys)
            if full:
                yield name, True
            elif include_short:
                yield name, False

    def city_of(self, key: str) -> Division | None:
        """The city a division lies in; a municipality (北京市, 上海市…) is its own city."""
        d = self.get(key)
        if d is not None and d.level == "city":
            return d
        for a in self.ancestors(key):
            if a.level == "city":
                return a
        p = d if d is not None and d.level == "province" else self.province_of(key)
        return p if p is not None and p.name.endswith("市") else None

    def province_of(self, key: str) -> Division | None:
        d = self.by_key.get(key)
        if d is not None and d.level == "province":
            return d
        return next((a for a in self.ancestors(key) if a.level == "province"), None)


def _town_short(name: str) -> tuple[str, ...]:
    """民族街街道 -> 民族街; 前川街道 -> 前川街. Towns (镇/乡) keep their full name only."""
    if name.endswith("街街道"):
        return (name[:-2],)
    if name.endswith("街道") and len(name) >= 4:
        return (name[:-2] + "街",)
    if name.endswith("办事处") and len(name) >= 5:
        return (name[:-3],)
    return ()


def _jionlp_divisions(village_index: dict[str, list[str]]) -> Iterator[Division]:
    """Divisions down to the town level; villages go into ``village_index`` (name -> towns)."""
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner when imported
        import jionlp  # heavy import, only when the gazetteer is first built

    table = jionlp.china_location_loader(detail=True)
    for pname, pv in table.items():
        pcode = pv.get("_admin_code")
        pkey = pcode or pname
        yield Division(pkey, pname, "province", None, _short(pname, pv.get("_alias")), pcode)
        for cname, cv in pv.items():
            if cname.startswith("_"):
                continue
            ccode = cv.get("_admin_code")
            if cname in _PSEUDO_CITIES or cname == pname or ccode == pkey:
                ckey = pkey  # municipalities and province-administered counties
            else:
                ckey = ccode or f"{pkey}/{cname}"
                short = _short(cname, cv.get("_alias"))
                if cname.endswith("自治州"):  # 黔东南州, 恩施州: an autonomous prefecture's short form + 州
                    short += tuple(a + "州" for a in short if not a.endswith("州"))
                yield Division(ckey, cname, "city", pkey, short, ccode)
            for xname, xv in cv.items():
                if xname.startswith("_"):
                    continue
                xcode = xv.get("_admin_code")
                if xname in _PSEUDO_CITIES:
                    xkey = ckey  # towns directly under a city without counties (东莞, 中山…)
                else:
                    xkey = xcode if xcode and xcode != ckey else f"{ckey}/{xname}"
                    short = _short(xname, xv.get("_alias")) + _zone_short(xname, cname, _short(cname, cv.get("_alias")))
                    yield Division(xkey, xname, "county", ckey, short, xcode, _autonomous_variants(xname, short))
                for tname, villages in xv.items():
                    if tname.startswith("_"):
                        continue
                    tkey = f"{xkey}/{tname}"
                    yield Division(tkey, tname, "town", xkey, _town_short(tname))
                    for vname in villages or ():
                        village_index.setdefault(vname, []).append(tkey)


_AUTONOMOUS = (("自治县", "县"), ("自治旗", "旗"))


def _autonomous_variants(name: str, short: tuple[str, ...]) -> tuple[str, ...]:
    """An autonomous county by its short form and level word: 三江侗族自治县 -> 三江县, as local
    news and its bodies write it (三江县财政局); 鄂伦春自治旗 -> 鄂伦春旗."""
    for suffix, level in _AUTONOMOUS:
        if name.endswith(suffix):
            return tuple(dict.fromkeys(a + level for a in short if len(a) >= 2 and not a.endswith(level)))
    return ()


_ZONE_SHORT = (
    ("高新技术产业开发区", ("高新区",)),
    ("高新技术开发区", ("高新区",)),
    ("经济技术开发区", ("经开区", "开发区")),
    ("经济开发区", ("经开区", "开发区")),
)


def _zone_short(name: str, city: str, city_short: tuple[str, ...]) -> tuple[str, ...]:
    """Short forms of a development zone: 包头稀土高新技术产业开发区 -> 稀土高新区, 包头稀土高新区."""
    for suffix, shorts in _ZONE_SHORT:
        if not name.endswith(suffix):
            continue
        core = name[: -len(suffix)]
        prefix = next((p for p in (city, *city_short) if p and core.startswith(p)), "")
        core = core[len(prefix):]
        out = []
        for sh in shorts:
            out.extend(p + core + sh for p in (city, *city_short) if p)
            if len(core) >= 2:
                out.append(core + sh)
        return tuple(dict.fromkeys(out))
    return ()


def _short(name: str, alias) -> tuple[str, ...]:
    if isinstance(alias, str):
        alias = [alias]
    return tuple(a for a in (alias or ()) if a and a != name and len(a) >= 2)


def _world_places() -> Iterator[Division]:
    """Countries (full and short names), their capitals and major cities from jionlp's world
    table, and the regions of ``kg/data/world_regions.tsv``. China itself is the national table."""
    import jionlp

    path = Path(jionlp.__file__).parent / "dictionary" / "world_location.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.strip().split("\t")
        if len(cols) < 3 or cols[0] == "中国":
            continue
        short, full, capital = cols[0], cols[1], cols[2]
        key = f"w/{short}"
        yield Division(key, short, "country", None, tuple(x for x in {full} - {short}))
        for city in (capital, *(cols[3].split("/") if len(cols) > 3 else ())):
            if len(city) >= 2 and city != short:
                yield Division(f"{key}/{city}", city, "world_city", key)
    for row in read_table("world_regions.tsv"):
        yield Division(f"w/{row['name']}", row["name"], "country", None, _split(row["aliases"]))


def _extra_divisions(gaz: Gazetteer) -> Iterator[Division]:
    """Rows of ``kg/data/places_extra.tsv``: zones, customary areas and water bodies."""
    for row in read_table("places_extra.tsv"):
        parent = None
        if row["within"]:
            cands = gaz.candidates(row["within"])
            if row.get("province"):
                cands = [c for c in cands if (p := gaz.province_of(c.key)) and p.name == row["province"]] or cands
            parent = cands[0].key if cands else None
        key = f"{parent}/{row['name']}" if parent else f"x/{row['name']}"
        aliases = _split(row["aliases"])
        if row["level"] == "zone" and parent:
            # a zone named with its city is also named without it (深圳前海深港现代服务业合作区,
            # 前海深港现代服务业合作区), as local news writes it
            city = gaz.get(parent)
            for prefix in sorted((city.name, *city.short), key=len, reverse=True) if city else ():
                rest = row["name"][len(prefix):]
                if row["name"].startswith(prefix) and len(rest) >= 4:
                    aliases += (rest,)
                    break
        yield Division(key, row["name"], row["level"], parent, tuple(dict.fromkeys(aliases)))


TOWN_SUFFIXES = ("镇", "乡", "街道", "苏木", "办事处")


def _generic_towns(divisions: list[Division]) -> set[str]:
    """Town-level names that are kinds, not names: 旅游度假区, 产业集聚区, 农场 stand in the table
    under many counties. A name found under three or more counties without a township suffix."""
    counts: dict[str, int] = {}
    for d in divisions:
        if d.level == "town" and not d.name.endswith(TOWN_SUFFIXES):
            counts[d.name] = counts.get(d.name, 0) + 1
    return {n for n, c in counts.items() if c >= 3}


@functools.lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built once, about two seconds)."""
    villages: dict[str, list[str]] = {}
    divisions = list(_jionlp_divisions(villages))
    gaz = Gazetteer(divisions, set(read_lines("place_short_ambiguous.txt")) | _generic_towns(divisions))
    gaz.villages = villages
    for d in _extra_divisions(gaz):
        gaz.add(d)
    for d in _world_places():
        if not gaz.candidates(d.name) or d.level == "country":
            gaz.add(d)
    for name in read_lines("mountains.txt"):
        if not gaz.candidates(name):
            gaz.add(Division(f"x/{name}", name, "area", None))
    for name in read_lines("water_bodies.txt"):
        if not any(c.name == name for c in gaz.candidates(name)):
            gaz.add(Division(f"x/{name}", name, "water", None))
    return gaz
