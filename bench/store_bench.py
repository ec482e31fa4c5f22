#!/usr/bin/env python3
"""Load >= 1M triples into a kg.store.Store and time the shipped example queries.

    .venv/bin/python bench/store_bench.py [--triples 1000000] [--dir /tmp/kgbench] [--graph build/seed/graph.trig]

The graph replicated is the saved graph given with --graph (read back with kg.rdf.from_rdf) or
the hand-built two-article sample of tests/test_rdf.py; each copy gets distinct doc ids (so distinct
named graphs and targets) while entities are shared across copies, like a real corpus. Prints the
load time, peak RSS (resource.getrusage) and the median latency of each query over 5 runs.
Goals: lookups < 50 ms, aggregates < 0.5 s, memory < 2 GB.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import networkx as nx  # noqa: E402

from kg import rdf  # noqa: E402
from kg.store import Store, parse_binding  # noqa: E402

QUERIES = ROOT / "kg" / "queries"
BINDINGS = {
    "lookup.rq": {"name": '"武汉市"@zh'},
    "projects_in_place.rq": {"place": '"武汉市"@zh'},
    "targets_due.rq": {"year": 2021},
    "edge_source.rq": {"s": '"赵畈村"@zh', "o": '"黄陂区"@zh'},
    "target_sources.rq": {"doc": "000_c246a7f8e94544f9#17"},
    "graph_of_article.rq": {"doc": "000_c246a7f8e94544f9#17"},
}


def base_graph(path: str | None) -> nx.MultiDiGraph:
    if path:
        return rdf.from_rdf(path)
    from test_rdf import sample_graph

    return sample_graph()


def replicate(G: nx.MultiDiGraph, i: int) -> nx.MultiDiGraph:
    """A copy of G whose documents (and targets, and provenance) carry the doc id suffix #i."""
    docs = {n.partition("/")[2] for n, d in G.nodes(data=True) if d.get("kind") == "Document"}
    suf = f"#{i}"

    def rename(n: str) -> str:
        if n.startswith("doc/") and n[4:] in docs:
            return n + suf
        if n.startswith("target/"):
            rest = n[len("target/"):]
            doc, _, span = rest.rpartition("/")
            return f"target/{doc}{suf}/{span}"
        return n

    def prov(ps):
        return [dict(p, doc=(p["doc"] + suf) if p.get("doc") in docs else p.get("doc")) for p in ps or ()]

    H = nx.MultiDiGraph()
    for n, d in G.nodes(data=True):
        d = dict(d)
        if "provenance" in d:
            d["provenance"] = prov(d["provenance"])
        if "docs" in d:
            d["docs"] = [x + suf if x in docs else x for x in d["docs"]]
        H.add_node(rename(n), **d)
    for u, v, k, d in G.edges(keys=True, data=True):
        d = dict(d)
        d["provenance"] = prov(d.get("provenance"))
        H.add_edge(rename(u), rename(v), key=k, **d)
    return H


def merge_into(B: nx.MultiDiGraph, H: nx.MultiDiGraph) -> None:
    """Add H to B, merging the provenance and docs of nodes both hold (like the real builder)."""
    for n, d in H.nodes(data=True):
        if n in B:
            old = B.nodes[n]
            old["provenance"] = list(old.get("provenance", ())) + list(d.get("provenance", ()))
            old["docs"] = sorted(set(old.get("docs", ())) | set(d.get("docs", ())))
            old["mentions"] = len(old["provenance"])
        else:
            B.add_node(n, **d)
    for u, v, k, d in H.edges(keys=True, data=True):
        if B.has_edge(u, v, k):
            e = B.edges[u, v, k]
            e["provenance"] = list(e.get("provenance", ())) + list(d.get("provenance", ()))
        else:
            B.add_edge(u, v, key=k, **d)


def timed(fn, runs: int = 5):
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--dir", type=Path, default=None)
    ap.add_argument("--graph", default=None, help="a saved graph (graph.trig) to replicate")
    a = ap.parse_args(argv)
    G = base_graph(a.graph)
    d = a.dir or Path(tempfile.mkdtemp(prefix="kgbench-"))
    if d.exists():
        shutil.rmtree(d)
    print(f"base graph: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges -> {d}", flush=True)
    with Store(d) as st:
        t0 = time.perf_counter()
        i = 0
        while len(st) < a.triples:
            batch = nx.MultiDiGraph()
            for _ in range(100):
                merge_into(batch, replicate(G, i))
                i += 1
            st.add(batch)
        load = time.perf_counter() - t0
        n = len(st)
        print(f"loaded {n:,} quads ({i} copies, {len(st.documents())} articles) in {load:.1f} s "
              f"({n / load:,.0f} quads/s)", flush=True)
        t0 = time.perf_counter()
        st.add(replicate(G, 0))
        print(f"re-add one copy (replace its named graphs): {1000 * (time.perf_counter() - t0):.0f} ms; "
              f"quads unchanged: {len(st) == n}")
        t0 = time.perf_counter()
        st.remove(f"{next(iter(sorted(n2.partition('/')[2] for n2, dd in G.nodes(data=True) if dd.get('kind') == 'Document')))}#1")
        print(f"remove one article: {1000 * (time.perf_counter() - t0):.0f} ms")
        print(f"{'query':28} {'median':>10} {'rows':>8}")
        for f in sorted(QUERIES.glob("*.rq")):
            text = f.read_text(encoding="utf-8")
            b = {k: parse_binding(f"{k}={v}")[1] if isinstance(v, str) else v for k, v in BINDINGS.get(f.name, {}).items()}
            med, res = timed(lambda: st.query(text, b))
            print(f"{f.name:28} {1000 * med:8.1f}ms {len(res):8d}", flush=True)
        med, docs = timed(st.documents, 3)
        print(f"{'Store.documents()':28} {1000 * med:8.1f}ms {len(docs):8d}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:,.0f} MB")
    if a.dir is None:
        shutil.rmtree(d, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
