"""Load a built graph into an external triple store over the SPARQL 1.1 Graph Store HTTP Protocol.

:func:`push` reads a graph file (``graph.trig``, ``graph.nq``; any RDF file pyoxigraph parses) or a
store folder made by :class:`kg.store.Store`, and writes each graph of it to the server's Graph Store
endpoint (for Oxigraph ``http://host:7878/store``, Fuseki ``http://host:3030/DATASET/data``,
GraphDB ``http://host:7200/repositories/REPO/rdf-graphs/service``):

* one named graph per article, ``PUT {endpoint}?graph=<graph IRI>`` with its first ``batch``
  triples (N-Triples), which *replaces* what the server had in that graph, then
  ``POST {endpoint}?graph=…`` (merge) for each further batch of it;
* the default graph (the merged entities) the same way with ``?default``.

Pushing the same build twice therefore leaves the server as after one push. Requests go over one
kept-alive HTTP connection; a ``user:password@`` in the URL is sent as HTTP Basic authentication.
Reading is streamed: a file is parsed quad by quad and at most ``batch`` triples are held per graph
(a file that interleaves graphs holds one buffer per open graph); a store is read graph by graph.

The graphs built by govkg hold no blank nodes, so cutting a graph into batches loses nothing; a
graph with blank nodes is sent from its first blank node on in one request (``batch`` does not
apply to that part), to keep them joined.
"""
from __future__ import annotations

import base64
import http.client
import os
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pyoxigraph as ox

from .errors import GovKGError, InputError

__all__ = ["push", "PushError", "PushResult", "read_graphs", "DEFAULT_BATCH"]

#: Triples per request, at most.
DEFAULT_BATCH = 10_000
_SUFFIX = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS, ".nt": ox.RdfFormat.N_TRIPLES,
           ".ttl": ox.RdfFormat.TURTLE, ".jsonld": ox.RdfFormat.JSON_LD, ".rdf": ox.RdfFormat.RDF_XML}
_NT = "application/n-triples"


class PushError(GovKGError):
    """The server refused a request or could not be reached."""


@dataclass
class PushResult:
    """What was sent: triples per graph (``""`` is the default graph) and the requests made."""

    graphs: dict[str, int] = field(default_factory=dict)
    requests: int = 0

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def _graph_key(g) -> str:
    return "" if isinstance(g, ox.DefaultGraph) else g.value


def read_graphs(source: str | os.PathLike, batch: int = DEFAULT_BATCH) -> Iterator[tuple[str, list[ox.Triple]]]:
    """``(graph IRI or "" for the default graph, triples)`` in batches of at most ``batch`` triples.

    Each graph's batches come in order; a graph's first batch is the one to PUT.
    """
    p = Path(source)
    if p.is_dir():
        yield from _store_graphs(p, batch)
        return
    fmt = _SUFFIX.get(p.suffix.lower())
    if fmt is None:
        raise InputError(str(p), f"not a graph file or store folder (use one of {', '.join(sorted(_SUFFIX))} or a store DIR)")
    if not p.is_file():
        raise InputError(str(p), "no such file")
    try:
        yield from _batches(ox.parse(path=str(p), format=fmt), batch)
    except (SyntaxError, OSError, ValueError) as exc:
        raise InputError(str(p), f"cannot parse: {exc}") from None


def _batches(quads, batch: int) -> Iterator[tuple[str, list[ox.Triple]]]:
    """Cut a stream of quads into per-graph batches; once a graph shows a blank node, the rest
    of it stays in one batch (its blank nodes must reach the server in the same request)."""
    buffers: dict[str, list[ox.Triple]] = {}
    blank: set[str] = set()
    sent: set[str] = set()
    for q in quads:
        key = _graph_key(q.graph_name)
        buf = buffers.get(key)
        if buf is None:
            buf = buffers[key] = []
        buf.append(q.triple)
        if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
            blank.add(key)
        if len(buf) >= batch and key not in blank:
            yield key, buf
            buffers[key] = []
            sent.add(key)
    for key, buf in buffers.items():
        if buf or key not in sent:
            yield key, buf


def _store_graphs(path: Path, batch: int) -> Iterator[tuple[str, list[ox.Triple]]]:
    from .store import JOURNAL

    if (path / JOURNAL).exists():
        raise InputError(str(path), "a load into this store is under way or was interrupted (its journal "
                         f"{JOURNAL} is there): push once it is done, or open the store for writing "
                         "(e.g. kg remove, kg build) to roll the interrupted load back")
    try:
        st = ox.Store.read_only(str(path))
    except OSError as exc:
        raise InputError(str(path), f"cannot open the store: {exc}") from None
    graphs = [ox.DefaultGraph()] + sorted(st.named_graphs(), key=lambda g: g.value)
    for g in graphs:
        got = False
        for item in _batches(st.quads_for_pattern(None, None, None, g), batch):
            got = True
            yield item
        if not got and isinstance(g, ox.DefaultGraph):
            yield "", []  # an empty default graph: PUT nothing, so the server's is emptied too


class _Client:
    def __init__(self, endpoint: str, timeout: float):
        u = urllib.parse.urlsplit(endpoint)
        if u.scheme not in ("http", "https") or not u.hostname:
            raise PushError(f"--endpoint must be an http(s) URL, not {endpoint!r}")
        self.u = u
        self.timeout = timeout
        self.headers = {"Content-Type": _NT}
        if u.username is not None:
            cred = f"{urllib.parse.unquote(u.username)}:{urllib.parse.unquote(u.password or '')}"
            self.headers["Authorization"] = "Basic " + base64.b64encode(cred.encode()).decode()
        self.display = urllib.parse.urlunsplit((u.scheme, u.hostname + (f":{u.port}" if u.port else ""),
                                                u.path, "", ""))
        self.conn = None

    def _connect(self):
        cls = http.client.HTTPSConnection if self.u.scheme == "https" else http.client.HTTPConnection
        return cls(self.u.hostname, self.u.port, timeout=self.timeout)

    def send(self, method: str, graph: str, body: bytes) -> None:
        query = "default" if graph == "" else urllib.parse.urlencode({"graph": graph})
        base_query = self.u.query + "&" if self.u.query else ""
        target = (self.u.path or "/") + "?" + base_query + query
        for attempt in (0, 1):  # one retry on a dropped keep-alive connection
            if self.conn is None:
                self.conn = self._connect()
            try:
                self.conn.request(method, target, body=body, headers=self.headers)
                resp = self.conn.getresponse()
                detail = resp.read()[:300].decode("utf-8", "replace").strip()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                if attempt:
                    raise PushError(f"{self.display}: the server closed the connection") from None
            except OSError as exc:
                self.close()
                raise PushError(f"{self.display}: cannot reach the server: {exc}") from None
        if resp.status >= 300:
            what = "the default graph" if graph == "" else f"graph <{graph}>"
            raise PushError(f"{self.display}: {method} of {what} failed: HTTP {resp.status} {resp.reason}"
                            + (f": {detail}" if detail else ""))

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def push(source: str | os.PathLike, endpoint: str, *, batch: int = DEFAULT_BATCH, timeout: float = 60.0,
         on_graph=None) -> PushResult:
    """Send every graph of ``source`` (graph file or store folder) to the Graph Store ``endpoint``.

    Parameters
    ----------
    source : path
        ``graph.trig`` / ``graph.nq`` (named graphs kept) or a :class:`kg.store.Store` folder.
    endpoint : str
        The server's Graph Store HTTP Protocol URL (``http://127.0.0.1:7878/store`` for Oxigraph).
    batch : int
        Triples per request, at most (default :data:`DEFAULT_BATCH`).
    timeout : float
        Seconds to wait for the server on each request.
    on_graph : callable, optional
        Called with ``(graph IRI or "", triples sent)`` after each request (progress).

    Returns
    -------
    PushResult
        Triples sent per graph; raises :class:`PushError` on a refused request, :class:`InputError`
        on an unreadable source.
    """
    if batch < 1:
        raise ValueError(f"batch must be at least 1, not {batch}")
    client = _Client(endpoint, timeout)
    result = PushResult()
    try:
        for graph, triples in read_graphs(source, batch):
            method = "POST" if graph in result.graphs else "PUT"
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) if triples else b""
            client.send(method, graph, body)
            result.graphs[graph] = result.graphs.get(graph, 0) + len(triples)
            result.requests += 1
            if on_graph is not None:
                on_graph(graph, len(triples))
    finally:
        client.close()
    return result
