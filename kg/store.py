"""An embedded, on-disk RDF store (pyoxigraph / RocksDB) that keeps one named graph per article.

>>> import tempfile, networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("doc/a", kind="Document", title="t")
>>> G.add_node("place/武汉市", kind="Place", label="武汉市", docs=["a"], provenance=[])
>>> _ = G.add_edge("place/武汉市", "doc/a", key="mentionedIn", predicate="mentionedIn")
>>> with Store(tempfile.mkdtemp()) as st:
...     _ = st.add(G); n = len(st); _ = st.add(G)
...     (st.documents(), len(st) == n)
(['a'], True)

Layout and semantics
    * the store holds exactly what :func:`kg.rdf.to_dataset` makes: merged entities in the default
      graph, each article's facts in the named graph :func:`kg.rdf.doc_graph_iri`;
    * :meth:`Store.add` replaces each article's named graph and merges (set union) the triples of the
      entities it mentions into the default graph: each article already stored in a SPARQL UPDATE
      ``DROP GRAPH … ; INSERT DATA …`` of its own; the named graphs of the articles new to the
      store through pyoxigraph's bulk loader (not transactional) under a journal
      (:data:`JOURNAL`), after the rest in one ``extend`` transaction. A store opened for writing
      after a crash rolls back the load its journal names. So a crash mid-build leaves every
      article either fully old or fully new, and re-adding an article changes nothing;
    * :meth:`Store.remove` drops the article's graph and, in the same transaction, the
      default-graph triples of the entities no remaining article mentions;
    * :meth:`Store.query` runs SPARQL with the default graph as the union of all graphs (set
      ``union=False`` to see only the default graph); values are passed as ``bindings``, written
      as pyoxigraph terms (N-Triples escaping) in a ``VALUES`` block at the start of the outermost
      WHERE group, never pasted raw into the query text. (pyoxigraph's own ``substitutions``
      only accepts projected variables, which rules out filters and aggregates.)

Only one process can open a store for writing; readers (the SPARQL server's workers) open it
read-only and see the data as of their opening (a reader opening a store whose load was
interrupted, before any writer has rolled it back, may see that load's articles half there: it is
warned in the log).
"""
from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import logging
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping
from xml.sax.saxutils import escape as _xml_escape

import pyoxigraph as ox

from .atomic import atomic_write
from .errors import InputError, QueryError, StoreError
from .gcpause import gc_paused

from .rdf import PREFIXES, _SUFFIX_FORMAT, doc_graph_iri, is_valid_iri, ox_quads
from .rdf import quads as rdf_quads
from .vocab import GK

__all__ = ["Store", "Result", "query_graph", "memory_store", "run_query", "inject_values", "to_ox", "parse_binding",
           "FORMATS", "JOURNAL"]

log = logging.getLogger(__name__)

#: The file in a store folder that lists the articles being bulk loaded (see :meth:`Store.add`).
JOURNAL = "govkg-pending.json"

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DCTERMS = "http://purl.org/dc/terms/"
FORMATS = ("table", "csv", "tsv", "json", "xml")
_VAR_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_OX_SUFFIX = {".ttl": ox.RdfFormat.TURTLE, ".turtle": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG,
              ".nq": ox.RdfFormat.N_QUADS, ".nt": ox.RdfFormat.N_TRIPLES, ".rdf": ox.RdfFormat.RDF_XML,
              ".xml": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML, ".jsonld": ox.RdfFormat.JSON_LD,
              ".json": ox.RdfFormat.JSON_LD, ".n3": ox.RdfFormat.N3}


# ------------------------------------------------------------------ terms

def to_ox(term: Any) -> Any:
    """An rdflib term, pyoxigraph term or Python value as a pyoxigraph term."""
    from rdflib import BNode as RBNode, Literal as RLiteral, URIRef

    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal, ox.Triple)):
        return term
    if isinstance(term, URIRef):
        if not is_valid_iri(str(term)):
            raise QueryError(f"invalid IRI {str(term)!r}")
        return ox.NamedNode(str(term))
    if isinstance(term, RBNode):
        return ox.BlankNode(str(term))
    if isinstance(term, RLiteral):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, bool):
        return ox.Literal("true" if term else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(term, int):
        return ox.Literal(str(term), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(term, float):
        return ox.Literal(repr(term), datatype=ox.NamedNode(XSD + "double"))
    if isinstance(term, Decimal):
        return ox.Literal(format(term, "f"), datatype=ox.NamedNode(XSD + "decimal"))
    if isinstance(term, _dt.datetime):
        return ox.Literal(term.isoformat(), datatype=ox.NamedNode(XSD + "dateTime"))
    if isinstance(term, _dt.date):
        return ox.Literal(term.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    if isinstance(term, str):
        return ox.Literal(term)
    raise QueryError(f"cannot bind a value of type {type(term).__name__}")


def parse_binding(text: str) -> tuple[str, Any]:
    """``name=value`` from the command line: ``<iri>`` is an IRI, ``"text"@zh`` a tagged literal,
    ``"2021-12-31"^^xsd:date`` / ``^^<iri>`` a typed literal, anything else a plain string.
    """
    name, sep, value = text.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _VAR_RE.fullmatch(name):
        raise QueryError(f"--bind wants name=value, got {text!r}")
    if value.startswith("<") and value.endswith(">"):
        iri = value[1:-1]
        if not is_valid_iri(iri):
            raise QueryError(f"invalid IRI in --bind: {value!r}")
        return name, ox.NamedNode(iri)
    m = re.fullmatch(r'"(.*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(?:<([^<>"\s]+)>|xsd:(\w+)))?', value, re.S)
    if m:
        lex, lang, dt_iri, dt_x = m.groups()
        if lang:
            return name, ox.Literal(lex, language=lang)
        if dt_iri or dt_x:
            return name, ox.Literal(lex, datatype=ox.NamedNode(dt_iri or XSD + dt_x))
        return name, ox.Literal(lex)
    return name, ox.Literal(value)


def _terms(bindings: Mapping[str, Any] | None) -> dict[str, Any]:
    out = {}
    for name, value in (bindings or {}).items():
        name = str(name).lstrip("?$")
        if not _VAR_RE.fullmatch(name):
            raise QueryError(f"invalid variable name {name!r}")
        out[name] = to_ox(value)
    return out


_TOKEN = re.compile(r'''
    (?P<comment>\#[^\n]*)
  | (?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<open>\{)
  | (?P<other>.)
''', re.X | re.S)


def inject_values(sparql: str, bindings: Mapping[str, Any] | None) -> str:
    """The query with ``VALUES (?a ?b) { (t1 t2) }`` placed first in its outermost WHERE group.

    The terms are pyoxigraph terms written in N-Triples syntax (quotes, backslashes and line
    breaks escaped), so a bound value can never change the query's structure. A variable that is
    not bound stays unbound (write ``COALESCE(?year, 2021)`` for a default).

    >>> inject_values('SELECT ?s WHERE { ?s ?p ?name }', {"name": 'a" } DROP ALL'})
    'SELECT ?s WHERE { VALUES (?name) { ("a\\\\" } DROP ALL") }  ?s ?p ?name }'
    """
    terms = _terms(bindings)
    if not terms:
        return sparql
    first_open = where_open = None
    prev_word = None
    for m in _TOKEN.finditer(sparql):
        kind = m.lastgroup
        if kind == "comment" or (kind == "other" and m.group().isspace()):
            continue
        if kind == "open":
            if first_open is None:
                first_open = m.end()
            if prev_word == "WHERE":
                where_open = m.end()
                break
        prev_word = m.group().upper() if kind == "word" else None
    pos = where_open if where_open is not None else first_open
    if pos is None:
        raise QueryError("cannot bind values: the query has no WHERE group")
    names = " ".join(f"?{n}" for n in terms)
    row = " ".join(str(t) for t in terms.values())
    return f"{sparql[:pos]} VALUES ({names}) {{ ({row}) }} {sparql[pos:]}"


_INT_TYPES = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                               "positiveInteger", "unsignedInt", "unsignedLong")}


def _py_value(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value if term.datatype is not None else ""
        try:
            if dt in _INT_TYPES:
                return int(term.value)
            if dt in (XSD + "double", XSD + "float"):
                return float(term.value)
            if dt == XSD + "decimal":
                return Decimal(term.value)
            if dt == XSD + "boolean":
                return term.value in ("true", "1")
        except ValueError:
            pass
        return term.value
    return term.value if hasattr(term, "value") else str(term)


# ------------------------------------------------------------------ results

@dataclass
class Result:
    """A materialised SPARQL result: ``kind`` is ``"select"``, ``"ask"`` or ``"graph"``.

    Iterating a SELECT result yields dicts ``{variable: python value}`` (IRIs and literals as their
    string value, unbound as ``None``); :meth:`serialize` writes the SPARQL 1.1 results formats.
    """

    kind: str
    vars: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # pyoxigraph terms or None
    boolean: bool | None = None
    triples: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples) if self.kind == "graph" else 1

    def __iter__(self) -> Iterator[dict]:
        for row in self.rows:
            yield {v: _py_value(t) for v, t in zip(self.vars, row)}

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ask" else len(self) > 0

    def values(self, var: str) -> list:
        i = self.vars.index(var)
        return [_py_value(r[i]) for r in self.rows]

    # -- formats
    def serialize(self, fmt: str = "table") -> str:
        """``table`` (aligned text), ``csv``, ``tsv``, ``json``, ``xml`` (SPARQL 1.1 results); for a
        CONSTRUCT/DESCRIBE result ``turtle``, ``nt`` (``table``/``csv``… give N-Triples)."""
        if self.kind == "graph":
            fmt_ox = ox.RdfFormat.TURTLE if fmt in ("turtle", "ttl") else ox.RdfFormat.N_TRIPLES
            return ox.serialize(self.triples, format=fmt_ox, prefixes=PREFIXES if fmt_ox == ox.RdfFormat.TURTLE else None).decode("utf-8")
        fn = {"table": self._table, "csv": self._csv, "tsv": self._tsv, "json": self._json, "xml": self._xml}.get(fmt)
        if fn is None:
            raise QueryError(f"unknown result format {fmt!r} (use one of {', '.join(FORMATS)})")
        return fn()

    def _table(self) -> str:
        if self.kind == "ask":
            return "true\n" if self.boolean else "false\n"
        cells = [[_short(t) for t in row] for row in self.rows]
        widths = [max([_width(v)] + [_width(r[i]) for r in cells]) for i, v in enumerate(self.vars)]
        def line(vals):
            return " | ".join(v + " " * (w - _width(v)) for v, w in zip(vals, widths)).rstrip()
        out = [line(self.vars), "-+-".join("-" * w for w in widths)]
        out += [line(r) for r in cells]
        out.append(f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''})")
        return "\n".join(out) + "\n"

    def _csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        if self.kind == "ask":
            w.writerow(["_askResult"]); w.writerow(["true" if self.boolean else "false"])
            return buf.getvalue()
        w.writerow(self.vars)
        for row in self.rows:
            w.writerow(["" if t is None else _csv_term(t) for t in row])
        return buf.getvalue()

    def _tsv(self) -> str:
        if self.kind == "ask":
            return "?_askResult\n" + ("true" if self.boolean else "false") + "\n"
        lines = ["\t".join("?" + v for v in self.vars)]
        for row in self.rows:
            lines.append("\t".join("" if t is None else str(t) for t in row))
        return "\n".join(lines) + "\n"

    def _json(self) -> str:
        if self.kind == "ask":
            return json.dumps({"head": {}, "boolean": bool(self.boolean)})
        bindings = [{v: _json_term(t) for v, t in zip(self.vars, row) if t is not None} for row in self.rows]
        return json.dumps({"head": {"vars": self.vars}, "results": {"bindings": bindings}}, ensure_ascii=False)

    def _xml(self) -> str:
        out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
        if self.kind == "ask":
            out += ["</head>", f"<boolean>{'true' if self.boolean else 'false'}</boolean>", "</sparql>"]
            return "\n".join(out) + "\n"
        out += [f'<variable name="{v}"/>' for v in self.vars] + ["</head>", "<results>"]
        for row in self.rows:
            out.append("<result>")
            for v, t in zip(self.vars, row):
                if t is None:
                    continue
                out.append(f'<binding name="{v}">{_xml_term(t)}</binding>')
            out.append("</result>")
        out += ["</results>", "</sparql>"]
        return "\n".join(out) + "\n"


def _width(s: str) -> int:
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def _short(t: Any) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.NamedNode):
        for p, ns in PREFIXES.items():
            if t.value.startswith(ns) and len(t.value) > len(ns):
                return f"{p}:{t.value[len(ns):]}"
        return f"<{t.value}>"
    s = t.value if hasattr(t, "value") else str(t)
    s = s.replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return s if len(s) <= 80 else s[:79] + "…"


def _csv_term(t: Any) -> str:
    if isinstance(t, ox.BlankNode):
        return f"_:{t.value}"
    return t.value if hasattr(t, "value") else str(t)


def _json_term(t: Any) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype is not None and t.datatype.value != XSD + "string":
            d["datatype"] = t.datatype.value
        return d
    return {"type": "triple", "value": str(t)}


def _xml_term(t: Any) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{_xml_escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{_xml_escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f'<literal xml:lang="{_xml_escape(t.language)}">{_xml_escape(t.value)}</literal>'
        if t.datatype is not None and t.datatype.value != XSD + "string":
            return f'<literal datatype="{_xml_escape(t.datatype.value)}">{_xml_escape(t.value)}</literal>'
        return f"<literal>{_xml_escape(t.value)}</literal>"
    return f"<literal>{_xml_escape(str(t))}</literal>"


def run_query(store: ox.Store, sparql: str, bindings: Mapping[str, Any] | None = None, *, union: bool = True,
              max_results: int | None = None) -> Result:
    """Run one SPARQL query on a pyoxigraph store and materialise the result."""
    if not isinstance(sparql, str) or not sparql.strip():
        raise QueryError("empty query")
    try:
        res = store.query(inject_values(sparql, bindings), use_default_graph_as_union=union, prefixes=PREFIXES)
        if isinstance(res, ox.QueryBoolean):
            return Result("ask", boolean=bool(res))
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            rows = []
            for sol in res:
                rows.append(tuple(sol[i] for i in range(len(names))))
                if max_results is not None and len(rows) > max_results:
                    raise QueryError(f"more than {max_results} results: add a LIMIT")
            return Result("select", vars=names, rows=rows)
        triples = []
        for t in res:
            triples.append(t)
            if max_results is not None and len(triples) > max_results:
                raise QueryError(f"more than {max_results} triples: add a LIMIT")
        return Result("graph", triples=triples)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {exc}") from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise QueryError(f"query failed: {exc}") from exc


# ------------------------------------------------------------------ the store

def _nx(G: Any):
    return getattr(G, "nx", G)


def _quad_text(q: ox.Quad) -> str:
    return f"{q.subject} {q.predicate} {q.object} ."


def _sync_dir(path: Path) -> None:
    """Make a file's creation or removal in ``path`` durable (fsync of the folder)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. a platform without folder descriptors
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)


class Store:
    """An on-disk pyoxigraph store of govkg graphs (see the module docstring)."""

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        try:
            if read_only:
                if not self.path.is_dir():
                    raise StoreError(f"{self.path}: no store here")
                self._ox = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc}); is another process using it?") from exc
        if (self.path / JOURNAL).exists():
            if read_only:
                log.warning("%s: a bulk load was interrupted; its articles may be half there until the "
                            "store is next opened for writing", self.path)
            else:
                self._roll_back()

    # -- context manager
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if getattr(self, "_ox", None) is not None and not self.read_only:
            try:
                self._ox.flush()
            except OSError:
                pass
        self._ox = None

    @property
    def ox(self) -> ox.Store:
        if self._ox is None:
            raise StoreError(f"{self.path}: the store is closed")
        return self._ox

    def __len__(self) -> int:
        return len(self.ox)

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    # -- writing
    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")

    @staticmethod
    def _batches(G) -> tuple[dict[str, list[ox.Quad]], dict[str, str], list[ox.Quad]]:
        """Per article graph IRI: its named graph plus the default triples of the entities it
        mentions; the doc id of each graph; and the default triples that belong to no article."""
        G = _nx(G)
        mentioned = ox.NamedNode(str(GK.mentionedIn))
        subj = ox.NamedNode(RDF_NS + "subject")
        graph_doc: dict[str, str] = {}
        for n, data in G.nodes(data=True):
            if data.get("kind") == "Document":
                doc = str(n).partition("/")[2] or str(n)
                graph_doc[str(doc_graph_iri(doc))] = doc
        batches: dict[ox.NamedNode, dict] = {}  # graph -> {quad: None}
        default: list[tuple] = []
        entity_graphs: dict = {}
        # keyed by the graph's term (hashed in Rust) rather than by its ``.value`` (a new str
        # each time it is read); turned into IRI strings once per graph at the end
        for s, p, o, gi in rdf_quads(G):  # pyoxigraph terms already
            if gi is None:
                default.append((s, p, o))
                continue
            batch = batches.get(gi)
            if batch is None:
                batch = batches[gi] = {}
            batch[ox.Quad(s, p, o, gi)] = None
            if p == mentioned:
                entity_graphs.setdefault(s, set()).add(gi)
        owner = {s: o for s, p, o in default if p == subj}
        orphans: dict = {}
        dg = ox.DefaultGraph()
        for s, p, o in default:
            q = ox.Quad(s, p, o, dg)
            graphs = entity_graphs.get(owner.get(s, s))
            if graphs:
                for g in graphs:
                    batches[g][q] = None
            else:
                orphans[q] = None
        return ({g.value: list(qs) for g, qs in batches.items()}, graph_doc, list(orphans))

    @gc_paused()  # see kg.gcpause: a Quad and tuples per quad of the batch, none of them garbage
    def add(self, G, *, bulk: bool = True) -> dict[str, int]:
        """Add (or replace) every article of a networkx graph (or a KnowledgeGraph).

        The named graph of each article that has a ``doc/…`` node in ``G`` is replaced; evidence
        that ``G`` holds for other articles (a shared entity's mentions elsewhere) is merged into
        their graphs without removing anything. Returns ``{doc id: quads written}``.

        Each article already stored is replaced in a SPARQL update (one transaction) of its own.
        Everything else goes in under a journal: first **one** transaction with the entities'
        default-graph triples (each written once however many articles mention it) and the
        evidence merged into graphs already stored, then the named graphs new to the store
        through pyoxigraph's bulk loader (``bulk_extend``: faster than a transaction, but not
        atomic). The journal (:data:`JOURNAL` in the store folder, written and synced first,
        removed once everything is flushed to disk) names the new graphs and holds the quads of
        the transaction the store did not have yet: a store opened for writing after a crash
        finds it and removes exactly those and drops those graphs (:meth:`_roll_back`). So a failure or a
        crash leaves every article either wholly as before or wholly new, never half written;
        the builder calls this once per ``--batch`` of articles. ``bulk=False`` writes the new
        graphs in the transaction too (no journal).
        """
        self._writable()
        batches, graph_doc, orphans = self._batches(G)
        written = {}
        fresh: dict = {}
        new_graphs: list[ox.Quad] = []
        names: list[str] = []
        dg = ox.DefaultGraph()
        try:
            for ident in sorted(batches):
                quads = batches[ident]
                doc = graph_doc.get(ident, ident)
                g = ox.NamedNode(ident)
                stored = self.ox.contains_named_graph(g)
                if ident in graph_doc and stored:
                    body = "\n".join(_quad_text(q) for q in quads if q.graph_name == dg)
                    inner = "\n".join(_quad_text(q) for q in quads if q.graph_name != dg)
                    self.ox.update(f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{\n{body}\nGRAPH {g} {{\n{inner}\n}}\n}}")
                elif bulk and not stored:
                    # a graph the store does not hold: dropping it again undoes the bulk load
                    names.append(ident)
                    for q in quads:
                        if q.graph_name == dg:
                            fresh[q] = None
                        else:
                            new_graphs.append(q)
                else:
                    # evidence for an article this graph does not hold (merged, never replaced),
                    # or a new article without the bulk loader: in the transaction below
                    fresh.update(dict.fromkeys(quads))
                written[doc] = len(quads)
            fresh.update(dict.fromkeys(orphans))
            if new_graphs:
                self._bulk_add(names, new_graphs, list(fresh))
            elif fresh:
                self.ox.extend(list(fresh))
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"{self.path}: cannot write the articles: {exc}") from exc
        return written

    def _bulk_add(self, names: list[str], graphs: list[ox.Quad], rest: list[ox.Quad]) -> None:
        """Add ``rest`` in one transaction, then bulk load the quads of the new named graphs
        ``names``, under the journal (see :meth:`add`)."""
        contains = self.ox.__contains__
        added = [q for q in rest if not contains(q)]  # what the transaction brings; rest is there
        journal = {"version": 1, "graphs": names,
                   "added": ox.serialize(added, format=ox.RdfFormat.N_QUADS).decode("utf-8")}
        path = self.path / JOURNAL
        atomic_write(path, json.dumps(journal, ensure_ascii=False))
        _sync_dir(self.path)
        # the entities first: a reader opening the store meanwhile sees them before the articles
        # that mention them, never an article without its entities
        if added:
            self.ox.extend(added)
        self.ox.bulk_extend(graphs)
        self.ox.flush()
        path.unlink()
        _sync_dir(self.path)

    def _roll_back(self) -> None:
        """Undo the bulk load the journal describes (an interrupted :meth:`add`): drop its new
        graphs and remove the quads its transaction added. Idempotent: a crash here is undone
        again at the next opening."""
        path = self.path / JOURNAL
        try:
            journal = json.loads(path.read_text(encoding="utf-8"))
            names = [ox.NamedNode(g) for g in journal["graphs"]]
            added = list(ox.parse(journal["added"].encode("utf-8"), format=ox.RdfFormat.N_QUADS))
        except (OSError, ValueError, KeyError, TypeError, SyntaxError) as exc:
            raise StoreError(f"{self.path}: cannot read the journal of an interrupted load "
                             f"({path.name}: {exc}); the store is left as it is") from exc
        try:
            for g in names:
                self.ox.remove_graph(g)
            for q in added:
                self.ox.remove(q)
            self.ox.flush()
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot roll back an interrupted load: {exc}") from exc
        log.warning("%s: rolled back an interrupted load of %d article graph(s)", self.path, len(names))
        path.unlink()
        _sync_dir(self.path)

    def remove(self, doc_id: str) -> int:
        """Retract an article: its named graph, and the entities only it mentioned. Returns the
        number of quads removed; raises :class:`StoreError` when the article is not stored."""
        self._writable()
        g = ox.NamedNode(str(doc_graph_iri(doc_id)))
        if not self.ox.contains_named_graph(g):
            raise StoreError(f"{self.path}: no document {doc_id!r} in the store")
        before = len(self.ox)
        ents = [s for s in {q.subject for q in self.ox.quads_for_pattern(None, ox.NamedNode(str(GK.mentionedIn)), None, g)}
                if isinstance(s, ox.NamedNode) and is_valid_iri(s.value)]
        values = " ".join(str(e) for e in ents)  # minted, validated IRIs only
        update = f"DROP GRAPH {g}"
        if ents:
            update += f""" ;
DELETE {{ ?x ?p ?y }} WHERE {{
  VALUES ?e {{ {values} }}
  FILTER NOT EXISTS {{ GRAPH ?g2 {{ ?e <{GK.mentionedIn}> ?d2 }} }}
  {{ ?e ?p ?y . BIND(?e AS ?x) }}
  UNION {{ ?x ?p ?e . BIND(?e AS ?y) }}
  UNION {{ ?x <{RDF_NS}subject>|<{RDF_NS}object> ?e . ?x ?p ?y }}
}}"""
        try:
            self.ox.update(update)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"{self.path}: cannot remove {doc_id!r}: {exc}") from exc
        return before - len(self.ox)

    def clear(self) -> None:
        self._writable()
        self.ox.clear()

    def load(self, path: str | os.PathLike) -> int:
        """Load an RDF file (graph.trig / graph.nq keep their named graphs) into the store."""
        self._writable()
        p = Path(path)
        fmt = _OX_SUFFIX.get(p.suffix.lower())
        if fmt is None or not p.is_file():
            raise InputError(str(p), "not a readable RDF file")
        before = len(self.ox)
        try:
            self.ox.load(path=str(p), format=fmt)
        except (OSError, SyntaxError) as exc:
            raise InputError(str(p), f"cannot load: {exc}") from exc
        return len(self.ox) - before

    # -- reading
    def documents(self) -> list[str]:
        """The ids of the stored articles, sorted."""
        r = self.query(f"""SELECT DISTINCT ?id WHERE {{ GRAPH ?g {{ ?d a <{GK.Document}> ;
                           <{DCTERMS}identifier> ?id }} }} ORDER BY ?id""")
        return [str(v) for v in r.values("id")]

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None, *, union: bool = True,
              max_results: int | None = None) -> Result:
        """Run a SPARQL query; ``bindings`` maps variable names to values (rdflib or pyoxigraph terms,
        str, int, float, Decimal, date), bound by a ``VALUES`` block (see :func:`inject_values`)."""
        return run_query(self.ox, sparql, bindings, union=union, max_results=max_results)

    def update(self, sparql_update: str) -> None:
        self._writable()
        try:
            self.ox.update(sparql_update, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"{self.path}: update failed: {exc}") from exc


def memory_store(source: Any) -> ox.Store:
    """An in-memory pyoxigraph store of a file, an rdflib Graph/Dataset or a networkx graph."""
    st = ox.Store()
    if isinstance(source, (str, os.PathLike)):
        p = Path(source)
        fmt = _OX_SUFFIX.get(p.suffix.lower())
        if fmt is None:
            raise InputError(str(p), f"unknown RDF suffix {p.suffix!r} (use one of {', '.join(sorted(_SUFFIX_FORMAT))})")
        if not p.is_file():
            raise InputError(str(p), "no such file")
        try:
            st.load(path=str(p), format=fmt)
        except (OSError, SyntaxError, ValueError) as exc:
            raise InputError(str(p), f"cannot parse: {exc}") from exc
        return st
    if hasattr(source, "nx") or source.__class__.__name__.endswith("DiGraph"):
        st.extend(ox_quads(_nx(source)))
        return st
    quads = []
    if hasattr(source, "quads") and source.__class__.__name__ != "Graph":
        for s, p, o, c in source.quads((None, None, None, None)):
            ident = str(c.identifier if hasattr(c, "identifier") else c)
            g = ox.DefaultGraph() if ident.startswith("urn:x-rdflib:") else ox.NamedNode(ident)
            quads.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o), g))
    else:
        for s, p, o in source:
            quads.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o)))
    st.extend(quads)
    return st


def query_graph(source: Any, sparql: str, bindings: Mapping[str, Any] | None = None, *,
                max_results: int | None = None) -> Result:
    """Run SPARQL over a file (graph.ttl, graph.trig…), an rdflib Graph/Dataset or a networkx graph,
    loaded into an in-memory pyoxigraph store (default graph = union of all graphs)."""
    return run_query(memory_store(source), sparql, bindings, max_results=max_results)
