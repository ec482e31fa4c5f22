"""Hostile and broken input: clear errors, nothing lost, nothing executed.

Markup, RDF syntax, SQL, JSON-LD and CSV-formula payloads are placed inside real Chinese
sentences (so that they land inside entity names, target texts and source sentences), built with
``kg build`` and then every output is read back: the RDF files parse and agree, every IRI is valid,
the HTML explorer carries the payloads only as inert escaped JSON, the exports parse, bound SPARQL
values cannot change a query, broken input files give one-line errors, and the SPARQL endpoint
refuses updates, oversized bodies and queries past the time limit.

Encodings, HTML ``<script>`` stripping and broken JSONL reading are in ``tests/test_ingest.py``.
"""
from __future__ import annotations

import csv
import io
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

import kg
from kg.cli import main
from kg.errors import QueryError
from kg.rdf import is_valid_iri
from kg.store import Store

# ------------------------------------------------------------------ the payloads

P_IMG = "<img src=x onerror=\"document.title='pwned'\">"
P_SCRIPT = "</script><script>alert(1)</script>"
P_TRIPLE = '"""'
P_ESCQ = '\\"'
P_PREFIX = "@prefix gk: <http://evil/> ."
P_TRIPLE_LINE = "<http://evil/> <p> <o> ."
P_SQL = "'; DROP TABLE 黄陂区; --"  # ';' ends a sentence: the middle one holds a place
P_JSONLD = '{"@context": {"@vocab": "http://evil/"}, "@id": "http://evil/x"}'
P_CSV = "\",\n=cmd|' /C calc'!A0"
P_CDATA = "]]></x>&amp&#0 &-->"  # (no ";" or "!": they end a sentence)
FORMULA_TITLE = "=cmd|' /C calc'!A0"
PAYLOADS = [P_IMG, P_SCRIPT, P_TRIPLE, P_ESCQ, ">", P_PREFIX, P_TRIPLE_LINE, P_SQL, P_JSONLD, P_CSV, P_CDATA]

# Real sentences of the seed article (长江日报, 2019-06-28) with the payloads spliced in.
ARTICLE = "\n".join([
    "全市各单位积极响应市委全体(扩大)会议部署 不折不扣全力打赢打好三大攻坚战",
    f"武汉市<script>水务局负责人表示，到2021年全市主要湖泊实现全截污{P_IMG}，黄陂区南湖治理全面完成。",
    f"市发改委“</script>”工程将在黄陂区实施，{P_SCRIPT}到2021年地区生产总值达到2万亿元左右。",
    f"武汉市委召开十三届七次全体(扩大)会议提出，到2022年{P_TRIPLE}全市{P_ESCQ}建成区>主要湖泊实现全截污。",
    f"市水务局{P_PREFIX}负责人表示，全力推进{P_TRIPLE_LINE}南湖水环境提升攻坚工程。",
    "市经信局负责人表示，“工业智能化\n改造”" + P_SQL + "将覆盖2000多家规模以上工业企业。",
    f"江汉区民族街驻黄陂区{P_JSONLD}赵畈村扶贫工作队队长朱国海表示，明年全面脱贫。",
    f"东湖高新区负责人表示，{P_CSV}东湖高新区到2021年研发投入达到500亿元。",
]) + "\n"
RECORDS = [
    {"id": 'x"><script>alert(1)</script>', "title": FORMULA_TITLE, "date": "2019-06-28",
     "url": "javascript:alert(1)",
     "text": f"市生态环境局{P_IMG}负责人表示，到2020年前，汤逊湖{P_SCRIPT}水质达到Ⅲ类标准。"},
    {"id": "a b<c>{d}|e^`f\\g", "title": P_PREFIX + P_TRIPLE_LINE, "date": "2019-06-28",
     "text": f"市科技局负责人表示，{P_JSONLD}武汉{P_CDATA}正培育更多新型研发机构，到2021年新增100家。"},
    {"id": "@prefix", "title": "+SUM(A1:A9)", "date": "2019-06-28",
     "text": f"黄陂区{P_SQL}负责人表示，到2022年全区{P_CSV}建成20个美丽乡村。"},
]
HOSTILE_BINDING = "黄陂区\" } ; DROP ALL ; #"


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def last(out: str) -> str:
    return out.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The hostile corpus (a .txt and a .jsonl) built with ``kg build --out --store``."""
    root = tmp_path_factory.mktemp("hostile")
    src = root / "in"
    src.mkdir()
    (src / "article.txt").write_text(ARTICLE, encoding="utf-8")
    with open(src / "records.jsonl", "w", encoding="utf-8") as f:
        for rec in RECORDS:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    out, store = root / "out", root / "store"
    res = cli("build", src, "--out", out, "--store", store, "--date", "2019-06-28", "--jobs", 1, "--no-progress")
    assert res.exit_code == 0, res.output
    assert res.stderr == "", res.stderr
    assert last(res.stdout).startswith("4 documents, nodes:"), res.stdout
    return {"root": root, "src": src, "out": out, "store": store}


@pytest.fixture(scope="module")
def graph(built):
    return kg.KnowledgeGraph(kg.rdf.from_rdf(built["out"] / "graph.trig"))


def _parse(path: Path, fmt: str) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(str(path), format=fmt)
    return ds


RDFLIB_FORMATS = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "nt": "nt", "jsonld": "json-ld"}


# ------------------------------------------------------------------ the payloads land in the graph

def test_payloads_land_in_names_and_sentences(graph):
    labels = [e["label"] for e in graph.entities()]
    assert any("</script>" in x for x in labels), labels  # 市发改委“</script>”工程
    targets = [e.get("text") or e["label"] for e in graph.entities("Target")]
    assert any(p in t for t in targets for p in PAYLOADS), targets
    sentences = {p["sentence"] for e in graph.entities() for p in e.get("provenance", ())}
    # (the sentence splitter cuts at ';', '!' and line breaks, so P_SQL and P_CSV arrive in pieces)
    for payload in (P_IMG, P_SCRIPT, P_TRIPLE, P_ESCQ, P_PREFIX, P_TRIPLE_LINE, "DROP TABLE 黄陂区;", P_JSONLD,
                    P_CDATA):
        assert any(payload in s for s in sentences), payload
    titles = {e["title"] for e in graph.entities("Document")}
    assert FORMULA_TITLE in titles and P_PREFIX + P_TRIPLE_LINE in titles


# ------------------------------------------------------------------ RDF

def test_every_rdf_file_parses_back_and_the_flat_files_agree(built):
    out = built["out"]
    ds = {fmt: _parse(out / f"graph.{fmt}", f) for fmt, f in RDFLIB_FORMATS.items()}
    ttl, nt = rdflib.Graph(), rdflib.Graph()
    ttl.parse(str(out / "graph.ttl"), format="turtle")
    nt.parse(str(out / "graph.nt"), format="nt")
    assert len(ttl) > 100 and isomorphic(ttl, nt)
    # the dataset files hold the same quads, and their triples are the flat files' triples
    quads = {fmt: {(s, p, o, getattr(g, "identifier", g)) for s, p, o, g in ds[fmt].quads((None, None, None, None))}
             for fmt in ("trig", "nq")}
    assert quads["trig"] == quads["nq"]
    assert {q[:3] for q in quads["trig"]} == set(ttl)
    jsonld_triples = {(s, p, o) for s, p, o, _g in ds["jsonld"].quads((None, None, None, None))}
    assert jsonld_triples == set(ttl)
    # pyoxigraph reads them too
    for fmt, oxf in (("ttl", ox.RdfFormat.TURTLE), ("nq", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG),
                     ("nt", ox.RdfFormat.N_TRIPLES)):
        assert len(set(ox.parse(path=str(out / f"graph.{fmt}"), format=oxf))) == (
            len(quads["nq"]) if fmt in ("nq", "trig") else len(ttl))


def test_nothing_lost_payloads_are_literals(built):
    """Every name, alias, sentence, target text, title and id of the graph is a literal of
    graph.ttl, verbatim: the payloads are data, never syntax."""
    ref = kg.build([built["src"]], date="2019-06-28")
    expected = set()
    for e in ref.entities():
        expected |= {e["label"], *e.get("aliases", ())}
        expected |= {p["sentence"] for p in e.get("provenance", ())}
        expected |= {e[k] for k in ("text", "title") if e.get(k)}
        if e["kind"] == "Document":
            expected.add(e["id"].partition("/")[2])
    ttl = rdflib.Graph().parse(str(built["out"] / "graph.ttl"), format="turtle")
    literals = {str(o) for o in ttl.objects() if isinstance(o, rdflib.Literal)}
    missing = {kg.rdf.clean_text(x) for x in expected} - literals
    assert not missing
    assert {RECORDS[0]["id"], RECORDS[1]["id"], FORMULA_TITLE} <= literals
    # nothing from the payloads became a term: no evil IRI, no injected prefix or triple
    terms = {str(t) for triple in ttl for t in triple if not isinstance(t, rdflib.Literal)}
    assert not any("evil" in t for t in terms)
    assert dict(ttl.namespaces()).get("gk") == rdflib.URIRef("https://w3id.org/govkg/ns#")


def test_no_iri_contains_a_space_or_markup(built):
    out = built["out"]
    for fmt, f in RDFLIB_FORMATS.items():
        ds = _parse(out / f"graph.{fmt}", f)
        for s, p, o, g in ds.quads((None, None, None, None)):
            for term in (s, p, o, getattr(g, "identifier", g)):
                if isinstance(term, rdflib.URIRef):
                    assert is_valid_iri(str(term)), (fmt, term)
                    assert not set(str(term)) & set(' <>"{}|\\^`\n'), (fmt, term)


def test_jsonld_is_json_and_validates(built):
    data = json.loads((built["out"] / "graph.jsonld").read_text(encoding="utf-8"))
    assert "@context" in data and "evil" not in json.dumps(data["@context"])
    ok, report = kg.rdf.validate(built["out"] / "graph.trig")
    assert ok, report


# ------------------------------------------------------------------ HTML

class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


_DATA_RE = re.compile(r'(<script type="application/json" id="govkg-data">)(.*?)(</script>)', re.S)


def _split_data(page: str) -> tuple[str, str]:
    m = _DATA_RE.search(page)
    assert m, "no data block"
    return m.group(2), page[:m.start(2)] + page[m.end(2):]


def test_html_carries_payloads_only_as_escaped_json(built):
    page = (built["out"] / "graph.html").read_text(encoding="utf-8")
    blank = kg.build_texts({"a": "武汉市黄陂区"}).to_html()
    data, rest = _split_data(page)
    _blank_data, blank_rest = _split_data(blank)
    # the data block cannot end itself or open a tag: no "<" at all, and it parses as JSON
    assert "<" not in data and ">" not in data and "&" not in data
    decoded = json.dumps(json.loads(data), ensure_ascii=False)
    assert "alert(1)" in decoded and "onerror" in decoded  # nothing lost: the payloads are data
    assert "<script>alert" not in page and "document.title='pwned'" not in rest
    # outside the data block the page is the same as a harmless graph's: no extra tag or handler
    for needle in ("onerror=", "<script", "<img", "javascript:alert", "</script>"):
        assert rest.count(needle) == blank_rest.count(needle), needle
    parser = _Tags()
    parser.feed(page)
    assert [t for t, _a in parser.tags if t == "script"] == ["script"] * 3
    assert not any(t == "img" for t, _a in parser.tags)
    assert not any(k.startswith("on") for _t, a in parser.tags for k in a)


# ------------------------------------------------------------------ exports

def test_exports_parse_back(built, graph, tmp_path):
    trig = built["out"] / "graph.trig"
    n = graph.nx.number_of_nodes()
    for fmt, name in (("graphml", "g.graphml"), ("gexf", "g.gexf"), ("node-link", "g.json"), ("neo4j", "neo4j")):
        res = cli("export", trig, "--format", fmt, "-o", tmp_path / name)
        assert res.exit_code == 0, (fmt, res.output)
    gm = nx.read_graphml(tmp_path / "g.graphml")
    gx = nx.read_gexf(tmp_path / "g.gexf")
    nl = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert gm.number_of_nodes() == gx.number_of_nodes() == len(nl["nodes"]) == n
    labels = {d.get("label") for _n, d in gm.nodes(data=True)}
    assert any("</script>" in x for x in labels if x) and FORMULA_TITLE in labels
    with open(tmp_path / "neo4j" / "nodes.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert len(rows) == n + 1 and all(len(r) == len(rows[0]) for r in rows)
    with open(tmp_path / "neo4j" / "relationships.csv", encoding="utf-8", newline="") as f:
        rels = list(csv.reader(f))
    assert all(len(r) == len(rels[0]) for r in rels) and len(rels) > 1
    assert any(FORMULA_TITLE in cell for r in rows for cell in r)


def _formula_cells_unprotected(path: Path) -> list[str]:
    """String cells that a spreadsheet would run as a formula: starting with = + - @ and neither
    neutralised (a leading ') nor quoted in the file."""
    raw = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    header = rows[0]
    string_cols = [i for i, h in enumerate(header) if not re.search(r":(long|double|int|float|boolean)$", h)]
    bad = []
    for row in rows[1:]:
        for i in string_cols:
            cell = row[i]
            if cell[:1] in ("=", "+", "-", "@") and ('"' + cell.replace('"', '""')) not in raw:
                bad.append(cell)
    return bad


def test_neo4j_csv_formula_cells_are_neutralised(built, tmp_path):
    res = cli("export", built["out"] / "graph.trig", "--format", "neo4j", "-o", tmp_path / "neo4j")
    assert res.exit_code == 0, res.output
    bad = _formula_cells_unprotected(tmp_path / "neo4j" / "nodes.csv")
    bad += _formula_cells_unprotected(tmp_path / "neo4j" / "relationships.csv")
    assert bad == []


# ------------------------------------------------------------------ SPARQL bindings

LABEL_QUERY = ("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
               "SELECT ?s WHERE { ?s rdfs:label ?l . FILTER(STR(?l) = ?name) }")
COUNT_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def test_hostile_binding_returns_nothing_and_changes_nothing(graph):
    before = len(graph.rdf)
    n_before = graph.query(COUNT_QUERY).values("n")
    assert len(graph.query(LABEL_QUERY, {"name": "黄陂区"})) == 1  # the query itself works
    for value in (HOSTILE_BINDING, rdflib.Literal(HOSTILE_BINDING, lang="zh"),
                  '黄陂区"""} } ; DROP ALL ; #', "黄陂区'} ; CLEAR DEFAULT ; #", "黄陂区\\\" } \n DROP ALL"):
        res = graph.query(LABEL_QUERY, {"name": value})
        assert res.kind == "select" and len(res) == 0, value
    assert len(graph.rdf) == before and graph.query(COUNT_QUERY).values("n") == n_before
    with pytest.raises(QueryError):  # a hostile variable name is refused, not pasted
        graph.query(LABEL_QUERY, {"name } DROP ALL ; #": "x"})


def test_hostile_binding_on_the_store_and_the_cli(built):
    with Store(built["store"], read_only=True) as st:
        before = len(st)
        assert len(st.query(LABEL_QUERY, {"name": "黄陂区"})) == 1
        assert len(st.query(LABEL_QUERY, {"name": HOSTILE_BINDING})) == 0
    for source in (["--store", built["store"]], [built["out"] / "graph.ttl"]):
        res = cli("query", *source, LABEL_QUERY, "--bind", f"name={HOSTILE_BINDING}", "--format", "csv")
        assert res.exit_code == 0, res.output
        assert res.stdout.strip().splitlines()[-1] == "s"  # the header, no rows
        res = cli("query", *source, LABEL_QUERY, "--bind", f'name="{HOSTILE_BINDING}"@zh', "--format", "csv")
        assert res.exit_code == 0 and res.stdout.strip().splitlines()[-1] == "s", res.output
    with Store(built["store"], read_only=True) as st:
        assert len(st) == before


# ------------------------------------------------------------------ broken inputs

GOOD = "武汉市水务局负责人表示，到2021年全市主要湖泊实现全截污。"


def _jsonl(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def _good_record(i: str) -> str:
    return json.dumps({"id": i, "text": GOOD, "date": "2019-06-28"}, ensure_ascii=False)


BAD_INPUTS = {  # case: (file name, bytes, what the error line names, documents the file still gives)
    "empty": ("empty.txt", b"", "empty.txt", 0),
    "binary": ("blob.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4,
               "blob.txt", 0),
    "broken_jsonl_line": ("news.jsonl", _jsonl(_good_record("a"), '{"id": "b", "text": "市发改委负责人表示', _good_record("c")),
                          "news.jsonl:2", 2),
    "invalid_date": ("dated.jsonl", _jsonl(json.dumps({"id": "d", "date": "2019-13-45", "text": GOOD}, ensure_ascii=False)),
                     "dated.jsonl:1", 1),
}


def _folder(tmp_path: Path, case: str, good: bool) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    name, data, _names, _n = BAD_INPUTS[case]
    (d / name).write_bytes(data)
    if good:
        (d / "good.txt").write_text(GOOD, encoding="utf-8")
    return d


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_beside_a_good_one_is_one_error_line(case, tmp_path):
    src = _folder(tmp_path, case, good=True)
    res = cli("build", src, "--out", tmp_path / "out", "--no-progress", "--jobs", 1, "--date", "2019-06-28")
    assert res.exit_code == 0, res.output
    lines = res.stderr.splitlines()
    _name, _data, names, n_docs = BAD_INPUTS[case]
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: ") and names in lines[0], lines
    assert str(src) in lines[0]  # the full path of the file
    summary = last(res.stdout)
    assert summary.startswith(f"{n_docs + 1} documents, nodes:") and "; 1 errors;" in summary, summary
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_only_bad_inputs_exit_1_with_every_error_named(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    for case in ("empty", "binary"):
        name, data, _names, _n = BAD_INPUTS[case]
        (d / name).write_bytes(data)
    (d / "all_broken.jsonl").write_bytes(_jsonl("{", "[1, 2]", '{"id": "x"}', '"text"'))
    res = cli("build", d, "--out", tmp_path / "out", "--no-progress", "--jobs", 1)
    assert res.exit_code == 1, res.output
    lines = res.stderr.splitlines()
    assert all(line.startswith("error: ") for line in lines), lines
    assert lines[-1] == "error: nothing could be built"
    named = "\n".join(lines)
    for needle in ("empty.txt", "blob.txt", "all_broken.jsonl:1", "all_broken.jsonl:2", "all_broken.jsonl:3",
                   "all_broken.jsonl:4"):
        assert needle in named, needle
    assert not (tmp_path / "out" / "graph.ttl").exists()


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_strict_makes_the_first_error_fatal(case, tmp_path):
    src = _folder(tmp_path, case, good=True)
    res = cli("build", src, "--out", tmp_path / "out", "--store", tmp_path / "st", "--strict", "--no-progress",
              "--jobs", 1)
    assert res.exit_code != 0, res.output
    _name, _data, names, _n = BAD_INPUTS[case]
    errors = [line for line in res.stderr.splitlines() if line.startswith("error: ")]
    assert errors and names in errors[0], res.stderr
    assert not (tmp_path / "out" / "graph.ttl").exists()


# ------------------------------------------------------------------ the SPARQL endpoint
# tests/test_server.py covers: UPDATE by POST (403), a form body over max_body (413), one slow
# query (503). Here: updates smuggled in as queries, a lying Content-Length, a body over the
# limit that is an update, and slow queries queueing for a single worker.

@pytest.fixture(scope="module")
def endpoint(built):
    from kg.server import make_server

    srv = make_server(built["store"], "127.0.0.1", 0, timeout=1.5, max_body=4096, workers=1)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _status(url, data=None, headers=None, timeout=30):
    req = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def _count(srv) -> int:
    code, body = _status(srv.url + "?query=" + urllib.parse.quote(COUNT_QUERY))
    assert code == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_endpoint_refuses_updates_in_every_disguise(endpoint):
    n = _count(endpoint)
    drop = "DROP ALL"
    insert = "INSERT DATA { <http://evil/a> <http://evil/p> 'x' }"
    for sparql in (drop, insert):
        code, _ = _status(endpoint.url + "?query=" + urllib.parse.quote(sparql))
        assert code == 400, sparql
        code, _ = _status(endpoint.url + "?update=" + urllib.parse.quote(sparql))
        assert code in (400, 403), sparql
        code, _ = _status(endpoint.url, sparql.encode(), {"Content-Type": "application/sparql-query"})
        assert code == 400, sparql
        code, _ = _status(endpoint.url, sparql.encode(), {"Content-Type": "application/sparql-update"})
        assert code == 403, sparql
    # a query with an update appended after a comment break or a semicolon
    for sparql in ("ASK { ?s ?p ?o } ; DROP ALL", "ASK { ?s ?p ?o }\n#\nDROP ALL"):
        code, _ = _status(endpoint.url + "?query=" + urllib.parse.quote(sparql))
        assert code == 400, sparql
    assert _count(endpoint) == n


def test_endpoint_body_limits(endpoint):
    big_update = ("INSERT DATA { " + "<http://e/a> <http://e/p> 'x' . " * 500 + "}").encode()
    assert len(big_update) > endpoint.max_body
    code, body = _status(endpoint.url, big_update, {"Content-Type": "application/sparql-update"})
    assert code == 413, body
    code, _ = _status(endpoint.url, b"ASK {}" + b" " * 5000, {"Content-Type": "application/sparql-query"})
    assert code == 413
    # a lying Content-Length (a terabyte, no body sent): refused at once, nothing read or waited for
    host, port = endpoint.server_address[:2]
    t0 = time.monotonic()
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Content-Length: 1000000000000\r\n\r\nASK {}")
        reply = s.recv(4096)
    assert reply.startswith(b"HTTP/1.") and b" 413 " in reply.split(b"\r\n")[0], reply
    assert time.monotonic() - t0 < 5
    # negative, non-numeric and missing lengths
    for length in (b"-1", b"12abc"):
        with socket.create_connection((host, port), timeout=10) as s:
            s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                      b"Content-Length: " + length + b"\r\n\r\n")
            status = s.recv(4096).split(b"\r\n")[0]
        assert b" 413 " in status or b" 400 " in status, (length, status)
    with socket.create_connection((host, port), timeout=10) as s:
        s.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                  b"Transfer-Encoding: chunked\r\n\r\n6\r\nASK {}\r\n0\r\n\r\n")
        assert b" 411 " in s.recv(4096).split(b"\r\n")[0]


def test_endpoint_slow_queries_queue_for_one_worker_and_time_out(endpoint):
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    url = endpoint.url + "?query=" + urllib.parse.quote(slow)
    results: list = []

    def ask():
        t0 = time.monotonic()
        results.append((_status(url, timeout=60), time.monotonic() - t0))

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(90)
    assert len(results) == 3
    for (code, body), took in results:
        assert code in (503, 500), (code, body)
        assert took < 30, took  # an error status, not a hang
    assert any(b"timed out" in body for (_c, body), _t in results)
    # afterwards the endpoint answers again
    code, body = _status(endpoint.url + "?query=" + urllib.parse.quote("ASK { ?s ?p ?o }"))
    assert code == 200 and json.loads(body)["boolean"] is True
