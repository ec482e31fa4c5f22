"""Doc -> entities, targets and relations, each with its provenance and the rule that made it.

:func:`extract_document` runs the spaCy pipeline over a :class:`~kg.model.Document`, resolves
the mentions (:mod:`kg.resolve`) and applies the relation rules:

==========================  ===============================================================
rule id                     what it links
==========================  ===============================================================
partOf.gazetteer            a division to its nearest ancestor that the article also names
partOf.adjacent             黄陂区赵畈村: the second place to the first, when the table allows
partOf.sibling              皇城镇、祁丰藏族乡: a town the table lacks, to the parent of the town before it
partOf.listed               和顺镇辖水碓村、十字路村: each village of a town's list to the town
partOf.name_prefix          镇远古城 -> 镇远县, 福建晋江经济开发区 -> 晋江市: a place the table lacks to
                            the named division its name opens with
partOf.campaign             a campaign to the campaign it is part of (精准脱贫攻坚战 -> 三大攻坚战)
locatedIn.name_place        a project whose name holds a place (南湖治理 -> 南湖), or opens with one listed
                            after others (中北镇、精武镇背街里巷整治 -> both towns)
locatedIn.at_place          在X区实施/建设…Y工程: the project after 在 + places + a short verb phrase
                            (also 会同 + towns: 会同X镇、Z镇推进Y项目)
locatedIn.next_clause       Y行动，在X镇、Z镇推广… / Y项目，涉及X镇等地: the places of the clause after
locatedIn.sited             Y项目落户X开发区 / Y项目位于X镇: the places after the project's siting word
responsibleFor.speaker      X负责人表示/介绍: X for the projects of its statement
responsibleFor.lead         X牵头 / 牵头单位：X / 责任单位：X for the projects of that item
responsibleFor.charged      由X负责/牵头 for the projects of its sentence before it (else of its clause
                            after it); X负责的Y for Y
responsibleFor.subject      X、Y要/负责/将… at the head of a clause: X and Y for the projects after it
setBy.sentence_agency       the agency that 召开…提出 / 印发 / 要求 in the target's sentence (the first
                            of its list: 镇党委、镇政府制定…提出 -> 镇党委)
setBy.meeting               the convener of the article's meeting (国务院常务会议, 市委…全会) for
                            the targets after 会议要求/全会强调… in a paragraph with no speaker; not
                            a meeting whose spirit is relayed (传达学习省委常委会会议精神)
setBy.subject               the agency subject of the target's clause (市河长办将组织…建成100条)
setBy.speaker               the speaker whose statement holds the target
setBy.issuer                else the article's issuer, by its title: X、Y关于印发…的通知, X召开…, X：…,
                            X工作报告 (the first of the list)
concerns.clause             a project named in the target clause, else the first of its sentence
concerns.item               else the project of its numbered item's heading ((二)实施…行动。)
concerns.anaphor            else the plan its paragraph refers to (按照方案，/ 方案提出，)
concerns.document           else the plan the article issues (关于印发《X》的通知, 《X》现印发给你们)
==========================  ===============================================================

A statement's scope runs from "X负责人表示" (or the quotation right before it, not the start of its
paragraph) to the end of that paragraph and on
through the following paragraphs until another speaker or agency subject begins, or a heading.
"""
from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import replace
from typing import Any, NamedTuple

from .gazetteer import load_gazetteer, rule_words
from .model import Document, Entity, Extraction, Mention, Provenance, Relation
from .nlp import get_pipeline
from .nlp.components import MENTIONS, find_mentions
from .nlp.script import to_simplified
from .nlp.sentences import is_heading, paragraph_spans, sentence_spans
from .resolve import Resolved, resolve

__all__ = ["extract_document", "extract_mentions"]

_SURROGATE = re.compile("[\ud800-\udfff]")
_SPEAKER = re.compile(r"(?:相关)?(?:主要)?负责(?:人|同志)(?:在[^，。]{0,12})?(?:表示|介绍|说|称|指出|透露|强调|坦言|告诉)")
_SETTER = re.compile(r"召开|提出|指出|要求|强调|印发|部署|发布|明确|审议通过|通过了")
# 牵头单位：X、Y / 责任单位：X (the list after), or X牵头 (the agencies before)
# the article's meeting and its convener: 国务院总理主持召开国务院常务会议, 市委召开十二届九次全会
_MEETING_CALL = re.compile(r"(?:(?:党组)?(?:副?总理|副?书记|市长|省长|区长|县长|主任|主席))?(?:主持)?召开(?:了)?"
                           r"[^。；！？，、]{0,24}?(?:" + "|".join(map(re.escape, rule_words("meeting_nouns"))) + ")")
_MEETING_NAME = re.compile(r"(?:第?[一二三四五六七八九十]+届)?(?:第?[一二三四五六七八九十百零〇\d]+次)?"
                           r"(?:常务会议|常委会会议|常委会|全体(?:[（(]扩大[）)])?会议|全会)")
_MEETING_SAYS = re.compile(r"(?:会议|全会)(?:还)?(?:指出|要求|强调|提出|认为|明确|决定|部署|号召|确定)")
_TOLD = r"要(?![求素点件闻是])|负责(?!人|同志)"  # what a body told to act takes after it
_CHARGE_WORD = r"(?:负责|牵头)(?![人同])"  # 由X负责, 由X牵头 (not 负责人): X is charged
_CHARGE = re.compile(_CHARGE_WORD)
_DUTY = re.compile(_TOLD + r"|将(?![近来军])")
_QUOTE_PAIRS = {"”": "“", "」": "「", "』": "『", "\"": "“\""}  # closing quote -> its opening quotes
_LEAD = re.compile(r"(?P<list>(?:牵头|责任|主责)(?:考核|实施)?(?:单位|部门)[:：]?)|牵头")
_LEAD_WORDS = ("牵头", "责任", "主责")  # every match of _LEAD holds one of them
_PLAN_NAME = re.compile(r"(计划|方案|规划|意见|要点|办法|措施)》?(（[^）]*）)?》?$")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")
_SENTENCE_END = re.compile(r"[。；;！？!?]")


def _pipeline_text(document: Document) -> str:
    """The text the pipeline reads: a traditional-script text through its simplified copy."""
    # lone surrogates (possible in a str, never in a file) cannot be encoded: U+FFFD keeps offsets
    return to_simplified(_SURROGATE.sub("\ufffd", document.text))


def _doc_for(document: Document):
    """Run the pipeline over the document: the spaCy Doc, with spans and sentence starts."""
    nlp = get_pipeline()
    text = _pipeline_text(document)
    doc = nlp.make_doc(text)
    doc.user_data["govkg.text"] = text
    if document.date is not None:
        doc.user_data["date"] = document.date
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def _mentions_for(document: Document) -> list[Mention]:
    """``_doc_for(document).user_data["govkg.mentions"]``, found without building the Doc.

    The build needs only the components' mentions (offsets into the text), never the tokens or
    spans, so it asks each component for them directly (:func:`kg.nlp.components.find_mentions`);
    a pipeline with a component that cannot do that is run as a whole.
    """
    found = find_mentions(get_pipeline(), _pipeline_text(document), document.date)
    if found is None:
        return _doc_for(document).user_data[MENTIONS]
    return found


def extract_mentions(text: str, date=None, doc_id: str = "text") -> list[Mention]:
    """The mentions of one text, sorted by offset.

    Each :class:`Mention` has the label, surface text and character offsets of its span;
    ``name`` is the resolved canonical name and ``attributes["id"]`` the node id. A relative
    agency name the text does not pin down (区委 with no district named) is kept with
    ``attributes["unresolved"]`` and no id: it makes no graph node. Mentions that stand for
    nothing (a short form far from the text's places) are left out.
    """
    raw = _original_surfaces(_mentions_for(Document(id=doc_id, text=text, date=date)), text)
    resolved, _ = resolve([m for m in raw if m.label != "Target"], load_gazetteer(), doc_id)
    out = [replace(r.mention, name=r.name, subtype=r.subtype,
                   attrs=r.mention.attrs + (("id", r.id or None), ("types", r.extra_types),
                                            ("unresolved", bool(r.attrs.get("unresolved")))))
           for r in resolved]
    out += [m for m in raw if m.label == "Target"]
    return sorted(out, key=lambda m: (m.start, -m.end, m.label))


def _original_surfaces(mentions: list[Mention], text: str) -> list[Mention]:
    """Mentions with ``text`` taken from the original (maybe traditional-script) text; their
    ``name`` stays the simplified form the rules matched."""
    return [m if text[m.start:m.end] == m.text else replace(m, text=text[m.start:m.end]) for m in mentions]


class _Sentences:
    def __init__(self, text: str):
        self.spans = sentence_spans(text)
        self.starts = [s for s, _ in self.spans]
        self.text = text
        self._texts: dict[tuple[int, int], str] = {}

    def of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        return self.spans[max(i, 0)] if self.spans else (0, len(self.text))

    def text_of(self, span: tuple[int, int]) -> str:
        """The sentence's text, one str per sentence: every provenance in it shares the object,
        so an extraction pickled to the parent process carries each sentence once."""
        t = self._texts.get(span)
        if t is None:
            t = self._texts[span] = self.text[span[0]:span[1]]
        return t


class _Paragraphs:
    def __init__(self, text: str):
        self.spans = paragraph_spans(text)
        self.starts = [s for s, _ in self.spans]


class _ByStart:
    """Resolved mentions by start offset: the ones starting in a range, in their list order
    (what a scan of the whole list would give, without the scan: long texts stay linear)."""

    def __init__(self, items: list[Resolved]):
        self.items = items
        self.order = sorted(range(len(items)), key=lambda i: items[i].mention.start)
        self.starts = [items[i].mention.start for i in self.order]

    def starting_in(self, lo: int, hi: int) -> list[Resolved]:
        """Items with ``lo <= mention.start <= hi``, in list order."""
        a, b = bisect.bisect_left(self.starts, lo), bisect.bisect_right(self.starts, hi)
        return [self.items[i] for i in sorted(self.order[a:b])]


def _prov(doc: Document, sents: _Sentences, start: int, end: int, rule: str, conf: float) -> Provenance:
    span = sents.of(start)  # sents is over doc.text
    return Provenance(doc.id, start, end, sents.text_of(span), span[0], rule, conf)


def extract_document(document: Document) -> Extraction:
    """Entities, targets and relations of one document, with provenance."""
    gaz = load_gazetteer()
    text = document.text
    mentions = _original_surfaces(_mentions_for(document), text)
    resolved, ctx = resolve([m for m in mentions if m.label != "Target"], gaz, document.id)
    resolved = [r for r in resolved if not r.attrs.get("unresolved")]  # no node for an unknown 区委
    targets = [m for m in mentions if m.label == "Target"]
    sents = _Sentences(text)

    entities: dict[str, dict] = {}

    def add_entity(r: Resolved) -> None:
        e = entities.get(r.id)
        if e is None:
            e = entities[r.id] = {"kind": r.kind, "name": r.name, "aliases": set(), "subtype": r.subtype,
                                  "types": set(r.extra_types), "prov": [],
                                  "attrs": {k: v for k, v in r.attrs.items() if k not in ("parent", "part_of", "within")}}
        e["aliases"].update(r.aliases)
        if r.surface_alias:
            e["aliases"].add(r.mention.text)
        e["types"].update(r.extra_types)
        e["prov"].append(_prov(document, sents, r.mention.start, r.mention.end, r.mention.rule, r.mention.confidence))

    resolved, told = _acting_places(text, _convening_place(text, resolved, gaz), gaz)
    for r in resolved:
        add_entity(r)

    relations: dict[tuple[str, str, str], list[Provenance]] = defaultdict(list)
    recorded: set[tuple] = set()  # (s, p, o, record) already in relations

    def relate(s: str, p: str, o: str, start: int, end: int, rule: str, conf: float) -> None:
        if s != o:
            record = _prov(document, sents, start, end, rule, conf)
            if (s, p, o, record) not in recorded:  # two mentions of one place at one span (南湖: a short form and a lake)
                recorded.add((s, p, o, record))
                relations[(s, p, o)].append(record)

    _place_relations(resolved, gaz, relate, text)
    for r in resolved:
        if r.kind == "Agency" and r.attrs.get("parent"):
            relate(r.id, "partOf", r.attrs["parent"], r.mention.start, r.mention.end, "partOf.nested_agency", 0.9)
    _campaign_relations(resolved, entities, relate)
    _project_relations(resolved, relate, text)
    _projects_at_places(text, resolved, relate)
    paras = _Paragraphs(text)
    speaker_of = _speaker_scopes(text, resolved, paras.spans)
    meeting_of = _meeting_scopes(text, resolved, paras.spans)
    _responsibility(resolved, speaker_of, text, relate, paras.spans)
    setting = _Setting(text, resolved, speaker_of, meeting_of, paras, told)

    # targets: nodes of their own, linked to their setter and project
    resolved_by_start = _ByStart(resolved)
    for t in targets:
        a = t.attributes
        tid = f"target/{document.id}/{t.start}-{t.end}"
        attrs = {k: a.get(k) for k in ("deadline", "time_phrase", "value", "unit", "approximate",
                                        "comparator", "metric", "value_text")}
        if attrs["deadline"] is not None:
            attrs["deadline"] = attrs["deadline"].isoformat()
        attrs["text"] = t.text
        entities[tid] = {"kind": "Target", "name": t.text, "aliases": set(), "subtype": None, "types": set(),
                         "attrs": attrs, "prov": [_prov(document, sents, t.start, t.end, t.rule, t.confidence)]}
        _target_relations(tid, t, resolved_by_start, sents, text, relate, setting)

    ents = tuple(
        Entity(eid, e["kind"], e["name"], tuple(sorted(e["aliases"] - {e["name"]})), e["subtype"],
               tuple(sorted({**e["attrs"], "types": tuple(sorted(e["types"]))}.items())), tuple(e["prov"]))
        for eid, e in sorted(entities.items())
    )
    rels = tuple(Relation(s, p, o, tuple(pv)) for (s, p, o), pv in sorted(relations.items()))
    return Extraction(document, ents, rels)


# ---------------------------------------------------------------------------- relation rules
def _place_relations(resolved: list[Resolved], gaz, relate, text: str) -> None:
    places = sorted((r for r in resolved if r.kind == "Place"), key=lambda r: r.mention.start)
    by_key = {}
    for r in places:
        if r.key:
            by_key.setdefault(r.key, r)
    for r in places:
        if not r.key:
            if r.attrs.get("within") in by_key:  # 吴中区、高新区: the city's zone
                relate(r.id, "partOf", by_key[r.attrs["within"]].id, r.mention.start, r.mention.end,
                       "partOf.gazetteer", 0.8)
            continue
        for anc in gaz.ancestors(r.key):
            if anc.key in by_key:
                relate(r.id, "partOf", by_key[anc.key].id, r.mention.start, r.mention.end, "partOf.gazetteer", 1.0)
                break
    _named_after_division(places, by_key, gaz, relate)
    for a, b in zip(places, places[1:]):
        if a.mention.end == b.mention.start and a.id != b.id:
            if b.key and a.key and not gaz.is_within(b.key, a.key):
                continue  # the table says otherwise
            if b.key and a.key and any(anc.key in by_key and anc.key != a.key for anc in gaz.ancestors(b.key)
                                       if gaz.is_within(anc.key, a.key)):
                continue  # a nearer named ancestor already holds it
            relate(b.id, "partOf", a.id, a.mention.start, b.mention.end, "partOf.adjacent", 0.9)
    # a town's list of villages: 和顺镇辖水碓村、十字路村、和顺社区 (each village partOf the town)
    head, joins = None, rule_words("village_list_verbs")
    for a, b in zip(places, places[1:]):
        between = text[a.mention.end:b.mention.start]
        if between in joins and (not a.key or (d := gaz.get(a.key)) is None or d.level in ("county", "town")):
            head = a
        elif not (between == "、" and head is not None):
            head = None
            continue
        village = not b.key or ((d := gaz.get(b.key)) is not None and d.level == "village")
        if head is not None and village and head.id != b.id:
            relate(b.id, "partOf", head.id, head.mention.start, b.mention.end, "partOf.listed", 0.8)
    # 皇城镇、祁丰藏族乡: a town the table lacks, listed right after one it has, shares its parent
    for a, b in zip(places, places[1:]):
        if b.key or not a.key or text[a.mention.end:b.mention.start] != "、" or (d := gaz.get(a.key)) is None \
                or d.level != "town" or not b.name.endswith(_TOWN_ENDS):
            continue
        parent = next((by_key[anc.key] for anc in gaz.ancestors(a.key) if anc.key in by_key), None)
        if parent is not None and parent.id != b.id:
            relate(b.id, "partOf", parent.id, a.mention.start, b.mention.end, "partOf.sibling", 0.7)


_TOWN_ENDS = ("镇", "乡", "街道")
_REGION_WORDS = tuple(rule_words("region_words"))  # 江汉|平原: larger than the division it opens with
_LEVEL_DEPTH = {"province": 0, "city": 1, "county": 2, "town": 3, "village": 4}


def _named_after_division(places: list[Resolved], by_key: dict, gaz, relate) -> None:
    """镇远古城, 巴楚县工业园区, 福建晋江经济开发区, 温泉社区: a place the table lacks whose name opens
    with a division the article names (its full name or a short form; a province's may come
    first) is part of that division: the longest such opening, of two as long the lower level
    (大理古城: 大理市, not 大理州)."""
    forms: dict[str, list[tuple[int, str, Any]]] = defaultdict(list)  # first two chars -> (form, division)
    for key, r in by_key.items():
        d = gaz.get(key)
        if d is None or d.level not in _LEVEL_DEPTH:
            continue
        stem = (d.name[:-1],) if d.name[-1] in "市县区旗镇乡" and len(d.name) >= 3 else ()  # (大理市: 大理)
        for f in {d.name, *d.short, *d.variants, *stem}:
            if len(f) >= 2:
                forms[f[:2]].append((_LEVEL_DEPTH[d.level], f, r))
    if not forms:
        return
    provinces = [f for fs in forms.values() for depth, f, _ in fs if depth == 0]
    for r in places:
        name = r.name
        if r.key or len(name) < 3:
            continue
        lead = next((f for f in provinces if name.startswith(f) and len(name) > len(f) + 2), "")
        best = None
        for i in {0, len(lead)}:
            for depth, f, d in forms.get(name[i:i + 2], ()):
                if name.startswith(f, i) and len(name) - i - len(f) >= 2 and d.id != r.id and depth > (0 if i else -1) \
                        and not name.startswith(_REGION_WORDS, i + len(f)):
                    if best is None or (len(f), depth) > best[:2]:
                        best = (len(f), depth, d)
        if best is not None:
            relate(r.id, "partOf", best[2].id, r.mention.start, r.mention.end, "partOf.name_prefix", 0.7)


def _campaign_relations(resolved: list[Resolved], entities: dict, relate) -> None:
    ids = {r.name: r.id for r in resolved if r.kind == "Project"}
    for r in resolved:
        parent = r.attrs.get("part_of")
        if r.kind == "Project" and parent and parent in ids:
            relate(r.id, "partOf", ids[parent], r.mention.start, r.mention.end, "partOf.campaign", 1.0)


def _project_relations(resolved: list[Resolved], relate, text: str) -> None:
    places = _ByStart([r for r in resolved if r.kind == "Place"])
    by_end = {r.mention.end: r for r in resolved if r.kind == "Place"}
    for p in resolved:
        if p.kind != "Project":
            continue
        m = p.mention
        for pl in places.starting_in(m.start, m.end):
            n = pl.mention
            if m.start <= n.start and n.end <= m.end:
                relate(p.id, "locatedIn", pl.id, m.start, m.end, "locatedIn.name_place", 0.8)
        # 中北镇、精武镇背街里巷整治: a name that opens with a place is also at the places listed before it
        if places.starting_in(m.start, m.start):
            for pl in _listed_before(text, m.start, by_end, ("、",)):
                relate(p.id, "locatedIn", pl.id, pl.mention.start, m.end, "locatedIn.name_place", 0.7)


def _listed_before(text: str, start: int, by_end: dict[int, Resolved], joins: tuple[str, ...]) -> list[Resolved]:
    """The mentions listed right before ``start``, nearest first: each ends at a join word of
    ``joins`` that the next begins after (中北镇、|精武镇…; 农业农村厅会同|省财政厅、|省自然资源厅)."""
    out = []
    while (join := next((w for w in joins if text.endswith(w, 0, start)), None)) is not None \
            and (prev := by_end.get(start - len(join))) is not None:
        out.append(prev)
        start = prev.mention.start
    return out


_WITH = rule_words("with_place")  # 会同|小王庄镇、杨家泊镇|推进…: places that act with the agency
_AT = tuple(sorted(rule_words("at_place") + _WITH, key=len, reverse=True))  # 在|东西湖区, 落户|南川工业园区: the place a project is at follows
_CLAUSE_END = re.compile(r"[，。；！？,;!?：:\n的]")  # (在X区的…: X describes something, not where)
_CLAUSE_END_SITED = re.compile(r"[，。；！？,;!?：:\n]")  # after a siting verb: 落户X园区的Y项目 is Y at X
_AT_PLACE_GAP = 8  # characters between the places and the project: a verb phrase (实施, 加快建设)


def _projects_at_places(text: str, resolved: list[Resolved], relate) -> None:
    """在东西湖区实施府河综合整治工程: the project is located in the places after 在 (in a chain
    joined by 、/和), when it follows them in the same clause after a short verb phrase; and in
    those of the clause right after its name (:func:`_places_after_projects`)."""
    places = sorted((r for r in resolved if r.kind == "Place"), key=lambda r: r.mention.start)
    agencies = {r.mention.start for r in resolved if r.kind == "Agency"}  # 在市委领导下: no place
    projects = _ByStart([r for r in resolved if r.kind == "Project"])
    i = 0
    while i < len(places):
        first = places[i]
        s = first.mention.start
        at = next((w for w in _AT if text.endswith(w, 0, s)), None)
        if at is None or s in agencies:
            i += 1
            continue
        chain, i = _place_chain(places, i, text, agencies)
        end = chain[-1].mention.end
        for p in projects.starting_in(end, end + _AT_PLACE_GAP):
            if (_CLAUSE_END if len(at) == 1 or at in _WITH else _CLAUSE_END_SITED).search(text, end, p.mention.start) is None:
                for pl in chain:
                    relate(p.id, "locatedIn", pl.id, s - len(at), p.mention.end, "locatedIn.at_place", 0.7)
                break
    _places_after_projects(text, places, agencies, resolved, relate)


_WHERE_NEXT = tuple(rule_words("where_next"))
_DEADLINE_LEAD = re.compile(r"(?:\d{4}年(?:\d{1,2}月)?|\d{1,2}月|年|今年|明年)(?:底|中旬|上旬|下旬|末|内)?前?")


def _place_chain(places: list[Resolved], i: int, text: str, agencies: set[int]) -> tuple[list[Resolved], int]:
    """The chain of places from ``places[i]`` on, joined by 、/和/及/与 (黄陂区、新洲区和蔡甸区), and the
    index after it. A place that is also an agency's mention (在市委领导下) ends it."""
    chain, end = [places[i]], places[i].mention.end
    while i + 1 < len(places) and places[i + 1].mention.start == end + (text[end:end + 1] in "、和及与") \
            and places[i + 1].mention.start not in agencies:
        i += 1
        chain.append(places[i])
        end = places[i].mention.end
    return chain, i + 1


def _places_after_projects(text: str, places: list[Resolved], agencies: set[int], resolved: list[Resolved],
                           relate) -> None:
    """The places a chain names right after a project's name (``places`` in text order, ``agencies``
    the starts of agency mentions, as :func:`_projects_at_places` has them):

    - ``locatedIn.next_clause``: a clause that opens (after a deadline, if any) with a word of
      ``where_next``, right after the clause that ends with the name: 实施农业面源污染防治行动，在喜洲镇、
      上关镇推广…; …修复工程，10月底前完成皇城镇、祁丰藏族乡…;
    - ``locatedIn.sited``: a word of ``sited_after`` right after the name: 年产3万吨草莓精深加工项目落户
      东港经济开发区, …开发项目位于孤山镇."""
    index = {r.mention.start: k for k, r in enumerate(places)}
    for p in resolved:
        if p.kind != "Project":
            continue
        e = p.mention.end
        if text[e:e + 1] in "，,":
            lead = _DEADLINE_LEAD.match(text, e + 1)
            at, words, rule, conf = (lead.end() if lead else e + 1), _WHERE_NEXT, "locatedIn.next_clause", 0.6
        else:
            at, words, rule, conf = e, _SITED_AFTER, "locatedIn.sited", 0.7
        w = next((w for w in words if text.startswith(w, at)), None)
        k = index.get(at + len(w)) if w else None
        if k is None or places[k].mention.start in agencies:
            continue
        chain, _ = _place_chain(places, k, text, agencies)
        for pl in chain:
            relate(p.id, "locatedIn", pl.id, p.mention.start, chain[-1].mention.end, rule, conf)


_SITED_AFTER = tuple(sorted(rule_words("sited_after"), key=len, reverse=True))


def _meeting_scopes(text: str, resolved: list[Resolved], paras: list[tuple[int, int]]
                    ) -> dict[int, tuple[Resolved, int]]:
    """Paragraph index -> the agency whose meeting speaks in it (会议指出/要求/强调…) and the offset
    it speaks from. The meeting is the article's first one with a convener: the agency right
    before 召开…会议 in one clause (市委召开全会), or the agency that names it (国务院常务会议); each
    statement goes to the latest such meeting before it. Nothing when the article reports none.
    A meeting whose spirit is relayed (传达学习省委常委会会议精神: ``relayed_before``) has no host here."""
    agencies = sorted((r for r in resolved if _agency_like(r) and r.id), key=lambda r: r.mention.start)
    relayed = rule_words("relayed_before")
    hosts = [a for a in agencies if (_MEETING_CALL.match(text, a.mention.end) or _MEETING_NAME.match(text, a.mention.end))
             and not any(w in _CLAUSE_SPLIT.split(text[max(0, a.mention.start - 6):a.mention.start])[-1] for w in relayed)]
    if not hosts:
        return {}
    starts = [h.mention.start for h in hosts]
    out: dict[int, tuple[Resolved, int]] = {}
    for i, (s, e) in enumerate(paras):
        mt = _MEETING_SAYS.search(text, s, e)
        k = bisect.bisect_right(starts, mt.start()) - 1 if mt is not None else -1
        if k >= 0:
            out[i] = (hosts[k], mt.start())  # the latest meeting convened before the statement
    return out


def _statement_start(text: str, para_start: int, speaker_start: int) -> int:
    """Where the statement of a speaker at ``speaker_start`` begins in its paragraph: at the
    speaker, or at the opening quote of the quotation that ends right before it
    (“水清、岸绿…的目标。”市水务局负责人表示: the quotation is the bureau's)."""
    i = speaker_start
    while i > para_start and text[i - 1] in " \u3000，,":
        i -= 1
    if i > para_start and text[i - 1] in _QUOTE_PAIRS:
        opening = max(text.rfind(q, para_start, i - 1) for q in _QUOTE_PAIRS[text[i - 1]])
        if opening >= para_start:
            return opening
    return speaker_start


def _speaker_scopes(text: str, resolved: list[Resolved], paras: list[tuple[int, int]]
                    ) -> dict[int, tuple[Resolved, int]]:
    """Paragraph index -> the agency speaking in it and the offset its statement starts from: the
    speaker's own mention in the paragraph that names it (what comes before is not its statement),
    the paragraph's start in the paragraphs that follow (see the module docstring)."""
    agencies = sorted((r for r in resolved if r.kind == "Agency" or "Agency" in r.extra_types),
                      key=lambda r: r.mention.start)
    starts = [a.mention.start for a in agencies]
    by_end: dict[int, int] = {}  # end offset -> the last agency (in list order) that ends there
    for k, a in enumerate(agencies):
        by_end[a.mention.end] = k
    out: dict[int, tuple[Resolved, int]] = {}
    current = None
    for i, (s, e) in enumerate(paras):
        if is_heading(text[s:e]):
            current = None
            continue
        speaker, since = None, s
        # every match holds 负责; the pattern (optional words first) would try every character
        for mt in (_SPEAKER.finditer(text, s, e) if text.find("负责", s, e) >= 0 else ()):
            # the last agency (in list order) that ends at most 2 characters before the match
            before = [by_end[x] for x in range(max(s, mt.start() - 2), mt.start() + 1) if x in by_end]
            if before:
                speaker = agencies[max(before)]
                break
        if speaker is not None:
            current, since = speaker, _statement_start(text, s, speaker.mention.start)
        elif current is not None:
            # an agency subject at the paragraph's start ends the previous statement (not a place
            # that acts: 结合武汉实际，我市正研究… goes on with the speaker's account)
            if any(agencies[k].id != current.id and agencies[k].kind == "Agency"
                   for k in range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, s + 12))):
                current = None
        if current is not None:
            out[i] = (current, since)
    return out


def _responsibility(resolved: list[Resolved], speaker_of: dict[int, tuple[Resolved, int]], text: str, relate,
                    paras: list[tuple[int, int]]) -> None:
    starts = [s for s, _ in paras]
    projects = [r for r in resolved if r.kind == "Project"]
    for p in projects:
        i = bisect.bisect_right(starts, p.mention.start) - 1
        sp, since = speaker_of.get(i, (None, 0))
        if sp is not None and p.mention.start >= since:
            relate(sp.id, "responsibleFor", p.id, p.mention.start, p.mention.end, "responsibleFor.speaker", 0.7)
    _subject_duties(resolved, projects, text, relate)
    if "负责" in text or "牵头" in text:
        _charged(text, resolved, projects, relate)
    # 牵头: in policy documents the lead agencies of an item stand after 牵头单位 or before 牵头
    if not any(w in text for w in _LEAD_WORDS):
        return  # (most articles have none: a plain search for the words is far cheaper than the pattern)
    agencies = _ByStart([r for r in resolved if r.kind == "Agency"])
    by_start = _ByStart(projects)
    for s, e in paras:
        for mt in _LEAD.finditer(text, s, e):
            pos, after = mt.start(), mt.group("list") is not None
            if after:  # the lead list runs to the end of its bracket or sentence
                ends = [x for x in (text.find("）", pos, e), text.find(")", pos, e), text.find("。", pos, e)) if x != -1]
                stop = min(ends) if ends else e
                leads = [a for a in agencies.starting_in(s, e + 1)
                         if mt.end() <= a.mention.start and a.mention.end <= stop + 1]
            else:  # 省商务厅牵头: the agencies just before the word
                leads = [a for a in agencies.starting_in(s, e) if s <= a.mention.start and a.mention.end <= pos
                         and pos - a.mention.end <= 30]
            led = [p for p in by_start.starting_in(s, e - 1) if s <= p.mention.start < e]  # the item: its paragraph
            if not after and _CJK_CHAR.match(text, mt.end()) and not any(text.endswith("由", 0, a.mention.start)
                                                                           for a in leads):
                # 市水务局要牵头推进Y: a verb goes on, and the rest of its sentence says what is led;
                # else only a plan of the paragraph (市工信局牵头抓好计划落实); not 工程由旗林业和草原局
                # 牵头组织实施, which leads the item's project before it
                m_end = _SENTENCE_END.search(text, mt.end(), e)
                hi = m_end.start() if m_end else e
                led = [p for p in led if mt.end() <= p.mention.start < hi] \
                    or [p for p in led if _PLAN_NAME.search(p.name)]
            for a in leads:
                for p in led:
                    relate(a.id, "responsibleFor", p.id, p.mention.start, p.mention.end, "responsibleFor.lead", 0.7)


def _charged(text: str, resolved: list[Resolved], projects: list[Resolved], relate) -> None:
    """由X、Y负责 (or 牵头) after a project in its sentence (实施背街里巷整治，由区城市管理委负责;
    畜禽养殖污染治理由市生态环境局牵头), or, when none is before it, before the projects of its clause
    (由县水务局牵头推进洪泽湖退圩还湖工程); and X负责的Y (区水务局负责的雨污混接点改造工程): X (and Y) for
    that project; not 负责人, 负责同志."""
    agencies = sorted((r for r in resolved if _agency_like(r) and r.id), key=lambda r: r.mention.start)
    for mt in _CHARGED.finditer(text):
        if mt.group("by") is not None:
            lo, hi = mt.start("by") + 1, mt.start("duty")
            who = [a for a in agencies if lo <= a.mention.start and a.mention.end <= hi]
            sent = max(text.rfind(c, 0, mt.start()) for c in "。；！？\n") + 1
            chosen = [p for p in projects if sent <= p.mention.start and p.mention.end <= mt.start()]
            if not chosen:  # 由县水务局牵头推进|洪泽湖退圩还湖工程: the project of its clause after it
                stop = min((i for i in (text.find(c, mt.end()) for c in "，。；！？\n") if i >= 0), default=len(text))
                chosen = [p for p in projects if mt.end() <= p.mention.start and p.mention.end <= stop]
        else:
            end = mt.start("duty2")
            who = [a for a in agencies if a.mention.end == end]
            chosen = [p for p in projects if p.mention.start == mt.end()]
        for a in who:
            for p in chosen:
                relate(a.id, "responsibleFor", p.id, p.mention.start, p.mention.end, "responsibleFor.charged", 0.6)


# 由…负责 (the agencies between), or an agency then 负责的 and the project
_CHARGED = re.compile(r"(?P<by>由)[^，。；：！？\n]{2,40}?(?P<duty>" + _CHARGE_WORD + r")|(?<=[\u4e00-\u9fff])(?P<duty2>负责)的")


def _agency_like(r: Resolved) -> bool:
    """An agency, or a place that is one too (合肥高新区 stands for its 管委会)."""
    return r.kind == "Agency" or "Agency" in r.extra_types


def _longest_at(items: list[Resolved], end: bool = False) -> dict[int, Resolved]:
    """Start (or end) offset -> the longest mention there (包头市人民政府办公室, not 包头市人民政府 in it)."""
    out: dict[int, Resolved] = {}
    for r in items:
        k = r.mention.end if end else r.mention.start
        if k not in out or len(r.mention.text) > len(out[k].mention.text):
            out[k] = r
    return out


class _Subject(NamedTuple):
    agencies: list[Resolved]  # 市发改委、市财政局: the coordinated agencies, in text order
    duty_end: int  # the end of 要/负责/将 after them
    stop: int  # the end of their clause chain: the sentence's end or the next agency subject


def _clause_subjects(text: str, agencies: list[Resolved], duty: re.Pattern = _DUTY) -> list[_Subject]:
    """市自然资源和规划局、市城管局要做好…: the agencies that open a clause, joined by 、/和, and take
    ``duty`` (要/负责/将), in text order; each governs its sentence up to the next agency that opens
    a clause (市住建局将加强扬尘管控，市交通运输局负责推进…)."""
    by_start = _longest_at(agencies)
    out = []
    for a in agencies:
        start = a.mention.start
        if start and text[start - 1] not in "，。；：！？\n　 ,;:":
            continue  # not at the head of a clause
        subject, end = [a], a.mention.end
        while end < len(text) and text[end] in "、和及与" and (nxt := by_start.get(end + 1)) is not None:
            subject.append(nxt)
            end = nxt.mention.end
        told = duty.match(text, end)
        if told is None:
            continue
        stop = min((x for x in (text.find(c, end) for c in "。；！？\n") if x != -1), default=len(text))
        stop = min([stop] + [b.mention.start for b in agencies if end < b.mention.start < stop
                             and text[b.mention.start - 1] in "，,"])
        out.append(_Subject(subject, told.end(), stop))
    return out


def _subject_duties(resolved: list[Resolved], projects: list[Resolved], text: str, relate) -> None:
    """The agencies of a clause subject (:func:`_clause_subjects`) are responsible for the projects
    of the rest of their clause chain."""
    agencies = sorted((r for r in resolved if _agency_like(r) and r.id), key=lambda r: r.mention.start)
    for subject in _clause_subjects(text, agencies):
        for p in projects:
            if subject.duty_end <= p.mention.start and p.mention.end <= subject.stop:
                for who in subject.agencies:
                    relate(who.id, "responsibleFor", p.id, p.mention.start, p.mention.end, "responsibleFor.subject", 0.6)


class _Setting:
    """Who set a target, and the article's own plan (see setBy.* and concerns.* in the module
    docstring): worked out once per article, asked once per target."""

    def __init__(self, text: str, resolved: list[Resolved], speaker_of: dict, meeting_of: dict, paras: "_Paragraphs",
                 told: frozenset[int] = frozenset()):
        self.text, self.speaker_of, self.meeting_of, self.paras = text, speaker_of, meeting_of, paras
        self.told = told  # id() of the places told to act (_acting_places): they set nothing
        self.agencies = sorted((r for r in resolved if _agency_like(r) and r.id), key=lambda r: r.mention.start)
        self.by_end = _longest_at(self.agencies, end=True)
        self.subjects = _clause_subjects(text, self.agencies)
        self.starts = [a.mention.start for a in self.agencies]
        self.subject_starts = [x.agencies[0].mention.start for x in self.subjects]
        self.projects = sorted((r for r in resolved if r.kind == "Project"), key=lambda r: r.mention.start)
        self.project_starts = [p.mention.start for p in self.projects]
        self.issuer, self.plan = _issuer(text, self.agencies, self.projects, paras.spans)
        self.government = _government_addressed(self.agencies, [self.issuer, *(h for h, _ in meeting_of.values())])
        self.item_of = self._item_projects()

    def _item_projects(self) -> dict[int, Resolved]:
        """Paragraph index -> the project its numbered heading names ((二)实施汽车以旧换新行动。…), or,
        in a numbered item with no short heading, the project its first sentence names
        (53．建立…全市物价信息服务平台，7月底前完成…。10月底完善…: the item's later targets are its)."""
        out = {}
        for i, (s, e) in enumerate(self.paras.spans):
            m = _ITEM_HEAD.match(self.text, s, e) or _ITEM_SENTENCE.match(self.text, s, e)
            if m is None:
                continue
            k = bisect.bisect_left(self.project_starts, m.start())
            if k < len(self.projects) and self.projects[k].mention.end <= m.end():
                out[i] = self.projects[k]
        return out

    def concerned(self, t: Mention, s: int) -> tuple[Resolved, str, float] | None:
        """The project of a target whose sentence names none: its item's heading, the plan a
        clause of its paragraph before it refers to (方案提出，…; 按照方案，…), else the plan the
        article issues."""
        i = bisect.bisect_right(self.paras.starts, t.start) - 1
        if i in self.item_of:
            return self.item_of[i], "concerns.item", 0.5
        text = self.text
        s = self.paras.starts[i] if i >= 0 else s  # (按照方案，…。到2025年，…: the paragraph follows it)
        m = _PLAN_REF.search(text, s, t.start)
        while m is not None and m.start() > s and text[m.start() - 1] not in "，,：:。；":
            m = _PLAN_REF.search(text, m.end(), t.start)  # (not 实施方案，: a clause must open with it)
        if m is not None:
            noun = m.group("noun")
            for p in reversed(self.projects[:bisect.bisect_left(self.project_starts, s)]):
                if _YEARS_TAIL.sub("", p.name.translate(_NAME_QUOTES)).endswith(noun):
                    return p, "concerns.anaphor", 0.5
        if self.plan is not None:
            return self.plan, "concerns.document", 0.4
        return None

    def first_of_list(self, a: Resolved) -> Resolved:
        """The first agency of the list that ``a`` ends (镇党委、镇政府制定…提出: 镇党委)."""
        while (s := a.mention.start) and self.text[s - 1] in _LIST_JOINS and (b := self.by_end.get(s - 1)) is not None:
            a = b
        return a

    def setter(self, t: Mention, s: int) -> tuple[Resolved, str, float] | None:
        """The setter of target ``t`` in the sentence starting at ``s``, with the rule and confidence.
        In a 政协 or 人大 story the government it addresses sets the targets its bodies report
        (setBy.government), unless another body's own statement in the sentence sets one."""
        found = self._setter(t, s)
        if self.government is not None and (found is None or found[1] != "setBy.sentence_agency"
                                            or _ADDRESSING.match(found[0].name)):
            return self.government, "setBy.government", 0.5
        return found

    def _setter(self, t: Mention, s: int) -> tuple[Resolved, str, float] | None:
        text = self.text
        before = [a for a in self.agencies[bisect.bisect_left(self.starts, s):bisect.bisect_left(self.starts, t.start)]
                  if a.mention.end <= t.start]
        said = [a for a in before if _SETTER.search(text, a.mention.end, min(t.start, a.mention.end + 40))]
        if said:
            return self.first_of_list(said[-1]), "setBy.sentence_agency", 0.8
        i = bisect.bisect_right(self.paras.starts, t.start) - 1
        sp, since = self.speaker_of.get(i, (None, 0))
        if sp is None:
            host, since = self.meeting_of.get(i, (None, 0))
            if host is not None and t.start >= since:
                return host, "setBy.meeting", 0.6
        if sp is not None and t.start >= since:
            return sp, "setBy.speaker", 0.6
        if self.issuer is not None:
            return self.issuer, "setBy.issuer", 0.5
        k = bisect.bisect_right(self.subject_starts, t.start) - 1
        # (a place told to act, 锦江区要…, is told by the meeting: it sets nothing)
        if k >= 0 and (subject := self.subjects[k]).agencies[0].mention.start >= s \
                and id(subject.agencies[0]) not in self.told \
                and subject.duty_end <= t.end and t.end <= subject.stop + 1:  # (the target may hold its subject)
            return subject.agencies[0], "setBy.subject", 0.6
        return None


# a body that advises or oversees a government (中国人民政治协商会议无锡市委员会, 桂林市人民代表大会常务委员会)
_ADDRESSING = re.compile(r"(?:中国人民政治协商会议|政协)(?P<place>.+?)委员会$"
                         r"|(?P<place2>.+?)(?:人民代表大会常务委员会|政治协商会议委员会)$")


def _government_addressed(agencies: list[Resolved], hosts: list[Resolved | None]) -> Resolved | None:
    """The government (X人民政府) of the place whose 政协 or 人大常委会 issues the story or hosts its
    meeting, when the story names that government; else None."""
    governments = {a.name: a for a in agencies if a.name.endswith("人民政府")}
    for h in hosts:
        m = _ADDRESSING.match(h.name) if h is not None else None
        if m is not None and (g := governments.get((m.group("place") or m.group("place2")) + "人民政府")) is not None:
            return g
    return None


_TITLE_LINES = 6  # paragraphs an article's title may take (a citation code and a link before it)
# a numbered item's heading sentence, short: （二）实施汽车以旧换新行动。 / 3. 推进…工程：
_ITEM_SENTENCE = re.compile(r"\s*\d{1,3}[.．、][^。；！？\n]{2,120}[。；]")  # 53．…first sentence。
_ITEM_HEAD = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,3}[.．、]|[一二三四五六七八九十]{1,3}、)"
                        r"[^。；！？：:\n]{2,40}[。：:]")
# a clause that opens on a plan named before: 方案提出，… / 按照方案，… / 《计划》明确…
_PLAN_REF = re.compile(r"(?:按照|根据|依据|对照)?(?:该|这一|此)?《?(?P<noun>方案|计划|意见|规划|纲要|办法)》?"
                       r"(?:提出|明确|要求|规定|指出|，|,)")
_NAME_QUOTES = str.maketrans("", "", "“”\"‘’「」『』《》〈〉")
_YEARS_TAIL = re.compile(r"[（(][^（()）]*[）)]$")  # 三年行动方案（2023—2025年）
_CLAUSE_SPLIT = re.compile(r"[，。；：！？,;:\n]")
_TITLE_YEAR = re.compile(r"\s*(?:19|20)\d{2}年度?")  # the year of a title's plan: …局|2024年|工作要点
_LIST_JOINS = "、和及与 　"  # between the agencies of a list (山东省发展和改革委员会 山东省能源局关于…)


_ACTING_LEVELS = ("city", "county", "town", "village")  # places that may act (a zone is an Agency already)
# what a place told to act takes after it: 要, 负责 (not 将: 岳阳县将迎来强降雨 is a forecast)
_PLACE_DUTY = re.compile(_TOLD)


def _acting_places(text: str, resolved: list[Resolved], gaz) -> tuple[list[Resolved], frozenset[int]]:
    """Places told to act (洱源县要抓好…, 华容县、君山区要…): a city, county, town or village that opens
    a clause, alone or in a list, before 要/负责 (:func:`_clause_subjects` with ``_PLACE_DUTY``), stands
    for its government, so that mention is an Agency too and takes the duties after it
    (responsibleFor.subject); so does one charged with a task (交由达茂旗牵头落实: responsibleFor.charged).
    Returns the list and the id() of the promoted mentions (a place told sets no target:
    :meth:`_Setting.setter`)."""
    places = sorted((r for r in resolved if r.kind == "Place" and r.id and "Agency" not in r.extra_types
                     and (d := gaz.get(r.key) if r.key else None) is not None and d.level in _ACTING_LEVELS),
                    key=lambda r: r.mention.start)
    if not places:
        return resolved, frozenset()
    acting = {id(p) for p in places if text.endswith("由", 0, p.mention.start) and _CHARGE.match(text, p.mention.end)}
    acting.update(id(p) for subject in _clause_subjects(text, places, _PLACE_DUTY) for p in subject.agencies)
    if not acting:
        return resolved, frozenset()
    out = _as_agency(resolved, lambda r: id(r) in acting)
    return out, frozenset(id(n) for n, r in zip(out, resolved) if n is not r)


def _as_agency(resolved: list[Resolved], chosen) -> list[Resolved]:
    """``resolved`` with the mentions ``chosen`` picks typed Agency too (a place that acts)."""
    return [replace(r, extra_types=r.extra_types + ("Agency",)) if chosen(r) else r for r in resolved]


def _convening_place(text: str, resolved: list[Resolved], gaz) -> list[Resolved]:
    """A title that opens with a place which convenes (大理州召开…会议, 晋江市召开…大会: the
    ``place_issue`` words) names the place as the body that acts: the place is an Agency too
    (like a development zone and its 管委会), so it can set the article's targets; every mention of
    it is, as it acts throughout the story. Provinces and countries are left alone (their
    governments are named: 河南省政府召开…). A title that names no such place leaves the lead
    sentence: a place right before 召开…会议 in it (9月24日，长春市朝阳区桂林街道召开…工作会议)."""
    def acting(r: Resolved | None) -> bool:
        d = gaz.get(r.key) if r is not None and r.key else None
        return r is not None and r.kind == "Place" and "Agency" not in r.extra_types \
            and d is not None and d.level in _ACTING_LEVELS

    for s, e in paragraph_spans(text)[:_TITLE_LINES]:
        line = text[s:e]
        if line.endswith(("。", "：", ":")):
            break
        first = min((r for r in resolved if r.mention.start == s and r.id), key=lambda r: -r.mention.end, default=None)
        if not acting(first) or not text.startswith(rule_words("place_issue"), first.mention.end):
            continue  # (a citation line or another title line may come first, as in _issuer)
        return _as_agency(resolved, lambda r: r.id == first.id)
    else:
        return resolved
    lead_end = text.find("。", s)
    lead_end = len(text) if lead_end < 0 else lead_end
    host = next((r for r in resolved if s <= r.mention.start and r.mention.end < lead_end and r.id and acting(r)
                 and _MEETING_CALL.match(text, r.mention.end)), None)
    return resolved if host is None else _as_agency(resolved, lambda r: r.id == host.id)


def _issuer(text: str, agencies: list[Resolved], projects: list[Resolved], paras: list[tuple[int, int]]
            ) -> tuple[Resolved | None, Resolved | None]:
    """The agency an article comes from, by its title, and the plan it issues, if any (``agencies``
    and ``projects`` in text order).

    The title lines are the paragraphs before the first that ends a sentence (or an addressee line,
    各市发展改革委，省有关部门：). One of them opening with a list of agencies and then a word of
    ``issuer_after`` (山东省发展和改革委员会 山东省能源局关于印发《…》的通知, 合肥高新区管委会召开…,
    苏州市水务局：…) gives the first agency of the list, and so does one before ``issuer_report``
    (2025年湖北省政府工作报告), and one whose line is its plan of the year (长春市住房和城乡建设局2024年
    工作要点: ``issuer_document``); after a word of ``plan_after`` (关于, 印发)
    the first project of that line is the issued plan; else the project a notice's body hands on
    (:func:`_issued_plan`)."""
    by_start = _longest_at(agencies)
    words, plan_words, reports = rule_words("issuer_after"), rule_words("plan_after"), rule_words("issuer_report")
    for s, e in paras[:_TITLE_LINES]:
        line = text[s:e]
        if line.endswith(("。", "：", ":")):
            break  # the body (or its addressees) begins
        a = by_start.get(s)
        if a is None:  # 2025年湖北省政府工作报告: the body whose report it is
            a = next((r for r in agencies if s <= r.mention.start and r.mention.end <= e
                      and text.startswith(reports, r.mention.end)), None)
            if a is not None:
                return a, _issued_plan(text, projects)
            continue
        end = a.mention.end
        while text[end:end + 1] in _LIST_JOINS and (b := by_start.get(end + 1)) is not None:
            end = b.mention.end
        word = next((w for w in words if text.startswith(w, end)), None)
        if word is None:
            if text.startswith(reports, end):  # 闵行区2024年政府|工作报告
                return a, _issued_plan(text, projects)
            yr = _TITLE_YEAR.match(text, end)
            if yr is not None and text[yr.end():e].rstrip().endswith(rule_words("issuer_document")):
                # 长春市住房和城乡建设局|2024年工作要点: the body's own plan of the year
                return a, _issued_plan(text, projects)
            continue
        plan = None
        if word in plan_words:
            plan = next((r for r in projects if end < r.mention.start and r.mention.end <= e), None)
        return a, plan or _issued_plan(text, projects)
    else:
        return _signed(text, agencies, paras), _issued_plan(text, projects)
    issuer, plan = _lead_issuer(text, agencies, projects, s)
    return issuer or _signed(text, agencies, paras), plan


_SIGNATURE_DATE = re.compile(r"\s*(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*$")


def _signed(text: str, agencies: list[Resolved], paras: list[tuple[int, int]]) -> Resolved | None:
    """The agency that signs a notice: its last paragraph is a date (2024年5月27日) and the one
    before it is that agency's name and nothing else; else None."""
    if len(paras) < 3 or not _SIGNATURE_DATE.match(text, paras[-1][0], paras[-1][1]):
        return None
    s, e = paras[-2]
    line = text[s:e].strip()
    s += len(text[s:e]) - len(text[s:e].lstrip())
    return next((a for a in agencies if a.mention.start == s and a.mention.end - s == len(line)), None)


def _lead_issuer(text: str, agencies: list[Resolved], projects: list[Resolved], s: int
                 ) -> tuple[Resolved | None, Resolved | None]:
    """The issuer and plan of a story whose title issues nothing, by its lead sentence (from ``s``):
    an agency, a word of ``lead_issue`` and a 《…》 plan right after it (近日，大同市人民政府印发
    《大同市推动能源绿色低碳转型实施方案（2023—2025年）》); else (None, the plan the body hands on)."""
    end = text.find("。", s)
    end = len(text) if end < 0 else end
    verbs = rule_words("lead_issue")
    for a in agencies:
        if a.mention.start < s:
            continue
        if a.mention.start >= end:
            break
        word = next((w for w in verbs if text.startswith(w, a.mention.end)), None)
        if word is None:
            continue
        at = a.mention.end + len(word)
        plan = next((r for r in projects if r.mention.start == at and text.startswith("《", at)), None)
        if plan is not None:
            # 黑龙江省农业农村厅会同省财政厅、省自然资源厅印发…: the lead issuer, not the last co-issuer
            listed = _listed_before(text, a.mention.start, {r.mention.end: r for r in agencies}, _ISSUER_JOINS)
            return (listed[-1] if listed else a), plan
    return None, _issued_plan(text, projects)


_ISSUER_JOINS = ("会同", "联合", "、", "和", "与", "及")


def _issued_plan(text: str, projects: list[Resolved]) -> Resolved | None:
    """The plan a notice's body hands on: 《…实施意见》现印发给你们 (``plan_issued_after``)."""
    words = rule_words("plan_issued_after")
    return next((r for r in projects if text.startswith(words, r.mention.end)), None)


def _target_relations(tid: str, t: Mention, resolved: "_ByStart", sents: _Sentences, text: str, relate,
                      setting: _Setting) -> None:
    s, e = sents.of(t.start)
    in_sentence = [r for r in resolved.starting_in(s, e) if s <= r.mention.start and r.mention.end <= e]
    found = setting.setter(t, s)
    if found is not None:
        who, rule, conf = found
        # (the evidence of a setter in the sentence spans it and the target, whichever comes first:
        # a speaker may follow the quotation, …2万亿元左右,”市扶贫办负责人说道; else it is the target's own)
        if s <= who.mention.start < e:
            relate(tid, "setBy", who.id, min(who.mention.start, t.start), max(who.mention.end, t.end), rule, conf)
        else:
            relate(tid, "setBy", who.id, t.start, t.end, rule, conf)
    projects = [r for r in in_sentence if r.kind == "Project" and r.mention.start < t.end]
    inside = [r for r in projects if r.mention.start >= t.start]
    chosen = inside or projects[:1]  # else the sentence's topic: its first project
    for p in chosen:
        relate(tid, "concerns", p.id, t.start, t.end, "concerns.clause", 0.6)
    if not chosen and (found := setting.concerned(t, s)) is not None:
        plan, rule, conf = found
        relate(tid, "concerns", plan.id, t.start, t.end, rule, conf)
