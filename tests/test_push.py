"""kg push: a built graph (graph.trig, graph.nq, a store folder) into a real `oxigraph serve`
over the SPARQL 1.1 Graph Store HTTP Protocol, read back with SPARQL, counts compared per graph."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.push import PushError, push, read_graphs
from kg.rdf import write_rdf
from kg.store import Store

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
pytestmark = pytest.mark.skipif(not Path(OXIGRAPH).exists(), reason="the oxigraph server (pip install oxigraph) is missing")

TEXTS = {
    "a": "武汉市黄陂区赵畈村。市水务局负责人表示，到2020年底，全市完成南湖治理。",
    "b": "市发改委牵头推进长江大保护。到2021年，黄陂区新建污水管网50公里。",
    "c": "省生态环境厅召开会议，提出到2025年全省地表水优良比例达到90%以上。",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """`oxigraph serve` on a free loopback port; yields its base URL."""
    port = _free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path / "server"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"oxigraph serve exited: {proc.stderr.read().decode()}")
                time.sleep(0.05)
        else:
            pytest.fail("oxigraph serve did not start")
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("built")
    g = kg.build_texts(TEXTS, date="2019-06-28")
    write_rdf(g.nx, out, formats=["trig", "nq"])
    with Store(out / "store") as st:
        st.add(g)
    return out


def _remote_counts(base: str) -> Counter:
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    counts = Counter()
    for sparql, named in ((q, True), ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", False)):
        req = urllib.request.Request(base + "/query?" + urllib.parse.urlencode({"query": sparql}),
                                     headers={"Accept": "application/sparql-results+json"})
        for b in json.load(urllib.request.urlopen(req, timeout=10))["results"]["bindings"]:
            counts[b["g"]["value"] if named else ""] = int(b["n"]["value"])
    return counts


def _local_counts(path: Path) -> Counter:
    fmt = ox.RdfFormat.TRIG if path.suffix == ".trig" else ox.RdfFormat.N_QUADS
    return Counter("" if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
                   for q in set(ox.parse(path=str(path), format=fmt)))


@pytest.mark.parametrize("name", ["graph.trig", "graph.nq"])
def test_push_file_then_read_back(server, built, name):
    want = _local_counts(built / name)
    assert len(want) == 1 + len(TEXTS)  # the default graph and one named graph per article
    r = push(built / name, server + "/store", batch=7)  # small batches: PUT then POSTs per graph
    assert r.requests > len(want)
    assert _remote_counts(server) == want
    push(built / name, server + "/store", batch=1000)  # pushing again replaces, adds nothing
    assert _remote_counts(server) == want


def test_push_store_folder_and_cli(server, built):
    with Store(built / "store", read_only=True) as st:
        n = len(st)
    res = CliRunner().invoke(main, ["push", str(built / "store"), "--endpoint", server + "/store", "--batch", "50"])
    assert res.exit_code == 0, res.output
    assert f"{n} triples in {len(TEXTS)} named graphs" in res.output
    assert _remote_counts(server) == _local_counts(built / "graph.nq")  # the store holds the same triples


def test_batches_are_bounded(built):
    sizes = Counter()
    for graph, triples in read_graphs(built / "graph.nq", batch=5):
        assert 0 < len(triples) <= 5
        sizes[graph] += len(triples)
    assert sizes == _local_counts(built / "graph.nq")


def test_push_errors(server, built, tmp_path):
    with pytest.raises(PushError, match="HTTP 404"):
        push(built / "graph.nq", server + "/no-such-endpoint")
    with pytest.raises(PushError, match="cannot reach"):
        push(built / "graph.nq", f"http://127.0.0.1:{_free_port()}/store")
    with pytest.raises(PushError, match="http"):
        push(built / "graph.nq", "ftp://127.0.0.1/store")
    bad = tmp_path / "bad.nq"
    bad.write_text("<a> <b> .\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["push", str(bad), "--endpoint", server + "/store"])
    assert res.exit_code == 2 and res.output.count("\n") == 1 and "bad.nq" in res.output


def test_a_store_with_a_pending_load_is_not_pushed(built, tmp_path):
    """A store whose bulk load is under way or was interrupted (its journal is there) could hold
    half an article: it is refused until a writer has rolled the load back."""
    import shutil

    from kg.errors import InputError
    from kg.store import JOURNAL

    store = tmp_path / "store"
    shutil.copytree(built / "store", store)
    (store / JOURNAL).write_text('{"version": 1, "graphs": [], "added": ""}', encoding="utf-8")
    with pytest.raises(InputError, match="interrupted"):
        list(read_graphs(store))
    with Store(store):  # opening for writing rolls the (empty) load back
        pass
    assert not (store / JOURNAL).exists()
    assert sum(len(t) for _g, t in read_graphs(store)) > 0
