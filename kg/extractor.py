"""Doc -> entities, targets and relations, each with its provenance and the rule that made it.

:func:`extract_document` runs the spaCy pipeline over a :class:`~kg.model.Document`, resolves
the mentions (:mod:`kg.resolve`) and applies the relation rules:

==========================  ===============================================================
rule id                     what it links
==========================  ===============================================================
partOf.gazetteer            a division to its nearest ancestor that the article also names
partOf.adjacent             黄陂区赵畈村: the second place to the first, when the table allows
partOf.listed               和顺镇辖水碓村、十字路村: each village of a town's list to the town
partOf.campaign             a campaign to the campaign it is part of (精准脱贫攻坚战 -> 三大攻坚战)
locatedIn.name_place        a project whose name holds a place (南湖治理 -> 南湖)
locatedIn.at_place          在X区实施/建设…Y工程: the project after 在 + places + a short verb phrase
responsibleFor.speaker      X负责人表示/介绍: X for the projects of its statement
responsibleFor.lead         X牵头 / 牵头单位：X / 责任单位：X for the projects of that item
responsibleFor.subject      X、Y要/负责/将… at the head of a clause: X and Y for the projects after it
setBy.sentence_agency       the agency that 召开…提出 / 印发 / 要求 in the target's sentence
setBy.speaker               the speaker whose statement holds the target
setBy.meeting               the convener of the article's meeting (国务院常务会议, 市委…全会) for
                            the targets after 会议要求/全会强调… in a paragraph with no speaker
concerns.clause             a project named in the target clause, else the first of its sentence
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
                           r"[^。；！？，、]{0,20}?(?:会议|全会|常委会|常务会议|座谈会|推进会)")
_MEETING_NAME = re.compile(r"(?:第?[一二三四五六七八九十]+届[一二三四五六七八九十]+次)?"
                           r"(?:常务会议|常委会会议|常委会|全体(?:[（(]扩大[）)])?会议|全会)")
_MEETING_SAYS = re.compile(r"(?:会议|全会)(?:还)?(?:指出|要求|强调|提出|认为|明确|决定|部署|号召|确定)")
_DUTY = re.compile(r"要(?![求素点件闻是])|负责(?!人|同志)|将(?![近来军])")
_QUOTE_PAIRS = {"”": "“", "」": "「", "』": "『", "\"": "“\""}  # closing quote -> its opening quotes
_LEAD = re.compile(r"(?P<list>(?:牵头|责任|主责)(?:考核|实施)?(?:单位|部门)[:：]?)|牵头")
_LEAD_WORDS = ("牵头", "责任", "主责")  # every match of _LEAD holds one of them


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
        e["aliases"].add(r.mention.text)
        e["types"].update(r.extra_types)
        e["prov"].append(_prov(document, sents, r.mention.start, r.mention.end, r.mention.rule, r.mention.confidence))

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
    _project_relations(resolved, relate)
    _projects_at_places(text, resolved, relate)
    paras = _Paragraphs(text)
    speaker_of = _speaker_scopes(text, resolved, paras.spans)
    meeting_of = _meeting_scopes(text, resolved, paras.spans)
    _responsibility(resolved, speaker_of, text, relate, paras.spans)

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
        _target_relations(tid, t, resolved_by_start, speaker_of, sents, text, relate, paras, meeting_of)

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


def _campaign_relations(resolved: list[Resolved], entities: dict, relate) -> None:
    ids = {r.name: r.id for r in resolved if r.kind == "Project"}
    for r in resolved:
        parent = r.attrs.get("part_of")
        if r.kind == "Project" and parent and parent in ids:
            relate(r.id, "partOf", ids[parent], r.mention.start, r.mention.end, "partOf.campaign", 1.0)


def _project_relations(resolved: list[Resolved], relate) -> None:
    places = _ByStart([r for r in resolved if r.kind == "Place"])
    for p in resolved:
        if p.kind != "Project":
            continue
        for pl in places.starting_in(p.mention.start, p.mention.end):
            m, n = p.mention, pl.mention
            if m.start <= n.start and n.end <= m.end:
                relate(p.id, "locatedIn", pl.id, m.start, m.end, "locatedIn.name_place", 0.8)


_AT = ("在", "于")
_CLAUSE_END = re.compile(r"[，。；！？,;!?：:\n的]")  # (在X区的…: X describes something, not where)
_AT_PLACE_GAP = 8  # characters between the places and the project: a verb phrase (实施, 加快建设)


def _projects_at_places(text: str, resolved: list[Resolved], relate) -> None:
    """在东西湖区实施府河综合整治工程: the project is located in the places after 在 (in a chain
    joined by 、/和), when it follows them in the same clause after a short verb phrase."""
    places = sorted((r for r in resolved if r.kind == "Place"), key=lambda r: r.mention.start)
    agencies = {r.mention.start for r in resolved if r.kind == "Agency"}  # 在市委领导下: no place
    projects = _ByStart([r for r in resolved if r.kind == "Project"])
    i = 0
    while i < len(places):
        first = places[i]
        s = first.mention.start
        if text[s - 1:s] not in _AT or s in agencies:
            i += 1
            continue
        chain, end = [first], first.mention.end
        while i + 1 < len(places) and places[i + 1].mention.start == end + (text[end:end + 1] in "、和及与") \
                and places[i + 1].mention.start not in agencies:
            i += 1
            chain.append(places[i])
            end = places[i].mention.end
        i += 1
        for p in projects.starting_in(end, end + _AT_PLACE_GAP):
            if _CLAUSE_END.search(text, end, p.mention.start) is None:
                for pl in chain:
                    relate(p.id, "locatedIn", pl.id, s - 1, p.mention.end, "locatedIn.at_place", 0.7)
                break


def _meeting_scopes(text: str, resolved: list[Resolved], paras: list[tuple[int, int]]
                    ) -> dict[int, tuple[Resolved, int]]:
    """Paragraph index -> the agency whose meeting speaks in it (会议指出/要求/强调…) and the offset
    it speaks from. The meeting is the article's first one with a convener: the agency right
    before 召开…会议 in one clause (市委召开全会), or the agency that names it (国务院常务会议); each
    statement goes to the latest such meeting before it. Nothing when the article reports none."""
    agencies = sorted((r for r in resolved if r.kind == "Agency" and r.id), key=lambda r: r.mention.start)
    hosts = [a for a in agencies if _MEETING_CALL.match(text, a.mention.end) or _MEETING_NAME.match(text, a.mention.end)]
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
            # an agency subject at the paragraph's start ends the previous statement
            if any(agencies[k].id != current.id for k in range(bisect.bisect_left(starts, s),
                                                                 bisect.bisect_left(starts, s + 12))):
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
            for a in leads:
                for p in by_start.starting_in(s, e - 1):
                    if s <= p.mention.start < e:
                        relate(a.id, "responsibleFor", p.id, p.mention.start, p.mention.end, "responsibleFor.lead", 0.7)


def _subject_duties(resolved: list[Resolved], projects: list[Resolved], text: str, relate) -> None:
    """市自然资源和规划局、市城管局要做好老旧小区改造工作: the agencies that open a clause, joined by
    、/和, and take 要/负责/将 are responsible for the projects of the rest of their sentence."""
    agencies = sorted((r for r in resolved if r.kind == "Agency" and r.id), key=lambda r: r.mention.start)
    for a in agencies:
        start = a.mention.start
        if start and text[start - 1] not in "，。；：！？\n　 ,;:":
            continue  # not at the head of a clause
        subject, end = [a], a.mention.end
        while end < len(text) and text[end] in "、和及与" and (nxt := next(
                (b for b in agencies if b.mention.start == end + 1), None)) is not None:
            subject.append(nxt)
            end = nxt.mention.end
        duty = _DUTY.match(text, end)
        if duty is None:
            continue
        stop = min((x for x in (text.find(c, end) for c in "。；！？\n") if x != -1), default=len(text))
        # (or the next agency opening a clause: 市住建局将加强扬尘管控，市交通运输局负责推进…项目)
        stop = min([stop] + [b.mention.start for b in agencies if end < b.mention.start < stop
                             and text[b.mention.start - 1] in "，,"])
        for p in projects:
            if duty.end() <= p.mention.start and p.mention.end <= stop:
                for who in subject:
                    relate(who.id, "responsibleFor", p.id, p.mention.start, p.mention.end, "responsibleFor.subject", 0.6)


def _target_relations(tid: str, t: Mention, resolved: "_ByStart", speaker_of, sents: _Sentences, text: str,
                      relate, paras: "_Paragraphs", meeting_of: dict[int, tuple[Resolved, int]] | None = None) -> None:
    s, e = sents.of(t.start)
    in_sentence = [r for r in resolved.starting_in(s, e) if s <= r.mention.start and r.mention.end <= e]
    setters = [r for r in in_sentence if (r.kind == "Agency") and r.mention.end <= t.start
               and _SETTER.search(text, r.mention.end, min(t.start, r.mention.end + 40))]
    if setters:
        a = setters[-1]
        relate(tid, "setBy", a.id, a.mention.start, t.end, "setBy.sentence_agency", 0.8)
    else:
        i = bisect.bisect_right(paras.starts, t.start) - 1
        sp, since = speaker_of.get(i, (None, 0))
        if sp is not None and t.start >= since:
            relate(tid, "setBy", sp.id, t.start, t.end, "setBy.speaker", 0.6)
        elif sp is None:
            host, since = (meeting_of or {}).get(i, (None, 0))
            if host is not None and t.start >= since:
                relate(tid, "setBy", host.id, t.start, t.end, "setBy.meeting", 0.6)
    projects = [r for r in in_sentence if r.kind == "Project" and r.mention.start < t.end]
    inside = [r for r in projects if r.mention.start >= t.start]
    chosen = inside or projects[:1]  # else the sentence's topic: its first project
    for p in chosen:
        relate(tid, "concerns", p.id, t.start, t.end, "concerns.clause", 0.6)
