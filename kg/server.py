"""A small SPARQL 1.1 Protocol endpoint over a :class:`kg.store.Store` folder (stdlib http.server).

* ``GET /sparql?query=…``, ``POST /sparql`` with ``application/sparql-query`` or a form
  (``query=`` / ``update=``), ``application/sparql-update``;
* content negotiation on ``Accept``: ``application/sparql-results+json`` (default),
  ``application/sparql-results+xml``, ``text/csv``, ``text/tab-separated-values`` for SELECT / ASK;
  ``text/turtle`` (default), ``application/n-triples`` for CONSTRUCT / DESCRIBE;
* SPARQL UPDATE answers 403 unless ``allow_update``;
* ``/`` serves ``graph.html`` from the store folder when there is one.

Time limit: pyoxigraph cannot interrupt a running query, so queries run in a small pool of worker
*processes*, each holding a read-only handle on the store. The request thread waits ``timeout``
seconds for the answer; past that the worker is killed (which really stops the query), replaced,
and the client gets ``503`` with ``query timed out``. Workers reopen their read-only handle when the
store changed (an update through this endpoint, or files in the store folder modified by another
process). Request bodies above ``max_body`` bytes get ``413``; more than ``max_results`` rows ``400``.
"""
from __future__ import annotations

import html
import json
import multiprocessing as mp
import os
import queue
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from .errors import QueryError, StoreError

__all__ = ["serve", "make_server", "SparqlServer"]

SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt"}
CONTENT_TYPE = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                "nt": "application/n-triples"}


def _accept(header: str | None) -> list[str]:
    """Media types of an Accept header, best first."""
    items = []
    for i, part in enumerate((header or "").split(",")):
        bits = [b.strip() for b in part.split(";")]
        if not bits[0]:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            items.append((-q, i, bits[0].lower()))
    return [t for _q, _i, t in sorted(items)]


def _choose(accept: list[str], kind: str) -> str:
    table, default = (GRAPH_TYPES, "turtle") if kind == "graph" else (SELECT_TYPES, "json")
    for t in accept:
        if t in table:
            return table[t]
        if t in ("*/*", "application/*", "text/*"):
            return default
    return default


# ------------------------------------------------------------------ workers

def _store_signature(path: str) -> float:
    try:
        return max((e.stat().st_mtime for e in os.scandir(path)), default=0.0)
    except OSError:
        return 0.0


def _worker_main(conn, path: str) -> None:  # runs in a child process
    import pyoxigraph as ox

    from .store import run_query

    store, gen = None, None
    conn.send(("ready",))
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        new_gen, sparql, accept, max_results = msg
        try:
            if store is None or new_gen != gen:
                store, gen = ox.Store.read_only(path), new_gen
            res = run_query(store, sparql, max_results=max_results)
            fmt = _choose(accept, res.kind)
            conn.send(("ok", CONTENT_TYPE[fmt], res.serialize(fmt).encode("utf-8")))
        except QueryError as exc:
            conn.send(("error", 400, str(exc)))
        except Exception as exc:  # keep the worker alive
            conn.send(("error", 500, f"{type(exc).__name__}: {exc}"))


class _Worker:
    def __init__(self, ctx, path: str):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, path), daemon=True)
        self.proc.start()
        child.close()
        self.ready = False

    def wait_ready(self, limit: float = 60.0) -> bool:
        """Wait for the child to have imported pyoxigraph (not counted in the query time limit)."""
        if not self.ready and self.conn.poll(limit):
            self.ready = self.conn.recv() == ("ready",)
        return self.ready

    def kill(self) -> None:
        try:
            self.proc.kill()
            self.proc.join(2)
        except Exception:
            pass
        self.conn.close()


class _Pool:
    def __init__(self, path: str, size: int):
        self.path = path
        self.ctx = mp.get_context("spawn")
        self.idle: queue.Queue = queue.Queue()
        self.all: list[_Worker] = []
        self.lock = threading.Lock()
        for _ in range(size):
            self._spawn()

    def _spawn(self) -> None:
        w = _Worker(self.ctx, self.path)
        with self.lock:
            self.all.append(w)
        self.idle.put(w)

    def run(self, gen, sparql: str, accept: list[str], max_results: int, timeout: float):
        try:
            w = self.idle.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError("all query workers are busy, try again later")
        try:
            if not w.wait_ready():
                raise EOFError
            deadline = time.monotonic() + timeout
            w.conn.send((gen, sparql, accept, max_results))
            if not w.conn.poll(max(0.0, deadline - time.monotonic())):
                raise TimeoutError
            out = w.conn.recv()
        except (TimeoutError, EOFError, OSError):
            w.kill()
            with self.lock:
                self.all.remove(w)
            self._spawn()
            raise TimeoutError(f"query timed out after {timeout:g} s")
        self.idle.put(w)
        return out

    def close(self) -> None:
        with self.lock:
            workers, self.all = self.all, []
        for w in workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
            w.kill()


# ------------------------------------------------------------------ HTTP

INDEX = """<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>govkg SPARQL</title></head>
<body><h1>govkg SPARQL endpoint</h1><p>Store: {store}</p>
<form action="/sparql" method="get"><textarea name="query" rows="12" cols="90">PREFIX gk: &lt;https://w3id.org/govkg/ns#&gt;
PREFIX skos: &lt;http://www.w3.org/2004/02/skos/core#&gt;
SELECT ?s ?label WHERE {{ ?s a gk:Agency ; skos:prefLabel ?label }} LIMIT 20</textarea><br>
<button type="submit">Run</button></form></body></html>"""


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, addr, store_path, *, allow_update, timeout, max_results, max_body, workers):
        self.store_path = Path(store_path)
        if not self.store_path.is_dir():
            raise StoreError(f"{self.store_path}: no store here")
        self.allow_update = allow_update
        self.timeout_s = float(timeout)
        self.max_results = int(max_results)
        self.max_body = int(max_body)
        self.updates = 0
        self.write_lock = threading.Lock()
        self.writer = None
        if allow_update:
            from .store import Store

            self.writer = Store(self.store_path)
        self.pool = _Pool(str(self.store_path), workers)
        super().__init__(addr, _Handler)

    def generation(self):
        return (self.updates, _store_signature(str(self.store_path)))

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()
        if self.writer is not None:
            self.writer.close()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "govkg-sparql/0.1"

    def log_message(self, fmt, *args):  # quiet by default
        if os.environ.get("KG_SERVER_LOG"):
            super().log_message(fmt, *args)

    # -- replies
    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, (message.rstrip() + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    # -- routes
    def do_GET(self):
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            page = self.server.store_path / "graph.html"
            if page.is_file():
                return self._send(200, page.read_bytes(), "text/html; charset=utf-8")
            body = INDEX.format(store=html.escape(str(self.server.store_path)))
            return self._send(200, body.encode("utf-8"), "text/html; charset=utf-8")
        if url.path != "/sparql":
            return self._error(404, "not found: the endpoint is /sparql")
        params = parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            return self._error(400, "SPARQL UPDATE must be sent with POST")
        if "query" not in params:
            return self._error(400, "missing query parameter")
        self._query(params["query"][0])

    do_HEAD = do_GET

    def do_POST(self):
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._error(404, "not found: the endpoint is /sparql")
        length = self.headers.get("Content-Length")
        if length is None:
            return self._error(411, "Content-Length required")
        try:
            n = int(length)
        except ValueError:
            return self._error(400, "bad Content-Length")
        if n < 0 or n > self.server.max_body:
            return self._error(413, f"request body larger than {self.server.max_body} bytes")
        raw = self.rfile.read(n)
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return self._error(400, "request body is not UTF-8")
        if ctype == "application/sparql-query":
            return self._query(text)
        if ctype == "application/sparql-update":
            return self._update(text)
        if ctype == "application/x-www-form-urlencoded":
            params = parse_qs(text, keep_blank_values=True)
            if "query" in params:
                return self._query(params["query"][0])
            if "update" in params:
                return self._update(params["update"][0])
            return self._error(400, "missing query or update parameter")
        return self._error(415, f"unsupported Content-Type {ctype!r}")

    def _query(self, sparql: str) -> None:
        srv = self.server
        try:
            out = srv.pool.run(srv.generation(), sparql, _accept(self.headers.get("Accept")),
                               srv.max_results, srv.timeout_s)
        except TimeoutError as exc:
            return self._error(503, str(exc))
        if out[0] == "ok":
            _, ctype, body = out
            return self._send(200, body, ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        _, status, message = out
        if status == 400 and _looks_like_update(sparql):
            return self._error(400, "this looks like SPARQL UPDATE: POST it as application/sparql-update\n" + message)
        return self._error(status, message)

    def _update(self, sparql: str) -> None:
        srv = self.server
        if not srv.allow_update or srv.writer is None:
            return self._error(403, "SPARQL UPDATE is disabled on this endpoint (start it with --allow-update)")
        try:
            with srv.write_lock:
                srv.writer.update(sparql)
                srv.writer.ox.flush()
                srv.updates += 1
        except QueryError as exc:
            return self._error(400, str(exc))
        except StoreError as exc:
            return self._error(500, str(exc))
        self._send(204, b"", "text/plain")


def _looks_like_update(sparql: str) -> bool:
    import re

    return re.search(r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY)\b", sparql, re.I) is not None


def make_server(store_path, host: str = "127.0.0.1", port: int = 7878, *, allow_update: bool = False,
                timeout: float = 10.0, max_results: int = 100_000, max_body: int = 1_000_000,
                workers: int = 2) -> SparqlServer:
    """Create (but do not start) the endpoint; ``port=0`` picks a free port (see ``.url``)."""
    return SparqlServer((host, port), store_path, allow_update=allow_update, timeout=timeout,
                        max_results=max_results, max_body=max_body, workers=workers)


def serve(store_path, host: str = "127.0.0.1", port: int = 7878, allow_update: bool = False,
          timeout: float = 10.0, max_results: int = 100_000, max_body: int = 1_000_000,
          workers: int = 2, ready=None) -> None:
    """Serve the SPARQL endpoint until interrupted. ``ready(server)`` is called once listening."""
    srv = make_server(store_path, host, port, allow_update=allow_update, timeout=timeout,
                      max_results=max_results, max_body=max_body, workers=workers)
    if ready is not None:
        ready(srv)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.server_close()
