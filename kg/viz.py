"""The self-contained HTML explorer of a govkg graph.

:func:`render_html` turns the networkx graph described in ``docs/architecture.md`` into one
HTML file that works offline: vis-network is inlined from the copy pyvis ships, the graph is
embedded as a single JSON blob, node positions are computed here in Python (so the browser
never runs a layout on a large graph), and nothing in the page is fetched from the network.

Article text is untrusted. The page is built so that no string from the graph is ever parsed
as HTML:

* the data is embedded with :func:`json.dumps` inside ``<script type="application/json">``
  with ``<``, ``>``, ``&``, U+2028 and U+2029 written as ``\\uXXXX`` escapes, so a label such
  as ``</script>`` cannot close the block;
* the page script builds the side panel with ``createElement``/``textContent`` only and never
  hands a string ``title`` to vis-network (vis would render it as HTML); hover text is a DOM
  element of our own;
* the heading is HTML-escaped, and a Content-Security-Policy allows only the page's own two
  script blocks (by SHA-256 hash) and no network request at all.

pyvis supplies the bundled vis-network asset and the default network options
(:class:`pyvis.options.Options`); its template is not used (it loads Bootstrap from a CDN and
pastes strings unescaped).
"""
from __future__ import annotations

import base64
import functools
import hashlib
import html
import importlib.util
import json
import math
import os
import re
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from .atomic import atomic_write
from .errors import GovKGError, InputError

__all__ = ["render_html", "subgraph", "layout_positions", "KIND_STYLES", "VIS_NETWORK_VERSION"]

#: The vis-network build pyvis 0.3.2 ships (``pyvis/templates/lib/vis-9.1.2``).
VIS_NETWORK_VERSION = "9.1.2"

#: Colour, vis-network shape and legend symbol per node kind.
KIND_STYLES: dict[str, dict[str, str]] = {
    "Agency": {"color": "#d62728", "shape": "dot", "symbol": "\u25cf"},
    "Place": {"color": "#1f77b4", "shape": "triangle", "symbol": "\u25b2"},
    "Project": {"color": "#2ca02c", "shape": "diamond", "symbol": "\u25c6"},
    "Target": {"color": "#ff7f0e", "shape": "star", "symbol": "\u2605"},
    "Organization": {"color": "#9467bd", "shape": "square", "symbol": "\u25a0"},
    "Document": {"color": "#8c564b", "shape": "hexagon", "symbol": "\u2b22"},
}
_OTHER_STYLE = {"color": "#7f7f7f", "shape": "dot", "symbol": "\u25cf"}

#: Attributes shown in the side panel, per kind (besides label, aliases, kind, subtype).
_KIND_ATTRS: dict[str, tuple[str, ...]] = {
    "Target": ("deadline", "value", "unit", "approximate", "comparator", "metric", "text",
               "time_phrase", "value_text"),
    "Place": ("code",),
    "Document": ("title", "date", "url", "source"),
}

_TEMPLATE = Path(__file__).with_name("templates") / "explorer.html"
_PLACEHOLDER = re.compile(r"__GOVKG_(TITLE|DATA|VIS_JS|APP_JS|CSP|NOTICE|STATS)__")
_APP_JS = re.compile(r"<script id=\"govkg-app\">(.*?)</script>", re.S)
_SPRING_MAX = 300  # components up to this size get nx.spring_layout; larger: pivot MDS
_SPRING_BUDGET = 2000  # ... while the spring-laid-out nodes stay under this many in all
_EDGE_LABEL_MAX = 1500  # above this many edges vis draws no edge labels (see the template)


# --------------------------------------------------------------------------- subgraph

def _node_docs(node: str, data: Mapping[str, Any]) -> set[str]:
    """The doc ids a node is mentioned in (``docs``, else its provenance; a doc node: itself)."""
    if data.get("kind") == "Document" or node.startswith("doc/"):
        return {node[4:] if node.startswith("doc/") else node}
    docs = data.get("docs")
    if docs:
        return {str(d) for d in docs}
    return {str(p.get("doc")) for p in data.get("provenance") or () if isinstance(p, Mapping)}


def subgraph(G: nx.MultiDiGraph, kinds: Collection[str] | None = None,
             docs: Collection[str] | None = None) -> nx.MultiDiGraph:
    """The part of ``G`` made of nodes of the given kinds and mentioned in the given documents.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A govkg graph (see ``docs/architecture.md``).
    kinds : collection of str, optional
        Keep only nodes whose ``kind`` is one of these (``Agency``, ``Place``, ...).
    docs : collection of str, optional
        Keep only nodes mentioned in one of these documents (doc ids, with or without the
        ``doc/`` prefix); the ``doc/<id>`` nodes themselves are kept too (if their kind is).

    Returns
    -------
    networkx.MultiDiGraph
        A new graph (``G`` is not changed) with every edge, key and attribute between the
        kept nodes.

    Raises
    ------
    InputError
        ``G`` is not a networkx graph, a kind is not a known kind, or a document is not in
        the graph.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("place/黄陂区", kind="Place", label="黄陂区", docs=["a"])
    >>> G.add_node("place/武汉市", kind="Place", label="武汉市", docs=["b"])
    >>> G.add_node("agency/x", kind="Agency", label="x", docs=["a"])
    >>> _ = G.add_edge("place/黄陂区", "place/武汉市", key="partOf", predicate="partOf")
    >>> sorted(subgraph(G, kinds=["Place"]))
    ['place/武汉市', 'place/黄陂区']
    >>> sorted(subgraph(G, docs=["a"]))
    ['agency/x', 'place/黄陂区']
    """
    if not isinstance(G, nx.Graph):
        raise InputError("graph", f"expected a networkx graph, got {type(G).__name__}")
    keep = set(G.nodes)
    if kinds is not None:
        kinds = {kinds} if isinstance(kinds, str) else set(kinds)
        present = {d.get("kind") for _, d in G.nodes(data=True)}
        unknown = sorted(k for k in kinds if k not in KIND_STYLES and k not in present)
        if unknown:
            raise InputError("kinds", f"unknown kind {unknown[0]!r} "
                             f"(allowed: {', '.join(KIND_STYLES)})")
        keep = {n for n in keep if G.nodes[n].get("kind") in kinds}
    if docs is not None:
        docs = {docs} if isinstance(docs, str) else set(docs)
        wanted = {d[4:] if d.startswith("doc/") else d for d in docs}
        known = set()
        for n, d in G.nodes(data=True):
            known |= _node_docs(n, d)
        unknown = sorted(wanted - known)
        if unknown:
            raise InputError("docs", f"document {unknown[0]!r} is not in the graph")
        keep = {n for n in keep if _node_docs(n, G.nodes[n]) & wanted}
    return nx.MultiDiGraph(G.subgraph(keep))


def _most_connected(G: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """The ``max_nodes`` nodes of highest degree (ties: by id) and the edges between them."""
    ranked = sorted(G.degree, key=lambda nd: (-nd[1], str(nd[0])))
    return nx.MultiDiGraph(G.subgraph(n for n, _ in ranked[:max_nodes]))


# --------------------------------------------------------------------------- layout

def _neighbour_lists(G: nx.Graph) -> tuple[list, list[list[int]]]:
    """Nodes and undirected, de-duplicated neighbour index lists (no self-loops)."""
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    # the plain dicts behind G.adj / G.pred: much faster to walk than the views
    succ = getattr(G, "_adj", None) or G.adj
    pred = (getattr(G, "_pred", None) or G.pred) if G.is_directed() else None
    nbrs: list[list[int]] = []
    for i, u in enumerate(nodes):
        s = set(map(index.__getitem__, succ[u]))
        if pred is not None:
            s.update(map(index.__getitem__, pred[u]))
        s.discard(i)
        nbrs.append(sorted(s))
    return nodes, nbrs


def _components(nbrs: list[list[int]]) -> list[list[int]]:
    seen = bytearray(len(nbrs))
    comps = []
    for s in range(len(nbrs)):
        if seen[s]:
            continue
        seen[s] = 1
        comp, stack = [s], [s]
        while stack:
            for v in nbrs[stack.pop()]:
                if not seen[v]:
                    seen[v] = 1
                    comp.append(v)
                    stack.append(v)
        comp.sort()
        comps.append(comp)
    return comps


def _csr(nbrs: list[list[int]], comp: list[int]):
    import numpy as np

    local = {g: i for i, g in enumerate(comp)}
    rows = [[local[v] for v in nbrs[g]] for g in comp]
    indptr = np.zeros(len(comp) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((j for r in rows for j in r), dtype=np.int64, count=int(indptr[-1]))
    return indptr, indices


def _bfs(indptr, indices, source: int):
    """Hop distances from ``source`` (vectorised level by level; -1 = unreachable)."""
    import numpy as np

    n = len(indptr) - 1
    dist = np.full(n, -1, dtype=np.int64)
    dist[source] = 0
    frontier = np.array([source], dtype=np.int64)
    level = 0
    while frontier.size:
        level += 1
        starts, ends = indptr[frontier], indptr[frontier + 1]
        lens = ends - starts
        total = int(lens.sum())
        if not total:
            break
        offsets = np.repeat(starts - np.concatenate(([0], np.cumsum(lens)[:-1])), lens)
        nbrs = indices[offsets + np.arange(total)]
        dist[nbrs[dist[nbrs] < 0]] = level
        frontier = np.flatnonzero(dist == level)
    return dist


def _pivot_mds(indptr, indices, pivots: int = 40):
    """Pivot MDS (Brandes & Pich 2006): classical MDS on hop distances to a few far-apart
    pivots (chosen max-min, starting at the highest-degree node). Linear in the graph."""
    import numpy as np

    n = len(indptr) - 1
    cols = []
    mind = np.full(n, np.iinfo(np.int64).max)
    p = int(np.argmax(np.diff(indptr)))
    for _ in range(min(pivots, n)):
        d = _bfs(indptr, indices, p)
        cols.append(d)
        mind = np.minimum(mind, d)
        p = int(np.argmax(mind))
        if mind[p] == 0:
            break
    C = np.stack(cols, axis=1).astype(float) ** 2
    C = C - C.mean(axis=0, keepdims=True) - C.mean(axis=1, keepdims=True) + C.mean()
    C *= -0.5
    # einsum rather than "@": no BLAS threads (their start-up and spinning cost more than
    # these small products, badly so on a busy machine)
    _, vecs = np.linalg.eigh(np.einsum("ij,ik->jk", C, C))
    xy = np.einsum("ij,jk->ik", C, np.ascontiguousarray(vecs[:, ::-1][:, :2]))
    if xy.shape[1] < 2:
        xy = np.hstack([xy, np.zeros((n, 2 - xy.shape[1]))])
    return xy


def _spread(xy, spacing: float):
    """Move nodes that landed in the same spot (pivot MDS maps a star's leaves to one point)
    onto a sunflower pattern around that spot."""
    import numpy as np

    cells = np.floor(xy / spacing).astype(np.int64)
    _, inverse, counts = np.unique(cells, axis=0, return_inverse=True, return_counts=True)
    inverse = inverse.reshape(-1)
    order = np.argsort(inverse, kind="stable")
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    rank = np.empty(len(xy), dtype=np.int64)
    rank[order] = np.arange(len(xy)) - np.repeat(starts, counts)
    golden = math.pi * (3 - math.sqrt(5))
    r = spacing * 0.9 * np.sqrt(rank)
    theta = rank * golden
    out = xy.copy()
    out[:, 0] += r * np.cos(theta)
    out[:, 1] += r * np.sin(theta)
    return out


def _component_layout(nbrs: list[list[int]], comp: list[int], seed: int, scale: float,
                      spring: bool):
    import numpy as np

    n = len(comp)
    if n == 1:
        return np.zeros((1, 2))
    if n <= 3:
        return np.array([[0.0, 0.0], [scale, 0.0], [scale / 2, scale * 0.87]][:n])
    if spring:
        H = nx.Graph()
        H.add_nodes_from(range(n))
        local = {g: i for i, g in enumerate(comp)}
        H.add_edges_from((local[g], local[v]) for g in comp for v in nbrs[g] if g < v)
        pos = nx.spring_layout(H, seed=seed, iterations=50 if n < 100 else 30)
        xy = np.array([pos[i] for i in range(n)])
        xy -= xy.mean(axis=0)
        radius = float(np.abs(xy).max()) or 1.0
        return xy / radius * scale * math.sqrt(n) * 0.5
    indptr, indices = _csr(nbrs, comp)
    xy = _pivot_mds(indptr, indices)
    xy -= xy.mean(axis=0)
    # one hop ~ `scale` pixels, then pull apart nodes that share a spot
    return _spread(xy * scale, spacing=scale * 0.3)


def layout_positions(G: nx.Graph, *, seed: int = 7, scale: float = 120.0
                     ) -> dict[Any, tuple[float, float]]:
    """Node positions (pixels) for drawing ``G``, fast enough for tens of thousands of nodes.

    Edge directions and parallel edges are ignored. Each connected component is laid out on
    its own: small ones with :func:`networkx.spring_layout` (few iterations; at most
    ``_SPRING_BUDGET`` nodes in all), the others with pivot MDS (breadth-first distances to
    ~40 pivots, then an eigen-decomposition of a 40 x 40 matrix: linear in the size of the
    graph) and a sunflower spread of nodes that share a spot. The components are packed in
    rows, largest first. The result is deterministic.

    Examples
    --------
    >>> pos = layout_positions(nx.path_graph(3))
    >>> sorted(pos)
    [0, 1, 2]
    """
    import numpy as np

    nodes, nbrs = _neighbour_lists(G)
    comps = sorted(_components(nbrs), key=lambda c: (-len(c), c[0]))
    placed = []
    budget = _SPRING_BUDGET
    for i, comp in enumerate(comps):
        spring = len(comp) <= _SPRING_MAX and len(comp) <= budget
        if spring and len(comp) > 3:
            budget -= len(comp)
        xy = _component_layout(nbrs, comp, seed + i, scale, spring)
        placed.append((comp, xy - xy.min(axis=0)))
    # shelf packing: rows about sqrt(total area) wide
    gap = scale
    sizes = [(float(xy[:, 0].max()), float(xy[:, 1].max())) for _, xy in placed]
    area = sum((w + gap) * (h + gap) for w, h in sizes)
    width = max([math.sqrt(area)] + [w for w, _ in sizes])
    out = np.zeros((len(nodes), 2))
    x = y = row_h = 0.0
    for (comp, xy), (w, h) in zip(placed, sizes):
        if x > 0 and x + w > width:
            x, y, row_h = 0.0, y + row_h + gap, 0.0
        out[comp] = xy + (x, y)
        x += w + gap
        row_h = max(row_h, h)
    if len(nodes):
        out -= out.mean(axis=0)
    out = np.round(out, 1)
    return {v: (float(px), float(py)) for v, (px, py) in zip(nodes, out.tolist())}


# --------------------------------------------------------------------------- page data

def _clean(value: Any) -> Any:
    """A JSON-safe copy: non-finite floats -> None, dates/sets/others -> str or list."""
    if value is None or type(value) in (str, int, bool):
        return value
    if isinstance(value, bool):  # subclasses of bool / int / str (enums)
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [_clean(v) for v in items]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _deadline_year(deadline: Any) -> int | None:
    m = re.match(r"\s*(\d{4})", str(deadline)) if deadline else None
    return int(m.group(1)) if m else None


class _Sentences:
    """Interns (doc, sentence) pairs: each sentence is stored once in the page."""

    def __init__(self) -> None:
        self.rows: list[list[Any]] = []
        self._index: dict[tuple[str, Any, str], int] = {}

    def provenance(self, provs: Any) -> list[list[Any]]:
        out, seen = [], set()
        for p in provs or ():
            if not isinstance(p, Mapping):
                continue
            doc, sentence = p.get("doc", ""), p.get("sentence") or ""
            sent_start = p.get("sent_start")
            if type(doc) is not str:
                doc = str(doc)
            if type(sentence) is not str:
                sentence = str(sentence)
            if type(sent_start) is not int:
                sent_start = _clean(sent_start)
            key = (doc, sent_start, sentence)
            sid = self._index.get(key)
            if sid is None:
                sid = self._index[key] = len(self.rows)
                self.rows.append([doc, sentence])
            start, end = p.get("start"), p.get("end")
            if type(start) is int and type(end) is int and type(sent_start) is int:
                start, end = start - sent_start, end - sent_start
            else:
                start = end = None
            if (sid, start, end) not in seen:
                seen.add((sid, start, end))
                rule, conf = p.get("rule"), p.get("confidence")
                out.append([sid, start, end, rule if type(rule) is str else _clean(rule),
                            conf if type(conf) in (int, float) and math.isfinite(conf)
                            else _clean(conf)])
        return out


def _edges(G: nx.Graph):
    """``(u, v, predicate, data)`` for every edge; the predicate is the key of a multigraph."""
    if G.is_multigraph():
        yield from G.edges(keys=True, data=True)
    else:
        for u, v, d in G.edges(data=True):
            yield u, v, d.get("predicate"), d


def _page_data(G: nx.MultiDiGraph, pos: Mapping[Any, tuple[float, float]], meta: dict
               ) -> dict[str, Any]:
    sentences = _Sentences()
    docs: dict[str, dict[str, Any]] = {}
    nodes = []
    in_mentions: dict[Any, int] = {}
    edge_list = list(_edges(G))
    for u, v, key, _ in edge_list:
        if key == "mentionedIn":
            in_mentions[v] = in_mentions.get(v, 0) + 1
    for n, d in G.nodes(data=True):
        kind = d.get("kind") or "Other"
        if kind == "Document":
            docs[str(n)[4:] if str(n).startswith("doc/") else str(n)] = {
                "title": _clean(d.get("title")), "date": _clean(d.get("date")),
                "url": _clean(d.get("url"))}
        attrs = {a: _clean(d.get(a)) for a in _KIND_ATTRS.get(kind, ())}
        attrs = {a: v for a, v in attrs.items() if v is not None}
        mentions = d.get("mentions")
        if (not isinstance(mentions, (int, float)) or isinstance(mentions, bool)
                or not math.isfinite(mentions)):
            mentions = in_mentions.get(n, 0) if kind == "Document" else 1
        label = d.get("label") or (d.get("title") if kind == "Document" else None) or str(n)
        x, y = pos.get(n, (0.0, 0.0))
        nodes.append({
            "id": str(n), "label": str(label), "kind": str(kind),
            "subtype": _clean(d.get("subtype")),
            "aliases": [str(a) for a in d.get("aliases") or ()],
            "docs": sorted(_node_docs(str(n), d)),
            "mentions": int(mentions), "attrs": attrs,
            "year": _deadline_year(d.get("deadline")) if kind == "Target" else None,
            "prov": sentences.provenance(d.get("provenance")),
            "x": x, "y": y,
        })
    edges = []
    for u, v, key, d in edge_list:
        predicate = str(key if key is not None else d.get("predicate", ""))
        edges.append({
            "from": str(u), "to": str(v), "predicate": predicate,
            # mentionedIn provenance repeats the node's own: not stored twice
            "prov": [] if predicate == "mentionedIn" else sentences.provenance(d.get("provenance")),
            "rule": _clean(d.get("rule")),
        })
    return {"meta": meta, "kinds": KIND_STYLES, "other": _OTHER_STYLE, "docs": docs,
            "sentences": sentences.rows, "nodes": nodes, "edges": edges}


def _json_for_script(data: Any) -> str:
    """JSON that is inert inside ``<script type="application/json">``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
    # a lone surrogate cannot be written as UTF-8: as a \\u escape it is valid JSON and JavaScript
    return re.sub("[\ud800-\udfff]", lambda m: "\\u%04x" % ord(m.group()), text)


def _vis_options(physics: bool, large: bool) -> dict[str, Any]:
    """vis-network options, starting from pyvis's defaults."""
    from pyvis.options import Options  # imported here: pyvis pulls in jinja2 and IPython

    options = json.loads(Options().to_json())
    options["configure"] = {"enabled": False}
    options["layout"] = {"improvedLayout": False, "randomSeed": 7}
    options["physics"]["enabled"] = physics
    options["physics"]["stabilization"].update({"iterations": 150, "fit": True})
    options["physics"]["solver"] = "barnesHut"
    options["physics"]["barnesHut"] = {"gravitationalConstant": -3000, "springLength": 120,
                                       "avoidOverlap": 0.1}
    options["edges"] = {
        "smooth": {"enabled": physics, "type": "continuous"} if physics else False,
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "color": {"color": "#8a9099", "highlight": "#333333", "hover": "#333333",
                  "inherit": False},
        "font": {"size": 10, "align": "middle", "color": "#555555", "strokeWidth": 2},
        "width": 1, "selectionWidth": 2,
    }
    options["nodes"] = {"font": {"size": 14, "color": "#1d2939",
                                 "face": '"Noto Sans CJK SC", "WenQuanYi Micro Hei", '
                                         '"Microsoft YaHei", "PingFang SC", sans-serif'},
                        "borderWidth": 1}
    options["interaction"].update({"hover": True, "tooltipDelay": 3600000,
                                   "hideEdgesOnDrag": large, "hideEdgesOnZoom": large,
                                   "multiselect": False})
    return options


# --------------------------------------------------------------------------- assets

@functools.lru_cache(maxsize=1)
def _vis_js() -> str:
    """vis-network as shipped by pyvis, ready to inline (no source-map request)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise GovKGError("pyvis is not installed: it supplies the vis-network asset")
    base = Path(next(iter(spec.submodule_search_locations)))
    path = base / "templates" / "lib" / f"vis-{VIS_NETWORK_VERSION}" / "vis-network.min.js"
    try:
        js = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GovKGError(f"vis-network asset missing from pyvis: {path}: {exc}") from exc
    js = re.sub(r"//# sourceMappingURL=\S*\s*$", "", js)
    # An inline script must not contain "</script" (it would end the block), nor "<!--" /
    # "<script" (they switch the HTML parser into its escaped-script states). 9.1.2 only has
    # the string literal "<script>" of core-js's IE polyfill: write it as "\x3cscript>".
    js = js.replace('"<script>"', '"\\x3cscript>"')
    if re.search(r"</?script|<!--", js, re.I):
        raise GovKGError("the vis-network asset contains '<script' or '<!--': cannot inline it")
    return js


@functools.lru_cache(maxsize=1)
def _template() -> tuple[str, str]:
    """The page template and the page's own script (kept apart so its hash can be taken)."""
    text = _TEMPLATE.read_text(encoding="utf-8")
    m = _APP_JS.search(text)
    if m is None:
        raise GovKGError(f"{_TEMPLATE}: no <script id=\"govkg-app\"> block")
    return text[:m.start(1)] + "__GOVKG_APP_JS__" + text[m.end(1):], m.group(1)


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


# --------------------------------------------------------------------------- render

def render_html(G: nx.MultiDiGraph, path: str | os.PathLike | None = None, *,
                title: str = "govkg", kinds: Collection[str] | None = None,
                docs: Collection[str] | None = None, max_nodes: int = 3000,
                physics_max: int = 500) -> str:
    """The graph as one self-contained, offline HTML explorer page.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A govkg graph (``KnowledgeGraph.nx``); not modified.
    path : str or os.PathLike, optional
        Also write the page there, atomically (temporary file in the same folder, then
        :func:`os.replace`).
    title : str
        Page heading and ``<title>`` (escaped).
    kinds, docs : collection of str, optional
        Show only the :func:`subgraph` of these node kinds / documents.
    max_nodes : int
        Above this many nodes the page shows the ``max_nodes`` most connected ones (by
        degree) and says so at the top of the page.
    physics_max : int
        Up to this many nodes vis-network's physics stays on (drag and the graph settles);
        above it positions are fixed (computed here) so the page draws at once.

    Returns
    -------
    str
        The HTML text.

    Raises
    ------
    InputError
        ``G`` is not a networkx graph, an unknown kind or document, or ``max_nodes`` < 1.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("place/黄陂区", kind="Place", label="黄陂区", mentions=2)
    >>> page = render_html(G, title="<b>demo</b>")
    >>> "&lt;b&gt;demo&lt;/b&gt;" in page and "<b>demo" not in page
    True
    """
    if not isinstance(G, nx.Graph):
        raise InputError("graph", f"expected a networkx graph, got {type(G).__name__}")
    if max_nodes < 1:
        raise InputError("max_nodes", f"must be at least 1, got {max_nodes}")
    # G is only read: without a filter it is used as it is (no copy)
    H = subgraph(G, kinds=kinds, docs=docs) if (kinds is not None or docs is not None) else G
    total = H.number_of_nodes()
    truncated = total > max_nodes
    if truncated:
        H = _most_connected(H, max_nodes)
    shown, n_edges = H.number_of_nodes(), H.number_of_edges()
    physics = shown <= physics_max
    notice = (f"Showing the {shown:,} most connected of {total:,} nodes "
              f"(max_nodes={max_nodes:,})." if truncated else "")
    meta = {"title": str(title), "total_nodes": total, "shown_nodes": shown,
            "shown_edges": n_edges, "truncated": truncated, "notice": notice,
            "physics": physics, "edge_labels": n_edges <= _EDGE_LABEL_MAX,
            "options": _vis_options(physics, shown > 2000)}
    data = _page_data(H, layout_positions(H), meta)

    template, app_js = _template()
    vis_js = _vis_js()
    csp = ("default-src 'none'; "
           f"script-src {_sha256(vis_js)} {_sha256(app_js)}; "
           "style-src 'unsafe-inline'; img-src data:; font-src data:; "
           "base-uri 'none'; form-action 'none'")
    values = {
        "TITLE": html.escape(str(title), quote=True),
        "CSP": csp,
        "NOTICE": html.escape(notice),
        "STATS": f"{shown:,} nodes \u00b7 {n_edges:,} edges",
        "DATA": _json_for_script(data),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
    }
    # one pass: text put in by one placeholder is never searched for another
    page = _PLACEHOLDER.sub(lambda m: values[m.group(1)], template)
    if path is not None:
        atomic_write(Path(path), page)
    return page
