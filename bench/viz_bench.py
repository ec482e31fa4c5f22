"""Benchmark of the HTML explorer: Python render time and time to first draw in Chromium.

    .venv/bin/python bench/viz_bench.py            # 1k, 5k and 20k nodes
    .venv/bin/python bench/viz_bench.py 2000 8000  # other sizes

"Time to first draw" is measured from navigation start to the page's ready flag, set on
vis-network's first ``afterDrawing`` event (``window.govkgReadyAt``, ``performance.now()``),
with every non-file request aborted. Uses Debian's /usr/bin/chromium through Playwright.
Goal: 5,000 nodes drawn in under 5 s.
"""
from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.viz import layout_positions, render_html  # noqa: E402

CHROMIUM = os.environ.get("GOVKG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
GOAL = {5000: 5.0}


def synthetic_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """A graph shaped like govkg output: ~1 article per 40 nodes, a place hierarchy,
    agencies located in places, targets set by agencies; every entity mentionedIn 1-2 docs."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    n_docs = max(1, n // 40)
    for d in range(n_docs):
        G.add_node(f"doc/{d:05d}", kind="Document", label=f"关于推进第{d}项工作的通知",
                   title=f"关于推进第{d}项工作的通知", date=f"2019-{1 + d % 12:02d}-01",
                   url=None, source="bench", meta={})
    kinds = ["Place"] * 3 + ["Agency"] * 3 + ["Project"] * 2 + ["Target"] + ["Organization"]
    places: list[str] = []
    agencies: list[str] = []
    for i in range(n - n_docs):
        kind = kinds[i % len(kinds)]
        prefix = {"Place": "place", "Agency": "agency", "Project": "project",
                  "Target": "target", "Organization": "org"}[kind]
        node = f"{prefix}/实体{i}"
        docs = sorted({f"{rng.randrange(n_docs):05d}" for _ in range(rng.choice((1, 1, 2)))})
        sentence = f"到2025年,{node[len(prefix) + 1:]}要力争完成投资{i}亿元,推进高质量发展。"
        prov = [{"doc": d, "start": 6, "end": 6 + len(str(i)) + 2, "sentence": sentence,
                 "sent_start": 0, "rule": "bench", "confidence": 0.9} for d in docs]
        attrs = {}
        if kind == "Target":
            attrs = {"text": sentence, "deadline": f"{2020 + i % 6}-12-31", "value": i * 1e8,
                     "unit": "元", "approximate": False, "comparator": ">=", "metric": "投资"}
        G.add_node(node, kind=kind, label=node[len(prefix) + 1:], aliases=[], subtype=None,
                   docs=docs, mentions=len(docs) + rng.randrange(5), provenance=prov, **attrs)
        for d in docs:
            G.add_edge(node, f"doc/{d}", key="mentionedIn", predicate="mentionedIn",
                       provenance=prov, rule="mention", confidence=1.0)
        if kind == "Place":
            if places:
                G.add_edge(node, rng.choice(places[:1 + len(places) // 4]), key="partOf",
                           predicate="partOf", provenance=prov, rule="bench", confidence=1.0)
            places.append(node)
        elif kind == "Agency":
            agencies.append(node)
            if places:
                G.add_edge(node, rng.choice(places), key="locatedIn", predicate="locatedIn",
                           provenance=prov, rule="bench", confidence=1.0)
        elif kind == "Target" and agencies:
            G.add_edge(node, rng.choice(agencies), key="setBy", predicate="setBy",
                       provenance=prov, rule="bench", confidence=1.0)
            if places:
                G.add_edge(node, rng.choice(places), key="concerns", predicate="concerns",
                           provenance=prov, rule="bench", confidence=1.0)
        elif kind == "Project" and agencies:
            G.add_edge(rng.choice(agencies), node, key="responsibleFor",
                       predicate="responsibleFor", provenance=prov, rule="bench", confidence=1.0)
    return G


def main(sizes: list[int]) -> int:
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        print(f"{CHROMIUM} not found: apt-get install -y chromium fonts-wqy-microhei")
        return 2
    print(f"{'nodes':>7} {'edges':>7} {'layout s':>9} {'render s':>9} {'MB':>6} "
          f"{'first draw s':>13} {'drawn':>7}  goal")
    failed = False
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for n in sizes:
            G = synthetic_graph(n)
            t0 = time.perf_counter()
            layout_positions(G)
            t_layout = time.perf_counter() - t0
            path = Path(tmp) / f"bench_{n}.html"
            t0 = time.perf_counter()
            page_html = render_html(G, path, title=f"bench {n}", max_nodes=n)
            t_render = time.perf_counter() - t0
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            requests: list[str] = []

            def route(r, requests=requests):
                if r.request.url.startswith("file:"):
                    r.continue_()
                else:
                    requests.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.goto(path.as_uri(), timeout=120000)
            page.wait_for_function("document.documentElement.dataset.ready === '1'",
                                   timeout=120000)
            first_draw = page.evaluate("window.govkgReadyAt") / 1000
            tm = page.evaluate("govkgTimings")
            phases = (f"html+vis.js {tm['start'] / 1000:.2f}, json {(tm['parsed'] - tm['start']) / 1000:.2f}, "
                      f"datasets {(tm['views'] - tm['parsed']) / 1000:.2f}, "
                      f"vis.Network {(tm['network'] - tm['views']) / 1000:.2f}, "
                      f"first frame {(tm['drawn'] - tm['network']) / 1000:.2f}")
            drawn = page.evaluate("govkg.drawnNodeCount()")
            context.close()
            goal = GOAL.get(n)
            verdict = "" if goal is None else ("ok" if first_draw < goal else "MISSED") + f" (<{goal:g} s)"
            failed |= verdict.startswith("MISSED") or drawn != n or bool(requests)
            print(f"{n:>7} {G.number_of_edges():>7} {t_layout:>9.2f} {t_render:>9.2f} "
                  f"{len(page_html.encode()) / 1e6:>6.1f} {first_draw:>13.2f} {drawn:>7}  {verdict}"
                  + (f"  network requests: {requests}" if requests else ""))
            print(f"{'':>7} browser phases (s): {phases}")
        browser.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 5000, 20000]
    raise SystemExit(main(sizes))
