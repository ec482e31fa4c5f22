"""The knowledge graph: a networkx MultiDiGraph that merges documents, and the Python API on it.

See ``docs/architecture.md`` for the node and edge attributes. Nodes from several documents
merge on their id: aliases, documents and provenance accumulate; edge keys are predicates.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Mapping

import networkx as nx

from .model import KINDS, SUBTYPES, Extraction, Provenance

__all__ = ["KnowledgeGraph"]


def _prov_dicts(provs: Iterable[Provenance]) -> list[dict[str, Any]]:
    return [p.as_dict() for p in provs]


class KnowledgeGraph:
    """Entities, targets and relations of one or more documents.

    Attributes
    ----------
    nx : networkx.MultiDiGraph
        The graph itself; edge keys are predicates (``partOf``, ``setBy``…).

    Examples
    --------
    >>> import kg
    >>> g = kg.build_texts({"a": "武汉市黄陂区赵畈村"}, date="2019-06-28")
    >>> sorted(e["label"] for e in g.entities("Place"))
    ['武汉市', '赵畈村', '黄陂区']
    """

    def __init__(self, graph: nx.MultiDiGraph | None = None):
        self.nx: nx.MultiDiGraph = graph if graph is not None else nx.MultiDiGraph()
        self._rdf = self._sparql = None

    # ------------------------------------------------------------------ building
    def add(self, ex: Extraction) -> None:
        """Merge one document's extraction into the graph (re-adding a document replaces it)."""
        self._rdf = self._sparql = None
        d = ex.document
        doc_node = f"doc/{d.id}"
        if doc_node in self.nx:
            self.remove_document(d.id)
        self.nx.add_node(doc_node, kind="Document", label=d.title or d.id, title=d.title,
                         date=d.date.isoformat() if d.date else None, url=d.url, source=d.source,
                         meta=dict(d.meta), docs=[d.id], mentions=1, aliases=[], subtype=None, provenance=[])
        for e in ex.entities:
            attrs = dict(e.attrs)
            types = list(attrs.pop("types", ()) or ())
            prov = _prov_dicts(e.provenance)
            if e.id in self.nx:
                n = self.nx.nodes[e.id]
                n["aliases"] = sorted(set(n["aliases"]) | set(e.aliases) - {n["label"]})
                n["docs"] = sorted(set(n["docs"]) | {d.id})
                n["provenance"] = n["provenance"] + prov
                n["mentions"] = len(n["provenance"])
                n["types"] = sorted(set(n.get("types", [])) | set(types))
                for k, v in attrs.items():
                    n.setdefault(k, v)
            else:
                self.nx.add_node(e.id, kind=e.kind, label=e.name, aliases=list(e.aliases), subtype=e.subtype,
                                 types=sorted(types), docs=[d.id], provenance=prov, mentions=len(prov), **attrs)
            self._add_edge(e.id, doc_node, "mentionedIn", prov)
        for r in ex.relations:
            self._add_edge(r.subject, r.object, r.predicate, _prov_dicts(r.provenance))

    def _add_edge(self, u: str, v: str, predicate: str, prov: list[dict]) -> None:
        if self.nx.has_edge(u, v, key=predicate):
            e = self.nx.edges[u, v, predicate]
            e["provenance"] = e["provenance"] + prov
            e["confidence"] = max(e["confidence"], *(p["confidence"] for p in prov)) if prov else e["confidence"]
        else:
            self.nx.add_edge(u, v, key=predicate, predicate=predicate, provenance=prov,
                             rule=prov[0]["rule"] if prov else None,
                             confidence=max((p["confidence"] for p in prov), default=1.0))

    def remove_document(self, doc_id: str) -> None:
        """Retract one document: its provenance, its targets, and entities only it mentioned."""
        self._rdf = self._sparql = None
        doc_node = f"doc/{doc_id}"
        for node in list(self.nx.nodes):
            data = self.nx.nodes[node]
            if doc_id not in data.get("docs", ()):
                continue
            rest = [p for p in data["provenance"] if p["doc"] != doc_id]
            if node == doc_node or not rest:
                self.nx.remove_node(node)
            else:
                data["provenance"], data["docs"], data["mentions"] = rest, [x for x in data["docs"] if x != doc_id], len(rest)
        for u, v, k, e in list(self.nx.edges(keys=True, data=True)):
            rest = [p for p in e["provenance"] if p["doc"] != doc_id]
            if not rest:
                self.nx.remove_edge(u, v, k)
            else:
                e["provenance"] = rest

    # ------------------------------------------------------------------ reading
    def entities(self, kind: str | None = None) -> list[dict[str, Any]]:
        """Nodes of one kind (``Agency``, ``Place``, ``Project``, ``Target``, ``Organization``,
        ``Document``, or a subtype such as ``WaterBody``), each a dict with its ``id``."""
        if kind is not None and kind not in KINDS and kind not in SUBTYPES:
            raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS + tuple(SUBTYPES))}")
        out = []
        for node, data in self.nx.nodes(data=True):
            if kind is None or data.get("kind") == kind or data.get("subtype") == kind or kind in data.get("types", ()):
                out.append({"id": node, **data})
        return sorted(out, key=lambda d: d["id"])

    def relations(self, predicate: str | None = None) -> list[tuple[str, str, str]]:
        """(subject, predicate, object) of every edge, optionally of one predicate."""
        return sorted((u, k, v) for u, v, k in self.nx.edges(keys=True) if predicate in (None, k))

    def summary(self) -> dict[str, Any]:
        kinds: dict[str, int] = {}
        for _, data in self.nx.nodes(data=True):
            kinds[data["kind"]] = kinds.get(data["kind"], 0) + 1
        return {"documents": kinds.pop("Document", 0), "nodes": kinds,
                "edges": sum(1 for _ in self.nx.edges(keys=True) if _[2] != "mentionedIn")}

    def __len__(self) -> int:
        return self.nx.number_of_nodes()

    def __repr__(self) -> str:
        s = self.summary()
        return f"<KnowledgeGraph {s['documents']} documents, {sum(s['nodes'].values())} nodes, {s['edges']} edges>"

    # ------------------------------------------------------------------ RDF and outputs
    @property
    def rdf(self):
        """The graph as an rdflib Dataset (one named graph per document), built on first use."""
        if self._rdf is None:
            from .rdf import to_dataset

            self._rdf = to_dataset(self.nx)
        return self._rdf

    def query(self, sparql: str, bindings: Mapping[str, Any] | None = None):
        """Run a SPARQL query over the whole graph; values in ``bindings`` are bound, never pasted."""
        from .store import memory_store, run_query

        if self._sparql is None:  # an in-memory pyoxigraph store, kept until the graph changes
            self._sparql = memory_store(self.nx)
        return run_query(self._sparql, sparql, bindings)

    def save(self, out_dir: str | os.PathLike, *, html: bool = True) -> dict[str, Path]:
        """Write graph.ttl (every triple), graph.trig, graph.nq, graph.nt, graph.jsonld and graph.html."""
        from .rdf import write_rdf

        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        written = write_rdf(self.nx, out)
        if html:
            written["html"] = self.to_html(out / "graph.html")
        return written

    def to_html(self, path: str | os.PathLike | None = None, **options) -> Path | str:
        """The interactive HTML explorer (see :func:`kg.viz.render_html` for the options)."""
        from .viz import render_html

        html = render_html(self.nx, path, **options)
        return Path(path) if path is not None else html
