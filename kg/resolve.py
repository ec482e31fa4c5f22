"""Resolve raw mentions to entities: canonical names, aliases, stable ids.

The article's own context decides what short and relative names mean: 市 / 我市 / 全市 is the
article's city, 省 its province, 区 its main district; a short form (黄陂) stands for a county
only when the article is about that county's city or province; of several places with one name
(朝阳区 is in Beijing and in Changchun) the one within the article's other places wins.

Ids are plain strings (``place/420116``, ``agency/武汉市发展和改革委员会``), the same on every run
and machine; :mod:`kg.rdf` turns them into IRIs.
"""
from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field

from .gazetteer import TOWN_SUFFIXES, Division, Gazetteer, read_table, rule_words
from .model import Mention
from .nlp import rules as R

__all__ = ["Context", "Resolved", "article_context", "resolve", "project_id", "agency_id"]

# the level words that stand for the article's city, province or county (市发改委, 旗农牧局, 地区商务局)
_CITY_LEVELS = frozenset(rule_words("city_levels"))
_ZONE_SHORT = {"经开区": ("经济技术开发区", "经济开发区"), "高新区": ("高新技术产业开发区", "高新技术开发区")}
_PARK_SUFFIXES = ("工业园区", "产业园区", "工业园", "产业园", "科技园", "园区")
_PROVINCE_LEVELS = frozenset(rule_words("province_levels"))
_PREFECTURE_LEVELS = frozenset(rule_words("prefecture_levels"))  # 州: the article's autonomous prefecture
_COUNTY_LEVELS = frozenset(rule_words("county_levels"))
_TOWN_LEVELS = frozenset(rule_words("town_levels"))  # the town a story is about (镇政府)
_PARENT_KEPT = frozenset(rule_words("parent_kept"))  # units whose parent is a node too (市委|常委会)
_ZONE_LEVELS = frozenset(rule_words("zone_levels"))  # the zone a story is about (高新区科技局)
_NATIONAL = {"国家", "中央", "全国", "中共"}


@dataclass(frozen=True)
class Context:
    """Where an article is: its main city, province and district (any may be None)."""

    city: Division | None = None
    province: Division | None = None
    county: Division | None = None
    town: Division | None = None  # the town or street a local story is about (named alone or most)
    mentioned: frozenset[str] = frozenset()  # keys of every division the article names
    # whether the city / province is named far more than any other: only then does a level word
    # (市发改委, 省财政厅) stand for it (a national story naming 上海, 深圳 and 杭州 has none)
    city_clear: bool = True
    province_clear: bool = True
    county_city: bool = False  # the county is a county-level city (腾冲市) named more than its prefecture
    zone: Division | None = None  # the development zone a story is about (named alone or most)


@dataclass
class Resolved:
    """A mention with the entity it stands for."""

    mention: Mention
    id: str
    kind: str
    name: str
    aliases: set[str] = field(default_factory=set)
    subtype: str | None = None
    extra_types: tuple[str, ...] = ()
    key: str | None = None  # gazetteer key of a place
    attrs: dict = field(default_factory=dict)
    surface_alias: bool = True  # the mention's text is an alias (not 闵行区2024年政府: a year inside)


_QUOTES = str.maketrans("", "", "“”\"‘’「」『』《》")


def project_id(name: str) -> str:
    """Projects are one node whatever quotes their name is written with (流域“一张图”管理)."""
    return f"project/{name.translate(_QUOTES)}"


def agency_id(name: str, place_key: str | None = None) -> str:
    """``agency/<name>``, or ``agency/<place key>/<name>`` for a body of a known place."""
    return f"agency/{place_key}/{name}" if place_key else f"agency/{name}"


def _keys(m: Mention) -> tuple[str, ...]:
    return tuple(m.attributes.get("keys", ()))


def article_context(mentions: list[Mention], gaz: Gazetteer) -> Context:
    """The article's main city, province and county, from the places it names unambiguously."""
    cities, provinces, counties = Counter(), Counter(), Counter()
    mentioned = set()
    places = [m for m in mentions if m.label == "Place"]

    named_cities: Counter = Counter()  # cities named themselves (not through a county in them)

    first: dict[str, int] = {}  # key -> the order it was first named in

    def count(d: Division) -> None:
        mentioned.add(d.key)
        first.setdefault(d.key, len(first))
        if d.level == "city":
            named_cities[d.key] += 1
        c, p = gaz.city_of(d.key), gaz.province_of(d.key)
        if c is not None:
            cities[c.key] += 1
        if p is not None:
            provinces[p.key] += 1
        if d.level == "county":
            counties[d.key] += 1

    ambiguous = []
    towns: Counter = Counter()
    town_of: dict[str, Division] = {}
    town_cands: list[list[Division]] = []  # the table's towns of each town mention
    zones: Counter = Counter()
    zone_of: dict[str, Division] = {}
    for m in places:
        a = m.attributes  # (a new dict at each access)
        divs = [d for k in a.get("keys", ()) if (d := gaz.get(k)) is not None]
        if divs and all(d.level == "town" for d in divs) and a.get("full", True) and divs[0].name.endswith(TOWN_SUFFIXES):
            town_cands.append(divs)
        if a.get("zone") or (len(divs) == 1 and divs[0].level == "zone"):
            z = divs[0] if divs else Division(f"x/{m.name}", m.name, "zone", None)  # (as the place resolves)
            zones[z.key] += 1
            zone_of[z.key] = z
        if not divs and m.rule == R.RULE_PLACE_SUFFIX and m.text.endswith(TOWN_SUFFIXES):
            key = f"x/{m.text}"  # a town the table lacks, read after its county (须水镇)
            towns[key] += 1
            town_of[key] = Division(key, m.text, "town", None)
        if not divs or divs[0].level in ("town", "village", "water"):
            continue  # a town or a lake is not evidence on its own
        if not a.get("full") and divs[0].level not in ("province", "city", "zone", "area"):
            continue  # nor is a county short form
        if len(divs) == 1:
            count(divs[0])
        else:
            ambiguous.append(divs)
    # a name shared by several places (西湖区) counts where it lies in a city already named
    for divs in ambiguous:
        near = [d for d in divs if any(gaz.is_within(d.key, c) for c in cities)]
        if len(near) == 1:
            count(near[0])
    city = gaz.get(cities.most_common(1)[0][0]) if cities else None
    province = gaz.province_of(city.key) if city is not None else (
        gaz.get(provinces.most_common(1)[0][0]) if provinces else None)
    county = None
    top_county = _dominant(counties)  # the article's district: see _dominant
    if top_county and (city is None or gaz.is_within(top_county, city.key)):
        county = gaz.get(top_county)
    for divs in town_cands:  # a town name many counties have (和顺镇) counts where it lies in the article's city
        near = divs if len(divs) == 1 else [
            d for d in divs if (county is not None and gaz.is_within(d.key, county.key))
            or (county is None and city is not None and gaz.is_within(d.key, city.key))]
        if len(near) == 1:
            towns[near[0].key] += 1
            town_of[near[0].key] = near[0]
    top_town = _dominant(towns)
    town = town_of[top_town] if top_town else None
    if town is not None and town.parent and county is not None and not gaz.is_within(town.key, county.key):
        town = None  # a town of another county than the article's
    # a county-level city's story (腾冲市委、市政府): 市 is that city, unless its prefecture is named
    # more often, or as often and first
    county_city = False
    if county is not None and county.name.endswith("市") and city is not None:
        n, m = counties[county.key], named_cities.get(city.key, 0)
        county_city = n > m or (n == m and first.get(county.key, 0) < first.get(city.key, len(first)))
    top_zone = _dominant(zones)
    return Context(city, province, county, town, frozenset(mentioned), county_city=county_city,
                   zone=zone_of[top_zone] if top_zone else None,
                   city_clear=city is not None and _clear(cities, city.key),
                   province_clear=province is not None and _clear(provinces, province.key))


def _clear(counts: Counter, key: str) -> bool:
    """Whether a level word (市发改委, 省财政厅) stands for ``key``, the most named city or
    province: it is :func:`_dominant`, or one of only two, named first and more often than the
    other (a Wuhan story that mentions 襄阳 once). Two named as often, or three and more with no
    clear lead (a national story on 上海, 深圳 and 杭州), leave the level word unresolved."""
    if _dominant(counts) == key:
        return True
    if len(counts) != 2:
        return False
    (top, n), (_, other) = counts.most_common(2)
    return top == key and n > other and next(iter(counts)) == key


def _dominant(counts: Counter) -> str | None:
    """The key named alone, or at least twice and more than twice as often as the next."""
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    return top if not rest or (n >= 2 and n > 2 * rest[0][1]) else None


def _named_zone(name: str) -> bool:
    """A development zone's own name: a zone suffix after two characters or more (枣阳经济开发区,
    not the bare kind 综合保税区)."""
    suffix = max((suf for suf in R.ZONE_SUFFIXES if name.endswith(suf)), key=len, default=None)
    return suffix is not None and len(name) - len(suffix) >= 2


def _in_context(gaz: Gazetteer, key: str, ctx: Context, extra: set[str]) -> int:
    """3 when the division lies in a county or town the article names, 2 in its city, 1 in its
    province, else 0."""
    if key in extra or any(a.key in extra for a in gaz.ancestors(key)):
        return 3
    if ctx.city is not None and (key == ctx.city.key or gaz.is_within(key, ctx.city.key)):
        return 2
    if ctx.province is not None and (key == ctx.province.key or gaz.is_within(key, ctx.province.key)):
        return 1
    return 0


@functools.lru_cache(maxsize=1)
def _central_names() -> frozenset[str]:
    return frozenset(r["name"] for r in read_table("agency_central.tsv"))


class _Resolver:
    def __init__(self, gaz: Gazetteer, doc_id: str, mentions: list[Mention]):
        self.gaz = gaz
        self.doc_id = doc_id
        self.ctx = article_context(mentions, gaz)
        self.central_names = _central_names()
        self.place_at: dict[tuple[int, int], Resolved] = {}
        self.agency_at: dict[tuple[int, int], Resolved] = {}
        self.village_at: dict[str, Resolved] = {}  # village name -> what its first mention resolved to
        # the zones the article names (长沙经济技术开发区), to which their short names (长沙经开区) resolve
        self.zone_names = {m.text for m in mentions if m.label == "Place" and m.attributes.get("zone")}

    # -- places ---------------------------------------------------------------
    def place(self, m: Mention, named_counties: set[str]) -> Resolved | None:
        if m.rule != R.RULE_PLACE_VILLAGE:
            return self._place(m, named_counties)
        seen = self.village_at.get(m.text)
        if seen is not None:  # the village the article named first by that name (和顺镇辖|大庄村 … 大庄村)
            return Resolved(m, seen.id, "Place", seen.name, {m.text} - {seen.name}, seen.subtype,
                            seen.extra_types, seen.key, dict(seen.attrs))
        r = self._place(m, named_counties)
        if r is not None:
            self.village_at[m.text] = r
        return r

    def _place(self, m: Mention, named_counties: set[str]) -> Resolved | None:
        gaz, ctx = self.gaz, self.ctx
        a = m.attributes  # (a new dict at each access)
        divs = [gaz.get(k) for k in a.get("keys", ())]
        divs = [d for d in divs if d is not None]
        full = a.get("full", True)
        zone = a.get("zone", False)
        # a development zone acts through its 管委会; a policy zone (自由贸易试验区) is a place only
        # (an industrial park within a zone is a place only: 锦界工业园区, 烟台化工产业园)
        extra_types = ("Agency",) if zone and a.get("agency", not m.text.endswith(_PARK_SUFFIXES)) else ()
        if m.rule == R.RULE_PLACE_VILLAGE:
            scores = [(_in_context(gaz, d.key, ctx, named_counties), d) for d in divs]
            in_named = [d for sc, d in scores if sc == 3]
            in_city = [d for sc, d in scores if sc == 2]
            # (in a town's list, 和顺镇辖…、大庄村, a village is that town's even where the city's only
            # 大庄村 of the table lies in another town)
            divs = in_named or (in_city if len(in_city) == 1 and not a.get("listed") else [])
            if not divs:
                if a.get("after_place"):  # 黄陂区|王家庄村: named after its division
                    return Resolved(m, f"place/{m.name}", "Place", m.name, {m.text}, m.subtype)
                return None
        if not divs:  # suffix-bounded names and zones the table lacks
            short = next((k for k in _ZONE_SHORT if zone and m.text.endswith(k)), None)
            full = next((n for f in _ZONE_SHORT.get(short, ()) if (n := m.text[:-len(short)] + f) in self.zone_names),
                        None) if short else None
            if full is not None:
                # 长沙经开区: the article's 长沙经济技术开发区, named by its short suffix
                return Resolved(m, f"place/{full}", "Place", full, {m.text}, "District", extra_types)
            if m.rule == R.RULE_ZONE_LISTED:
                # 吴中区、吴江区、高新区: the zone of the article's city (a table zone of that name, or
                # one named by the city's short form: 苏州高新区)
                city = ctx.city
                if city is None:
                    return None
                names = [p + m.text for p in (*city.short, city.name) if p]
                zone = next((d for n in names for d in gaz.candidates(n) if d.level in ("zone", "county", "town")
                             and gaz.is_within(d.key, city.key)), None)
                if zone is not None:
                    return Resolved(m, f"place/{zone.key}", "Place", zone.name, {m.text}, "District",
                                    extra_types, zone.key)
                r = Resolved(m, f"place/{names[0]}", "Place", names[0], {m.text}, "District", extra_types)
                r.attrs["within"] = city.key  # (partOf the city: kg.extractor)
                return r
            if m.rule == R.RULE_ZONE_GRAMMAR:
                return Resolved(m, f"place/{m.name}", "Place", m.name, {m.text}, "District", extra_types)
            return Resolved(m, f"place/{m.name}", "Place", m.name, {m.text}, m.subtype)
        # the division nearest the article's places, the first of the table's order among equals
        scores = [_in_context(gaz, d.key, ctx, named_counties) for d in divs]
        score = max(scores)
        best = divs[scores.index(score)]
        lake = next((d for d in divs if d.level == "water" and d.name == m.text), None)
        if lake is not None and best.name != m.text and best.level in ("county", "town"):
            best, score = lake, 1  # 西湖 is the lake, 西湖区 the district written with 区 (even in Hangzhou)
        if score == 0:
            # nothing near the article's own places: a lake or a customary name of that name, a
            # short form read as a lake (北湖 here is not 郴州's 北湖区), a unique township name,
            # or a full name (朝阳区) left unresolved; a short form or a kind-like town name, nothing
            local = [d for d in divs if d.level in ("water", "area", "country", "world_city")]
            if local:
                best = local[0]
            elif not full and best.level in ("county", "town"):
                if m.text[-1] in "湖河江":
                    return Resolved(m, f"place/{m.text}", "Place", m.text, set(), "WaterBody")
                return None
            elif best.level == "town" and not (len(divs) == 1 and (best.name.endswith(TOWN_SUFFIXES)
                                                                     or _named_zone(best.name))):
                # (a town-level development zone of the table, 枣阳经济开发区, is named in full: kept)
                return None
            elif len(divs) > 1 and not full:
                return None
            elif len(divs) > 1 and len({d.level for d in divs}) == 1:
                return Resolved(m, f"place/{best.name}", "Place", best.name, {m.text}, "District")
        is_zone = best.level == "zone" or best.name.endswith(R.ZONE_SUFFIXES)
        types = extra_types or (("Agency",) if is_zone else ())
        shorts = {x for x in best.short if x not in self.gaz.ambiguous_short}
        r = Resolved(m, f"place/{best.key}", "Place", best.name, {m.text, *shorts} - {best.name},
                     best.subtype, types, best.key)
        if best.code:
            r.attrs["code"] = best.code
        return r

    # -- agencies -------------------------------------------------------------
    def _prefix_place(self, m: Mention) -> tuple[str | None, str | None]:
        """(name, gazetteer key) of the place an agency's prefix stands for."""
        a = m.attributes
        ptext, kind = a.get("prefix", ""), a.get("prefix_kind")
        if kind == "place":
            core = ptext[2:] if ptext.startswith("中共") else ptext
            r = self.place_at.get((m.start + len(ptext) - len(core), m.start + len(ptext)))
            return (r.name, r.key) if r is not None else (None, None)
        level, d = self._level_division(ptext)
        if level:
            return (d.name, d.key) if d is not None else (None, None)
        if ptext in _NATIONAL:
            return ptext, None
        return None, None

    def level_named(self, name: str) -> str:
        """An organization's name with its leading level word (省, 市, 区, 县) replaced by the
        article's province, city or district: 区人民医院 -> 田阳区人民医院; unchanged when the
        article does not say where it is, or the name does not start with a level word."""
        if len(name) < 4 or name[0] not in "市区县省" or name[1] in "市区县省":
            return name
        if len(R._cut(name)[0]) > 1:
            return name  # 区块链协会, 市场化改革公司: the level character starts a word
        _, d = self._level_division(name[0])
        return d.name + name[1:] if d is not None else name

    def _level_division(self, word: str) -> tuple[bool, Division | None]:
        """Whether ``word`` is a level word (市, 我省, 全区…), and the article's division it stands
        for (None when the article does not say where it is)."""
        ctx = self.ctx
        city = ctx.county if ctx.county_city else (ctx.city if ctx.city_clear else None)
        prefecture = ctx.city if ctx.city_clear and ctx.city.name.endswith("州") else None
        for levels, d in ((_CITY_LEVELS, city), (_PREFECTURE_LEVELS, prefecture),
                          (_PROVINCE_LEVELS, ctx.province if ctx.province_clear else None),
                          (_COUNTY_LEVELS, ctx.county), (_TOWN_LEVELS, ctx.town), (_ZONE_LEVELS, ctx.zone)):
            if word in levels:
                return True, d
        return False, None

    def agency(self, m: Mention) -> Resolved | None:
        r = self._agency(m)
        if r is not None:
            self.agency_at[(m.start, m.end)] = r
        return r

    def _agency(self, m: Mention) -> Resolved | None:
        a = m.attributes
        if m.rule in (R.RULE_AGENCY_NESTED, R.RULE_AGENCY_UNIT):
            parent = self.agency_at.get(a["parent"])
            if parent is None or parent.attrs.get("unresolved"):
                return Resolved(m, "", "Agency", m.text, set(), attrs={"unresolved": True})
            name = parent.name + (a.get("dept") or a["body"])
            r = Resolved(m, f"{parent.id}/{a.get('dept') or a['body']}", "Agency", name,
                         {m.text, parent.name + a["body"]} - {name})
            r.attrs["parent"] = parent.id
            return r
        if m.rule == R.RULE_AGENCY_BARE:  # 人大, 内阁: whose body, the text does not say
            return Resolved(m, "", "Agency", m.text, set(), attrs={"unresolved": True})
        if m.rule in (R.RULE_AGENCY_FOREIGN, R.RULE_AGENCY_ARMY):
            return Resolved(m, f"agency/{m.text}", "Agency", m.text, set())
        if m.rule in (R.RULE_AGENCY_CENTRAL, R.RULE_AGENCY_INTL):
            name = a["central"]
            return Resolved(m, f"agency/{name}", "Agency", name, {m.text})
        ptext = a.get("prefix", "")
        rest = m.text[len(ptext):]
        dated = R.YEAR.match(rest)
        if dated is not None:  # 闵行区|2024年|政府(工作报告): the year is the report's, no part of the name
            rest = rest[dated.end():]
        if a.get("generic"):  # 各区政府: every district's, no one body
            return Resolved(m, "", "Agency", m.text, set(), attrs={"unresolved": True})
        body = next((b for b in ("管委会", "管理委员会") if rest.endswith(b)), None)
        if a.get("prefix_kind") == "place" and body is not None:
            # a development zone's 管委会 is the zone acting as an agency; the zone is the prefix
            # (烟台开发区|管委会) or the prefix and the middle (长沙|经开区|管委会)
            zone_start = m.start + len(ptext) - len(ptext.removeprefix("中共"))
            zone = self.place_at.get((zone_start, m.end - len(body)))
            if zone is not None and ("Agency" in zone.extra_types or zone.mention.attributes.get("zone")):
                types = tuple(sorted({*zone.extra_types, "Agency"}))
                return Resolved(m, zone.id, zone.kind, zone.name, {m.text}, zone.subtype, types, zone.key)
        place, key = self._prefix_place(m)
        if a.get("dept"):
            body_full = a["dept"]
        else:
            body_full = rest
        if place is None:
            # a relative name (区委, 街道办) whose referent the article does not pin down: a mention,
            # but no node (two articles' 区委 are not one body)
            return Resolved(m, "", "Agency", m.text, set(), attrs={"unresolved": True})
        name = place + body_full
        if place in _NATIONAL and name in self.central_names:
            return Resolved(m, f"agency/{name}", "Agency", name, {m.text})
        core = ptext[2:] if ptext.startswith("中共") else ptext
        if a.get("prefix_kind") == "place" and not a.get("dept") and core != place:
            name = m.text  # a body named with the place's short form keeps it: 合肥海关, not 合肥市海关
        if name.startswith("中共") and name[2:3] != "中":
            name = name[2:]  # 中共北京市委 is 北京市委 (the alias keeps the full form)
        aliases = ({place + rest} if dated else {m.text, place + rest}) - {name}
        # the place's key keeps apart bodies of places that share a name (朝阳区 in Beijing and Changchun)
        return Resolved(m, agency_id(name, key), "Agency", name, aliases, surface_alias=dated is None)

    # -- projects -------------------------------------------------------------
    def project(self, m: Mention) -> Resolved:
        a = m.attributes
        name = a.get("canonical") or m.text
        if name.startswith("《") and name.endswith("》"):
            name = name[1:-1]
        aliases = {m.text} - {name}
        if m.rule == R.RULE_PROJECT_LIST:
            aliases.add(m.text + "项目")
        return Resolved(m, project_id(name), "Project", name, aliases, m.subtype,
                        attrs={"part_of": a.get("part_of")} if a.get("part_of") else {})


def _drop_nested(mentions: list[Mention]) -> list[Mention]:
    """Remove project spans inside a 《title》 or a zone's name or at the start of a longer project
    name, and shorter agencies that end where a longer one does."""
    titles = [(m.start, m.end) for m in mentions if m.label == "Project" and m.rule == R.RULE_PROJECT_BOOK]
    titles += [(m.start, m.end) for m in mentions if m.label == "Place" and m.attributes.get("zone")]
    best_end: dict[int, int] = {}
    for m in mentions:
        if m.label == "Agency":
            best_end[m.end] = min(best_end.get(m.end, m.start), m.start)
    projects = [(m.start, m.end) for m in mentions if m.label == "Project"]
    out = []
    for m in mentions:
        if m.label == "Project" and m.rule != R.RULE_PROJECT_BOOK and any(
                s <= m.start and m.end <= e for s, e in titles):
            continue
        if m.label == "Project" and any(s == m.start and m.end < e for s, e in projects):
            continue  # 长江大保护 inside 长江大保护生态修复: the longer name is the project named here
        if m.label == "Agency" and best_end[m.end] < m.start:
            continue
        out.append(m)
    return out


def _merge_project_suffixes(resolved: list[Resolved]) -> None:
    """Within one article, a project named by the tail of a longer one's name is that project
    (智能化改造 after 工业智能化改造; 脱贫攻坚战 is handled by the campaign table)."""
    names = sorted({r.name for r in resolved if r.kind == "Project"}, key=len, reverse=True)
    target = {}
    for short in names:
        if len(short) < 4:
            continue
        longer = [n for n in names if len(n) > len(short) and n.endswith(short) and n not in target]
        if len(longer) == 1:
            target[short] = longer[0]
    # a quoted name alone (“一张图”) is the longer project that holds it (流域“一张图”管理)
    for short in names:
        if short[:1] in "“\"" and short[-1:] in "”\"" and short not in target:
            inner = short[1:-1]
            longer = [n for n in names if n != short and inner in n and len(n) > len(short) and n not in target]
            if len(longer) == 1:
                target[short] = longer[0]
    for r in resolved:
        if r.kind == "Project" and r.name in target:
            r.aliases.add(r.name)
            r.name = target[r.name]
            r.id = project_id(r.name)


_UNDERTAKINGS = ("治理", "整治", "保护", "修复", "改造", "建设", "提升")
_PLANS = ("方案", "规划", "计划", "意见", "办法")


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(c in it for c in short)


def _merge_short_titles(resolved: list[Resolved]) -> None:
    """Within one article, a plan named short (数字政府行动方案) is the titled plan it abbreviates
    (《包头市数字政府建设行动方案（2021—2023年）》): same last plan word, its characters in order
    in the title, and no other title it could abbreviate; the plan word alone (以下简称《方案》) is
    the first title before it that ends in that word."""
    titles = [r for r in resolved if r.kind == "Project" and r.mention.text.startswith("《")]
    if not titles:
        return
    for p in resolved:
        if p.kind != "Project" or p.subtype == "Campaign":
            continue
        if p.name in _PLANS:
            # the plan word alone (以下简称《方案》): the first title before it with that word
            t = next((t for t in sorted(titles, key=lambda t: t.mention.start) if t.id != p.id
                      and t.mention.start < p.mention.start
                      and R.TITLE_NOTE.sub("", t.name.strip("《》")).endswith(p.name)), None)
            if t is not None:
                p.aliases.add(p.name)
                p.name, p.id = t.name, t.id
            continue
        if p.mention.text.startswith(("《", "“", "\"")) or len(p.name) < 4:
            continue
        head = next((h for h in _PLANS if p.name.endswith(h)), None)
        if head is None:
            continue
        owners = {t.id: t for t in titles if t.id != p.id and _is_subsequence(p.name, t.name)
                  and R.TITLE_NOTE.sub("", t.name.strip("《》")).endswith(head)}
        if len(owners) == 1:
            t = next(iter(owners.values()))
            p.aliases.add(p.name)
            p.name, p.id = t.name, t.id


def _merge_project_plans(resolved: list[Resolved]) -> None:
    """Within one article, a plan named after a local project (智能化改造提升计划 after
    工业智能化改造, whose name ends with 智能化改造) is part of that project. National campaigns
    (乡村振兴 in 乡村振兴五年规划) keep their plans apart."""
    projects = [r for r in resolved if r.kind == "Project" and r.subtype != "Campaign"
                and not r.name.endswith(_PLANS)]
    for p in resolved:
        if p.kind != "Project" or not p.name.endswith(_PLANS):
            continue
        owners = {q.id: q for q in projects if q.id != p.id and any(
            len(n) >= 4 and p.name.startswith(n) for n in _tails(q.name))}
        if len(owners) == 1:
            q = next(iter(owners.values()))
            p.aliases.add(p.name)
            p.name, p.id = q.name, q.id


def _tails(name: str) -> list[str]:
    """A name and its endings of four characters or more (工业智能化改造 -> 智能化改造, 能化改造…)."""
    return [name[i:] for i in range(0, max(1, len(name) - 3))]


def _merge_place_plans(resolved: list[Resolved]) -> None:
    """Within one article, the plans named after a place (《南湖水环境提升攻坚工作方案》,
    南湖问题整改方案) belong to that place's undertaking (南湖治理) when the article names one."""
    places = [r for r in resolved if r.kind == "Place"]
    groups: dict[str, list[Resolved]] = {}
    for p in resolved:
        if p.kind != "Project":
            continue
        start = p.mention.start + (1 if p.mention.text[:1] in "《“" else 0)
        lead = next((pl for pl in places if pl.mention.start == start and pl.mention.end < p.mention.end), None)
        if lead is not None:
            groups.setdefault(lead.id, []).append(p)
    for members in groups.values():
        main = [p for p in members if p.name.endswith(_UNDERTAKINGS)]
        if len({p.id for p in main}) != 1:
            continue
        for p in members:
            if p.name.endswith(_PLANS) and p.id != main[0].id:
                p.aliases.add(p.name)
                p.name, p.id = main[0].name, main[0].id


def resolve(mentions: list[Mention], gaz: Gazetteer, doc_id: str) -> tuple[list[Resolved], Context]:
    """Resolve the mentions of one article. Mentions that stand for nothing are dropped; relative
    agency names the article does not pin down come back with ``attrs["unresolved"]`` and no id."""
    mentions = _drop_nested(mentions)
    res = _Resolver(gaz, doc_id, mentions)
    out: list[Resolved] = []
    # places first: agencies' prefixes refer to them; named counties scope the villages
    named_counties = {k for k in res.ctx.mentioned if (d := gaz.get(k)) and d.level in ("county", "town")}
    for m in sorted((m for m in mentions if m.label == "Place"), key=lambda m: m.rule == R.RULE_PLACE_VILLAGE):
        r = res.place(m, named_counties)
        if r is not None:
            out.append(r)
            res.place_at[(m.start, m.end)] = r
            if r.key and gaz.get(r.key) and gaz.get(r.key).level in ("county", "town"):
                named_counties.add(r.key)
    # the parent written at the start of a unit's name (中国人民银行 in 中国人民银行合肥中心支行) is
    # resolved, for the unit's name, but is no mention of its own there
    # a unit's parent named only inside the unit's name is no node of its own (湖北省公安厅|党组), but a
    # standing committee's is: 市委常委会 acts for 市委, which sets the targets of its meetings
    unit_parents = {m.attributes["parent"] for m in mentions if m.label == "Agency" and m.attributes.get("unit")
                    and m.attributes.get("body") not in _PARENT_KEPT}
    for m in sorted((m for m in mentions if m.label == "Agency"), key=lambda m: (m.start, m.end)):
        r = res.agency(m)
        if r is not None and (m.start, m.end) not in unit_parents:
            out.append(r)
    present = {r.id for r in out}
    for r in out:
        if r.mention.rule == R.RULE_AGENCY_UNIT and r.attrs.get("parent") not in present:
            r.attrs.pop("parent", None)  # no edge to a parent the article names only inside the unit's name
    for m in mentions:
        if m.label == "Project":
            out.append(res.project(m))
        elif m.label == "Organization":
            name = m.name or m.text  # 北大 -> 北京大学 (org.abbreviation_table)
            name = res.level_named(name)  # 省投资集团 in an Anhui article -> 安徽省投资集团
            out.append(Resolved(m, f"org/{name}", "Organization", name, {m.text} - {name}))
    _merge_project_suffixes(out)
    _merge_place_plans(out)
    _merge_project_plans(out)
    _merge_short_titles(out)
    return out, res.ctx
