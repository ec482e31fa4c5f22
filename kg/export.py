"""The networkx graph to property-graph formats: GraphML, GEXF, node-link JSON, Neo4j import CSVs.

Nothing is dropped: the edge key (the predicate) is kept as the edge id / ``label`` / Neo4j
relationship type, scalar attributes stay typed, and lists / dicts (``aliases``, ``docs``,
``provenance``, ``meta``) become JSON strings (GraphML and GEXF cannot hold them; Neo4j CSVs hold
``aliases`` and ``docs`` as ``string[]`` arrays too). ``None`` becomes an absent attribute.
"""
from __future__ import annotations

import csv
import json
import os
from pathlib import Path
from typing import Any

import networkx as nx

from .atomic import atomic_path
from .errors import InputError

__all__ = ["EXPORT_FORMATS", "export", "to_graphml", "to_gexf", "to_node_link", "to_neo4j", "flat_copy"]

EXPORT_FORMATS = ("graphml", "gexf", "node-link", "neo4j")


def _flat_value(v: Any) -> Any:
    if isinstance(v, (list, tuple, dict, set)):
        return json.dumps(sorted(v) if isinstance(v, set) else v, ensure_ascii=False, sort_keys=True, default=str)
    if isinstance(v, (str, int, float, bool)):
        return v
    return str(v)


def flat_copy(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values are all str / int / float / bool (lists and dicts as JSON)."""
    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: _flat_value(v) for k, v in d.items() if v is not None})
    for u, v, k, d in G.edges(keys=True, data=True):
        attrs = {kk: _flat_value(vv) for kk, vv in d.items() if vv is not None}
        attrs.setdefault("predicate", str(k))
        attrs["label"] = attrs["predicate"]
        H.add_edge(u, v, key=k, **attrs)
    return H


def _clean_strings(H: nx.MultiDiGraph) -> None:
    from .rdf import clean_text  # XML cannot carry control characters

    for _n, d in H.nodes(data=True):
        for k, v in d.items():
            if isinstance(v, str):
                d[k] = clean_text(v)
    for *_e, d in H.edges(keys=True, data=True):
        for k, v in d.items():
            if isinstance(v, str):
                d[k] = clean_text(v)


def to_graphml(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    H = flat_copy(G)
    _clean_strings(H)
    p = Path(path)
    _atomic(p, lambda tmp: nx.write_graphml(H, tmp, encoding="utf-8", named_key_ids=True))
    return p


def to_gexf(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    H = flat_copy(G)
    _clean_strings(H)
    for n, d in H.nodes(data=True):
        d.setdefault("label", str(n))
    p = Path(path)
    _atomic(p, lambda tmp: nx.write_gexf(H, tmp, encoding="utf-8"))
    return p


def to_node_link(G: nx.MultiDiGraph, path: str | os.PathLike) -> Path:
    """node-link JSON (``nodes`` / ``edges`` with ``key``); lists and dicts stay JSON structures."""
    data = nx.node_link_data(G, edges="edges")
    p = Path(path)

    def write(tmp):
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1, default=str)

    _atomic(p, write)
    return p


def _neo4j_type(values: list) -> str:
    vals = [v for v in values if v is not None]
    if vals and all(isinstance(v, bool) for v in vals):
        return "boolean"
    if vals and all(isinstance(v, int) and not isinstance(v, bool) for v in vals):
        return "long"
    if vals and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
        return "double"
    return "string"


def _neo4j_cell(v: Any, typ: str) -> str:
    if v is None:
        return ""
    if typ == "string[]":
        return ";".join(str(x).replace(";", "\\;") for x in v)
    if typ == "boolean":
        return "true" if v else "false"
    if isinstance(v, (list, tuple, dict)):
        return json.dumps(v, ensure_ascii=False, sort_keys=True, default=str)
    return str(v)


def to_neo4j(G: nx.MultiDiGraph, out_dir: str | os.PathLike) -> dict[str, Path]:
    """``nodes.csv`` and ``relationships.csv`` for ``neo4j-admin database import full``
    (``:ID``, ``:LABEL`` = kind;subtype, ``:START_ID``, ``:END_ID``, ``:TYPE`` = predicate)."""
    out = Path(out_dir)
    from .rdf import clean_text

    keys = sorted({k for _n, d in G.nodes(data=True) for k in d if k != "kind"})
    types = {}
    for k in keys:
        vals = [d.get(k) for _n, d in G.nodes(data=True)]
        if k in ("aliases", "docs") and all(v is None or isinstance(v, (list, tuple)) for v in vals):
            types[k] = "string[]"
        else:
            types[k] = _neo4j_type(vals) if not any(isinstance(v, (list, tuple, dict)) for v in vals) else "string"
    nodes_path = out / "nodes.csv"

    def write_nodes(tmp):
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, quoting=csv.QUOTE_ALL)  # a cell like =cmd|… stays text
            w.writerow(["id:ID", ":LABEL"] + [f"{k}:{types[k]}" for k in keys])
            for n, d in G.nodes(data=True):
                labels = ";".join(x for x in (d.get("kind"), d.get("subtype")) if x)
                w.writerow([clean_text(n), labels] + [clean_text(_neo4j_cell(d.get(k), types[k])) for k in keys])

    ekeys = sorted({k for *_e, d in G.edges(keys=True, data=True) for k in d if k != "predicate"})
    etypes = {k: _neo4j_type([d.get(k) for *_e, d in G.edges(keys=True, data=True)])
              if not any(isinstance(d.get(k), (list, tuple, dict)) for *_e, d in G.edges(keys=True, data=True))
              else "string" for k in ekeys}
    rels_path = out / "relationships.csv"

    def write_rels(tmp):
        with open(tmp, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, quoting=csv.QUOTE_ALL)  # a cell like =cmd|… stays text
            w.writerow([":START_ID", ":END_ID", ":TYPE", "key"] + [f"{k}:{etypes[k]}" for k in ekeys])
            for u, v, key, d in G.edges(keys=True, data=True):
                w.writerow([clean_text(u), clean_text(v), d.get("predicate") or key, clean_text(str(key))]
                           + [clean_text(_neo4j_cell(d.get(k), etypes[k])) for k in ekeys])

    _atomic(nodes_path, write_nodes)
    _atomic(rels_path, write_rels)
    return {"nodes": nodes_path, "relationships": rels_path}


def _atomic(path: Path, write) -> None:
    """Run ``write(tmp_path)`` and move the result into place atomically."""
    with atomic_path(path) as tmp:
        write(tmp)


def export(G: nx.MultiDiGraph, fmt: str, out: str | os.PathLike) -> dict[str, Path]:
    """Write ``G`` as ``fmt`` (one of :data:`EXPORT_FORMATS`) to ``out`` (a file; a folder for neo4j)."""
    G = getattr(G, "nx", G)
    if fmt == "graphml":
        return {"graphml": to_graphml(G, out)}
    if fmt == "gexf":
        return {"gexf": to_gexf(G, out)}
    if fmt in ("node-link", "json"):
        return {"node-link": to_node_link(G, out)}
    if fmt == "neo4j":
        return to_neo4j(G, out)
    raise InputError(str(out), f"unknown export format {fmt!r} (use one of {', '.join(EXPORT_FORMATS)})")
