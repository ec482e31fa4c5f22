"""kg.server: the SPARQL 1.1 Protocol endpoint on a free loopback port, queried with SPARQLWrapper."""
from __future__ import annotations

import json
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_rdf import sample_graph  # noqa: E402

from kg.server import _accept, _choose, make_server  # noqa: E402
from kg.store import Store  # noqa: E402

SPARQLWrapper = pytest.importorskip("SPARQLWrapper")
PREFIX = "PREFIX gk: <https://w3id.org/govkg/ns#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("store")
    with Store(d) as st:
        st.add(sample_graph())
    (d / "graph.html").write_text("<html><body>explorer</body></html>", encoding="utf-8")
    return d


def _start(store_dir, **kw):
    srv = make_server(store_dir, "127.0.0.1", 0, **kw)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    return srv


@pytest.fixture(scope="module")
def endpoint(store_dir):
    srv = _start(store_dir, timeout=20.0, max_body=10_000, max_results=1000)
    yield srv
    srv.shutdown()
    srv.server_close()


def _wrapper(url, fmt=None):
    from SPARQLWrapper import SPARQLWrapper as W

    w = W(url)
    if fmt:
        w.setReturnFormat(fmt)
    return w


def test_select_json(endpoint):
    from SPARQLWrapper import JSON

    w = _wrapper(endpoint.url, JSON)
    w.setQuery(PREFIX + "SELECT ?l WHERE { ?s a gk:Place ; skos:prefLabel ?l } ORDER BY ?l")
    res = w.query().convert()
    assert [b["l"]["value"] for b in res["results"]["bindings"]] == ["武汉市", "黄陂区"]


def test_select_post_and_xml_csv_tsv(endpoint):
    from SPARQLWrapper import CSV, POST, TSV, XML

    q = PREFIX + "SELECT ?l WHERE { ?s a gk:Agency ; skos:prefLabel ?l } ORDER BY ?l"
    for fmt in (XML, CSV, TSV):
        w = _wrapper(endpoint.url, fmt)
        w.setMethod(POST)
        w.setQuery(q)
        out = w.query().convert()
        text = out.toxml() if hasattr(out, "toxml") else out.decode("utf-8") if isinstance(out, bytes) else out
        assert "武汉市发展和改革委员会" in text, fmt


def test_ask(endpoint):
    from SPARQLWrapper import JSON

    w = _wrapper(endpoint.url, JSON)
    w.setQuery(PREFIX + "ASK { ?t a gk:Target ; gk:deadline ?d }")
    assert w.query().convert()["boolean"] is True


def test_construct_turtle(endpoint):
    from SPARQLWrapper import TURTLE

    w = _wrapper(endpoint.url, TURTLE)
    w.setQuery(PREFIX + "CONSTRUCT { ?s skos:prefLabel ?l } WHERE { ?s a gk:Place ; skos:prefLabel ?l }")
    g = w.queryAndConvert()
    import rdflib

    if isinstance(g, bytes):
        g = rdflib.Graph().parse(data=g.decode("utf-8"), format="turtle")
    assert len(g) == 2


def test_update_refused(endpoint):
    from SPARQLWrapper import POST
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    w = _wrapper(endpoint.url)
    w.setMethod(POST)
    w.setQuery("INSERT DATA { <http://e/a> <http://e/p> 'x' }")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as exc:
        w.query()
    assert "403" in str(exc.value) or getattr(exc.value, "code", None) == 403
    req = urllib.request.Request(endpoint.url, data=b"update=DROP+ALL",
                                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as e2:
        urllib.request.urlopen(req, timeout=10)
    assert e2.value.code == 403


def test_protocol_errors(endpoint):
    def status(url, data=None, headers=None):
        req = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=10) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.read()

    assert status(endpoint.url + "?query=" + urllib.parse.quote("SELEKT"))[0] == 400
    assert status(endpoint.url)[0] == 400
    assert status(endpoint.url.replace("/sparql", "/nope"))[0] == 404
    big = b"query=" + b"x" * 20_000
    assert status(endpoint.url, big, {"Content-Type": "application/x-www-form-urlencoded"})[0] == 413
    assert status(endpoint.url, b"x", {"Content-Type": "text/weird"})[0] == 415
    code, body = status(endpoint.url.replace("/sparql", "/"))
    assert code == 200 and b"explorer" in body
    # too many rows
    q = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } "
    code, body = status(endpoint.url + "?query=" + urllib.parse.quote(q))
    assert code == 400 and b"LIMIT" in body
    # content negotiation by Accept
    q = urllib.parse.quote(PREFIX + "SELECT ?l WHERE { ?s a gk:Place ; skos:prefLabel ?l }")
    req = urllib.request.Request(endpoint.url + "?query=" + q, headers={"Accept": "text/csv"})
    with urllib.request.urlopen(req, timeout=10) as r:
        assert r.headers["Content-Type"].startswith("text/csv") and r.read().startswith(b"l\r\n")


def test_timeout_stops_the_query(store_dir):
    srv = _start(store_dir, timeout=1.0, workers=1)
    try:
        slow = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
        url = srv.url + "?query=" + urllib.parse.quote(slow)
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(url, timeout=30)
        assert e.value.code == 503 and b"timed out" in e.value.read()
        # the endpoint still answers afterwards (a fresh worker replaced the killed one)
        ok = srv.url + "?query=" + urllib.parse.quote("ASK { ?s ?p ?o }")
        with urllib.request.urlopen(ok, timeout=30) as r:
            assert json.loads(r.read())["boolean"] is True
    finally:
        srv.shutdown()
        srv.server_close()


def test_update_allowed(tmp_path):
    from SPARQLWrapper import JSON, POST

    d = tmp_path / "s"
    with Store(d) as st:
        st.add(sample_graph())
    srv = _start(d, allow_update=True)
    try:
        w = _wrapper(srv.url)
        w.setMethod(POST)
        w.setQuery("INSERT DATA { <http://e/a> <http://e/p> 'x' }")
        w.query()
        r = _wrapper(srv.url, JSON)
        r.setQuery("ASK { <http://e/a> <http://e/p> 'x' }")
        assert r.query().convert()["boolean"] is True
    finally:
        srv.shutdown()
        srv.server_close()


def test_accept_parsing():
    assert _accept("text/csv;q=0.5, application/sparql-results+json") == ["application/sparql-results+json", "text/csv"]
    assert _choose(_accept("text/tab-separated-values"), "select") == "tsv"
    assert _choose(_accept("*/*"), "graph") == "turtle"
    assert _choose([], "select") == "json"
