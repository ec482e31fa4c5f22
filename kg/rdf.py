"""The networkx graph <-> RDF: IRIs, a named graph per article, provenance, formats, SHACL.

Layout of the :class:`rdflib.Dataset` made by :func:`to_dataset`
-----------------------------------------------------------------

IRIs
    Every node id of the networkx graph (``agency/武汉市发展和改革委员会``,
    ``target/<doc>/<start>-<end>``, ``doc/<doc id>``) becomes
    ``https://w3id.org/govkg/id/<kind>/<h>`` where ``<kind>`` is the id's first segment when it is a
    plain ASCII word (else ``node``) and ``<h>`` the first 20 hex digits of the SHA-1 of the UTF-8 id.
    The IRI is the same on every run and machine, always valid (ASCII, no escaping issue in any
    format) and the id itself is kept as ``gk:key``. Named graphs are
    ``https://w3id.org/govkg/graph/<sha1(doc id)[:20]>`` (:func:`doc_graph_iri`); mentions and
    assertions get ``…/id/mention/<h>`` and ``…/id/assertion/<h>`` hashed from their content.

Default graph: the merged entities
    For Agency, Organization, Place, Project nodes: ``rdf:type`` with the kind class and (when set)
    the subtype class (``gk:Place`` *and* ``gk:District``), ``gk:key``, ``rdfs:label`` and
    ``skos:prefLabel`` (the canonical name, ``@zh``), ``skos:altLabel @zh`` per alias,
    ``gk:divisionCode``, and ``gk:attributes`` (JSON) for any attribute the contract does not name.
    Edges with no evidence record (e.g. from the division table) are stated here too, with a
    ``gk:Assertion`` carrying their rule and confidence.

One named graph per article (:func:`doc_graph_iri` of the doc id)
    * the ``gk:Document`` node (``dcterms:identifier``, ``dcterms:title``, ``dcterms:date``,
      ``schema:url``, ``gk:sourceFile``, ``gk:metadata``);
    * the article's targets (``gk:text``, ``gk:deadline`` xsd:date, ``gk:value`` xsd:decimal,
      ``gk:unit``, ``gk:approximate``, ``gk:comparator``, ``gk:metric``, ``gk:timePhrase``,
      labels as for entities);
    * ``gk:mentionedIn`` from each node to the document;
    * one ``gk:Sentence`` per sentence that holds evidence, ``…/id/sentence/<h>`` hashed from the
      doc id and the sentence's start and end offsets (:func:`sentence_iri`): ``gk:inDocument doc``,
      ``gk:text`` (the sentence, once), ``gk:start`` / ``gk:end`` (xsd:integer character offsets
      of the sentence in the document's original text);
    * provenance of nodes: for each evidence record ``node gk:provenance ?m`` with
      ``?m a gk:Mention`` (an ``oa:Annotation`` and ``prov:Entity``), ``oa:hasBody node``,
      ``gk:inSentence`` (its ``gk:Sentence``, whose ``gk:inDocument`` is the document; evidence with
      no sentence has ``gk:inDocument`` itself: ``?m gk:inSentence?/gk:inDocument ?doc`` finds
      both), ``gk:quote`` (the span),
      ``gk:start`` / ``gk:end`` (the span's offsets in the original text), ``gk:rule``,
      ``gk:confidence`` (xsd:decimal). A target also links ``gk:inSentence`` straight to its
      sentence, so the sentence text is one hop away from the target.
    * edges: the triple ``s gk:partOf o`` in the graph of every article that states it, and one
      ``gk:Assertion`` (an ``rdf:Statement``) per evidence record with ``rdf:subject`` /
      ``rdf:predicate`` / ``rdf:object`` and the same evidence properties as a mention.
      ``gk:mentionedIn`` edges are not reified: the mentions are their evidence.

Literals are cleaned of characters XML 1.0 / N-Triples cannot carry (C0 controls other than tab,
LF, CR; lone surrogates; U+FFFE, U+FFFF) by :func:`clean_text`; offsets still refer to the original.
"""
from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import json
import logging
import math
import os
import re
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS, Namespace

from .atomic import atomic_write
from .errors import InputError, ValidationError
from .gcpause import gc_paused
from .model import SUBTYPES
from .vocab import GK, GRAPH, ID, NS

__all__ = [
    "ONTOLOGY_DIR",
    "OA",
    "SCHEMA",
    "node_iri",
    "doc_graph_iri",
    "sentence_iri",
    "is_valid_iri",
    "clean_text",
    "to_dataset",
    "quads",
    "ox_quads",
    "to_graph",
    "write_rdf",
    "read_rdf",
    "from_rdf",
    "validate",
    "load_context",
]

log = logging.getLogger(__name__)

OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
ONTOLOGY_DIR = Path(__file__).resolve().parent / "ontologies"
if not ONTOLOGY_DIR.is_dir():  # pragma: no cover - source checkout without the symlink
    ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontologies"

PREFIXES = {
    "gk": NS,
    "gkid": ID,
    "gkg": GRAPH,
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "owl": str(OWL),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "schema": str(SCHEMA),
    "oa": str(OA),
}

LANG = "zh"
KIND_CLASS = {
    "Agency": GK.Agency,
    "Organization": GK.Organization,
    "Place": GK.Place,
    "Project": GK.Project,
    "Target": GK.Target,
    "Document": GK.Document,
}
SUBTYPE_CLASS = {"District": GK.District, "WaterBody": GK.WaterBody, "Campaign": GK.Campaign}
CLASS_KIND = {v: k for k, v in KIND_CLASS.items()}
CLASS_SUBTYPE = {v: k for k, v in SUBTYPE_CLASS.items()}
PREDICATE_PROP = {
    "partOf": GK.partOf,
    "locatedIn": GK.locatedIn,
    "responsibleFor": GK.responsibleFor,
    "setBy": GK.setBy,
    "concerns": GK.concerns,
    "mentionedIn": GK.mentionedIn,
}
PROP_PREDICATE = {v: k for k, v in PREDICATE_PROP.items()}

# node attributes the RDF mapping knows; the rest goes to gk:attributes as JSON
_ENTITY_ATTRS = {"kind", "label", "aliases", "subtype", "docs", "mentions", "provenance", "code", "types"}
_TARGET_ATTRS = _ENTITY_ATTRS | {"text", "deadline", "time_phrase", "value", "unit", "approximate",
                                 "comparator", "metric", "doc"}
_DOC_ATTRS = {"kind", "label", "title", "date", "url", "source", "meta", "docs", "mentions",
              "provenance", "aliases", "subtype", "text"}
_EDGE_ATTRS = {"predicate", "provenance", "rule", "confidence", "key"}
_TARGET_FIELDS = (  # attribute, property, literal maker name
    ("time_phrase", GK.timePhrase, "zh"),
    ("unit", GK.unit, "str"),
    ("comparator", GK.comparator, "str"),
    ("metric", GK.metric, "zh"),
)

# ------------------------------------------------------------------ IRIs and literals

_KIND_RE = re.compile(r"[a-z][a-z0-9_-]{0,31}")
# RFC 3987 forbids these anywhere in an IRI (and N-Triples / Turtle cannot write them raw)
_IRI_RE = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^\x00-\x20<>\"{}|\\^`\x7f-\x9f\ud800-\udfff\ufffe\uffff]*")
_BAD_CHARS = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _digest(*parts: Any) -> str:
    raw = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def is_valid_iri(iri: str) -> bool:
    """True when ``iri`` is an absolute IRI every RDF syntax can write (no space, ``<>"{}|\\^```…).

    >>> is_valid_iri("https://w3id.org/govkg/id/agency/0f")
    True
    >>> is_valid_iri("https://example.org/a b")
    False
    """
    return isinstance(iri, str) and _IRI_RE.fullmatch(iri) is not None


def _checked(iri: str) -> URIRef:
    if not is_valid_iri(iri):  # pragma: no cover - minted IRIs are ASCII hex
        raise ValueError(f"invalid IRI {iri!r}")
    return URIRef(iri)


def node_iri(node_id: str) -> URIRef:
    """The IRI of a networkx node id: ``https://w3id.org/govkg/id/<kind>/<sha1 slug>``.

    >>> node_iri("place/黄陂区").startswith("https://w3id.org/govkg/id/place/")
    True
    >>> node_iri("place/黄陂区") == node_iri("place/黄陂区")
    True
    """
    if not isinstance(node_id, str) or not node_id:
        raise ValueError(f"node id must be a non-empty string, not {node_id!r}")
    kind, sep, _ = node_id.partition("/")
    kind = kind.lower() if sep and _KIND_RE.fullmatch(kind.lower()) else "node"
    return _checked(f"{ID}{kind}/{_digest(node_id)}")


def doc_graph_iri(doc_id: str) -> URIRef:
    """The IRI of the named graph that holds the facts read in one article."""
    if not isinstance(doc_id, str) or not doc_id:
        raise ValueError(f"doc id must be a non-empty string, not {doc_id!r}")
    return _checked(f"{GRAPH}{_digest(doc_id)}")


def sentence_iri(doc_id: str, start: int, end: int) -> URIRef:
    """The IRI of the ``gk:Sentence`` at ``[start, end)`` of an article's original text.

    >>> sentence_iri("a", 0, 12).startswith("https://w3id.org/govkg/id/sentence/")
    True
    >>> sentence_iri("a", 0, 12) == sentence_iri("a", 0, 12) != sentence_iri("a", 12, 20)
    True
    """
    if not isinstance(doc_id, str) or not doc_id:
        raise ValueError(f"doc id must be a non-empty string, not {doc_id!r}")
    return _checked(f"{ID}sentence/{_digest(doc_id, int(start), int(end))}")


def clean_text(text: Any) -> str:
    """``text`` as a string without the characters XML 1.0 and N-Triples cannot carry.

    >>> clean_text("a\\x00b\\ud800c\\x0bd")
    'abcd'
    """
    s = text if isinstance(text, str) else str(text)
    return _BAD_CHARS.sub("", s)


class _OxNS:
    """A namespace whose attributes are pyoxigraph IRIs (``_OxNS(str(GK)).partOf``), made once."""

    def __init__(self, base: str):
        self._base = base

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        term = ox.NamedNode(self._base + name)
        setattr(self, name, term)
        return term


# quads are made as pyoxigraph terms: files and stores take them as they are, and rdflib's
# Dataset (the .rdf API, SHACL) gets a converted copy (:func:`to_dataset`)
_GK, _RDF, _RDFS, _SKOS = _OxNS(NS), _OxNS(str(RDF)), _OxNS(str(RDFS)), _OxNS(str(SKOS))
_DCT, _SCHEMA, _OA, _XSD = _OxNS(str(DCTERMS)), _OxNS(str(SCHEMA)), _OxNS(str(OA)), _OxNS(str(XSD))
_OX_KIND = {k: getattr(_GK, str(v)[len(NS):]) for k, v in KIND_CLASS.items()}
_OX_SUBTYPE = {k: getattr(_GK, str(v)[len(NS):]) for k, v in SUBTYPE_CLASS.items()}
_OX_PRED = {k: getattr(_GK, str(v)[len(NS):]) for k, v in PREDICATE_PROP.items()}


@functools.lru_cache(maxsize=1 << 16)
def _str_cached(text: str):
    return ox.Literal(clean_text(text))


def _zh(text: Any):
    return _zh_cached(text if isinstance(text, str) else str(text))


def _zh_once(text: str):
    """A sentence's or a target's literal: made once per node, not cached (a cache keyed by
    sentence text would be hit only by text repeated across articles)."""
    return ox.Literal(clean_text(text), language=LANG)


_zh_cached = functools.lru_cache(maxsize=1 << 16)(_zh_once)  # labels and quotes: a few thousand, repeated


def _str(text: Any):
    return _str_cached(text if isinstance(text, str) else str(text))


def _typed(lex: str, datatype):
    return ox.Literal(lex, datatype=datatype)


@functools.lru_cache(maxsize=1 << 12)
def _float_decimal(text: str):
    """:func:`_decimal` of a float, keyed by its repr (0.0 and -0.0 are equal keys, not equal
    literals); confidences are a handful of values written thousands of times."""
    return _decimal(float(text), _cached=False)


def _decimal(x: Any, _cached: bool = True):
    if isinstance(x, bool) or x is None:
        return None
    if _cached and type(x) is float:
        return _float_decimal(repr(x))
    try:
        if isinstance(x, float):
            if not math.isfinite(x):
                return None
            d = Decimal(repr(x))
        else:
            d = Decimal(str(x))
    except (InvalidOperation, ValueError):
        return None
    if not d.is_finite():
        return None
    lex = format(d, "f")
    if "." not in lex:
        lex += ".0"
    return _typed(lex, _XSD.decimal)


def _date(x: Any):
    if x is None or x == "":
        return None
    if isinstance(x, _dt.datetime):
        return _typed(x.isoformat(), _XSD.dateTime)
    if isinstance(x, _dt.date):
        return _typed(x.isoformat(), _XSD.date)
    s = str(x).strip()
    try:
        return _typed(_dt.date.fromisoformat(s).isoformat(), _XSD.date)
    except ValueError:
        pass
    try:
        return _typed(_dt.datetime.fromisoformat(s).isoformat(), _XSD.dateTime)
    except ValueError:
        log.warning("not an ISO date: %r", s)
        return None


@functools.lru_cache(maxsize=1 << 14)
def _int_literal(n: int):
    return _typed(str(n), _XSD.integer)


def _int(x: Any):
    if isinstance(x, bool):
        return None
    try:
        return _int_literal(int(x))  # offsets: the same few thousand values over and over
    except (TypeError, ValueError):
        return None


def _json(obj: Any):
    return _str(json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str))


@functools.lru_cache(maxsize=1 << 18)
def _ox_iri(iri: str):
    return ox.NamedNode(iri)


def _ox_node(node_id: str):
    return _ox_iri(str(node_iri(node_id)))


def _ox_graph(doc_id: str):
    return _ox_iri(str(doc_graph_iri(doc_id)))


def _minted(kind: str, *parts: Any):
    """The IRI of a mention, assertion or sentence: a fixed kind and a hex digest are a valid IRI
    by construction, and each is made once (no check, no cache)."""
    return ox.NamedNode(f"{ID}{kind}/{_digest(*parts)}")


# ------------------------------------------------------------------ networkx -> Dataset

def _doc_of_node(node: str, data: dict) -> str | None:
    """The article a per-document node (Target, Document) belongs to."""
    kind = data.get("kind")
    if kind == "Document":
        return node.partition("/")[2] or node
    if data.get("doc"):
        return str(data["doc"])
    if node.startswith("target/"):
        rest = node[len("target/"):]
        head, sep, _tail = rest.rpartition("/")
        if sep and head:
            return head
    for p in data.get("provenance") or ():
        if isinstance(p, dict) and p.get("doc"):
            return str(p["doc"])
    docs = data.get("docs") or ()
    return str(docs[0]) if docs else None


_EVIDENCE_KEYS = frozenset({"doc", "sentence", "start", "end", "sent_start", "rule", "confidence"})


class _SentenceNodes:
    """Mints one ``gk:Sentence`` per (document, sentence) and writes its triples the first time
    evidence points at it; the evidence then holds only ``gk:inSentence``."""

    __slots__ = ("seen", "owner")

    def __init__(self):
        self.seen: dict[tuple, Any] = {}  # (doc, sent_start, sentence) -> IRI
        self.owner: dict[Any, str] = {}  # IRI -> the sentence text it was minted for

    def node(self, g: Graph, doc: Any, sentence: str, sent_start: Any, doc_node) -> Any:
        key = (doc, sent_start, sentence)
        sn = self.seen.get(key)
        if sn is not None:
            return sn
        s0 = None if isinstance(sent_start, bool) else sent_start
        try:
            s0 = int(s0)
        except (TypeError, ValueError):
            s0 = None
        if s0 is not None and s0 < 0:
            s0 = None
        e0 = None if s0 is None else s0 + len(sentence)
        # sentence_iri(doc, s0, e0), through the IRI cache
        sn = _minted("sentence", doc, s0, e0) if doc is not None and s0 is not None else None
        if sn is None or self.owner.get(sn, sentence) != sentence:
            # no offsets, or a second text for the same span (hand-made graphs): one node per text
            sn = _minted("sentence", doc, s0, e0, sentence)
        self.owner[sn] = sentence
        self.seen[key] = sn
        g.add((sn, _RDF.type, _GK.Sentence))
        if doc_node is not None:
            g.add((sn, _GK.inDocument, doc_node))
        g.add((sn, _GK.text, _zh_once(sentence)))
        if s0 is not None:
            g.add((sn, _GK.start, _int_literal(s0)))
            g.add((sn, _GK.end, _int_literal(e0)))
        return sn


def _evidence(g: Graph, ev: URIRef, p: dict, doc_nodes: dict[str, URIRef], sentences: _SentenceNodes):
    """Evidence properties of a mention or an assertion from one provenance dict; returns the
    ``gk:Sentence`` it points at (or None)."""
    doc = p.get("doc")
    doc_node = None if doc is None else doc_nodes.get(str(doc)) or _ox_node(f"doc/{doc}")
    sentence = p.get("sentence")
    sn = None
    if sentence is not None:
        if not isinstance(sentence, str):
            sentence = str(sentence)
        sn = sentences.node(g, None if doc is None else str(doc), sentence, p.get("sent_start"), doc_node)
        g.add((ev, _GK.inSentence, sn))  # the document is the sentence's: gk:inSentence/gk:inDocument
    elif doc_node is not None:
        g.add((ev, _GK.inDocument, doc_node))
    for key, prop in (("start", _GK.start), ("end", _GK.end)):
        lit = _int(p.get(key))
        if lit is not None:
            g.add((ev, prop, lit))
    if sentence is not None:
        try:
            s0, a, b = int(p.get("sent_start")), int(p.get("start")), int(p.get("end"))
            if 0 <= a - s0 <= b - s0 <= len(sentence):
                quote = sentence[a - s0:b - s0]
                if quote:
                    g.add((ev, _GK.quote, _zh(quote)))
        except (TypeError, ValueError):
            pass
    if p.get("rule") is not None:
        g.add((ev, _GK.rule, _str(p["rule"])))
    conf = _decimal(p.get("confidence"))
    if conf is not None:
        g.add((ev, _GK.confidence, conf))
    extra = {k: v for k, v in p.items() if k not in _EVIDENCE_KEYS}
    if extra:
        g.add((ev, _GK.attributes, _json(extra)))
    return sn


def _labels(g: Graph, s: URIRef, node: str, data: dict) -> None:
    label = data.get("label") or data.get("title") or data.get("text") or node.partition("/")[2] or node
    g.add((s, _RDFS.label, _zh(label)))
    g.add((s, _SKOS.prefLabel, _zh(label)))
    for alias in data.get("aliases") or ():
        if alias and alias != label:
            g.add((s, _SKOS.altLabel, _zh(alias)))


class _Sink:
    """Collects the triples of one graph as (s, p, o, graph IRI or None) tuples."""

    __slots__ = ("out", "ident")

    def __init__(self, out: list, ident: URIRef | None):
        self.out, self.ident = out, ident

    def add(self, triple: tuple) -> None:
        self.out.append((*triple, self.ident))


@gc_paused()  # see kg.gcpause: one tuple per quad, none of them garbage
def quads(G: nx.MultiDiGraph) -> list[tuple]:
    """The quads of :func:`to_dataset` as ``(s, p, o, graph IRI or None for the default graph)``
    tuples of pyoxigraph terms (duplicates possible), without building any store: the files,
    the store and the SPARQL of the Python API take them directly (no rdflib on that path)."""
    out: list[tuple] = []
    default = _Sink(out, None)
    graphs: dict[str, _Sink] = {}

    def graph_of(doc: str | None) -> _Sink:
        if doc is None:
            return default
        if doc not in graphs:
            graphs[doc] = _Sink(out, _ox_graph(doc))
        return graphs[doc]

    iris = {n: _ox_node(str(n)) for n in G.nodes}
    sentences = _SentenceNodes()
    doc_nodes: dict[str, URIRef] = {}
    doc_of: dict = {}  # Document node -> its doc id, worked out once (every mentionedIn edge needs it)
    for n, data in G.nodes(data=True):
        if data.get("kind") == "Document":
            doc_of[n] = _doc_of_node(str(n), data)
            doc_nodes[doc_of[n]] = iris[n]

    for n, data in G.nodes(data=True):
        node = str(n)
        s = iris[n]
        kind = data.get("kind")
        per_doc = kind in ("Target", "Document")
        home = graph_of(doc_of[n] if kind == "Document" else _doc_of_node(node, data)) if per_doc else default
        cls = _OX_KIND.get(kind)
        if cls is None:
            log.warning("node %r has unknown kind %r: written without a class", node, kind)
        else:
            home.add((s, _RDF.type, cls))
        sub = _OX_SUBTYPE.get(data.get("subtype"))
        if sub is not None:
            home.add((s, _RDF.type, sub))
        for extra in data.get("types") or ():  # a development zone is a Place and an Agency
            if extra in KIND_CLASS and extra != kind:
                home.add((s, _RDF.type, _OX_KIND[extra]))
        home.add((s, _GK.key, _str(node)))
        known = _ENTITY_ATTRS
        if kind == "Document":
            known = _DOC_ATTRS
            doc_id = doc_of[n]
            home.add((s, _DCT.identifier, _str(doc_id)))
            title = data.get("title") or data.get("label") or doc_id
            home.add((s, _RDFS.label, _zh(title)))
            if data.get("title"):
                home.add((s, _DCT.title, _zh(data["title"])))
            date = _date(data.get("date"))
            if date is not None:
                home.add((s, _DCT.date, date))
            if data.get("url"):
                home.add((s, _SCHEMA.url, _typed(clean_text(data["url"]), _XSD.anyURI)))
            if data.get("source"):
                home.add((s, _GK.sourceFile, _str(data["source"])))
            if data.get("meta"):
                home.add((s, _GK.metadata, _json(data["meta"])))
        else:
            _labels(home, s, node, data)
            if data.get("code"):
                home.add((s, _GK.divisionCode, _str(data["code"])))
            if kind == "Target":
                known = _TARGET_ATTRS
                if data.get("text"):
                    home.add((s, _GK.text, _zh_once(str(data["text"]))))
                deadline = _date(data.get("deadline"))
                if deadline is not None:
                    home.add((s, _GK.deadline, deadline))
                value = _decimal(data.get("value"))
                if value is not None:
                    home.add((s, _GK.value, value))
                if data.get("approximate") is not None:
                    home.add((s, _GK.approximate, _typed("true" if data["approximate"] else "false", _XSD.boolean)))
                for attr, prop, how in _TARGET_FIELDS:
                    if data.get(attr) not in (None, ""):
                        home.add((s, getattr(_GK, str(prop)[len(NS):]), _zh(data[attr]) if how == "zh" else _str(data[attr])))
            for p in data.get("provenance") or ():
                if not isinstance(p, dict):
                    continue
                m = _minted("mention", node, p.get('doc'), p.get('start'), p.get('end'), p.get('rule'))
                g = graph_of(str(p["doc"]) if p.get("doc") is not None else None)
                g.add((s, _GK.provenance, m))
                g.add((m, _RDF.type, _GK.Mention))
                g.add((m, _OA.hasBody, s))
                sn = _evidence(g, m, p, doc_nodes, sentences)
                if sn is not None and kind == "Target":
                    g.add((s, _GK.inSentence, sn))  # the target's sentence one hop away
        extra = {k: v for k, v in data.items() if k not in known}
        if extra:
            home.add((s, _GK.attributes, _json(extra)))

    for u, v, key, data in G.edges(keys=True, data=True):
        pred = data.get("predicate") or key
        prop = _OX_PRED.get(pred)
        if prop is None:
            log.warning("edge %r -%r-> %r has an unknown predicate: skipped", u, pred, v)
            continue
        s, o = iris[u], iris[v]
        if pred == "mentionedIn":
            g = graph_of(doc_of[v]) if v in doc_of else default
            g.add((s, prop, o))
            continue
        extra = {k: x for k, x in data.items() if k not in _EDGE_ATTRS}
        records = [p for p in data.get("provenance") or () if isinstance(p, dict)]
        if not records:
            records = [{"rule": data.get("rule"), "confidence": data.get("confidence")}]
        for p in records:
            rec = dict(p)
            rec.setdefault("rule", data.get("rule"))
            if rec.get("confidence") is None:
                rec["confidence"] = data.get("confidence")
            g = graph_of(str(rec["doc"]) if rec.get("doc") is not None else None)
            g.add((s, prop, o))
            a = _minted("assertion", u, pred, v, rec.get('doc'), rec.get('start'), rec.get('end'), rec.get('rule'))
            g.add((a, _RDF.type, _GK.Assertion))
            g.add((a, _RDF.subject, s))
            g.add((a, _RDF.predicate, prop))
            g.add((a, _RDF.object, o))
            _evidence(g, a, {k: x for k, x in rec.items() if x is not None}, doc_nodes, sentences)
            if extra:
                g.add((a, _GK.attributes, _json(extra)))
    return out


def to_dataset(G: nx.MultiDiGraph) -> Dataset:
    """The graph as an rdflib dataset: merged entities in the default graph, one named graph per article.

    See the module docstring for the layout. Node and edge attributes the contract does not name
    are kept as a JSON string in ``gk:attributes``.
    """
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    default = ds.default_graph if hasattr(ds, "default_graph") else ds.default_context
    graphs: dict[Any, Graph] = {}
    conv: dict = {}

    def r(term):
        x = conv.get(term)
        if x is None:
            x = conv[term] = _rdflib_term(term)
        return x

    for s, p, o, ident in quads(G):
        if ident is None:
            g = default
        else:
            g = graphs.get(ident)
            if g is None:
                g = graphs[ident] = ds.graph(URIRef(ident.value))
        g.add((r(s), r(p), r(o)))
    return ds


def _rdflib_term(term):
    """A pyoxigraph IRI or literal as the rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):  # pragma: no cover - quads() mints IRIs only
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype is None or term.datatype.value == str(XSD.string):
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


@gc_paused()
def ox_quads(G: nx.MultiDiGraph) -> list:
    """The dataset of :func:`to_dataset` as distinct ``pyoxigraph.Quad`` objects, in the order
    :func:`quads` makes them (nodes, then edges, in the graph's insertion order).

    Duplicates are dropped on the term tuples (hashing a tuple of terms is much cheaper than making
    a ``Quad`` first). No sort: the build merges articles in input order whatever the number of
    jobs, so the same inputs give the same graph and the same bytes (sorting by N-Quads text cost
    a fifth of the writing)."""
    default = ox.DefaultGraph()
    return [ox.Quad(s, p, o, default if g is None else g) for s, p, o, g in dict.fromkeys(quads(G))]


def to_graph(G: nx.MultiDiGraph | Dataset) -> Graph:
    """Every triple of :func:`to_dataset` in one graph (the union of default and named graphs)."""
    ds = G if isinstance(G, Dataset) else to_dataset(G)
    flat = Graph()
    for prefix, ns in PREFIXES.items():
        flat.bind(prefix, ns, override=True)
    for s, p, o, _c in ds.quads((None, None, None, None)):
        flat.add((s, p, o))
    return flat


# ------------------------------------------------------------------ files

def load_context() -> dict:
    """The JSON-LD context shipped in ``ontologies/context.jsonld`` (its ``@context`` value)."""
    with open(ONTOLOGY_DIR / "context.jsonld", encoding="utf-8") as f:
        return json.load(f)["@context"]


FORMATS = {  # key -> (file name, pyoxigraph.RdfFormat name, named graphs kept?)
    "ttl": ("graph.ttl", "TURTLE", False),
    "trig": ("graph.trig", "TRIG", True),
    "nq": ("graph.nq", "N_QUADS", True),
    "nt": ("graph.nt", "N_TRIPLES", False),
    "jsonld": ("graph.jsonld", "JSON_LD", True),
}


def write_rdf(G: nx.MultiDiGraph, out_dir: str | os.PathLike, formats: Iterable[str] | None = None) -> dict[str, Path]:
    """Write ``graph.ttl`` (flattened), ``graph.trig``, ``graph.nq``, ``graph.nt`` (flattened) and
    ``graph.jsonld`` (named graphs, with the context of ``ontologies/context.jsonld`` inline).

    Every file is serialised by pyoxigraph (one to two orders of magnitude faster than rdflib's
    writers); the JSON-LD is its expanded form under the shipped context. Each file is
    written to a temporary file beside it and moved into place, so a reader never sees half a
    file. Returns ``{"ttl": Path, ...}``.
    """
    with gc_paused():  # see kg.gcpause: ~0.4 M short-lived acyclic objects
        return _write_rdf(G, Path(out_dir), list(formats or FORMATS))


# a quad's graph term at the end of its N-Quads line: every named graph is an article's
# (doc_graph_iri), and no triple has a graph IRI as its object
_GRAPH_TERM = re.compile(rb" <" + re.escape(GRAPH.encode()) + rb"[0-9a-f]{20}> \.$", re.MULTILINE)


def _flattened(nquads: bytes) -> bytes:
    """The N-Triples of serialised N-Quads: each triple once, in the order of its first quad.

    The graph term is cut from the text (one regex pass) rather than by making a ``Triple`` per
    quad: a literal cannot hold a raw line break in N-Quads, so a line's end is its quad's end."""
    lines = dict.fromkeys(_GRAPH_TERM.sub(b" .", nquads).split(b"\n"))
    lines.pop(b"", None)  # after the last line break
    return b"\n".join(lines) + b"\n" if lines else b""


def _write_rdf(G: nx.MultiDiGraph, out: Path, formats: list[str]) -> dict[str, Path]:
    quads = ox_quads(G)
    nquads = ntriples = None
    if any(fmt in ("nq", "nt", "ttl") for fmt in formats):
        nquads = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    if any(not FORMATS[fmt][2] for fmt in formats):
        ntriples = _flattened(nquads)  # the flattened files: the union of all graphs
    prefixes = {k: str(v) for k, v in PREFIXES.items()}
    written = {}
    for fmt in formats:
        name, ox_format, _keep_graphs = FORMATS[fmt]
        if fmt == "nq":
            data = nquads
        elif fmt == "nt":
            data = ntriples
        elif fmt == "ttl":
            data = ox.serialize(ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.TURTLE,
                                prefixes=prefixes)
        elif fmt == "jsonld":
            # expanded JSON-LD from pyoxigraph under the shipped context: absolute IRIs and
            # explicit value objects expand to the same triples, and readers can compact with it.
            # pyoxigraph writes a JSON array of node objects; it is spliced in as the "@graph"
            # value as it is (decoding and re-encoding megabytes of JSON would change nothing)
            body = ox.serialize(quads, format=ox.RdfFormat.JSON_LD)
            if body[:1] != b"[":  # pragma: no cover - not what pyoxigraph 0.5 writes
                body = json.dumps(json.loads(body), ensure_ascii=False).encode("utf-8")
            context = json.dumps(load_context(), ensure_ascii=False).encode("utf-8")
            data = b'{"@context": ' + context + b', "@graph": ' + body + b"}"
        else:
            data = ox.serialize(quads, format=getattr(ox.RdfFormat, ox_format), prefixes=prefixes)
        atomic_write(out / name, data)
        written[fmt] = out / name
    return written


_SUFFIX_FORMAT = {".ttl": "turtle", ".turtle": "turtle", ".trig": "trig", ".nq": "nquads",
                  ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml",
                  ".xml": "xml", ".owl": "xml", ".n3": "n3"}


def read_rdf(path: str | os.PathLike) -> Dataset:
    """Parse an RDF file (format from the suffix) into a Dataset; raises :class:`InputError`."""
    p = Path(path)
    fmt = _SUFFIX_FORMAT.get(p.suffix.lower())
    if fmt is None:
        raise InputError(str(p), f"unknown RDF suffix {p.suffix!r} (use one of {', '.join(sorted(_SUFFIX_FORMAT))})")
    if not p.is_file():
        raise InputError(str(p), "no such file")
    ds = Dataset()
    try:
        ds.parse(str(p), format=fmt)
    except Exception as exc:  # rdflib raises many types
        raise InputError(str(p), f"cannot parse as {fmt}: {exc}") from exc
    return ds


# ------------------------------------------------------------------ RDF -> networkx

def _flat(graph: Graph | Dataset | str | os.PathLike) -> Graph:
    if isinstance(graph, (str, os.PathLike)):
        graph = read_rdf(graph)
    if isinstance(graph, Dataset) or hasattr(graph, "quads") and not type(graph) is Graph:
        flat = Graph()
        for s, p, o, _c in graph.quads((None, None, None, None)):
            flat.add((s, p, o))
        return flat
    return graph


def _py(lit: Any) -> Any:
    if isinstance(lit, Literal):
        if lit.datatype == XSD.decimal:
            return float(lit)
        if lit.datatype in (XSD.date, XSD.dateTime):
            return str(lit)
        v = lit.toPython()
        return v if isinstance(v, (bool, int, float)) else str(lit)
    return str(lit)


def _sentence_of(g: Graph, ev, cache: dict) -> tuple:
    """``(text, start, document)`` of the ``gk:Sentence`` an evidence node points at
    (``gk:inSentence``), or the ``gk:sentence`` / ``gk:sentenceStart`` literals that graphs written
    before the ``gk:Sentence`` nodes carried on the evidence itself; None for what is missing."""
    sn = g.value(ev, GK.inSentence)
    if sn is None:
        return g.value(ev, GK.sentence), g.value(ev, GK.sentenceStart), None
    got = cache.get(sn)
    if got is None:
        got = cache[sn] = (g.value(sn, GK.text), g.value(sn, GK.start), g.value(sn, GK.inDocument))
    return got


def _evidence_dict(g: Graph, ev, keys: dict, sentences: dict) -> dict:
    d: dict[str, Any] = {}
    text, start, doc = _sentence_of(g, ev, sentences)
    doc = g.value(ev, GK.inDocument) or doc  # on the evidence when it has no sentence (or old graphs)
    if doc is not None:
        d["doc"] = str(g.value(doc, DCTERMS.identifier) or keys.get(doc, "doc/").partition("/")[2])
    for prop, key in ((GK.start, "start"), (GK.end, "end")):
        v = g.value(ev, prop)
        if v is not None:
            d[key] = _py(v)
    if text is not None:
        d["sentence"] = _py(text)
    if start is not None:
        d["sent_start"] = _py(start)
    for prop, key in ((GK.rule, "rule"), (GK.confidence, "confidence")):
        v = g.value(ev, prop)
        if v is not None:
            d[key] = _py(v)
    attrs = g.value(ev, GK.attributes)
    if attrs is not None:
        d.update(json.loads(str(attrs)))
    return d


def from_rdf(graph: Graph | Dataset | str | os.PathLike) -> nx.MultiDiGraph:
    """Rebuild the networkx graph from RDF written by :func:`to_dataset` (or a file of it).

    Enough for export and visualisation: nodes keep kind, label, aliases, subtype, code, the target
    and document fields, docs, mentions and provenance; edges keep predicate, rule, confidence and
    provenance.
    """
    g = _flat(graph)
    keys = {s: str(k) for s, k in g.subject_objects(GK.key)}
    sentences: dict = {}  # gk:Sentence -> (text, start, document), read once however many point at it
    G = nx.MultiDiGraph()
    for s, node in sorted(keys.items(), key=lambda kv: kv[1]):
        types = set(g.objects(s, RDF.type))
        if GK.Mention in types or GK.Assertion in types:
            continue
        kinds = sorted(CLASS_KIND[t] for t in types if t in CLASS_KIND)
        subtype = next((CLASS_SUBTYPE[t] for t in types if t in CLASS_SUBTYPE), None)
        # a node of two kinds (a zone: Place and Agency) keeps the kind its subtype belongs to
        kind = next((k for k in kinds if subtype and SUBTYPES.get(subtype) == k), kinds[0] if kinds else None)
        data: dict[str, Any] = {"kind": kind}
        if len(kinds) > 1:
            data["types"] = [k for k in kinds if k != kind]
        if kind == "Document":
            for prop, key in ((DCTERMS.title, "title"), (DCTERMS.date, "date"), (SCHEMA.url, "url"),
                              (GK.sourceFile, "source")):
                v = g.value(s, prop)
                data[key] = None if v is None else str(v)
            meta = g.value(s, GK.metadata)
            data["meta"] = json.loads(str(meta)) if meta is not None else {}
            data["label"] = str(g.value(s, RDFS.label) or node)
        else:
            label = g.value(s, SKOS.prefLabel) or g.value(s, RDFS.label)
            data["label"] = str(label) if label is not None else node
            data["aliases"] = sorted(str(a) for a in g.objects(s, SKOS.altLabel))
            data["subtype"] = subtype
            code = g.value(s, GK.divisionCode)
            if code is not None:
                data["code"] = str(code)
            if kind == "Target":
                for prop, key in ((GK.text, "text"), (GK.deadline, "deadline"), (GK.timePhrase, "time_phrase"),
                                  (GK.value, "value"), (GK.unit, "unit"), (GK.approximate, "approximate"),
                                  (GK.comparator, "comparator"), (GK.metric, "metric")):
                    v = g.value(s, prop)
                    data[key] = None if v is None else _py(v)
                data["approximate"] = bool(data["approximate"])
            prov = [_evidence_dict(g, m, keys, sentences) for m in g.objects(s, GK.provenance)]
            prov.sort(key=lambda p: (p.get("doc", ""), p.get("start", 0), p.get("end", 0), p.get("rule", "")))
            data["provenance"] = prov
            data["mentions"] = len(prov)
            docs = {p["doc"] for p in prov if "doc" in p}
            for d in g.objects(s, GK.mentionedIn):
                ident = g.value(d, DCTERMS.identifier)
                if ident is not None:
                    docs.add(str(ident))
            data["docs"] = sorted(docs)
        attrs = g.value(s, GK.attributes)
        if attrs is not None:
            data.update(json.loads(str(attrs)))
        G.add_node(node, **data)
    # edges with their assertions
    assertions: dict[tuple, list] = {}
    for a in g.subjects(RDF.type, GK.Assertion):
        key = (g.value(a, RDF.subject), g.value(a, RDF.predicate), g.value(a, RDF.object))
        assertions.setdefault(key, []).append(a)
    for prop, pred in PROP_PREDICATE.items():
        for s, o in g.subject_objects(prop):
            if s not in keys or o not in keys:
                continue
            attrs: dict[str, Any] = {"predicate": pred, "provenance": []}
            for a in assertions.get((s, prop, o), ()):
                ev = _evidence_dict(g, a, keys, sentences)
                extra = g.value(a, GK.attributes)
                if extra is not None:
                    for k in json.loads(str(extra)):
                        attrs[k] = ev.pop(k, None)
                if "doc" in ev:
                    attrs["provenance"].append(ev)
                attrs.setdefault("rule", ev.get("rule"))
                attrs.setdefault("confidence", ev.get("confidence"))
            attrs["provenance"].sort(key=lambda p: (p.get("doc", ""), p.get("start", 0), p.get("end", 0)))
            G.add_edge(keys[s], keys[o], key=pred, **attrs)
    return G


# ------------------------------------------------------------------ SHACL

def validate(data_graph: Graph | Dataset | nx.MultiDiGraph | str | os.PathLike,
             shapes: Graph | str | os.PathLike | None = None) -> tuple[bool, str]:
    """Check a graph against the SHACL shapes (``ontologies/shapes.ttl`` by default).

    Named graphs are merged first (an entity's label lives in the default graph, its provenance in
    an article's graph). Returns ``(conforms, report text)``.
    """
    import pyshacl  # heavy: imported on use

    if isinstance(data_graph, nx.MultiDiGraph):
        data = to_graph(data_graph)
    else:
        data = _flat(data_graph)
    if shapes is None:
        shapes = ONTOLOGY_DIR / "shapes.ttl"
    if not isinstance(shapes, Graph):
        sg = Graph()
        try:
            sg.parse(str(shapes), format="turtle")
        except Exception as exc:
            raise InputError(str(shapes), f"cannot parse the shapes: {exc}") from exc
        shapes = sg
    try:
        conforms, _report_graph, text = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                                         advanced=True, allow_warnings=True)
    except Exception as exc:  # pragma: no cover - pyshacl internal errors
        raise ValidationError(f"SHACL validation failed to run: {exc}") from exc
    return bool(conforms), str(text)
