"""Rule matchers over raw text: places, agencies, organizations and projects.

Everything here works on character offsets of the text it is given, so it does not depend on
word segmentation. One Aho-Corasick automaton holds every dictionary name (divisions and their
short forms, departments, central bodies, campaigns, project head words, level words); each
rule family then reads the hits and the characters around them.

The word lists and grammars are data files under ``kg/data/`` (see each ``_load_*``); the rule
ids written into provenance are the ``RULE_*`` constants below.
"""
from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import ahocorasick_rs
import rjieba

from ..gazetteer import Gazetteer, read_lines, read_table, rule_words
from ..model import Mention

__all__ = ["Hit", "RuleSet", "PUNCT", "ZONE_SUFFIXES"]

PUNCT = set("，。！？；：、,.!?;:（）()[]【】<>〈〉「」『』┃|/\\ \t\n\r\u3000—…·-～~")
QUOTE_OPEN = "“‘「『\""
_QUOTE_OPEN_SET = frozenset(QUOTE_OPEN)
QUOTE_CLOSE = "”’」』\""  # documents converted from Word often close “… with a plain "
BOOK_OPEN, BOOK_CLOSE = "《", "》"
_CJK = re.compile(r"[\u3400-\u9fff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_DIGIT = set("0123456789０１２３４５６７８９.%％")
_LINE_DIGITS = set("0123456789０１２３４５６７８９")
_LINE_WORDS = ("号线", "号地铁线")  # a numbered line: 地铁2号线, 轨道交通11号线
_NUMERAL = set("0123456789０１２３４５６７８９一二三四五六七八九十百千万两几多数")

RULE_PLACE_GAZ = "place.gazetteer"
RULE_PLACE_SHORT = "place.short_form"
RULE_PLACE_VILLAGE = "place.village_gazetteer"
RULE_PLACE_SUFFIX = "place.suffix_bounded"
RULE_WATER_SUFFIX = "water.suffix_bounded"
RULE_AGENCY_DEPT = "agency.level+department"
RULE_AGENCY_CENTRAL = "agency.central_table"
RULE_AGENCY_FOREIGN = "agency.country+central_name"
RULE_AGENCY_BARE = "agency.bare_body"
RULE_AGENCY_GRAMMAR = "agency.prefix+body"
RULE_ZONE = "zone.table"
RULE_ZONE_GRAMMAR = "zone.place+suffix"
RULE_ZONE_LISTED = "zone.listed"
RULE_ORG = "org.company_suffix"
RULE_PROJECT_HEAD = "project.head_word"
RULE_PROJECT_BOOK = "project.book_title"
RULE_PROJECT_CAMPAIGN = "project.campaign_table"
RULE_PROJECT_LIST = "project.enumeration_before_head"
RULE_PROJECT_PATTERN = "project.pattern"
RULE_PROJECT_QUOTED = "project.quoted_name"
RULE_AGENCY_NESTED = "agency.agency+department"
RULE_PLACE_ABBR = "place.abbreviation"
RULE_PLACE_FACILITY = "place.facility"
RULE_ORG_HEAD = "org.place+head"
RULE_AGENCY_INTL = "agency.international_table"
RULE_AGENCY_UNIT = "agency.agency+unit"
RULE_AGENCY_ARMY = "agency.country+army"
RULE_ORG_BOUNDED = "org.bounded_name+head"
RULE_PLACE_BOUNDED = "place.bounded_name+head"
RULE_ORG_ABBR = "org.abbreviation_table"
RULE_ORG_UNIT = "org.organization+unit"
RULE_PLACE_ROAD = "place.bounded_road"
RULE_PLACE_ROAD_PATTERN = "place.road_pattern"
RULE_PLACE_LANDMARK = "place.dictionary_landmark"
RULE_AGENCY_PROVINCIAL = "agency.provincial_department"
RULE_AGENCY_LIST = "agency.list_shared_prefix"
RULE_PLACE_COUNTED = "place.counted_list"
RULE_WATER_LISTED = "water.listed"
RULE_PLACE_SITED = "place.sited_park"
RULE_WATER_DIRECTED = "water.direction"
_DIVISION_SUFFIX = set("县市区旗")
_ANCHOR_SHORT_LEVELS = {"province", "city", "country", "world_city", "water", "zone", "area"}
_ROAD_HEADS = {"路", "街", "大街", "大道", "巷"}
_HOUSE_NUMBER = re.compile(r"[0-9０-９]{1,5}号")
#: A hamlet named by a family and a landform (王家庄, 李家沟, 吴家堡): a place only right after
#: the division it lies in, since alone such names are also people's homes and surnames.
_FAMILY_VILLAGE = re.compile(r"[\u4e00-\u9fff]家[堡庄屯寨营湾沟岭坪坡洼峪窑铺集]")
# its tail: a pattern that opens with a literal is searched for far faster than one that opens
# with the whole CJK range (see _family_villages)
_FAMILY_TAIL = re.compile(r"家[堡庄屯寨营湾沟岭坪坡洼峪窑铺集]")
_FAMILY_NOT_NEXT = set("子人里门村镇乡路街道东西南北")  # 王家庄村 is the village rule's; 马家堡人, 马家堡东路
#: The attributes of a place the division table does not hold (a road, a facility, a bounded name).
_UNKEYED = (("keys", ()), ("full", True), ("zone", False))
_LEVEL_CHARS = set("省市县区州盟旗")
_EACH = re.compile(r"各(?:[省市县区州盟旗]、?)*$")  # before a level word: every one of them (各市、|县人民政府)
_GUO_WORDS = {"国会", "国防", "国务", "国家", "国民", "国际", "国内", "国立", "国有", "国营"}
_PILOT_ZONE = re.compile(r"中国[（(]([\u4e00-\u9fff]{2,4})[）)]自由贸易试验区")
_SESSION = re.compile(r"(?:第)?[一二三四五六七八九十]{1,3}届$")
#: A、B等重点项目 (project.enumeration_before_head); an item holds no space and none of _CLAUSE_ENDS
_PROJECT_LIST = re.compile(r"((?:[^\s，。；、,;：:（）()]{2,10}、)+[^\s，。；、,;：:（）()]{2,10})等(?:重点|重大)(?:项目|工程)")
_CLAUSE_ENDS = frozenset("，。；,;：:（）()")
#: 东山、金庭两镇: a count and a level word after a list of short names (place.counted_list)
_COUNTED_LEVEL = re.compile(r"(?<=[\u4e00-\u9fff])(?P<n>[两二三四五六七八九十])(?:个)?(?P<level>镇|乡|街道|社区|村)")
# a plant's capacity before its project's name (年产30万吨|乙烯项目, 20万千瓦|光伏发电项目); an area
# or a volume only as a yearly output (年处理10万立方米|…): 3800万平方米 before 建筑…改造 is the
# work's size, not its name
_CAPACITY = re.compile(r"(?:年产|年处理|年加工|装机)?\d+(?:\.\d+)?[万亿]?"
                       r"(?:吨|千瓦|兆瓦|GW|MW|kW|台|套|辆|件|片|头|只|标箱|千瓦时|瓦)"
                       r"|(?:年产|年处理|年加工)\d+(?:\.\d+)?[万亿]?(?:平方米|立方米)")
# a count right after a head word that ends its clause: the number of projects of a kind
# (城市更新项目|37个，), not of what follows (科学中心|29个科技设施)
# “项目攻坚年”, “安全生产月”: a campaign's year or month (not “全国好少年”, “新年”)
_CAMPAIGN_TERM = re.compile(r"[^\d“”]{2,}(?:攻坚|提升|提质|落实|建设|作风|效能|质量|服务|行动|活动|宣传|安全生产|突破|创新|优化|招商)(?:年|月)")
_ETHNIC_TOWNSHIP = re.compile(  # an ethnic township's people before 乡 (马蹄|藏族乡, 祁丰|藏族乡)
    r"((?:藏|回|蒙古|土家|苗|彝|壮|满|朝鲜|哈萨克|瑶|畲|侗|布依|白|哈尼|傣|黎|傈僳|佤|拉祜|水|纳西|羌|土|仫佬|锡伯|"
    r"柯尔克孜|达斡尔|景颇|毛南|撒拉|布朗|塔吉克|普米|鄂温克|怒|京|基诺|仡佬|东乡|裕固|鄂伦春|赫哲)族)乡$")
_WATER_ENDS = ("湖", "河", "江")
_CHARGE_VERBS = ("负责", "牵头", "组织实施", "实施", "推进")  # 由北井子镇|负责 (not 由深圳|迁往河源)


def _natural(m: "Mention") -> bool:
    """Whether a place mention is a mountain, lake or river of the landmark table (keys x/…: 祁连山, 太湖),
    though it may also be read as a division's short form (太湖县)."""
    return any(str(k).startswith("x/") for k in m.attributes.get("keys", ()))


_LEVELED_HEADS = ("国家级", "省级")  # heads named with their level (国家级自然保护区)
_CLAUSE_OPENERS = set("，；。：\n")
_AREA_NAME = re.compile("[十百千万]+亩")  # a round area inside a name: 千亩茶园, 百万亩造林
_INTRODUCED_NAME_EXTRA = 6  # … that an introducing verb opens (推进|乌梁素海流域山水林田湖草沙一体化保护和修复|工程)
_PLACE_NAME_EXTRA = 4  # characters a project name that opens with a place may run past its head's max_name
_COUNT_AFTER = re.compile(r"\d+(?:个|项|处)(?![\u4e00-\u9fff])")
_CAPACITY_LAST = frozenset("万亿吨瓦WwMm台套辆件片头只箱米时")
YEAR = re.compile(r"(?:19|20)\d{2}年")  # a year (2024年)
_REPORT_YEAR = re.compile(YEAR.pattern + r"(?=(?:人民)?政府工作报告)")  # 闵行区|2024年|政府工作报告
_COUNTS = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2}


def _clause_start(text: str, i: int) -> int:
    """Where the run of characters an item of _PROJECT_LIST can hold, ending at ``i``, starts:
    after the last space or character of _CLAUSE_ENDS before ``i`` (、 does not end it)."""
    while i > 0 and not (text[i - 1].isspace() or text[i - 1] in _CLAUSE_ENDS):
        i -= 1
    return i


def _standing_committee_of(longer: str, shorter) -> bool:
    """Whether department ``longer`` is the standing committee of department ``shorter``
    (人民代表大会常务委员会 of 人民代表大会)."""
    return bool(shorter) and longer.endswith("常务委员会") and longer.startswith(shorter)


def _clause_end(text: str, i: int) -> int:
    """The end of the clause holding position ``i`` (before its separator, or the text's end)."""
    j = i
    while j < len(text) and text[j] not in _CLAUSE_ENDS:
        j += 1
    return j


def _family_villages(text: str) -> list[tuple[int, int]]:
    """The spans of _FAMILY_VILLAGE's matches, as its ``finditer`` gives them (left to right, not
    overlapping), found through the tail 家+landform, which a regex finds much faster."""
    out, last = [], 0
    for mt in _FAMILY_TAIL.finditer(text):
        s = mt.start() - 1
        if s >= last and "\u4e00" <= text[s] <= "\u9fff":
            out.append((s, mt.end()))
            last = mt.end()
    return out

ZONE_SUFFIXES = (
    "经济技术开发区", "高新技术产业开发区", "高新技术开发区", "新技术开发区", "经济开发区",
    "综合保税区", "自由贸易试验区", "自贸试验区", "高新区", "经开区", "开发区", "保税区",
    "自贸区", "工业园区", "产业园区", "科技园区", "高新园区",
)
_ZONE_FIRST = {suf[0] for suf in ZONE_SUFFIXES}
# the heads of zones that a 管委会 administers (长沙临空经济示范区管委会): kg.nlp.rules._administered_zones
_ADMINISTERED_ZONES = ZONE_SUFFIXES + ("示范区", "新区", "园区", "产业园", "试验区", "合作区", "度假区", "旅游区", "景区")
_ORG_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "集团有限公司", "集团公司", "集团")
_SKIP_BEFORE_VERB = "了着过"
_LEAGUE = re.compile(r"团([省市区县])委(?!员)")
TITLE_NOTE = re.compile(  # a period or status in brackets after a title: （2023—2025年）, （试行）
    r"[（(][^（）()]{1,16}[）)]$")
_PLAN_PERIOD = re.compile(r"^十[一二三四五六七八九十]五(?:规划|时期|期间)?$")
_NOT_WATER_START = set("一二三四五六七八九十两几各全本该入内出跨沿过治护环临近")
_LI_WATER = re.compile("[一二三四五六七八九十]里[河沟湖]")  # 十里河, 七里河, 八里湖: named by their length
_LIST_OR_END = set("、，。；,;）)")
_SESSION_AFTER = re.compile(r"第?[一二三四五六七八九十]{1,3}届")  # between a prefix and its body (市十五届人大)
_BAN_AFTER_BAN = set("公理事法学结好件成")
# bodies an agency can set up under itself (市政府办公室数字政府专班, 省委…领导小组)
_TASK_BODIES = {"专班", "工作专班", "领导小组", "领导小组办公室", "工作组", "工作队", "指挥部", "督察组", "巡视组"}
_PARENT_BODIES = {"委", "市委", "省委", "区委", "县委", "党委", "政府", "人民政府", "人大常委会"}


class Hit(NamedTuple):  # immutable like the frozen dataclass it was, and much cheaper to make (~30 k per 1,000 articles)
    start: int
    end: int
    cat: str  # place, dept, central, campaign, head, level, zone
    text: str
    payload: object = None


@dataclass
class _Tables:
    depts: dict[str, str] = field(default_factory=dict)  # alias -> full department name
    central: dict[str, str] = field(default_factory=dict)  # alias -> canonical central body
    intl: set[str] = field(default_factory=set)  # canonical names of international bodies
    units: list[tuple[str, int, int, str]] = field(default_factory=list)  # unit heads after an agency
    unit_stop: tuple[str, ...] = ()
    unit_verbs: frozenset[str] = frozenset()
    campaigns: dict[str, tuple[str, str]] = field(default_factory=dict)  # alias -> (name, part_of)
    heads: dict[str, tuple[str, bool, int, int]] = field(default_factory=dict)  # head -> (strength, campaign, max, min)
    bodies: list[tuple[str, int, int, re.Pattern | None]] = field(default_factory=list)
    body_not_next: dict[str, str] = field(default_factory=dict)  # body -> characters not after it
    levels: set[str] = field(default_factory=set)
    level_stop: set[str] = field(default_factory=set)
    function_chars: set[str] = field(default_factory=set)
    boundary_chars: set[str] = field(default_factory=set)
    water_suffixes: tuple[str, ...] = ()  # words that end a listed water body's name (江, 河, 沟, 水库…)
    # boundary character -> (its offset, the set phrase around it: 退?还?) of name_boundary_frames.txt
    boundary_frames: dict[str, list[tuple[int, re.Pattern]]] = field(default_factory=dict)
    verbs: list[str] = field(default_factory=list)
    verb_set: frozenset[str] = frozenset()
    verb_lengths: tuple[int, ...] = ()
    introducers: set[str] = field(default_factory=set)
    head_after: tuple[tuple[str, frozenset[str]], ...] = ()  # (generic noun, the heads it may follow; empty: any)
    head_predicates: tuple[str, ...] = ()
    subject_predicates: tuple[str, ...] = ()  # predicates that site a project named as a clause's subject
    site_verbs: tuple[str, ...] = ()
    head_compounds: tuple[str, ...] = ()  # words a project head word opens (工程机械)
    water_anchor_heads: frozenset[str] = frozenset()  # heads a lake or river may name (荆江|分洪区)
    site_heads: frozenset[str] = frozenset()  # project heads that name a site after a siting verb (位于|…产业园)
    stop_names: set[str] = field(default_factory=set)
    name_verbs: set[str] = field(default_factory=set)
    classifiers: tuple[str, ...] = ()
    cross_bigrams: set[str] = field(default_factory=set)
    cross_before: set[str] = field(default_factory=set)  # kg/data/place_cross_before.txt (入|海口)
    water_not_before: tuple[str, ...] = ()
    water_context: tuple[str, ...] = ()
    place_not_before: dict[str, tuple[str, ...]] = field(default_factory=dict)
    abbr: dict[str, tuple[str, bool]] = field(default_factory=dict)  # char -> (place name, strong)
    abbr_pair: re.Pattern | None = None
    abbr_single: re.Pattern | None = None
    name_heads: dict[str, tuple[str, int, int, str]] = field(default_factory=dict)  # head -> (label, min, max middle, not_next)
    bare_bodies: frozenset[str] = frozenset()  # kg/data/agency_bare.txt
    centre_not_before: tuple[str, ...] = ()  # words after 中央 that make it another name
    road_patterns: re.Pattern | None = None  # kg/data/road_patterns.txt, one alternation
    # kg/data/project_patterns.tsv: (whole, tail) as one alternation with named groups, and items
    project_patterns: re.Pattern | None = None
    project_items: re.Pattern | None = None
    project_hint: re.Pattern | None = None  # what every project pattern holds (a quick pre-test)
    project_context: re.Pattern | None = None  # a `built` pattern's clause holds one of these
    water_heads: set[str] = field(default_factory=set)  # heads of name_heads.tsv that name a water body (芬兰|湾)
    bounded: dict[str, tuple[int, int, bool]] = field(default_factory=dict)  # head -> (min, max name, kind check)
    centre_kinds: frozenset[str] = frozenset()  # kg/data/centre_kinds.txt
    settlement_kinds: tuple[str, ...] = ()  # kg/data/settlement_kinds.txt (names end in none of them)
    verb_place_names: tuple[str, ...] = ()  # kg/data/place_verb_names.txt (会同: a verb, and 会同县)
    # lists of kg/data/rule_words.tsv
    verb_before: frozenset[str] = frozenset()
    bare_zones: re.Pattern | None = None
    village_list_verbs: tuple[str, ...] = ()
    water_words_after: tuple[str, ...] = ()
    water_lead_verbs: frozenset[str] = frozenset()
    slogan_verbs: str = ""  # kg/data/county_slogan_verbs.txt (科技兴县: no county 兴县 there)
    water_kinds: tuple[str, ...] = ()  # kg/data/water_kinds.txt (a lake, river or reservoir name starts with none)
    coined_heads: set[str] = field(default_factory=set)  # heads whose names must be coined words (乐成|中心)
    coined_middle: set[str] = field(default_factory=set)  # heads after a place whose middle must be coined (北京|乐成|中心)
    county_anchor: set[str] = field(default_factory=set)  # heads a county's short form may open (平遥|古城)
    sited: set[str] = field(default_factory=set)  # heads of bodies that stand in the place opening their name (墨脱县|人民医院)
    org_name_stop: tuple[str, ...] = ()
    org_abbr: dict[str, tuple[str, str, tuple[str, ...]]] = field(default_factory=dict)  # short name -> (name, not_next, needs_next)
    company_abbr: set[str] = field(default_factory=set)  # the short names of org_companies.tsv
    company_parts: tuple[str, ...] = ()  # kg/data/company_name_parts.txt, longest first
    joint: dict[tuple[str, str], str] = field(default_factory=dict)  # two departments as one body (纪委监委)
    org_units: list[tuple[str, int, int, str]] = field(default_factory=list)  # unit, min, max middle, not_next
    org_name_lead: frozenset[str] = frozenset()
    org_name_tags: dict[str, frozenset[str]] = field(default_factory=dict)  # whole/name/first -> tags
    org_kind_count: int = 2000
    org_cut_count: int = 100
    org_kind_last: frozenset[str] = frozenset()
    org_not_before: dict[str, str] = field(default_factory=dict)  # head -> characters not before it


def _load_tables() -> _Tables:
    t = _Tables()
    for row in read_table("agency_departments.tsv"):
        t.depts.setdefault(row["name"], row["name"])
        for a in filter(None, row["aliases"].split("|")):
            t.depts.setdefault(a, row["name"])
    for row in read_table("agency_central.tsv"):
        for a in (row["name"], *filter(None, row["aliases"].split("|"))):
            t.central.setdefault(a, row["name"])
    for row in read_table("agency_international.tsv"):
        t.intl.add(row["name"])
        for a in (row["name"], *filter(None, row["aliases"].split("|"))):
            t.central.setdefault(a, row["name"])
    for row in read_table("agency_units.tsv"):
        t.units.append((row["unit"], int(row["min_middle"]), int(row["max_middle"]), row["not_next"]))
    t.units.sort(key=lambda u: -len(u[0]))
    t.unit_stop = tuple(read_lines("agency_unit_stop.txt"))
    for row in read_table("campaigns.tsv"):
        for a in (row["name"], *filter(None, row["aliases"].split("|"))):
            t.campaigns.setdefault(a, (row["name"], row["part_of"]))
    for row in read_table("project_heads.tsv"):
        if row["strength"] not in ("strong", "weak", "phrase_end"):
            raise ValueError(f"kg/data/project_heads.tsv: head {row['head']!r} has strength {row['strength']!r}"
                             " (strong, weak or phrase_end)")
        t.heads[row["head"]] = (row["strength"], row["campaign"] == "1", int(row["max_name"]), int(row["min_name"]))
    for row in read_table("agency_bodies.tsv"):
        end = re.compile(row["middle_end"]) if row["middle_end"] else None
        t.bodies.append((row["body"], int(row["min_middle"]), int(row["max_middle"]), end))
        if row.get("not_next"):
            t.body_not_next[row["body"]] = row["not_next"]
    t.bodies.sort(key=lambda b: -len(b[0]))
    t.levels = set(read_lines("agency_levels.txt"))
    t.level_stop = set(read_lines("level_stop_bigrams.txt"))
    t.function_chars = set(read_lines("function_chars.txt"))
    t.boundary_chars = t.function_chars | set(read_lines("name_boundary_chars.txt")) | {"个"}
    t.water_suffixes = tuple(read_lines("water_suffixes.txt"))
    for frame in read_lines("name_boundary_frames.txt"):
        at = next((i for i, c in enumerate(frame) if c in t.boundary_chars), None)
        if at is None:
            raise ValueError(f"name_boundary_frames.txt: {frame!r} holds no boundary character")
        rx = re.compile("".join("[\u4e00-\u9fff]" if c == "?" else re.escape(c) for c in frame))
        t.boundary_frames.setdefault(frame[at], []).append((at, rx))
    t.introducers = set(read_lines("project_introducers.txt"))
    t.head_after = tuple((w[0], frozenset(w[1:])) for w in map(str.split, read_lines("project_head_after.txt")))
    t.head_predicates = tuple(read_lines("project_head_predicates.txt"))
    t.subject_predicates = tuple(rule_words("subject_predicates"))
    t.site_verbs = tuple(w for w in rule_words("at_place") if len(w) >= 2)  # 落户, 位于 (not 在, 于)
    t.site_heads = frozenset(rule_words("site_heads"))  # 产业园: after a siting verb, a place
    t.water_anchor_heads = frozenset(rule_words("water_anchor_heads"))
    t.head_compounds = tuple(rule_words("head_compounds"))
    t.verbs = sorted(set(read_lines("project_verbs.txt")) | t.introducers, key=len, reverse=True)
    t.verb_set = frozenset(t.verbs)
    t.verb_lengths = tuple(sorted({len(v) for v in t.verbs}, reverse=True))
    t.stop_names = set(read_lines("project_stop_names.txt"))
    t.name_verbs = set(read_lines("project_name_verbs.txt"))
    t.classifiers = tuple(sorted(read_lines("numeral_classifiers.txt"), key=len, reverse=True))
    t.cross_bigrams = set(read_lines("place_cross_bigrams.txt"))
    t.cross_before = set(read_lines("place_cross_before.txt"))
    t.water_not_before = tuple(read_lines("water_not_before.txt"))
    t.water_context = tuple(read_lines("water_context_after.txt"))
    t.unit_verbs = frozenset(read_lines("agency_unit_verbs.txt")) | t.verb_set
    for row in read_table("place_not_before.tsv"):
        t.place_not_before[row["name"]] = tuple(filter(None, row["not_before"].split("|")))
    for row in read_table("name_heads.tsv"):
        label = "Place" if row["label"] == "WaterBody" else row["label"]
        t.name_heads[row["head"]] = (label, int(row["min_middle"]), int(row["max_middle"]), row["not_next"])
        if row["label"] == "WaterBody":
            t.water_heads.add(row["head"])
        if row.get("coined_middle") == "1":
            t.coined_middle.add(row["head"])
        if row.get("sited") == "1":
            t.sited.add(row["head"])
        if row.get("county_anchor") == "1":
            t.county_anchor.add(row["head"])
    for row in read_table("bounded_heads.tsv"):
        t.bounded[row["head"]] = (int(row["min_name"]), int(row["max_name"]), row["kind_check"] == "1")
        if row["kind_check"] == "2":
            t.coined_heads.add(row["head"])
        if row.get("not_before"):
            t.org_not_before[row["head"]] = row["not_before"]
    t.org_name_stop = tuple(read_lines("org_name_stop.txt"))
    t.bare_bodies = frozenset(read_lines("agency_bare.txt"))
    t.centre_kinds = frozenset(read_lines("centre_kinds.txt"))
    t.settlement_kinds = tuple(read_lines("settlement_kinds.txt"))
    t.water_kinds = tuple(read_lines("water_kinds.txt"))
    t.slogan_verbs = "".join(read_lines("county_slogan_verbs.txt"))
    t.verb_place_names = tuple(read_lines("place_verb_names.txt"))
    t.verb_before = frozenset(rule_words("verb_before"))
    t.bare_zones = re.compile("|".join(map(re.escape, rule_words("bare_zones"))))
    t.village_list_verbs = rule_words("village_list_verbs")
    t.water_words_after = rule_words("water_words_after")
    t.water_lead_verbs = frozenset(rule_words("water_lead_verbs"))
    t.centre_not_before = tuple(sorted(read_lines("centre_not_before.txt"), key=len, reverse=True))
    t.road_patterns = re.compile("|".join(f"(?:{p})" for p in read_lines("road_patterns.txt")))
    kinds: dict[str, list[str]] = defaultdict(list)
    parts: dict[str, str] = {}  # define NAME regex: {NAME} in the patterns after it

    def named(rx: str) -> str:
        return re.sub(r"\{([A-Z]+)\}", lambda m: parts[m.group(1)], rx)

    for line in read_lines("project_patterns.tsv"):
        kind, _, rx = line.partition("\t")
        if kind == "define":
            name, _, rx = rx.partition("\t")
            parts[name] = named(rx)
        else:
            kinds[kind].append(named(rx))
    t.project_patterns = re.compile("|".join(
        f"(?P<{k}>{'|'.join(f'(?:{p})' for p in kinds[k])})" for k in ("whole", "built", "tail") if kinds[k]))
    t.project_context = re.compile("|".join(kinds["context"]) or "(?!)")
    t.project_items = re.compile("|".join(f"(?:{p})" for p in kinds["item"])) if kinds["item"] else None
    t.project_hint = re.compile("|".join(kinds["hint"]) or ".")
    t.joint = {(r["first"], r["second"]): r["name"] for r in read_table("agency_joint.tsv")}
    for row in read_table("org_units.tsv"):
        t.org_units.append((row["unit"], int(row["min_middle"]), int(row["max_middle"]), row["not_next"]))
    t.org_units.sort(key=lambda u: -len(u[0]))
    for row in read_table("org_abbreviations.tsv"):
        for a in filter(None, row["aliases"].split("|")):
            t.org_abbr[a] = (row["name"], row["not_next"], ())
    for row in read_table("org_companies.tsv"):
        for a in filter(None, row["aliases"].split("|")):
            if a not in t.org_abbr:
                t.org_abbr[a] = (row["name"], "", tuple(filter(None, row["needs_next"].split("|"))))
                t.company_abbr.add(a)
    t.company_parts = tuple(sorted(read_lines("company_name_parts.txt"), key=len, reverse=True))
    t.org_name_lead = frozenset(read_lines("org_name_lead.txt"))
    for row in read_table("org_name_tags.tsv"):
        if row["where"] == "kind_count":
            t.org_kind_count = int(row["tags"])
        elif row["where"] == "cut_count":
            t.org_cut_count = int(row["tags"])
        elif row["where"] == "last_chars":
            t.org_kind_last = frozenset(row["tags"].split("|"))
        else:
            t.org_name_tags[row["where"]] = frozenset(row["tags"].split("|"))
    singles = []
    for row in read_table("place_abbreviations.tsv"):
        t.abbr[row["abbr"]] = (row["name"], row["strength"] == "strong")
        singles += [v + row["abbr"] for v in filter(None, row["after"].split("|"))]
    chars = re.escape("".join(t.abbr))
    nxt = "|".join(map(re.escape, sorted(read_lines("place_pair_next.txt"), key=len, reverse=True)))
    # two to five of the characters: written as one, then one to four, since the regex engine
    # skips ahead fast only for a pattern that opens with a single character class
    t.abbr_pair = re.compile(f"[{chars}][{chars}]{{1,4}}(?={nxt})")
    not_next = re.escape("".join(read_lines("place_abbrev_not_next.txt")))
    t.abbr_single = re.compile(f"(?:{'|'.join(map(re.escape, singles))})(?![{not_next}])")
    return t


@functools.lru_cache(maxsize=1)
def _word_tags() -> dict[str, tuple[str, int]]:
    """Word -> (part-of-speech tag, count) from jieba's dictionary (``jieba/dict.txt``), for the
    words of up to six characters seen at least 20 times (80 k of its 350 k entries: the rarer
    ones read as unknown words, as proper names mostly are)."""
    from importlib import resources

    out = {}
    tags: dict[str, str] = {}
    with resources.files("jieba").joinpath("dict.txt").open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and len(parts[0]) <= 6 and (count := int(parts[1])) >= 20:
                out[parts[0]] = (tags.setdefault(parts[2], parts[2]), count)
    return out


def _cut(text: str) -> list[str]:
    """jieba's cut of ``text`` (HMM on), by rjieba: jieba-rs over the same dictionary, with the
    same words as ``jieba.lcut`` on Chinese text and about 15 times faster, and no 0.5 s
    dictionary load per process; it differs only in keeping Latin runs with inner ``-`` or ``.``
    whole (san-hot, 7.90M), where no rule looks. Where a name candidate starts or ends, and
    whether a word is known (``rjieba.has_word``): never to segment whole texts."""
    try:
        return rjieba.cut(text)
    except UnicodeEncodeError:  # lone surrogates: U+FFFD keeps offsets
        return rjieba.cut(_SURROGATE.sub("\ufffd", text))


def _tokenize(text: str) -> list[tuple[str, int, int]]:
    """``jieba.tokenize(text)`` as a list of (word, start, end), by rjieba (see :func:`_cut`)."""
    try:
        return rjieba.tokenize(text)
    except UnicodeEncodeError:
        return rjieba.tokenize(_SURROGATE.sub("\ufffd", text))


def _landmark_words(gazetteer: Gazetteer) -> list[str]:
    """Words of three characters or more that jieba's dictionary tags ns and that end in a
    landform or landmark word of kg/data/landmark_suffixes.txt; not the division table's names,
    not the kinds of kg/data/landmark_stop.txt."""
    suffixes = tuple(read_lines("landmark_suffixes.txt"))
    stop = set(read_lines("landmark_stop.txt"))
    return sorted(w for w, (tag, _) in _word_tags().items()
                  if tag == "ns" and len(w) >= 3 and w.endswith(suffixes) and w not in stop
                  and all(_CJK.match(c) for c in w) and not gazetteer.candidates(w))


class RuleSet:
    """All rule families, compiled once over a gazetteer.

    Examples
    --------
    >>> from kg.gazetteer import load_gazetteer
    >>> rules = RuleSet(load_gazetteer())
    >>> [(m.label, m.text) for m in rules.find("市发改委负责人表示") if m.label == "Agency"]
    [('Agency', '市发改委')]
    """

    def __init__(self, gazetteer: Gazetteer):
        self.gaz = gazetteer
        self.t = _load_tables()
        entries: dict[str, list[tuple[str, object]]] = defaultdict(list)
        for name, full in gazetteer.names():
            cats = [d.level for d in gazetteer.candidates(name)]
            entries[name].append(("zone" if "zone" in cats else "place", full))
        for alias, full in self.t.depts.items():
            entries[alias].append(("dept", full))
        for alias, canon in self.t.central.items():
            entries[alias].append(("central", canon))
        for alias, camp in self.t.campaigns.items():
            entries[alias].append(("campaign", camp))
        for head in self.t.heads:
            entries[head].append(("head", head))
        for lv in self.t.levels:
            entries[lv].append(("level", lv))
        # the verbs (self.t.verbs) are not in the automaton: no rule reads verb hits (they were 42 %
        # of all hits); rules look verbs up with _verb_ending / verb_set
        for body, *_ in self.t.bodies:
            entries[body].append(("body", body))
        for head in self.t.name_heads:
            entries[head].append(("name_head", head))
        for short in self.t.org_abbr:
            entries[short].append(("org_abbr", short))
        for word in _landmark_words(gazetteer):
            entries[word].append(("landmark", word))
        # one automaton over every name (ahocorasick_rs: Rust, ~25 M chars/s on this text, ten times
        # pyahocorasick's unicode build); a match's pattern index gives the name and its entries
        self._names = list(entries)
        self._entries = [tuple(vals) for vals in entries.values()]
        self._latin = [name[0].isascii() for name in self._names]  # the names hits() checks for SIMFA
        self.auto = ahocorasick_rs.AhoCorasick(self._names)
        self._body_rules = {b: (lo, hi, end) for b, lo, hi, end in self.t.bodies}
        self._max_middle = max(hi for _, _, hi, _ in self.t.bodies)
        self._unit_heads = {u[0]: u for u in self.t.units}
        # abbreviations of China and its own regions (中, 华, 京, 港…): not another country's prefix
        self._domestic_abbr = {a for a, (name, _) in self.t.abbr.items()
                               if not any(d.key.startswith("w/") for d in gazetteer.candidates(name))}
        foreign = "".join(a for a, (_, strong) in self.t.abbr.items() if strong and a not in self._domestic_abbr)
        not_next = "".join(r["not_next"] for r in read_table("agency_army.tsv"))
        self._army = re.compile(f"[{re.escape(foreign)}]军(?![{re.escape(not_next)}])")
        self._unit_lens = sorted({len(u) for u in self._unit_heads}, reverse=True)
        self._unit_first = {u[0] for u in self._unit_heads}  # a quick test before the lookups
        self._unit_zero = tuple(u for u, lo, _, _ in self.t.units if lo == 0)
        _word_tags()  # loaded with the rules (0.5 s), not on the first organization name
        self._coined_cache: dict[str, bool] = {}
        self._head_words = tuple(self.t.heads)  # for str.startswith / endswith
        self._generic_nouns = frozenset(w for w, _ in self.t.head_after)  # (项目|建设 stays 项目)
        self._directions = frozenset(rule_words("water_directions"))  # 东|洞庭湖
        self._division_zones = rule_words("division_zone_suffixes")  # 晋江|经济开发区
        self._time_lead = rule_words("name_time_lead")
        self._join_verbs = (*self.t.verb_place_names, *rule_words("agency_join_verbs"))
        self._water_common = frozenset(rule_words("water_common"))  # 沟渠, 山川: no listed name
        # a credit line (来源：…, 编辑：…; credit_labels in rule_words.tsv) names no undertaking
        self._credit_line = re.compile(r"(?m)^[ \t　]*(?:%s)\s*[：:][^\n]*" % "|".join(
            map(re.escape, rule_words("credit_labels"))))
        # the words of org_name_stop.txt that name a kind after a place too (精武镇|背街里巷; not 余 of 余家头)
        self._kind_words = tuple(w for w in self.t.org_name_stop if len(w) >= 2)
        # a head word and a conjunction: where two names of a list meet (战略和, 工程及)
        self._conj_after_head = tuple(h + c for h in self.t.heads for c in "和及与、")
        self._verb_last = frozenset(v[-1] for v in self.t.verbs)  # _verb_ending's quick test
        self._boundary_cache: dict[str, bool] = {}  # character -> _is_boundary
        # numeral classifiers by their last character, longest first (as self.t.classifiers)
        self._classifiers_by_last: dict[str, tuple[str, ...]] = {}
        for x in self.t.classifiers:
            self._classifiers_by_last[x[-1]] = self._classifiers_by_last.get(x[-1], ()) + (x,)

    # ------------------------------------------------------------------ hits
    def hits(self, text: str) -> list[Hit]:
        out = []
        names, entries, latin = self._names, self._entries, self._latin
        try:
            found = self.auto.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:  # lone surrogates (a str given to nlp(), never a file): U+FFFD keeps offsets
            found = self.auto.find_matches_as_indexes(_SURROGATE.sub("\ufffd", text), overlapping=True)
        # by start, longest first; sorted before the entries are unfolded (a span is one name, so
        # its hits stay together, in the order of its entries)
        found.sort(key=lambda f: (f[1], -f[2]))
        make = tuple.__new__  # Hit(...) without its argument handling: ~30 k hits per 1,000 articles
        for i, start, end in found:
            name = names[i]
            if latin[i] and ((start and text[start - 1].isascii() and text[start - 1].isalnum())
                             or (end < len(text) and text[end].isascii() and text[end].isalnum())):
                continue  # IMF inside SIMFA: a Latin name only between non-Latin characters
            for cat, payload in entries[i]:
                out.append(make(Hit, (start, end, cat, name, payload)))
        return out

    # ------------------------------------------------------------------ main
    def find(self, text: str) -> list[Mention]:
        """Every mention the rules find in ``text`` (overlapping and nested spans kept)."""
        hits = self.hits(text)
        by_cat: dict[str, list[Hit]] = defaultdict(list)
        for h in hits:
            by_cat[h.cat].append(h)
        places = self._places(text, by_cat)
        place_ends = {m.end: m for m in places}
        agencies = self._agencies(text, by_cat, place_ends)
        if "某" in text:  # 果园乡某村原党支部: a body left unnamed (a 通报's case) is no agency
            agencies = [m for m in agencies if "某" not in m.text]
        orgs = self._organizations(text)
        spans = []  # company names (_organizations) scan left greedily: they hide no place
        if by_cat["name_head"]:
            body_ends: dict[int, int] = {}  # end -> the longest body word ending there
            for b in by_cat["body"]:
                body_ends[b.end] = max(body_ends.get(b.end, 0), b.end - b.start)
            units, unit_spans = self._named_units(text, by_cat["name_head"], places, agencies, orgs, body_ends)
            spans += unit_spans
            for m in units:
                (places if m.label == "Place" else orgs).append(m)
        if by_cat["org_abbr"]:
            short = self._org_abbreviations(text, by_cat["org_abbr"], places + agencies + orgs)
            orgs += short
            spans += [(o.start, o.end) for o in short]  # 中国足协
        if orgs:
            units = self._org_units(text, orgs)
            orgs += units
            spans += [(u.start, u.end) for u in units]  # 中国农业银行河北省分行
        if spans:
            # a place inside a facility's, an organization's or an event's name is no mention of its own
            places = [m for m in places if not any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end)
                                                   for s, e in spans)]
        projects = self._projects(text, by_cat, places, agencies)
        if "某" in text:  # 兰州军区某给水工程(团): nor is a work left unnamed a project
            projects = [m for m in projects if "某" not in m.text]
        if "管" in text:
            places, projects = self._administered_zones(text, places, agencies, projects)
        # 金泽镇规划建设和环境保护办公室: a body's name holds no project of its own, unless the body
        # is named after it (南湖治理|工作专班, 国家大豆行动计划|办公室: the project ends at the body word)
        if agencies and projects:
            bodies = [(a.start, a.end, a.end - len(str(a.attributes.get("body", "")))) for a in agencies]
            projects = [p for p in projects if not any(s <= p.start and p.end <= e and p.end != b for s, e, b in bodies)]
        if projects and self._credit_line.search(text):
            credits = [mt.span() for mt in self._credit_line.finditer(text)]
            projects = [m for m in projects if m.label != "Project"
                        or not any(s <= m.start < e for s, e in credits)]  # 来源：平遥县融媒体中心
        return places + agencies + orgs + projects

    def _administered_zones(self, text: str, places: list[Mention], agencies: list[Mention],
                            projects: list[Mention]) -> tuple[list[Mention], list[Mention]]:
        """长沙临空经济示范区管委会: a zone with a 管委会 is an existing zone, a place (the 管委会 is
        the zone acting: kg.resolve), not a project being built; its name is a zone mention wherever
        the text writes it."""
        spans = {(m.start, m.end) for m in places}
        names = set()
        for a in agencies:
            body = next((b for b in ("管委会", "管理委员会") if a.text.endswith(b)), None)
            if body is None or a.attributes.get("prefix_kind") != "place":
                continue
            name = a.text[:-len(body)]
            if len(name) > len(a.attributes.get("prefix", "")) and name.endswith(_ADMINISTERED_ZONES) \
                    and (a.start, a.end - len(body)) not in spans:
                names.add(name)
        if not names:
            return places, projects
        for name in names:
            for mt in re.finditer(re.escape(name), text):
                if mt.span() not in spans:
                    places = places + [Mention("Place", name, mt.start(), mt.end(), RULE_ZONE_GRAMMAR, name, "District",
                                               0.7, (("keys", ()), ("full", True), ("zone", True), ("within", ())))]
                    spans.add(mt.span())
        return places, [m for m in projects if m.text not in names]

    # ------------------------------------------------------------------ places
    def _longest(self, hits: list[Hit]) -> list[Hit]:
        """Leftmost-longest hits that do not overlap one another."""
        out, last = [], -1
        for h in sorted(hits, key=lambda h: (h.start, -h.end)):
            if h.start >= last:
                out.append(h)
                last = h.end
        return out

    def _place_hit_ok(self, text: str, h: Hit) -> bool:
        if h.start and h.text.startswith(self.t.verb_place_names) and text[h.start - 1] in self.t.verb_before:
            return False  # 县农业农村局要|会同|县财政局: the verb "jointly with", not 会同县 (kg/data/place_verb_names.txt)
        if h.text.endswith("国") and len(h.text) > 2 and text[h.end - 1:h.end + 1] in _GUO_WORDS \
                and self.gaz.candidates(h.text[:-1]):
            return False  # 以色列国|防部, 日本国|会: the country's short name and a body's 国
        if text[h.end - 1:h.end + 1] in self.t.cross_bigrams:
            return False  # 苏木乡|镇, 合肥市|场
        if h.start and text[h.start - 1:h.start + 1] in self.t.cross_before:
            return False  # 入|海口湿地, 入|海河流
        if h.text[-1] in "湖河江海" and text.startswith(self.t.water_not_before, h.end) \
                and not (h.cat != "water" and text.startswith(self._division_zones, h.end)):
            return False  # 东湖|国家高新技术… (but 福建|晋江|经济开发区: a city's zone)
        nb = self.t.place_not_before.get(h.text)
        if nb and text.startswith(nb, h.end):
            return False  # 中国（安徽）…, 发展中国家
        return True

    def _places(self, text: str, by_cat) -> list[Mention]:
        ok = [h for h in by_cat["place"] + by_cat["zone"] if self._place_hit_ok(text, h)]
        if any(len(h.text) == 2 and h.text[0] in self.t.slogan_verbs for h in ok):
            # 科技兴县, 以茶兴县, 产业富县: "make the county thrive", not 兴县 or 富县, unless a place
            # stands right before it (吕梁市兴县)
            ends = {h.end for h in ok}
            ok = [h for h in ok if not (len(h.text) == 2 and h.payload and h.text[0] in self.t.slogan_verbs
                                        and h.start > 0 and _CJK.match(text[h.start - 1])
                                        and h.start not in ends)]
        # full names first; a short form only where no full name overlaps it (制定南湖: 南湖, not
        # 定南), or where it holds the full names it overlaps (内蒙古, not the country 蒙古)
        cand = self._longest([h for h in ok if h.payload])
        renamed: dict[tuple[int, int], str] = {}
        for h in self._longest([h for h in ok if not h.payload]):
            over = [c for c in cand if h.start < c.end and c.start < h.end]
            if len(over) == 1 and h.start < over[0].start and over[0].end == h.end + 1 \
                    and text[h.end] in _DIVISION_SUFFIX and text[h.start:h.end + 1] not in self.gaz.by_name:
                # 崇礼县 (now 崇礼区), not 礼县 inside it: a place does not start inside another's name
                c = over[0]
                cand = [x for x in cand if x is not c]
                h = Hit(h.start, h.end + 1, h.cat, text[h.start:h.end + 1], True)
                renamed[(h.start, h.end)] = text[h.start:h.end - 1]
                cand.append(h)
                continue
            if not over and h.end < len(text) and text[h.end] in _DIVISION_SUFFIX \
                    and text[h.end:h.end + 2] not in self.t.level_stop \
                    and text[h.start:h.end + 1] not in self.gaz.by_name \
                    and h.text not in self.gaz.ambiguous_short \
                    and self._after_its_parent(h, cand):
                # 宝鸡市|凤翔区 where the table still has 凤翔市 (a county renamed since): a full
                # name, when its own city or province stands right before it (合作区 is a
                # cooperation zone, 超大城市 a big city: no 合作市, no 大城县)
                renamed[(h.start, h.end + 1)] = h.text
                cand.append(Hit(h.start, h.end + 1, h.cat, text[h.start:h.end + 1], True))
                continue
            if over:
                if not all(h.start <= c.start and c.end <= h.end for c in over):
                    continue  # a full name overlaps it
                if not all(c.end - c.start < h.end - h.start for c in over):
                    continue
                gone = {id(c) for c in over}
                cand = [c for c in cand if id(c) not in gone]  # 内蒙古 holds 蒙古: the longer name
            cand.append(h)
        cand.sort(key=lambda h: h.start)
        # a place name inside a department or central name is not a place (国家 in 国家标准委)
        blockers = [h for h in by_cat["central"] + by_cat["campaign"] if h.end - h.start >= 3]
        out = []
        for h in cand:
            if any(b.start <= h.start and h.end <= b.end and (b.start, b.end) != (h.start, h.end)
                   and (b.cat == "central" or not b.text.startswith(h.text)) for b in blockers):
                continue
            divs = self.gaz.candidates(renamed.get((h.start, h.end), h.text))
            full = bool(h.payload)
            levels = {d.level for d in divs}
            keys = tuple(d.key for d in divs)
            rule = RULE_ZONE if h.cat == "zone" else (RULE_PLACE_GAZ if full else RULE_PLACE_SHORT)
            subtype = "WaterBody" if levels == {"water"} else "District"
            label = "Place"
            attrs = (("keys", keys), ("full", full), ("zone", h.cat == "zone"))
            if any(d.level == "country" and not d.key.startswith("w/") for d in divs):
                attrs += (("national", True),)  # 中国 itself
            if not full and h.text[-1] in "江河湖" and text.startswith(self.t.water_context, h.end) \
                    and levels <= {"county", "town"}:  # (浙江|水质, 九江|水域: a province's or city's short form stays)
                # 锦江|流域: the river, not 锦江区 (kg/data/water_context_after.txt)
                # (still a short form: a longer bounded name holding it wins, 安宁河|沿岸)
                out.append(Mention(label, h.text, h.start, h.end, RULE_WATER_SUFFIX, h.text, "WaterBody", 0.7,
                                   (("keys", ()), ("full", False), ("zone", False))))
                continue
            end, after = h.end, text[h.end + 1:h.end + 2]
            if full and h.text.endswith("园") and text.startswith("区", end) \
                    and (not after or not _CJK.match(after) or after in self.t.boundary_chars):
                end += 1  # the table's 南川工业园 written in full: 南川工业园区 (not 工业园|区委)
            out.append(Mention(label, text[h.start:end], h.start, end, rule, h.text, subtype, 1.0 if full else 0.8, attrs))
        bounded = self._suffix_places(text, out)
        if bounded:
            # a lake or river the text bounds is not also a county's short form at the same span
            # (梁子湖|生态保护工程: the lake, not 梁子湖区)
            waters = {(b.start, b.end) for b in bounded if b.subtype == "WaterBody"}
            out = [m for m in out if (m.start, m.end) not in waters or not self._weak_short(m)]
            # (太湖 inside 太湖港水库 is part of the reservoir's name)
            out = [m for m in out if not (m.subtype == "WaterBody" or (_natural(m) and m.text.endswith(_WATER_ENDS))) or not any(
                a <= m.start and m.end <= b and (a, b) != (m.start, m.end) for a, b in waters)]
            # a short form inside a name the suffix rules bounded is part of that name (宁河 in
            # 安宁河), there and wherever the text repeats the name (安宁河流域, which they leave)
            names = {b.text for b in bounded}
            out = [m for m in out if m.attributes.get("full", True)
                   or not any(len(n) > len(m.text) and n.endswith(m.text)
                              and text.startswith(n, m.end - len(n)) for n in names)]
        out.extend(bounded)
        out.extend(self._directed_waters(text, out))
        listed = self._listed_waters(text, out)
        if listed:  # (a short form or a shorter water name inside a listed one is part of it: 永安|江)
            out = [m for m in out if not any(w.start <= m.start and m.end <= w.end for w in listed)] + listed
        out.extend(self._pattern_roads(text, out))
        out.extend(self._listed_zones(text, out))
        counted = self._counted_lists(text)
        if counted:  # (东山 is no short form of a county here, but one of the towns)
            spans = {(m.start, m.end) for m in counted}
            out = [m for m in out if not any(s <= m.start < e for s, e in spans)] + counted
        if by_cat["landmark"]:
            marks = self._landmarks(text, by_cat["landmark"], out)
            # a place strictly inside a landmark's name is part of it (南海 in 中南海, 长江 in 长江三角洲)
            out = [m for m in out if not any(k.start <= m.start and m.end <= k.end for k in marks)] + marks
        out.extend(self._abbreviations(text, cand))
        out.sort(key=lambda m: (m.start, -m.end))
        return out

    def _after_its_parent(self, h: Hit, cand: list[Hit]) -> bool:
        """Whether a county's short form ``h`` stands right after the full name of a division
        that holds it (宝鸡市|凤翔)."""
        counties = [d for d in self.gaz.candidates(h.text) if d.level == "county"]
        for c in cand:
            if c.end == h.start:
                return any(self.gaz.is_within(d.key, p.key) for d in counties for p in self.gaz.candidates(c.text))
        return False

    def _abbreviations(self, text: str, cand: list[Hit]) -> list[Mention]:
        """中美|两国, 港澳|同胞: each character of a run of one-character abbreviations before a
        pair word (kg/data/place_pair_next.txt); 访华, 驻港: one after a verb
        (kg/data/place_abbreviations.tsv)."""
        spans: list[tuple[int, int]] = []
        for mt in self.t.abbr_pair.finditer(text):
            s, e = mt.span()
            while e - s > 2 and not self.t.abbr[text[s]][1]:
                s += 1  # 以|中美关系: a weak character does not lead a longer run
            run = text[s:e]
            if not any(self.t.abbr[c][1] for c in run):
                continue  # two weak characters (以加, 非法) are not a pair
            spans.extend((i, i + 1) for i in range(s, e))
        for mt in self.t.abbr_single.finditer(text):
            spans.append((mt.end() - 1, mt.end()))
        out = []
        for s, e in spans:
            if any(c.start < e and s < c.end for c in cand):
                continue  # inside a full name: 中亚, 古巴, 巴西
            name = self.t.abbr[text[s]][0]
            keys = tuple(d.key for d in self.gaz.candidates(name))
            if keys:
                out.append(Mention("Place", text[s:e], s, e, RULE_PLACE_ABBR, name, "District", 0.7,
                                   (("keys", keys), ("full", True), ("zone", False))))
        return out

    # the characters _suffix_places looks at (村, 社区, 湖, 河, 镇, 乡): none is part of another, so
    # a left-to-right scan meets the same positions as a loop over every character. 社 stands for
    # 社区, tested in the loop: the regex engine skips ahead fast only for a pattern that opens
    # with one character class, not for an alternation (twice as fast on this text)
    _SUFFIX_CHARS = re.compile("[村湖河镇乡社库道江川沟]")

    def _coined(self, name: str) -> bool:
        """Whether ``name`` is one word jieba's dictionary does not know (乐成, 华贸, 安苑): jieba
        keeps it whole and has no entry for it, however rare (国际金融 is known), and it is no short
        kind of centre (kg/data/centre_kinds.txt: 疾控, 康养)."""
        ok = self._coined_cache.get(name)
        if ok is None:
            ok = self._coined_cache[name] = len(name) >= 2 and not rjieba.has_word(name) \
                and name not in self.t.centre_kinds and _cut(name) == [name]
        return ok

    def _holds_clause(self, piece: str, keep: frozenset[str] = frozenset()) -> bool:
        """Whether ``piece`` holds a word jieba tags as a verb, preposition, pronoun, conjunction or
        adverb (kg/data/org_name_tags.tsv, ``clause``) other than those of ``keep``: a clause, not
        part of a name (湖北省|派出医疗|队, 中国队|同俄罗斯|队)."""
        tags, clause = _word_tags(), self.t.org_name_tags["clause"]
        return any(tags.get(tok, ("", 0))[0] in clause and tok not in keep for tok in _cut(piece))

    @staticmethod
    def _is_word(text: str, start: int, end: int | None) -> bool:
        """Whether jieba's cut of the text around ``text[start:end]`` has a word boundary at both
        ends (全国|会议 holds no 国会; 北京|城市 no 北京城); at the start only when ``end`` is None
        (人大 in the word 人大代表)."""
        w0 = max(0, start - 4)
        pos, cut = w0, set()
        for tok in _cut(text[w0:(end or start + 2) + 4]):
            cut.add(pos)
            pos += len(tok)
        cut.add(pos)
        return start in cut and (end is None or end in cut)

    def _landmarks(self, text: str, hits: list[Hit], known: list[Mention]) -> list[Mention]:
        """台儿庄, 西直门, 波罗的海: places jieba's dictionary names (see :func:`_landmark_words`), where no
        other place overlaps them."""
        out = []
        for h in self._longest(hits):
            if any(m.start < h.end and h.start < m.end and not (h.start <= m.start and m.end <= h.end
                                                                and (m.start, m.end) != (h.start, h.end))
                   for m in known):
                continue  # another place overlaps it or is it (台儿庄 is 台儿庄区's short form)
            if not self._is_word(text, h.start, h.end):
                continue  # not a word of the text: 北京|城市总体规划
            kind = "WaterBody" if h.text[-1] in "海河湖江湾峡潭" or h.text.endswith("运河") else "District"
            out.append(Mention("Place", h.text, h.start, h.end, RULE_PLACE_LANDMARK, h.text, kind, 0.6,
                               _UNKEYED))
        return out

    def _pattern_roads(self, text: str, known: list[Mention]) -> list[Mention]:
        """东四环, 纬五路: roads named by a pattern of kg/data/road_patterns.txt, not inside a word
        or another place (三环节, 二环路 inside a longer name)."""
        out, ends = [], {m.end for m in known}
        for mt in self.t.road_patterns.finditer(text):
            s, e = mt.span()
            if (s and _CJK.match(text[s - 1]) and text[s - 1] not in self.t.boundary_chars
                    and text[s - 1] not in self.t.org_name_lead and self._verb_ending(text, s) is None
                    and s not in ends):
                continue  # a word runs into it from the left (but 在|东四环, 沿|二环路, 北京|二环路)
            if e < len(text) and text[e] in "节境保":
                continue  # 三环节, 二环境, 五环保
            if any(m.start < e and s < m.end for m in known):
                continue
            out.append(Mention("Place", mt.group(), s, e, RULE_PLACE_ROAD_PATTERN, mt.group(), "District", 0.7,
                               _UNKEYED))
        return out

    def _directed_waters(self, text: str, known: list[Mention]) -> list[Mention]:
        """东洞庭湖, 南洞庭湖: a direction word (``water_directions`` in rule_words.tsv) right before a
        lake or river of three characters or more names its part, when no word runs into it from the
        left (not 城|东|洞庭湖; a known place or a verb may stand there); the lake stays a mention too."""
        out = []
        ends = {m.end for m in known}
        for m in known:
            i = m.start - 1
            if m.subtype != "WaterBody" or i < 0 or text[i] not in self._directions or len(m.text) < 3:
                continue
            if i and _CJK.match(text[i - 1]) and text[i - 1] not in self.t.boundary_chars and i not in ends \
                    and len(self._verb_ending(text, i) or "") < 2:
                continue
            out.append(Mention("Place", text[i:m.end], i, m.end, RULE_WATER_DIRECTED, text[i:m.end], "WaterBody",
                               0.6, _UNKEYED))
        return out

    def _listed_waters(self, text: str, known: list[Mention]) -> list[Mention]:
        """弥苴河、永安江、罗时江, 龙昆沟、美舍河, 碧流河水库、英那河水库: a short name that ends in a
        water word (kg/data/water_suffixes.txt) and is listed with a lake, river or reservoir (、
        between them) is one too, though the table lacks it and it ends in 江 or 沟, which the
        suffix rule leaves alone. Each found item extends the list further."""
        out: list[Mention] = []
        if "、" not in text:
            return out
        # a listed name may hold a known name (永安|江, 英那|河水库: it is part of it), not cut one,
        # and not end in a table's name (整治|长江、…: the verb runs into the river)
        spans = [(m.start, m.end) for m in known]
        table_ends = {m.end: m.start for m in known if m.rule in (RULE_PLACE_GAZ, RULE_PLACE_SHORT)}
        ends = {m.end for m in known}
        todo = [m for m in known if m.subtype == "WaterBody"]
        seen = {(m.start, m.end) for m in todo}
        while todo:
            w = todo.pop()
            for s, e in (self._water_item_after(text, w.end), self._water_item_before(text, w.start, ends)):
                if s is None or (s, e) in seen or any(a < e and s < b and not (s <= a and b <= e) for a, b in spans) \
                        or table_ends.get(e, s) > s:
                    continue
                name = text[s:e]
                if not all(_CJK.match(c) for c in name) or name.startswith(self.t.water_kinds) \
                        or (name[0] in _NOT_WATER_START and name[0] != "临") or name in self._water_common:
                    continue  # 小型水库, 各河, 沟渠 (but 三亚河、临春河: a listed name may open with 临)
                m = Mention("Place", name, s, e, RULE_WATER_LISTED, name, "WaterBody", 0.6, _UNKEYED)
                out.append(m)
                seen.add((s, e))
                spans.append((s, e))
                todo.append(m)
        # of two listed names one inside the other (和平江 and 平江 in 长江、和平江), the longer
        return [m for m in out if not any(o is not m and o.start <= m.start and m.end <= o.end for o in out)]

    def _water_end_at(self, text: str, e: int) -> bool:
        """Whether a water word of kg/data/water_suffixes.txt ends at ``e``."""
        return any(text.endswith(w, 0, e) for w in self.t.water_suffixes)

    def _water_item_after(self, text: str, end: int) -> tuple[int | None, int]:
        """The list item after a water body ending at ``end`` (…河、|永安江): 2-5 CJK characters up to
        the first water word that no other water word continues (英那河|水库 goes on to 水库)."""
        if not text.startswith("、", end):
            return None, 0
        s = end + 1
        for e in range(s + 2, min(len(text), s + 5) + 1):
            if not _CJK.match(text[e - 1]):
                break
            if self._water_end_at(text, e) and (not text.startswith(self.t.water_suffixes, e)
                                                or (text[e] in "河湖" and not self._water_end(text, e, text[e]))):
                return s, e  # (英那河|水库 goes on; 梨园河|河道 does not: 河道 is the channel)
        return None, 0

    def _water_item_before(self, text: str, start: int, ends: set[int]) -> tuple[int | None, int]:
        """The list item before a water body starting at ``start`` (钦江|、沙坪河): it ends in a water
        word and starts after punctuation, a boundary character, a verb of two characters or a
        known name (武汉市|南湖、北湖)."""
        e = start - 1
        if e < 2 or text[e] != "、" or not self._water_end_at(text, e):
            return None, 0
        s = self._bounded_start(text, e, 5, ends)
        return (s, e) if s is not None and e - s >= 2 else (None, 0)

    def _listed_zones(self, text: str, known: list[Mention]) -> list[Mention]:
        """吴中区、吴江区、高新区: a bare zone word (高新区, 经开区…) listed with districts is the
        article's city's zone (resolved with the city's name: 苏州高新区)."""
        out = []
        if "、" not in text:
            return out
        ends = {m.end for m in known if m.subtype == "District"}
        starts = {m.start for m in known if m.subtype == "District"}
        for mt in self.t.bare_zones.finditer(text):  # left to right: 蜀山区、高新区、经开区 is a chain
            i, e = mt.span()
            if (i >= 1 and text[i - 1] == "、" and i - 1 in ends) or (text.startswith("、", e) and e + 1 in starts):
                out.append(Mention("Place", mt.group(), i, e, RULE_ZONE_LISTED, mt.group(), "District", 0.7,
                                   (("keys", ()), ("full", False), ("zone", True))))
                ends.add(e)
        return out

    def _counted_lists(self, text: str) -> list[Mention]:
        """东山、金庭两镇 / 甲、乙和丙三个村: short names listed before a count and a level word
        are the towns (villages…) named by each with that word, when the table knows every one of
        them and the count is the list's length."""
        out = []
        if "、" not in text and "和" not in text:
            return out
        for mt in _COUNTED_LEVEL.finditer(text):
            level, want = mt.group("level"), _COUNTS[mt.group("n")]
            items, end = [], mt.start()
            while len(items) < want:
                found = next(((text[end - k:end], keys) for k in (4, 3, 2) if end - k >= 0
                              and (keys := self._division_keys(text[end - k:end] + level, level))), None)
                if found is None:
                    break
                name, keys = found
                items.append((end - len(name), end, name, keys))
                end -= len(name)
                if len(items) < want:
                    if end < 1 or text[end - 1] not in "、和":
                        break
                    end -= 1
            if len(items) != want or want < 2:
                continue
            for s, e, name, keys in reversed(items):
                out.append(Mention("Place", name, s, e, RULE_PLACE_COUNTED, name + level, "District", 0.8,
                                   (("keys", keys), ("full", True), ("zone", False))))
        return out

    def _division_keys(self, full: str, level: str) -> tuple[str, ...]:
        """The table's keys of the town (street…) or village ``full``; empty where it has none."""
        if level == "村":
            return tuple(d.key for d in self.gaz.village_candidates(full))
        divs = self.gaz.candidates(full)
        return tuple(d.key for d in divs) if any(d.level == "town" for d in divs) else ()

    def _suffix_places(self, text: str, known: list[Mention]) -> list[Mention]:
        """Villages from the village table, and lakes/rivers bounded by the text."""
        covered = set()
        for m in known:  # a county short form (定南 in 制定南湖) may be dropped later: it blocks nothing
            a = m.attributes  # (a new dict at each access)
            if a.get("full", True) or any(
                    d is not None and d.level in ("province", "city") for d in map(self.gaz.get, a["keys"])):
                covered.update(range(m.start, m.end))
        ends = {m.end for m in known}
        water_at_end = {m.end: m.start for m in known  # (太湖 may be read as 太湖县's short form so far)
                        if m.subtype == "WaterBody" or (_natural(m) and m.text.endswith(_WATER_ENDS))}
        # 皇城镇、|祁丰藏族乡: a town the table lacks, listed after a town it has
        town_ends = {m.end for m in known if m.text.endswith(("镇", "乡", "街道")) and m.subtype == "District"}
        # 拉萨河支流|堆龙河: a tributary's name starts right after 支流
        ends.update(mt.end() for mt in re.finditer("支流", text))
        # 三亚|河: a city's or county's short form, then 河 or 湖, is the river or lake named after it
        named_after = {m.start: m.end for m in known if m.rule == RULE_PLACE_SHORT and m.end - m.start >= 2
                       and text[m.end:m.end + 1] in "河湖"
                       and _word_tags().get(text[m.end:m.end + 2], ("", 0))[1] < self.t.org_cut_count // 2}
        # (北京|河北, 三亚|湖心岛: the 河 or 湖 opens a common word, no river after the city)
        list_starts = set()  # where an item of a town's list of villages starts
        for m in known:  # 和顺镇|辖|水碓村: a town's villages after 辖, 包括
            w = next((w for w in self.t.village_list_verbs if text.startswith(w, m.end)), None)
            if w is not None:
                ends.add(m.end + len(w))
                list_starts.add(m.end + len(w))
        out = []

        def listed(end: int, start: int) -> None:
            """A village at ``start``-``end``: the next item of its list (双泉村、大余湾村) starts after it,
            and in a town's list (辖水碓村、十字路村) is that town's."""
            if text.startswith("、", end):
                ends.add(end + 1)
                if start in list_starts:
                    list_starts.add(end + 1)

        for s, e in _family_villages(text):
            if s in ends and not any(j in covered for j in range(s, e)) and text[e:e + 1] not in _FAMILY_NOT_NEXT \
                    and self._is_word(text, s, e):
                # 槐荫区|吴家堡, 丰台区|马家堡: a hamlet named by a family, right after its district
                out.append(Mention("Place", text[s:e], s, e, RULE_PLACE_SUFFIX, text[s:e], "District", 0.6,
                                   _UNKEYED))
                covered.update(range(s, e))
                ends.add(e)
        for mt in self._SUFFIX_CHARS.finditer(text):  # only where a village or water name can end
            i, ch = mt.start(), mt.group()
            if i in covered or (ch == "社" and not text.startswith("社区", i)):
                continue
            if ch == "村" and text.startswith("庄", i + 1):
                continue  # 沿河村庄: villages (村庄), no village 沿河村
            if ch == "村" or text.startswith("社区", i):
                end = i + (2 if ch == "社" else 1)
                # where a name right after a division would start (转塘街道|龙坞茶村): a table village
                # that starts later is only its tail (茶村, 坞村 are villages elsewhere)
                lead = self._bounded_start(text, i, 4, ends)
                anchored = lead if lead is not None and lead in ends and i - lead >= 2 \
                    and self._is_word(text, lead, None) else None  # (not 大新|型农村: 新型 is one word)
                if anchored is not None and (_word_tags().get(text[i - 1:i + 1], ("", 0))[1] >= self.t.org_cut_count
                                             or rjieba.has_word(text[anchored:end])):
                    anchored = None  # 湖北省|农业农村厅, 宜昌市|美丽乡村: 农村, 乡村 are words, not a village's tail
                for k in range(6, 1, -1):
                    s = end - k
                    if s < 0 or any(j in covered for j in range(s, end)):
                        continue
                    name = text[s:end]
                    if name.endswith(self.t.settlement_kinds):
                        break  # 城中村, 贫困村: a kind of village
                    if anchored is not None and s > anchored:
                        continue
                    if name in self.gaz.villages and not (len(name) == 2 and name[0] in _NUMERAL) \
                            and not (len(name) == 2 and s not in ends
                                     and (tag := _word_tags().get(name, ("ns", 0)))[0] != "ns"
                                     and tag[1] >= self.t.org_cut_count):
                        # (一村 is a village's name somewhere, and a count in 一村一策, 两旧一村; 农村, 乡村
                        # and 全村 are common words, villages only right after their division)
                        # (after_place: right after a division, 黄陂区|王家庄村, it is that
                        # division's village even where the table's villages of the name lie elsewhere)
                        out.append(Mention("Place", name, s, end, RULE_PLACE_VILLAGE, name, "District", 0.8,
                                           (("keys", tuple(d.key for d in self.gaz.village_candidates(name))),
                                            ("full", True), ("zone", False),
                                            ("after_place", s in list_starts
                                             or (s in ends and _word_tags().get(name, ("ns",))[0] == "ns")),
                                            ("listed", s in list_starts))))
                        covered.update(range(s, end))
                        listed(end, s)
                        break
                else:
                    s = anchored
                    if s is not None and not any(j in covered for j in range(s, end)):  # (not 松曲村|村委会)
                        name = text[s:end]
                        out.append(Mention("Place", name, s, end, RULE_PLACE_SUFFIX, name, "District", 0.6,
                                           _UNKEYED))
                        listed(end, s)
            elif ch in "镇乡" or (ch == "道" and text[i - 1:i + 1] == "街道" and i >= 3):
                # 郑州市|须水镇, 成华区|望平街道: a town or street the table lacks, right after its
                # city or county
                head = i - 1 if ch == "道" else i  # where the suffix starts (街|道)
                ethnic = _ETHNIC_TOWNSHIP.search(text, max(0, i - 7), i + 1) if ch == "乡" else None
                if ethnic is not None:
                    head = ethnic.start(1)  # 祁丰|藏族乡: an ethnic township, named before its people
                s = self._bounded_start(text, head, 3, ends)
                if s is not None and (s in ends or (s >= 1 and text[s - 1] == "、" and s - 1 in town_ends)) \
                        and head - s >= 2 and not any(j in covered for j in range(s, i)):
                    name = text[s:i + 1]
                    if all(_CJK.match(c) for c in name) and not name.startswith(self.t.org_name_stop) \
                            and name[0] not in _LEVEL_CHARS and not name.endswith(self.t.settlement_kinds) \
                            and self._is_word(text, s, None) \
                            and _word_tags().get(text[i:i + 2], ("", 0))[1] < self.t.org_cut_count:
                        # (not 林芝|县排龙乡, 美丽|乡村: 乡村 is a word, 特色镇: a kind)
                        out.append(Mention("Place", name, s, i + 1, RULE_PLACE_SUFFIX, name, "District", 0.6,
                                           _UNKEYED))
                        ends.add(i + 1)  # 须水镇|西岗村: a village after the town
            elif self._water_end(text, i, ch):
                head = i - 1 if ch == "库" else i  # where the suffix starts (水|库)
                s = self._bounded_start(text, head, 3, ends)
                if s is not None and ch == "库" and s in water_at_end and 1 <= head - s <= 2 \
                        and self._verb_ending(text, head) is None:
                    s = water_at_end[s]  # 太湖|港|水库: a reservoir named after the lake, one name
                    covered.difference_update(range(s, head))
                if s is not None and head - s >= 2 and text[s] in self.t.water_lead_verbs:
                    s += 1
                if s is not None and (v := self._verb_ending(text, head)) is not None and len(v) >= head - s:
                    s = None  # 确保|水库: a verb, no name
                if ch in "川沟" and (s not in ends or head - s < 2 or not (
                        text[i + 1:i + 2] in _LIST_OR_END or text.startswith(self.t.water_context, i + 1))):
                    s = None  # 达拉特旗|罕台川、: a gully or stream only right after its division, ending a phrase
                after_place = s is not None and named_after.get(s) == i  # (三亚|河: its short form covers it)
                if s is not None and not after_place and any(j in covered for j in range(s, i)):
                    s = None
                if s is not None and head - s >= 1:
                    name = text[s:i + 1]
                    if all(_CJK.match(c) for c in name) \
                            and (name[0] not in _NOT_WATER_START or _LI_WATER.match(name) or after_place) \
                            and name != "江湖" \
                            and not name.startswith(self.t.water_kinds) \
                            and not any(m.start == s and m.end == i + 1 and (ch == "江" or m.rule == RULE_WATER_SUFFIX)
                                        for m in known):
                        # (锦江|流域: the short form is read as the river already)
                        out.append(Mention("Place", name, s, i + 1, RULE_WATER_SUFFIX, name, "WaterBody", 0.6,
                                           _UNKEYED))
        return out

    def _water_end(self, text: str, i: int, ch: str) -> bool:
        """Whether a lake's, river's or reservoir's name the table lacks can end at ``i``:
        - 湖/河, unless a longer word goes on (河水, 河道, 湖泊, 河长, 拦河坝; 河流 is the common noun, but
          卫河|流域 a basin and 机场河|水环境 its water) or 河湖 (河湖长制, 幸福河湖: rivers and lakes);
        - 库 of 水库 (东武仕水库);
        - 江 before a word of water (茶江|流域);
        - 川/沟 (罕台川, 西柳沟), which _suffix_places takes only right after a division."""
        if ch in "湖河":
            nxt = text[i + 1:i + 2]
            if text[i - 1:i + 1] == "河湖" or text[i:i + 2] == "河湖" or text.startswith(self.t.water_not_before, i + 1):
                return False
            if nxt == "流":
                return text.startswith("流域", i + 1)
            return nxt not in "泊水道段面畔区长域网坝堤" or not nxt or text.startswith(self.t.water_words_after, i + 1)
        if ch == "库":
            return i >= 3 and text[i - 1] == "水"
        if ch == "江":
            return text.startswith(self.t.water_context, i + 1)
        return ch in "川沟"  # (only right after a division: _suffix_places)

    def _bounded_start(self, text: str, i: int, max_len: int, ends: set[int]) -> int | None:
        """Start of a name ending before ``i`` that is delimited on the left within ``max_len``
        characters by punctuation, a function word, a verb, a known place, or the text start."""
        for k in range(1, max_len + 1):
            s = i - k
            if s < 0:
                return 0 if k > 1 else None  # the text starts the name
            c = text[s]
            if c in PUNCT or c in QUOTE_OPEN or c in QUOTE_CLOSE or c in self.t.boundary_chars:
                return s + 1 if k > 1 else None
            if s + 1 in ends and k > 1:
                return s + 1
            if k > 1 and (v := self._verb_ending(text, s + 1)) is not None and len(v) >= 2:
                return s + 1
            if not _CJK.match(c):
                return s + 1 if k > 1 else None
        s = i - max_len
        if s == 0 or (s > 0 and (text[s - 1] in PUNCT or text[s - 1] in self.t.boundary_chars or s in ends)):
            return s
        if s > 0 and (v := self._verb_ending(text, s)) is not None and len(v) >= 2:
            return s  # 完成|碧流河水库
        return None

    # ------------------------------------------------------------------ agencies
    def _prefix_ok(self, text: str, h: Hit, dept_starts: set[int]) -> bool:
        """A one-character level word (市, 区…) starts an agency only outside a longer word."""
        if len(h.text) > 1:
            return True
        if text[h.start:h.start + 2] in self.t.level_stop and h.end not in dept_starts:
            return False  # 市场, 区域 (but 市+民政局)
        return h.start == 0 or text[h.start - 1:h.end] not in self.t.level_stop

    def _weak_short(self, m: Mention) -> bool:
        """Whether a place mention is the short form of counties or towns only (会同 of 会同县, also
        a verb), not of a province or city (西藏 in 民航西藏区局)."""
        a = m.attributes
        if a.get("full", True):
            return False
        divs = [self.gaz.get(k) for k in a.get("keys", ())]
        return bool(divs) and all(d is not None and d.level in ("county", "town") for d in divs)

    def _agencies(self, text: str, by_cat, place_ends: dict[int, Mention]) -> list[Mention]:
        out: list[Mention] = []
        seen: set[tuple[int, int]] = set()
        # prefixes: level words and places, by the position they end at
        prefixes: dict[int, list[tuple[int, str, str]]] = defaultdict(list)  # end -> (start, text, kind)
        dept_starts = {h.start for h in by_cat["dept"]}
        body_at: dict[int, list[str]] = defaultdict(list)  # start -> bodies starting there, longest first
        for h in sorted(by_cat["body"], key=lambda h: -len(h.text)):
            body_at[h.start].append(h.text)
        body_starts = sorted(body_at)  # for _body_after's quick test
        place_spans = [(m.start, m.end) for m in place_ends.values()]
        place_starts = {s for s, _ in place_spans}
        place_inner = {i for s, e in place_spans for i in range(s + 1, e)}
        for h in by_cat["level"]:
            if h.start in place_inner:
                continue  # 州 inside 广州市 starts nothing
            if self._prefix_ok(text, h, dept_starts):
                prefixes[h.end].append((h.start, h.text, "level"))
        for end, m in place_ends.items():
            if text[end:end + 1] in _LEVEL_CHARS and self._weak_short(m):
                continue  # 会同|市财政局: a county's short form before a level word is none (its full name would match)
            prefixes[end].append((m.start, m.text, "place"))
        # a session between the prefix and the body: 成都市|第十八届|人民代表大会, 市|十五届|人大
        for end, lst in list(prefixes.items()):
            sm = _SESSION_AFTER.match(text, end)
            if sm is not None:
                prefixes[sm.end()].extend(lst)
        # a year between a place and its government's work report: 闵行区|2024年|政府工作报告
        for end, lst in list(prefixes.items()):
            ym = _REPORT_YEAR.match(text, end)
            if ym is not None:
                prefixes[ym.end()].extend(x for x in lst if x[2] == "place")
        # 中共 + place
        for end, lst in list(prefixes.items()):
            for start, ptext, kind in lst:
                if kind == "place" and text.startswith("中共", start - 2):
                    prefixes[end].append((start - 2, "中共" + ptext, "place"))

        def emit(start, end, rule, attrs, conf=1.0):
            if (start, end) in seen:
                return
            seen.add((start, end))
            out.append(Mention("Agency", text[start:end], start, end, rule, text[start:end], None, conf, attrs))

        centrals = by_cat["central"]
        central_at_end = {}
        for h in centrals:
            if text.startswith("员", h.end):
                continue  # 共产党员, 共青团员: members, not the body
            if h.payload in self.t.intl:
                emit(h.start, h.end, RULE_AGENCY_INTL, (("central", h.payload),))
                continue
            party = central_at_end.get(h.start)
            if h.text == "中央" and party is not None and party.payload != "中共中央":
                # 民革中央, 共青团中央: the party's own centre, not the Party centre
                emit(party.start, h.end, RULE_AGENCY_NESTED, (("parent", (party.start, party.end)), ("body", "中央")), 0.9)
                continue
            central_at_end.setdefault(h.end, h)
            c = text[h.start - 1] if h.start else ""
            if c in self.t.abbr and self.t.abbr[c][1] and c not in self._domestic_abbr and not h.text.startswith(c) \
                    and (h.start < 2 or not _CJK.match(text[h.start - 2]) or text[h.start - 2] in self.t.boundary_chars):
                # 俄外交部, 美国防部: another country's body, named with its one-character abbreviation
                emit(h.start - 1, h.end, RULE_AGENCY_FOREIGN, (("foreign", True),), 0.7)
                continue
            if h.start >= 2 and text[h.start - 2:h.start] == "国家" and not h.text.startswith("国家") \
                    and place_ends.get(h.start - 2) is None:
                # 国家人事部: the central body, named with 国家
                emit(h.start - 2, h.end, RULE_AGENCY_CENTRAL, (("central", h.payload),))
                continue
            session = _SESSION.search(text, max(0, h.start - 5), h.start)
            if session is not None:
                # 九届全国人大, 第十三届全国人民代表大会常务委员会: the body, named with its session
                emit(session.start(), h.end, RULE_AGENCY_CENTRAL, (("central", h.payload),))
                continue
            before = place_ends.get(h.start)
            if before is not None and any(str(k).startswith("w/") for k in before.attributes.get("keys", ())):
                # 美国国务院, 俄罗斯国防部: another country's body, named as written, not China's
                emit(before.start, h.end, RULE_AGENCY_FOREIGN, (("foreign", True),), 0.8)
                continue
            if h.text == "中央" and text.startswith(self.t.centre_not_before, h.end):
                continue  # 中央银行, 中央电视台 are not the Party centre (kg/data/centre_not_before.txt)
            if h.text == "中央" and h.start and (text[h.start - 1] == "正" or (
                    text[h.start - 1] == "的" and (h.end == len(text) or not _CJK.match(text[h.end])))):
                continue  # 正中央, 桥的中央。: the middle of something
            if before is not None and before.attributes.get("national"):
                # 中国外交部, 中华人民共和国国务院: the central body, named with the country
                emit(before.start, h.end, RULE_AGENCY_CENTRAL, (("central", h.payload),))
                continue
            if h.start >= 2 and text[h.start - 1] in _LEVEL_CHARS and _EACH.search(text, max(0, h.start - 8), h.start - 1):
                continue  # 各市|发展改革委: every city's own, not the national body
            emit(h.start, h.end, RULE_AGENCY_CENTRAL, (("central", h.payload),))
        listed: dict[int, tuple] = {}  # end of a prefixed department -> its prefix attributes, start
        merged: set[tuple[int, int]] = set()  # first organs of a joint body (市纪委|监委), named by it
        for h in sorted(by_cat["dept"], key=lambda h: h.start):
            for pstart, ptext, kind in sorted(prefixes.get(h.start, ()), key=lambda p: p[0]):
                emit(pstart, h.end, RULE_AGENCY_DEPT,
                     (("prefix", ptext), ("prefix_kind", kind), ("dept", h.payload), ("body", h.text)))
                listed[h.end] = (("prefix", ptext), ("prefix_kind", kind), ("dept", h.payload), pstart, h.start)
                break
            else:
                c = text[h.start - 1] if h.start else "。"
                shared = listed.get(h.start - 1) if c in "、和及" else None
                first = listed.get(h.start)
                joint = self.t.joint.get((first[2][1], h.payload)) if first is not None else None
                if shared is None and joint is not None:
                    # 市纪委监委: one prefix, two organs sitting as one body
                    # (first[3]: where the first organ's name starts, its prefix or, in a list, itself;
                    # first[4]: where its department word starts)
                    emit(first[3], h.end, RULE_AGENCY_DEPT if first[3] < first[4] else RULE_AGENCY_LIST,
                         first[:2] + (("dept", joint), ("body", text[first[4]:h.end])))
                    merged.add((first[3], h.start))
                elif shared is not None and shared[1][1] == "level":
                    # 市发改委、经信局和科技局: the departments of a list share its first level word
                    emit(h.start, h.end, RULE_AGENCY_LIST, shared[:2] + (("dept", h.payload), ("body", h.text)), 0.8)
                    listed[h.end] = shared[:2] + (("dept", h.payload), h.start, h.start)
                elif h.text.endswith("厅") and (c in PUNCT or c in QUOTE_CLOSE or c in self.t.boundary_chars):
                    # 审计署、审计厅: a 厅 is a province's department, named without the province
                    emit(h.start, h.end, RULE_AGENCY_PROVINCIAL,
                         (("prefix", "省"), ("prefix_kind", "level"), ("dept", h.payload), ("body", h.text)), 0.8)
        for end, lst in prefixes.items():
            for pstart, ptext, kind in sorted(lst, key=lambda p: p[0]):
                m = self._body_after(text, end, body_at, body_starts, place_starts)
                if m is not None:
                    mid, body = m
                    stop = end + len(mid) + len(body)
                    if any(s <= pstart and stop <= e for s, e in seen):
                        continue
                    emit(pstart, stop, RULE_AGENCY_GRAMMAR,
                         (("prefix", ptext), ("prefix_kind", kind), ("middle", mid), ("body", body)), 0.8)
                    break
        # an agency right before a department or a body is its parent: 市委+组织部,
        # 市政府办公室+数字政府专班 (departments only under committees and governments)
        for a in list(out):
            for h in by_cat["dept"]:
                if a.end == h.start and a.attributes.get("body") in _PARENT_BODIES:
                    emit(a.start, h.end, RULE_AGENCY_NESTED, (("parent", (a.start, a.end)), ("dept", h.payload),
                                                              ("body", h.text)), 0.9)
            m = self._body_after(text, a.end, body_at, body_starts, place_starts)
            if m is not None and m[0] and m[1] in _TASK_BODIES \
                    and not any(m[0][i:i + 2] in self.t.unit_verbs for i in range(len(m[0]) - 1)):
                # (乡政府|成立|茶产业发展专班: the verb, then a task force it sets up)
                mid, body = m
                emit(a.start, a.end + len(mid) + len(body), RULE_AGENCY_NESTED,
                     (("parent", (a.start, a.end)), ("body", mid + body)), 0.8)
        # 中共中央|统战部 written over 中共中央 and 中央统战部: the later body, under the first
        for a in [m for m in out if m.rule == RULE_AGENCY_CENTRAL]:
            for b in list(out):
                if a.start < b.start < a.end < b.end and b.rule != RULE_AGENCY_NESTED:
                    emit(a.start, b.end, RULE_AGENCY_NESTED,
                         (("parent", (a.start, a.end)), ("body", text[a.end:b.end])), 0.8)
        # units named under an agency: 临沂市公安局兰山分局, 国家旅游局管理司, 湖北省公安厅党组
        starts = {m.start for m in out}
        unit_heads, unit_lens, unit_first = self._unit_heads, self._unit_lens, self._unit_first
        place_spans = [(m.start, m.end) for m in place_ends.values()]
        for a in list(out):
            if a.rule in (RULE_AGENCY_NESTED, RULE_AGENCY_UNIT):
                continue
            if text.startswith(self.t.unit_stop, a.end) and not text.startswith(self._unit_zero, a.end):
                continue  # 外交部|长, 镇党委|书记 (but 团中央|书记处)
            found = None
            for L in range(0, 9):
                p = a.end + L
                if L and (p - 1 >= len(text) or not _CJK.match(text[p - 1]) or text[p - 1] in self.t.boundary_chars
                          or text[p - 1] in _NUMERAL or p - 1 in starts):
                    break
                if text[p:p + 1] not in unit_first:
                    continue  # no unit word starts here (the usual case)
                for n in unit_lens:
                    u = unit_heads.get(text[p:p + n])
                    if u is None or not u[1] <= L <= u[2] or text[p + n:p + n + 1] in tuple(u[3]):
                        continue
                    mid = text[a.end:p]
                    if any(mid[i:i + 2] in self.t.unit_verbs for i in range(len(mid) - 1)):
                        continue
                    if any(ps < p + n < pe or ps < p < pe for ps, pe in place_spans):
                        continue  # 新华社|莫斯|科: the unit word ends inside a place name
                    found = (mid, u[0])
                    break
                if found:
                    break
            if found:
                mid, unit = found
                emit(a.start, a.end + len(mid) + len(unit), RULE_AGENCY_UNIT,
                     (("parent", (a.start, a.end)), ("body", mid + unit), ("unit", True)), 0.7)
        # 团市委, 团省委: the Youth League committee of the level, not the Party committee inside it
        for mt in _LEAGUE.finditer(text):
            out = [m for m in out if (m.start, m.end) != (mt.start() + 1, mt.end())]
            seen.discard((mt.start() + 1, mt.end()))
            emit(mt.start(), mt.end(), RULE_AGENCY_DEPT, (("prefix", mt.group(1)), ("prefix_kind", "level"),
                                                           ("dept", "共青团委员会"), ("body", "团委")), 0.9)
        # 美军, 日军: another country's armed forces
        for mt in (self._army.finditer(text) if "军" in text else ()):  # (the pattern scans every 美, 日…)
            s0 = mt.start()
            if s0 == 0 or not _CJK.match(text[s0 - 1]) or text[s0 - 1] in self.t.boundary_chars:
                emit(s0, mt.end(), RULE_AGENCY_ARMY, (("foreign", True),), 0.7)
        # 人大, 内阁: a body named with no level or place (kept unresolved: whose body it is, the
        # text does not say); not inside another agency's name, not a member (人大代表 is kept), not
        # a kind (内阁制度) or another name (国会山, 人大附中)
        for h in by_cat["body"]:
            if h.text in self.t.bare_bodies and not any(m.start <= h.start and h.end <= m.end for m in out) \
                    and not text.startswith(("员", "学", "附", "制", "山"), h.end) and self._is_word(text, h.start, None):
                emit(h.start, h.end, RULE_AGENCY_BARE, (("bare", True),), 0.5)
        # 中国（安徽）自由贸易试验区: the national pilot free-trade zones
        for mt in (_PILOT_ZONE.finditer(text) if "自由贸易试验区" in text else ()):  # (rare: 中国 is not)
            out.append(Mention("Place", mt.group(0), mt.start(), mt.end(), RULE_ZONE_GRAMMAR, mt.group(0), "District",
                               0.9, (("keys", ()), ("full", True), ("zone", True), ("agency", False))))
        # development zones named by grammar: place + zone suffix
        for end, m in place_ends.items():
            if text[end:end + 1] not in _ZONE_FIRST:
                continue  # most places are followed by no zone suffix
            for suf in ZONE_SUFFIXES:
                if text.startswith(suf, end):
                    name = text[m.start:end + len(suf)]
                    out.append(Mention("Place", name, m.start, end + len(suf), RULE_ZONE_GRAMMAR, name, "District",
                                       0.8, (("keys", ()), ("full", True), ("zone", True), ("within", m.attributes.get("keys", ())))))
                    break
        # 滁州经济技术开发区、|中新苏滁高新技术产业开发区: a zone listed right after a zone is one too
        zones = sorted((m for m in [*place_ends.values(), *out] if m.label == "Place" and m.text.endswith(ZONE_SUFFIXES)),
                       key=lambda m: m.start)

        def listed_zone(s0: int, e: int) -> None:
            name = text[s0:e]
            if name.startswith(self.t.org_name_stop) or name.startswith(tuple(self.t.levels)) \
                    or name.startswith(("其他", "其它", "县域", "市域")):
                return  # 重点工业园区, 其他省级开发区: a kind of zone, not one
            out.append(Mention("Place", name, s0, e, RULE_ZONE_GRAMMAR, name, "District", 0.7,
                               (("keys", ()), ("full", True), ("zone", True), ("within", ()), ("agency", False))))
        for z in zones:
            e0 = z.start - 1  # 锦界工业园区、|清水工业园区: the one listed before it
            suf = next((f for f in ZONE_SUFFIXES if text.endswith(f, 0, e0)), None) if text[e0:e0 + 1] == "、" else None
            if suf is not None and not any(m.end == e0 for m in zones):
                s0 = self._bounded_start(text, e0 - len(suf), 6, set(place_ends))
                if s0 is not None and e0 - len(suf) - s0 >= 2:
                    listed_zone(s0, e0)
            if text[z.end:z.end + 1] != "、":
                continue
            s0 = z.end + 1
            for e in range(s0 + 2, min(len(text), s0 + 14) + 1):
                if not _CJK.match(text[e - 1]) or text[e - 1] in self.t.boundary_chars:
                    break
                suf = next((f for f in ZONE_SUFFIXES if text.endswith(f, s0, e) and e - s0 - len(f) >= 2), None)
                if suf is not None and not any(m.start == s0 for m in zones):
                    listed_zone(s0, e)
                    break
        # 人大常委会 holds 人大常委 and 人大: one body, the standing committee
        longest: dict[int, Mention] = {}
        for m in out:
            if m.rule == RULE_AGENCY_DEPT and (m.start not in longest or m.end > longest[m.start].end):
                longest[m.start] = m
        # (but 安徽省人民政府 inside 安徽省人民政府办公厅 is the government itself, named as the office's parent)
        out = [m for m in out if (m.start, m.end) not in merged]  # (市纪委|监委: named by the joint body)
        out = [m for m in out if m.rule != RULE_AGENCY_DEPT or longest[m.start] is m
               or not _standing_committee_of(str(longest[m.start].attributes.get("dept", "")), m.attributes.get("dept"))]
        # 各区政府, 各市、县人民政府: every district's or county's, not the article's own
        return [replace(m, attrs=m.attrs + (("generic", True),))
                if m.attributes.get("prefix_kind") == "level" and _EACH.search(text, max(0, m.start - 8), m.start)
                else m for m in out]

    def _body_after(self, text: str, p: int, body_at: dict[int, list[str]], body_starts: list[int],
                    place_starts: set[int]) -> tuple[str, str] | None:
        """The (middle, body) of an agency name starting at ``p``, shortest middle first.

        ``body_at`` maps a position to the body words starting there (longest first),
        ``body_starts`` is its keys in order; ``place_starts`` are the positions where a place
        name starts."""
        # a name needs a body word within max_middle characters of p, and most prefixes have
        # none: then no need to scan the characters
        k = bisect.bisect_left(body_starts, p)
        if k == len(body_starts) or body_starts[k] > p + self._max_middle:
            return None
        for L in range(0, self._max_middle + 1):
            if L:
                c = text[p + L - 1] if p + L - 1 < len(text) else ""
                if c and c in "“”":
                    continue  # 推进“三地一区”建设领导小组: a quoted term inside the name (balanced below)
                if not c or not _CJK.match(c) or c in self.t.function_chars:
                    return None
                if p + L - 1 in place_starts:
                    return None  # a place inside: 广州市|天河区人民政府办公室 is 天河区's office
            for body in body_at.get(p + L, ()):
                lo, hi, end_re = self._body_rules[body]
                if not lo <= L <= hi:
                    continue
                mid = text[p:p + L]
                if mid.count("“") != mid.count("”") or mid.startswith("”"):
                    continue
                if any(v in mid for v in self._join_verbs):
                    return None  # 市发改委|会同|市财政局, 街道要|配合|区投资促进局: two agencies joined by the verb
                if end_re is not None and not end_re.search(mid):
                    continue
                if body in ("委", "办", "局", "厅", "部") and text.startswith(body + "员", p + L):
                    continue
                if text[p + L + len(body):p + L + len(body) + 1] in self.t.body_not_next.get(body, "") \
                        and p + L + len(body) < len(text):
                    continue  # 朝鲜半岛紧张局|势
                if body == "办" and text[p + L + 1:p + L + 2] in _BAN_AFTER_BAN:
                    continue  # 办公楼, 办理, 办事…
                return mid, body
        return None

    # ------------------------------------------------------------------ named units
    def _named_units(self, text: str, heads: list[Hit], places: list[Mention], agencies: list[Mention],
                     orgs: list[Mention], body_ends: dict[int, int] | None = None
                     ) -> tuple[list[Mention], list[tuple[int, int]]]:
        """Facilities, organizations and events named by a place and a head word
        (kg/data/name_heads.tsv): 桂林机场, 宁波舟山港, 北京大学, 中国队, 中国国际进口博览会.
        Returns the mentions (facilities as Place, organizations) and the spans of the names that hide
        the places inside them (not a sited head's: 含增镇|中心小学 keeps its town)."""
        strict = [m for m in places if self._anchor_ok(m)]
        strict_starts = sorted({m.start for m in strict})
        anchors, starts = strict, strict_starts
        loose = loose_starts = None  # (made at the first county_anchor head: most texts have none)
        wet = wet_starts = None  # (made at the first water_anchor_heads head)
        agency_ends = {m.end for m in agencies}
        ends = agency_ends | {m.end for m in places}
        taken = [(o.start, o.end) for o in orgs]
        place_spans = {(m.start, m.end) for m in anchors}
        out, spans = [], []
        for h in self._longest(heads):
            label, min_mid, max_mid, not_next = self.t.name_heads[h.payload]
            if h.payload in self.t.county_anchor:
                if loose is None:  # a county's short form opens a name only before such a head (平遥|古城)
                    loose = strict + [m for m in places if m.rule == RULE_PLACE_SHORT and not self._anchor_ok(m)
                                      and any((d := self.gaz.get(k)) is not None and d.level == "county"
                                              for k in m.attributes.get("keys", ()))]
                    loose_starts = sorted({m.start for m in loose})
                anchors, starts = loose, loose_starts
            elif h.payload in self.t.water_anchor_heads:
                if wet is None:  # 荆江|分洪区, 洪湖|围堤: a lake or river names these works too
                    wet = strict + [m for m in places if m.subtype == "WaterBody" and not self._anchor_ok(m)]
                    wet_starts = sorted({m.start for m in wet})
                anchors, starts = wet, wet_starts
            else:
                anchors, starts = strict, strict_starts
            if h.end < len(text) and text[h.end] in not_next:
                continue
            if h.end in agency_ends or any(s < h.end <= e for s, e in taken):
                continue  # 黄陂区…工作队 is a body; a company already named
            if any(m.start < h.end and h.start < m.end for m in places):
                continue  # the head is part of a place name: 民族街, 香港
            start = None
            for s in reversed(starts):
                if s >= h.start:
                    continue
                if h.start - s > max_mid + 8:
                    break
                mid_start = next((m.end for m in anchors if m.start == s and m.end <= h.start), None)
                if mid_start is None:
                    continue
                mid = text[mid_start:h.start]
                if not min_mid <= len(mid) <= max_mid or any(not _CJK.match(c) or c in self.t.boundary_chars for c in mid):
                    continue
                if h.payload in mid:
                    continue  # 中国队同|俄罗斯队: the head inside is another name's end, a list
                if h.payload in self.t.coined_middle and not self._coined(mid):
                    continue  # 武汉|科技创新|中心: a kind after a place, not a coined name
                if label != "Organization" and any(mid[i:i + 2] in self.t.verb_set for i in range(len(mid) - 1)):
                    continue  # 武汉|建设国际航空港: a verb, not a name
                if label != "Organization" and (mid + h.payload).startswith(self._kind_words) \
                        and not (not mid and h.payload.startswith(_LEVELED_HEADS) and self._landmark_at(anchors, s)):
                    # (祁连山|国家级自然保护区, but not 甘肃|国家级自然保护区: a division's reserves, a kind)
                    continue  # 精武镇|背街里|巷, 精武镇|背|街: a kind after a place (kg/data/org_name_stop.txt)
                if label == "Organization" and h.payload.endswith(("公司", "队")) \
                        and self._holds_clause(mid, self.t.org_name_tags.get("company_keep", frozenset())):
                    continue  # 湖北省赤壁市|开设另一家贷款|公司, 湖北省|派出医疗|队: a clause, not a name
                start = s  # the earliest place that still makes one name: 宁波|舟山|港
            if start is None:
                if label == "Place" and h.payload in _ROAD_HEADS:
                    m = self._bounded_road(text, h, ends)
                    if m is not None:
                        spans.append((m.start, m.end))
                        out.append(m)
                    continue
                if label == "Place" and h.payload in self.t.bounded:
                    m = self._bounded_name(text, h, ends, place_spans)
                    if m is not None:  # 乐成中心, 翡翠公园: a facility named without a place
                        spans.append((m.start, m.end))
                        out.append(Mention("Place", m.text, m.start, m.end, RULE_PLACE_BOUNDED, m.text,
                                           "District", 0.6, _UNKEYED))
                    continue
                if label == "Organization" and h.payload in self.t.bounded \
                        and (body_ends or {}).get(h.end, 0) < h.end - h.start:  # not 工作|队 (a body)
                    m = self._bounded_name(text, h, ends, place_spans)
                    if m is not None:
                        start = m.start
                        while (prev := next((a.start for a in anchors if a.end == start), None)) is not None:
                            start = prev  # 澳门|独木舟队: the places before the name are part of it
                        m = replace(m, text=text[start:m.end], start=start, name=text[start:m.end])
                        spans.append((m.start, m.end))
                        out.append(m)
                continue
            if label in ("Place", "Organization"):
                # an address names its divisions first: 北京市|东城区|王府井大街218号; so does a
                # club or a school (法国|波尔多队, 河北|唐山市第二中学)
                while (prev := next((m.start for m in anchors if m.end == start), None)) is not None:
                    start = prev
            end = h.end
            if label == "Place" and h.payload in _ROAD_HEADS:
                num = _HOUSE_NUMBER.match(text, end)
                if num is not None:
                    end = num.end()  # 王府井大街218号
            name = text[start:end]
            if h.payload not in self.t.sited:
                spans.append((start, end))  # 含增镇|中心小学 keeps its town; 中国|出口信用保险公司 hides its country
            if label == "Place":
                kind = "WaterBody" if h.payload in self.t.water_heads else "District"
                out.append(Mention("Place", name, start, end, RULE_PLACE_FACILITY, name, kind, 0.7,
                                   _UNKEYED))
            elif label == "Organization":
                out.append(Mention("Organization", name, start, h.end, RULE_ORG_HEAD, name, None, 0.7))
        return out, spans

    def _after_stop_word(self, text: str, s: int, e: int) -> int:
        """Where a company name in ``text[s:e]`` starts: after the last word jieba tags as a verb,
        a preposition, a conjunction, an adverb, a pronoun, a number or a time
        (kg/data/org_name_tags.tsv, ``company_stop``): 不难找到|双良集团, 由|北京建予…有限公司;
        also after another company (…有限公司|江苏特灵…), but 省投资集团控股有限公司 is one."""
        if e - s < 3:
            return s
        stop, tags = self.t.org_name_tags["company_stop"], _word_tags()
        keep = self.t.org_name_tags.get("company_keep", frozenset())
        pos = e
        for tok in reversed(_cut(text[s:e])):
            if (tags.get(tok, ("", 0))[0] in stop and tok not in keep) or tok.endswith("公司"):
                return pos
            pos -= len(tok)
        return s

    def _org_units(self, text: str, orgs: list[Mention]) -> list[Mention]:
        """北京大学国际关系学院, 中国农业银行河北省分行: an organization, a short middle and a unit
        word of kg/data/org_units.tsv right after it (the longest unit that fits)."""
        out, seen = [], {(o.start, o.end) for o in orgs}
        for o in sorted(orgs, key=lambda m: (m.start, -m.end)):
            best = None
            for unit, lo, hi, not_next in self.t.org_units:
                for k in range(lo, hi + 1):
                    e = o.end + k
                    if not text.startswith(unit, e):
                        continue
                    mid = text[o.end:e]
                    if any(not _CJK.match(c) or c in self.t.boundary_chars for c in mid):
                        break
                    if mid and self._holds_clause(mid):
                        break  # 中国队|同俄罗斯|队, 摩洛哥队|打平挪威|队: a clause, not a unit's name
                    if any(mid[i:i + 2] in self.t.verb_set for i in range(len(mid) - 1)):
                        break
                    end = e + len(unit)
                    if end < len(text) and text[end] in not_next:
                        continue
                    if best is None or end > best:
                        best = end
                    break
            if best is not None and (o.start, best) not in seen:
                seen.add((o.start, best))
                name = text[o.start:best]
                out.append(Mention("Organization", name, o.start, best, RULE_ORG_UNIT, name, None, 0.6))
        return out

    def _org_abbreviations(self, text: str, hits: list[Hit], known: list[Mention]) -> list[Mention]:
        """北大, 清华, 华为: a short name of kg/data/org_abbreviations.tsv or org_companies.tsv where
        no other mention overlaps it, that starts a word of jieba's cut, and that has the word
        after it its row asks for (大众|汽车)."""
        out = []
        tags = _word_tags()
        for h in self._longest(hits):
            name, not_next, needs = self.t.org_abbr[h.payload]
            if h.end < len(text) and text[h.end] in not_next:
                continue
            if needs and not text.startswith(needs, h.end):
                continue  # 人民大众, 小米粥: the short name is a common word here
            if h.payload in self.t.company_abbr and not (
                    self._is_word(text, h.start, h.end)
                    or (self._is_word(text, h.start, None) and text.startswith(needs + self.t.company_parts, h.end))):
                continue  # 振兴中兴业, 新浪潮, 中国建筑业: not a word of the text (a university's, 北大|清华, may
                # be inside one; 日兴|证券 may be one word of jieba's)
            if h.start and tags.get(text[h.start - 1:h.start + 1], ("", 0))[1] >= self.t.org_cut_count:
                continue  # 华|北大地, 东|北大豆: the short name's first character ends a word
            if any(m.start < h.end and h.start < m.end and not (m.label == "Place" and h.start <= m.start
                                                                 and m.end <= h.end) for m in known):
                continue  # (a place inside the short name, 中国 in 中国足协, is part of it)
            end = h.end
            if h.payload in self.t.company_abbr:
                part = next((p for p in self.t.company_parts if text.startswith(p, end)), "")
                end += len(part)  # 日兴|证券, 大众|汽车: the industry word is part of the name
                if any(m.start < end and h.end < m.end for m in known):
                    end = h.end
            out.append(Mention("Organization", text[h.start:end], h.start, end, RULE_ORG_ABBR, name, None, 0.8))
        return out

    def _bounded_name(self, text: str, h: Hit, ends: set[int], places: set[tuple[int, int]]) -> Mention | None:
        """复旦大学, 可口可乐公司, 申花队, 乐成中心: an organization or a facility whose name starts
        with no place, bounded on the left within the head's max_name characters
        (kg/data/bounded_heads.tsv); not a kind (这所大学, 知名企业: kg/data/org_name_stop.txt) and
        not a name ending in a verb. Returned as an Organization mention; the caller relabels."""
        lo, hi, kind_check = self.t.bounded[h.payload]
        s = self._name_before(text, h, hi, ends)
        if s is None:
            return None
        name = text[s:h.start]
        if h.payload in self.t.coined_heads and not self._coined(name):
            return None  # 研发中心, 老旧小区: a kind, not a coined name
        if len(name) < lo or any(name[i:i + 2] in self.t.verb_set for i in range(len(name) - 1)):
            return None
        if h.payload in name or name[-1] in self.t.org_not_before.get(h.payload, ""):
            return None  # 管党治|党, 依规治|党: a verb phrase of the head word, not a name
        if name[0] in self.t.org_kind_last:
            return None  # (村)级集体经济公司: the name starts inside a word
        if kind_check and any(tok.startswith(self.t.org_name_stop) and len(tok) > 1
                              for tok in _cut(name)[1:]):
            return None  # 市属|国有公司: a kind word inside the name
        if kind_check and not self._proper_name(name, name + h.payload):
            return None
        tags = _word_tags()
        if s > 0 and tags.get(text[s - 1:s + 1], ("", 0))[1] >= self.t.org_cut_count:
            return None  # the start cuts a word: 从严|治党
        if s > 0 and text[s - 1] in _DIGIT:
            return None  # a measure after a number: 2号线|人民广场, 8公顷|翡翠公园
        if any(ps < s < pe for ps, pe in places):
            return None  # the start cuts a place: 含|增镇中心小学
        if s and name.startswith(self.t.verb_place_names) and text[s - 1] in self.t.verb_before:
            return None  # 局要|会同|县古城保护管理中心: the verb, not 会同县 (kg/data/place_verb_names.txt)
        if (s, h.start) in places:
            return None  # a kind named by a place: 这家意大利公司, 大多数北京商场 (but 同仁|医院)
        if kind_check and self.t.name_heads[h.payload][0] == "Place":
            toks = _cut(name)
            if any(tags.get(tok, ("", 0))[0] in self.t.org_name_tags["inside"] for tok in toks[1:]):
                return None  # a verb or a numeral inside: 外地人逛|书店, 自建许多|球场 (but 国安二队)
            if (h.payload.endswith("区") and tags.get(toks[-1], ("", 0))[0] in ("v", "vn")) \
                    or (toks[0] in self.t.org_name_stop and len(toks[0]) > 1):
                return None  # a kind of site: 高品质旅游|景区, 文明|景区, 重点|景区
            if len(toks) > 1 and len(toks[0]) == 1 and tags.get(toks[0], ("", 0))[0] == "a":
                return None  # 大|尺度公园: an adjective and a noun make a kind
        tag, count = tags.get(name[-1] + h.payload, ("", 0))
        if tag in ("n", "j", "v", "vn") and count >= self.t.org_kind_count // 4:
            return None  # the head ends a common word: 科研团|队, 公办中|小学
        return Mention("Organization", text[s:h.end], s, h.end, RULE_ORG_BOUNDED, text[s:h.end], None, 0.6)

    def _bounded_road(self, text: str, h: Hit, ends: set[int]) -> Mention | None:
        """雄楚大道, 文汇路, 汉正街: a road or street named without a place, its name (2-4 CJK
        characters) bounded on the left like a village's; not a word that ends in the head (思路,
        道路, 十字街: jieba's dictionary has them as common nouns), not a verb (致富路), not a kind
        (一条路: kg/data/org_name_stop.txt). A house number after it is part of it."""
        s = self._name_before(text, h, 4, ends)
        if s is None:
            return None
        name = text[s:h.start]
        if len(name) < 2 or "之" in name:
            return None  # 发展之路: a figure of speech
        tags, no = _word_tags(), ("", 0)
        for k in range(1, len(name) + 1):
            if tags.get(name[-k:] + h.payload, no)[0] not in ("", "ns"):
                return None  # 思|路, 柏油|路, 十字街: a common word ends in the head
            for j in (1, 2):
                if h.end + j <= len(text) and text[h.start - k:h.end + j] in tags:
                    return None  # 耶|路|撒冷: the head is inside a longer word
        if tags.get(name, no)[0] in self.t.org_name_tags["name"] or self._verb_ending(text, h.start):
            return None  # 致富|路, 发展|路
        first = next((name[:n] for n in range(len(name) - 1, 1, -1) if name[:n] in tags), None)
        if first is not None and (tags[first][0] in self.t.org_name_tags["first"] or tags[first][0] == "a"):
            return None  # 拍卖|买断路, 当年|坐街, 美丽|乡村路
        end = h.end
        num = _HOUSE_NUMBER.match(text, end)
        if num is not None:
            end = num.end()
        return Mention("Place", text[s:end], s, end, RULE_PLACE_ROAD, text[s:end], "District", 0.6,
                       _UNKEYED)

    def _name_before(self, text: str, h: Hit, max_len: int, ends: set[int]) -> int | None:
        """Where a proper name right before the head word ``h`` starts (org.bounded_name+head,
        place.bounded_road): bounded on the left within ``max_len`` characters by a character or,
        failing that, by a word jieba tags as a verb or function word; a leading 据/沿/到…
        (kg/data/org_name_lead.txt) dropped. None unless the name is CJK, opens with no kind or
        numeral (这所, 一条: kg/data/org_name_stop.txt), holds no boundary character and does not
        end in a verb (进入|大学)."""
        tags, no = _word_tags(), ("", 0)
        s = self._bounded_start(text, h.start, max_len, ends)
        if s is not None and s > 0 and tags.get(text[s - 1:s + 1], no)[1] >= self.t.org_cut_count:
            s = None  # the boundary character opens a word: 最|早华贸中心 is 最早|华贸中心
        if s is None:
            s = self._word_start_before(text, h.start, max_len)  # 战胜|申花队
        if s is None:
            return None
        while s < h.start and text[s] in self.t.org_name_lead and text[s:s + 2] not in tags:
            s += 1  # 沿|雄楚大道, 原|申花队, but 时代华纳公司
        lead = _cut(text[s:h.start])[0] if h.start - s > 2 else ""
        tag = tags.get(lead, no)[0]
        if len(lead) <= h.start - s - 2 and not lead.startswith(self.t.org_name_stop) and (
                (len(lead) >= 2 and (tag in self.t.org_name_tags["first"] or lead in self.t.org_name_lead))
                or (len(lead) == 1 and tag in ("v", "p") and self.t.name_heads[h.payload][0] == "Place")):
            s += len(lead)  # 赶到|文汇路, 距离|安苑小区, 去|王府井书店: a verb or a lead word before the name
            # (one character only before a place: 住总|开发公司 is a company's name)
        name = text[s:h.start]
        if not name or len(name) > max_len or not all(_CJK.match(c) for c in name):
            return None
        if name.startswith(self.t.org_name_stop) or name[0] in _NUMERAL:
            return None
        if any(c in self.t.boundary_chars for c in name) or self._verb_ending(text, h.start) is not None:
            return None
        return s

    def _word_start_before(self, text: str, end: int, max_len: int) -> int | None:
        """Where a name of at most ``max_len`` characters ending at ``end`` starts when no
        character bounds it: after the nearest word jieba tags as a verb, a function word or a
        number (战胜|申花队, 加入|可口可乐公司); None if no such word is that close."""
        w0 = max(0, end - max_len - 4)
        tags, stop = _word_tags(), self.t.org_name_tags["first"]
        pos = end
        for tok in reversed(_cut(text[w0:end])):
            if tags.get(tok, ("", 0))[0] in stop or not all(_CJK.match(c) for c in tok):
                return pos if pos < end else None
            pos -= len(tok)
            if end - pos > max_len:
                return None
        return pos if pos == 0 else None

    def _proper_name(self, name: str, whole: str) -> bool:
        """Whether ``name`` (before an organization head) is a name, not a kind or a phrase, by the
        tags of jieba's dictionary (kg/data/org_name_tags.tsv)."""
        tags, bad = _word_tags(), self.t.org_name_tags
        no = ("", 0)
        if tags.get(whole, no)[0] in bad["whole"] or tags.get(name, no)[0] in bad["name"]:
            return False
        if name[-1] in self.t.org_kind_last:
            return False  # a category: 医类|大学
        tag, count = tags.get(name, no)
        if tag == "n" and count >= self.t.org_kind_count:
            return False  # a field, not a name: 保险|公司, 足球|队, 文化|俱乐部
        first = next((name[:n] for n in range(len(name), 1, -1) if name[:n] in tags), None)
        if first is None or first == name:
            return True
        tag, count = tags[first]
        # 世界|一流大学, 国际|石油公司: a name does not open with one of the commonest nouns
        return tag not in bad["first"] and not (tag == "n" and count >= 50 * self.t.org_kind_count)

    @staticmethod
    def _landmark_at(anchors: list[Mention], start: int) -> bool:
        """Whether a mountain, lake or river (not a division) starts at ``start``."""
        return any(m.start == start and (m.subtype == "WaterBody" or _natural(m)) for m in anchors)

    def _anchor_ok(self, m: Mention) -> bool:
        """A place that can start a facility's or an organization's name: a full division name, or
        the short form of a province, city, country or water body (宁波, 长江). Not a county's short
        form (合作 in 合作银行, 同仁 in 同仁医院), a village, or an abbreviation."""
        if m.rule not in (RULE_PLACE_GAZ, RULE_PLACE_SHORT, RULE_ZONE):
            return False
        if m.attributes.get("full"):
            return True
        levels = {d.level for k in m.attributes.get("keys", ()) if (d := self.gaz.get(k)) is not None}
        return bool(levels) and levels <= _ANCHOR_SHORT_LEVELS

    # ------------------------------------------------------------------ organizations
    def _organizations(self, text: str) -> list[Mention]:
        out = []
        for suf in _ORG_SUFFIXES:
            if suf not in text:
                continue  # (most texts name no company: a plain search is cheaper than the regex)
            for mt in re.finditer(re.escape(suf), text):
                end = mt.end()
                if any(o.start < end <= o.end or o.end == end for o in out):
                    continue
                s = end - len(suf)
                k = 0
                while s - 1 >= 0 and k < 14 and _CJK.match(text[s - 1]) and text[s - 1] not in self.t.function_chars:
                    s -= 1
                    k += 1
                s = self._after_stop_word(text, s, end - len(suf))
                name = text[s:end - len(suf)]
                # a specific name, not a kind of company (大型企业集团, 紧密型城市医疗集团)
                while name and (name[0] in _NUMERAL or name[0] in "个批"):
                    name, s = name[1:], s + 1
                verb = next((name[:n] for n in self.t.verb_lengths if name[:n] in self.t.verb_set), None)
                if verb:
                    name, s = name[len(verb):], s + len(verb)
                if len(name) >= 2 and "型" not in name and not name.startswith(("大型", "一批", "各类", "重点")):
                    out.append(Mention("Organization", text[s:end], s, end, RULE_ORG, text[s:end], None, 0.8))
        return out

    # ------------------------------------------------------------------ projects
    def _generic_after(self, text: str, pos: int, head: str) -> bool:
        """Whether a generic noun of kg/data/project_head_after.txt that may follow ``head`` ends
        the phrase at ``pos`` (改造|工作。, 项目|建设，; not 建设|工作机制)."""
        for word, heads in self.t.head_after:
            if text.startswith(word, pos) and (not heads or head in heads):
                nxt = text[pos + len(word):pos + len(word) + 1]
                return not nxt or not _CJK.match(nxt) or nxt in self.t.boundary_chars
        return False

    def _introduced_start(self, text: str, start: int, head: int, max_len: int,
                          verb: str | None) -> tuple[int, str | None]:
        """Where a name before a head word starts when the scan stopped inside it, at a verb of
        the name (实施|阳澄湖生态优化行动) or at a function character inside a longer dictionary
        word (实施|汽车以旧换新行动), and an introducing verb (实施, 开展…) stands at most
        ``max_len`` characters before the head. Between them only name characters: no punctuation,
        quote, digit, numeral, space or other function character (实施亿元|以上项目, 建设一批…,
        建设全市统一的…), and more than the verb it stopped at (制定|落实新一轮…方案 is two verbs).
        Else (``start``, ``verb``), where the scan stopped."""
        if start >= len(text) or text[start] in QUOTE_OPEN:
            return start, verb
        lo = max(0, head - max_len)
        words = None  # dictionary words of the window, cut once when a function character is met
        j = start
        while j >= lo and j > 0:
            v = self._verb_ending(text, j)
            if v is not None and v in self.t.introducers:
                inner = text[j:start]
                if len(inner) - len(verb or "") >= 2 and not inner.endswith(self._conj_after_head) \
                        and not text.startswith(self._head_words, j):  # (政府建设|项目可持续建设: 建设 ends a noun)
                    return j, v
                break
            c = text[j - 1]
            if c in _NUMERAL and _AREA_NAME.match(text, j - 1):
                j -= 1  # 实施|千亩生态茶园…项目: a round area names the undertaking (千亩, 百万亩)
                continue
            if j == lo or c in PUNCT or c in QUOTE_OPEN or c in QUOTE_CLOSE or c.isspace() or c in _NUMERAL \
                    or c == "第" or not _CJK.match(c):
                break
            if self._is_boundary(c):
                if words is None:
                    words = [(a + lo, b + lo) for w, a, b in _tokenize(text[lo:head]) if b - a >= 4]
                if not any(a <= j - 1 < b for a, b in words):
                    break  # 以 in 以旧换新 is inside a word; 的, 和, 向 are not
            j -= 1
        return start, verb

    def _introducing_modifier(self, text: str, start: int, place_sorted: list[tuple[int, int]]) -> bool:
        """Whether the 的-phrase right before a name at ``start`` marks an undertaking as an
        introducing verb would: an investment's amount (总投资120亿元的|…项目), an introducing verb
        (签约的|…项目), or a place after a siting word (落户|南川工业园区|的…项目: the siting words of
        ``at_place`` in rule_words.tsv)."""
        if not text.endswith("的", 0, start):
            return False
        end = start - 1
        if text.endswith("元", 0, end) or self._verb_ending(text, end) in self.t.introducers:
            return True
        k = bisect.bisect_left(place_sorted, (end, -1)) - 1
        while k >= 0 and place_sorted[k][1] >= end - 12:
            ps, pe = place_sorted[k]
            if pe == end:
                return text.endswith(self.t.site_verbs, 0, ps)
            k -= 1
        return False

    def _verb_ending(self, text: str, pos: int) -> str | None:
        """The longest verb of kg/data/project_verbs.txt that ends at ``pos``, or None."""
        # called for nearly every character a name scan passes: most characters end no verb
        if pos < 1 or text[pos - 1] not in self._verb_last:
            return None
        for n in self.t.verb_lengths:
            if n <= pos and text[pos - n:pos] in self.t.verb_set:
                return text[pos - n:pos]
        return None

    def _in_frame(self, text: str, i: int) -> bool:
        """Whether the boundary character at ``i`` stands inside a set phrase of
        kg/data/name_boundary_frames.txt (退圩|还|湖), so it does not end a name."""
        return any(i >= at and rx.match(text, i - at) for at, rx in self.t.boundary_frames.get(text[i], ()))

    def _is_boundary(self, c: str) -> bool:
        """Whether the character ``c`` ends a name: punctuation, a digit, a boundary character
        (kg/data/function_chars.txt, name_boundary_chars.txt), a space or a symbol."""
        # a pure test of one character, asked for every character a name scan passes: memoised
        b = self._boundary_cache.get(c)
        if b is None:
            b = self._boundary_cache[c] = c in PUNCT or c in _DIGIT or c in self.t.boundary_chars \
                or c.isspace() or unicodedata.category(c)[0] in "PSZ"
        return b

    def _name_start(self, text: str, i: int, max_len: int, keep_verb: bool = False) -> tuple[int, str | None]:
        """Scan left from ``i`` for the start of a name; return (start, the verb before it).

        The scan stops at punctuation, a boundary character or a verb (kg/data/project_verbs.txt);
        a quoted term counts as one unit. With ``keep_verb`` (campaign heads), a verb that would
        leave fewer than two characters of name is taken into the name (落实 in
        扶贫政策落实大行动). (-1, None) when no start is found within ``max_len`` characters.
        """
        s, n = i, 0
        while s > 0 and n < max_len:
            c = text[s - 1]
            if c in QUOTE_CLOSE:
                # an opening quote more than 12 characters back is too far (the test below):
                # look no further back than that, not through the whole text before
                q = max(text.rfind(o, max(0, s - 13), s - 1) for o in QUOTE_OPEN)
                if q < 0 or s - 1 - q > 12:
                    break
                n += s - q
                s = q
                continue
            if c in _LINE_DIGITS and text.startswith(_LINE_WORDS, s):
                # 轨道交通5|号线二期工程: a line's number is part of its name
                while s > 0 and text[s - 1] in _LINE_DIGITS:
                    s -= 1
                    n += 1
                continue
            if self._is_boundary(c) and not self._in_frame(text, s - 1):
                break
            classifiers = self._classifiers_by_last.get(c)  # None for most characters
            if classifiers is not None:
                cl = next((x for x in classifiers if text.endswith(x, 0, s)), None)
                if cl is not None and s - len(cl) > 0 and text[s - len(cl) - 1] in _NUMERAL:
                    break  # a count ends here: 5项|市级疏堵工程
            verb = self._verb_ending(text, s)
            if verb is not None and (n >= 2 or not keep_verb) and not (n == 0 and verb in self.t.name_verbs):
                return s, verb
            s -= 1
            n += 1
        if n > max_len or (n == max_len and s > 0 and not self._is_boundary(text[s - 1])
                           and self._verb_ending(text, s) is None):
            return -1, None
        return s, self._verb_before(text, s)

    def _verb_before(self, text: str, pos: int) -> str | None:
        """The verb of kg/data/project_verbs.txt that ends at ``pos`` or before an aspect particle
        there (实施了|…), or None."""
        j = pos
        while j > 0 and text[j - 1] in _SKIP_BEFORE_VERB:
            j -= 1
        return self._verb_ending(text, j)

    def _word_start(self, text: str, start: int, end: int) -> int:
        """Move a name's start back to the start of the word it cuts (jieba): 就|业培训… -> 就业培训…,
        要|素市场化… -> 要素市场化…; a start on a word boundary stays."""
        v = self._verb_ending(text, start)
        lo = max(0, start - 6)
        # the words around the start are all it needs: a window, not the whole name (jieba costs
        # ~2 µs per character)
        for word, ws, we in _tokenize(text[lo:min(end, start + 10)]):
            if ws + lo < start < we + lo:
                if v is not None and start - len(v) < ws + lo:
                    return start  # 推进|入黄排水沟…: jieba's 进入 starts inside the verb, not the name
                return ws + lo if word not in self.t.verb_set else start
            if ws + lo >= start:
                break
        return start

    def _projects(self, text: str, by_cat, places: list[Mention], agencies: list[Mention]) -> list[Mention]:
        out: list[Mention] = []
        spans: set[tuple[int, int]] = set()

        def emit(start, end, rule, subtype=None, conf=0.8, attrs=()) -> bool:
            name = text[start:end]
            if (start, end) in spans or not name.strip():
                return False
            spans.add((start, end))
            out.append(Mention("Project", name, start, end, rule, name, subtype, conf, attrs))
            return True

        for h in by_cat["campaign"]:
            name, part_of = h.payload
            emit(h.start, h.end, RULE_PROJECT_CAMPAIGN, "Campaign", 1.0, (("canonical", name), ("part_of", part_of)))
        place_spans = [(m.start, m.end) for m in places]
        place_sorted = sorted(place_spans)
        place_site_start = {m.start for m in places if m.subtype == "WaterBody" or not m.attributes.get("keys")}
        place_at_end = {e: s for s, e in place_spans}
        place_starts = {s for s, _ in place_spans}  # (…养殖项目由|北井子镇负责: a town acts)
        place_end_at = {s: e for s, e in place_spans}
        agency_ends = {m.end for m in agencies}
        agency_starts = {m.start for m in agencies}
        heads = self._longest(by_cat["head"])
        prev_intro = {}  # enumeration: end of an accepted weak-head item -> True
        head_emitted: dict[int, Mention] = {}  # end -> the head-word project ending there

        def merge_into(h: Hit) -> None:
            """Extend the head-word project ending at ``h.start`` over the head ``h``."""
            prev = head_emitted.pop(h.start)
            out.remove(prev)
            spans.discard((prev.start, prev.end))
            if emit(prev.start, h.end, RULE_PROJECT_HEAD, prev.subtype, prev.confidence):
                head_emitted[h.end] = out[-1]
        for h in heads:
            strength, campaign, max_name, min_name = self.t.heads[h.payload]
            if text.startswith(self.t.head_compounds, h.start):
                continue  # 工程|机械, 工程师, 项目部: a word the head word opens, no project's end
            start, verb = self._name_start(text, h.start, max_name, keep_verb=campaign and strength == "strong")
            if (start == h.start or text[start:h.start] in self.t.stop_names) and verb is not None \
                    and verb not in self.t.introducers and strength == "strong":
                # 建设|库区生态产品价值实现|示范区, 推进|冰雪旅游环线公路提升|改造工程: a verb right before
                # a strong head (or before a stop name) is the name's own when an introducing verb
                # bounds the name before it
                s2, v2 = self._name_start(text, start - len(verb), max_name - len(verb))
                if s2 >= 0 and v2 in self.t.introducers and s2 < start - len(verb):
                    start, verb = s2, v2
            if start < 0 and text.endswith(self._head_words, 0, h.start):
                # a head word right before: it named the project (…迁建项目|建设), or this head goes on
                # with it (北京中轴线保护传承三年行动|计划)
                if h.start in head_emitted:
                    if h.payload not in self._generic_nouns:
                        merge_into(h)
                    continue
                # (修复|工程 with no project before it: the longer scan below may still find one)
            if start < 0:
                # a name that opens with a place, or a campaign's or strong head's that an introducing
                # verb opens, may run a few characters longer (乌珠穆沁草原矿区生态环境综合|整治, 上海援疆莎车纺织服装产业园二期|项目,
                # 开展|农村公路安全生命防护工程提质|行动)
                start, verb = self._name_start(text, h.start, max_name + _INTRODUCED_NAME_EXTRA,
                                               keep_verb=campaign and strength == "strong")
                k = bisect.bisect_left(place_sorted, (start, -1))
                opens_place = 0 <= start and h.start - start <= max_name + _PLACE_NAME_EXTRA \
                    and k < len(place_sorted) and place_sorted[k][0] == start
                if start < 0 or not opens_place and not (
                        (campaign or strength == "strong") and verb in self.t.introducers
                        and _QUOTE_OPEN_SET.isdisjoint(text[start:h.start])):
                    continue
            if strength == "weak" and verb not in self.t.introducers:
                # 实施|汽车以旧换新行动, 实施|阳澄湖生态优化行动: the scan stopped at a function word or
                # a verb inside the name; an introducing verb a little further left bounds it
                start, verb = self._introduced_start(text, start, h.start, max_name, verb)
            if start >= 1 and (text[start - 1].isdigit() or text[start - 1] in _CAPACITY_LAST or text[start].isascii()):
                cap = next((c for c in _CAPACITY.finditer(text, max(0, start - 16), min(h.start, start + 6))
                            if c.start() < start <= c.end()), None)
                if cap is not None and h.start - cap.end() >= 2:
                    # 年产10GW|光伏组件项目, 20万千瓦|光伏发电项目: the capacity is part of the name
                    start = cap.start()
                    v = self._verb_ending(text, start)
                    verb = v if v is not None else verb
            if 4 <= start < h.start and text[start] == "年" and YEAR.match(text, start - 4):
                # 启动|2024年城市更新攻坚行动: the year the scan stopped at is part of the name
                start -= 4
                verb = self._verb_before(text, start)
            lead = next((w for w in self._time_lead if text.startswith(w, start, h.start)), None)
            if lead is not None:
                start += len(lead)  # 上半年|…: a period opens no name
            name = text[start:h.start]
            if len(name) < 2 or name in self.t.stop_names or start in agency_ends:
                if not (h.payload in ("攻坚战", "保卫战") and len(name) >= 2):
                    continue
            nxt = text[h.end:h.end + 1]
            has_quote = not _QUOTE_OPEN_SET.isdisjoint(name)
            # a place inside the name: the first place starting at or after ``start`` ends early enough
            has_place = False
            for k in range(bisect.bisect_left(place_sorted, (start, -1)), len(place_sorted)):
                ps, pe = place_sorted[k]  # (by index: a slice would copy the rest of the list per head)
                if ps >= h.start:
                    break
                if pe <= h.start:
                    has_place = True
                    break
            if name in self.t.levels or (len(name) < min_name and not has_quote):
                continue
            if min_name > 2 and any(name.startswith(lv) and len(name) - len(lv) < min_name for lv in self.t.levels):
                continue  # 自治区|就业平台: a level's own kind of a generic head, not a named one
            # a task told passively: 古民居修缮|由镇规划建设办公室牵头
            passive = nxt == "由" and (h.end + 1 in agency_starts or (
                h.end + 1 in place_starts and text.startswith(_CHARGE_VERBS, place_end_at[h.end + 1])))
            # 位于|凤凰湖产业园: a park that stands somewhere, not one being built (a place)
            sited = h.payload in self.t.site_heads and text.endswith(self.t.site_verbs, 0, start)
            if strength == "weak" and _COUNT_AFTER.match(text, h.end):
                continue  # 实施2024年城市更新项目|37个: a count of a kind of project, not one
            if name in self.t.heads and h.start in head_emitted:
                merge_into(h)  # …基本单元建设三年行动|计划: the head word before ends the name before it
                continue
            if strength != "strong" and not passive:  # weak, or phrase_end (…化改造: no introducer needed)
                if nxt and _CJK.match(nxt) and nxt not in self.t.boundary_chars \
                        and not self._generic_after(text, h.end, h.payload) and not text.startswith(self.t.head_predicates, h.end):
                    continue  # the head word is part of a longer word (专项目标, 治理思路; not 改造|工作)
            if strength == "weak":
                item_of_list = start > 0 and text[start - 1] == "、" and prev_intro.get(start - 1)
                # 年产3万吨草莓精深加工项目|落户东港经济开发区: a clause's subject sited by its predicate
                subject = (start == 0 or text[start - 1] in _CLAUSE_OPENERS) \
                    and text.startswith(self.t.subject_predicates, h.end) \
                    and _word_tags().get(_cut(name)[0], ("", 0))[0] != "v"  # (not 争取|更多…项目落地)
                introduced = verb in self.t.introducers or passive or sited or subject \
                    or self._introducing_modifier(text, start, place_sorted)
                if not (has_quote or has_place or introduced or item_of_list):
                    continue
                if not (has_quote or has_place) and len(name) < 3 and len(h.payload) < 3:
                    continue  # 建设|新城 is a kind; a longer head is specific enough (建设氢能|产业园)
            prev_intro[h.end] = True
            start = self._word_start(text, start, h.end)
            # 弥苴河、永安江、罗时江|生态廊道建设: a name that opens with a lake, river or site takes
            # the ones listed before it (not divisions: 中北镇、|精武镇背街里巷整治 is the towns' task,
            # kg.extractor links it to both)
            while start in place_site_start and text[start - 1:start] == "、" and start - 1 in place_at_end \
                    and place_at_end[start - 1] in place_site_start:
                start = place_at_end[start - 1]
            if sited:
                out.append(Mention("Place", text[start:h.end], start, h.end, RULE_PLACE_SITED, text[start:h.end],
                                   "District", 0.6, _UNKEYED))
                bisect.insort(place_sorted, (start, h.end))  # (位于三教产业园的|高性能新材料项目)
                continue
            if emit(start, h.end, RULE_PROJECT_HEAD, "Campaign" if campaign else None,
                    0.6 if strength == "weak" else 0.8):
                head_emitted[h.end] = out[-1]
        # “…” names: a quoted term that ends in a head word, that a head word follows, or that an
        # introducing verb takes (a run of quoted terms shares the verb: 扩展“鹿城健康365”“健康包头”平台)
        verb = None
        last_end = -1
        for mt in re.finditer(r"[“\"]([^“”\"\s，。；、,;：:（）()]{2,14})[”\"]", text):
            inner = mt.group(1)
            if _PLAN_PERIOD.match(inner):
                continue  # “十四五” is a period, not an undertaking
            if mt.start() - last_end > 1:
                verb = self._verb_before(text, mt.start())
            last_end = mt.end()
            head_after = text.startswith(self._head_words, mt.end())
            if inner.endswith(self._head_words) or verb in self.t.introducers or head_after \
                    or _CAMPAIGN_TERM.fullmatch(inner):
                if not any(s <= mt.start() and mt.end() <= e for s, e in spans):
                    emit(mt.start(), mt.end(), RULE_PROJECT_QUOTED, None, 0.6)
        # 《…》 titles that end in a plan word
        for mt in re.finditer(r"《([^《》\n]{2,80})》", text):
            # a period or a status in brackets after the plan word: …三年行动计划（2023—2025年）, …办法（试行）
            title = TITLE_NOTE.sub("", mt.group(1))
            if title.endswith(self._head_words) or re.search(r"(意见|办法|条例|规定|纲要|通知|措施|细则|政策|要点|决定)$", title):
                emit(mt.start(), mt.end(), RULE_PROJECT_BOOK, None, 0.8)
        # 轨道交通15号线一期, 渝湘高速复线, 长株潭城际轨道西环线: kg/data/project_patterns.tsv
        for mt in self.t.project_patterns.finditer(text) if self.t.project_hint.search(text) else ():
            s, e = mt.span()
            if mt.lastgroup == "tail":
                s, _ = self._name_start(text, s, 6)
                if s < 0 or s == mt.start():
                    continue  # (城际铁路 alone is the kind)
            elif s and _CJK.match(text[s - 1]) and text[s - 1] not in self.t.boundary_chars \
                    and self._verb_ending(text, s) is None and text[s - 1] != "和":
                continue  # a word runs into it from the left
            if mt.lastgroup == "built" and not self.t.project_context.search(
                    text, _clause_start(text, s), _clause_end(text, e)):
                continue  # 紧邻地铁4号线: a line, not its construction
            if any(ps <= s and e <= pe and (ps, pe) != (s, e) for ps, pe in spans):
                continue  # inside a longer project name (轨道交通5号线二期工程)
            emit(s, e, RULE_PROJECT_PATTERN, None, 0.7)
            while self.t.project_items is not None and text.startswith("、", e):
                it = self.t.project_items.match(text, e + 1)
                if it is None:
                    break
                e = it.end()
                emit(it.start(), e, RULE_PROJECT_PATTERN, None, 0.6)
        # A、B等重点项目: each item of the list is a project (the pattern is slow, trying every
        # character; every match holds 等重, so texts without it are skipped, and the search
        # starts at the clause of the first 等重: no list crosses a clause's end)
        first = text.find("等重")
        lists = _PROJECT_LIST.finditer(text, _clause_start(text, first)) if first >= 0 else ()
        for mt in lists:
            pos = mt.start(1)
            for item in mt.group(1).split("、"):
                s = pos
                e = pos + len(item)
                pos = e + 1
                vs, _ = self._name_start(text, e, 10)
                s = max(s, vs) if vs >= 0 else s
                emit(s, e, RULE_PROJECT_LIST, None, 0.6)
        return out
