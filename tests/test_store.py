"""kg.store: add / re-add / replace / remove, bindings, query_graph, result formats."""
from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_rdf import DOC1, DOC2, sample_graph  # noqa: E402

from kg import rdf  # noqa: E402
from kg.errors import QueryError, StoreError  # noqa: E402
from kg.store import Store, parse_binding, query_graph  # noqa: E402

QUERIES = Path(rdf.__file__).parent / "queries"
GK = "PREFIX gk: <https://w3id.org/govkg/ns#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "


def _one_doc(G, doc):
    keep = {n for n, d in G.nodes(data=True) if n == f"doc/{doc}" or doc in d.get("docs", ())}
    return G.subgraph(keep).copy()


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "store") as st:
        yield st


def test_add_is_idempotent_and_matches_the_dataset(store):
    G = sample_graph()
    store.add(G)
    n = len(store)
    assert n == len(rdf.to_dataset(G))
    store.add(G)
    assert len(store) == n
    assert store.documents() == sorted([DOC1, DOC2])
    # no duplicate nodes: one subject per entity key
    r = store.query(GK + "SELECT ?k (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s gk:key ?k } GROUP BY ?k HAVING (COUNT(DISTINCT ?s) > 1)")
    assert len(r) == 0


def test_docs_added_one_by_one_equal_all_at_once(tmp_path):
    G = sample_graph()
    with Store(tmp_path / "a") as a, Store(tmp_path / "b") as b:
        a.add(G)
        b.add(_one_doc(G, DOC1))
        b.add(_one_doc(G, DOC2))
        # adding DOC2 alone must not wipe what DOC1 said (its graph is only merged into)
        assert {str(q) for q in a.ox} == {str(q) for q in b.ox}


def test_each_article_graph_holds_its_sentences(store):
    """The sentences are in their article's named graph: a replaced or removed article takes
    its sentences with it, and no sentence is left in the default graph."""
    G = sample_graph()
    store.add(G)
    q = GK + """PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?g ?id (COUNT(DISTINCT ?s) AS ?n) WHERE {
          GRAPH ?g { ?s a gk:Sentence ; gk:text ?t ; gk:inDocument ?d } ?d dcterms:identifier ?id
        } GROUP BY ?g ?id"""
    rows = {r["id"]: (r["g"], r["n"]) for r in store.query(q)}
    spans = {}
    for p in [p for _n, d in G.nodes(data=True) for p in d.get("provenance") or ()] + \
            [p for *_e, d in G.edges(data=True) for p in d.get("provenance") or ()]:
        spans.setdefault(p["doc"], set()).add(p["sent_start"])
    assert rows == {doc: (str(rdf.doc_graph_iri(doc)), len(starts)) for doc, starts in spans.items()}
    assert not store.query(GK + "ASK { ?s a gk:Sentence }", union=False)
    # every mention's sentence is in the mention's own graph
    assert not store.query(GK + "ASK { GRAPH ?g { ?m gk:inSentence ?s } FILTER NOT EXISTS { GRAPH ?g { ?s a gk:Sentence } } }")
    store.remove(DOC2)
    left = store.query(GK + "SELECT DISTINCT ?s WHERE { ?s a gk:Sentence }")
    assert len(left) == len(spans[DOC1])
    assert not store.query(GK + "ASK { ?x gk:inSentence ?s FILTER NOT EXISTS { ?s a gk:Sentence } }")


def test_replace_article(store):
    G = sample_graph()
    store.add(G)
    n = len(store)
    H = sample_graph()
    tid = next(n for n in H if n.startswith("target/"))
    H.nodes[tid]["unit"] = "亿元"
    store.add(H)
    assert len(store) == n
    r = store.query(GK + "SELECT ?u WHERE { ?t a gk:Target ; gk:unit ?u }")
    assert r.values("u") == ["亿元"]


def test_remove_retracts_graph_and_orphan_entities(store):
    G = sample_graph()
    store.add(G)
    full = len(store)
    removed = store.remove(DOC2)
    assert removed > 0 and len(store) == full - removed
    assert store.documents() == [DOC1]
    labels = set(store.query(GK + "SELECT ?l WHERE { ?s skos:prefLabel ?l }").values("l"))
    assert "武汉市" in labels  # shared with DOC1: kept
    assert "黄陂区" not in labels and "武汉市发展和改革委员会" not in labels  # only DOC2 mentioned them
    # same as a store that only ever had DOC1
    with Store(store.path.parent / "only1") as only:
        only.add(_one_doc(G, DOC1))
        g2 = str(rdf.doc_graph_iri(DOC2))
        # (the DOC1 subgraph still carries 武汉市's DOC2 evidence, merged into DOC2's graph)
        assert {str(q) for q in only.ox if g2 not in str(q.graph_name)} == {str(q) for q in store.ox}
    with pytest.raises(StoreError):
        store.remove("nope")


def test_failed_article_leaves_store_unchanged(store):
    store.add(sample_graph())
    before = {str(q) for q in store.ox}
    H = sample_graph()
    tid = next(n for n in H if n.startswith("target/"))
    H.nodes[tid]["unit"] = "亿元"

    # simulate a crash inside the transaction of the first article: the UPDATE fails as a whole
    class Failing:
        def __init__(self, inner):
            self._inner = inner

        def __getattr__(self, name):
            return getattr(self._inner, name)

        def update(self, *a, **k):
            raise OSError("simulated crash")

    store._ox = Failing(store._ox)
    with pytest.raises(StoreError):
        store.add(H)
    store._ox = store._ox._inner
    assert {str(q) for q in store.ox} == before


def test_bindings_are_substituted_not_pasted(store):
    store.add(sample_graph())
    q = GK + "SELECT ?s WHERE { ?s skos:prefLabel ?l FILTER(str(?l) = ?name) }"
    assert len(store.query(q, {"name": "黄陂区"})) == 1
    evil = '黄陂区") } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o FILTER("'
    assert len(store.query(q, {"name": evil})) == 0
    assert len(store) > 0
    with pytest.raises(QueryError):
        store.query(q, {"bad name": "x"})
    with pytest.raises(QueryError):
        store.query("SELEKT nothing")


def test_example_queries(store):
    store.add(sample_graph())
    rows = list(store.query((QUERIES / "targets_due.rq").read_text(encoding="utf-8"), {"year": 2021}))
    assert rows and rows[0]["setter"] == "中共武汉市委员会" and rows[0]["deadline"] == "2021-12-31"
    assert len(store.query((QUERIES / "targets_due.rq").read_text(encoding="utf-8"), {"year": 2030})) == 0
    from rdflib import Literal

    rows = list(store.query((QUERIES / "projects_in_place.rq").read_text(encoding="utf-8"),
                            {"place": Literal("武汉市", lang="zh")}))
    assert [(r["project"], r["agency"]) for r in rows] == [("木兰文化生态旅游区", "武汉市发展和改革委员会")]
    rows = list(store.query((QUERIES / "lookup.rq").read_text(encoding="utf-8"), {"name": Literal("武汉", lang="zh")}))
    assert [(r["label"], r["kind"], r["articles"]) for r in rows] == [("武汉市", "place", 2)]
    rows = list(store.query((QUERIES / "edge_source.rq").read_text(encoding="utf-8"),
                            {"s": Literal("木兰文化生态旅游区", lang="zh"), "o": Literal("黄陂区", lang="zh")}))
    assert rows and "黄陂区将加快推进" in rows[0]["sentence"]
    for f in sorted(QUERIES.glob("*.rq")):
        store.query(f.read_text(encoding="utf-8"))  # every shipped query parses and runs


def test_result_formats(store):
    store.add(sample_graph())
    r = store.query(GK + "SELECT ?s ?l WHERE { ?s a gk:Place ; skos:prefLabel ?l } ORDER BY ?l")
    j = json.loads(r.serialize("json"))
    assert j["head"]["vars"] == ["s", "l"] and j["results"]["bindings"][0]["l"]["xml:lang"] == "zh"
    rows = list(csv.reader(io.StringIO(r.serialize("csv"))))
    assert rows[0] == ["s", "l"] and len(rows) == 3
    tsv = r.serialize("tsv").splitlines()
    assert tsv[0] == "?s\t?l" and tsv[1].endswith('"@zh')
    assert "黄陂区" in r.serialize("table") and "(2 rows)" in r.serialize("table")
    assert "<sparql" in r.serialize("xml")
    ask = store.query("ASK { ?s ?p ?o }")
    assert ask.boolean is True and json.loads(ask.serialize("json"))["boolean"] is True
    g = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5")
    assert g.kind == "graph" and len(g) == 5
    with pytest.raises(QueryError):
        r.serialize("yaml")


def test_query_graph_on_files(tmp_path):
    G = sample_graph()
    paths = rdf.write_rdf(G, tmp_path)
    q = GK + "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a gk:Agency }"
    for fmt in ("ttl", "trig", "nq", "nt", "jsonld"):
        assert query_graph(paths[fmt], q).values("n") == [2], fmt
    assert query_graph(rdf.to_dataset(G), q).values("n") == [2]
    assert query_graph(rdf.to_graph(G), q).values("n") == [2]


@pytest.mark.parametrize("text,expect", [("x=黄陂区", ("x", "黄陂区")), ("?y=<https://a/b>", ("y", "https://a/b")),
                                         ('z="武汉"@zh', ("z", "武汉")), ('d="2021-12-31"^^xsd:date', ("d", "2021-12-31"))])
def test_parse_binding(text, expect):
    name, term = parse_binding(text)
    assert (name, term.value) == expect


@pytest.mark.parametrize("bad", ["novalue", "a b=1", "x=<not an iri>"])
def test_parse_binding_errors(bad):
    with pytest.raises(QueryError):
        parse_binding(bad)


# ------------------------------------------------------------------ CLI

def test_cli_query_remove(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    d = tmp_path / "st"
    with Store(d) as st:
        st.add(sample_graph())
    paths = rdf.write_rdf(sample_graph(), tmp_path / "out")
    r = CliRunner()
    q = GK + "SELECT ?l WHERE { ?s a gk:Place ; skos:prefLabel ?l FILTER(str(?l) = ?n) }"
    res = r.invoke(main, ["query", "--store", str(d), q, "--bind", "n=黄陂区", "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert res.output.splitlines() == ["l", "黄陂区"]
    res = r.invoke(main, ["query", str(paths["trig"]), "-f", str(QUERIES / "targets_due.rq"), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["results"]["bindings"][0]["setter"]["value"] == "中共武汉市委员会"
    res = r.invoke(main, ["query", str(paths["ttl"]), "SELEKT"])
    assert res.exit_code == 2 and res.output.startswith("error:")
    res = r.invoke(main, ["remove", DOC2, "--store", str(d)])
    assert res.exit_code == 0, res.output
    res = r.invoke(main, ["remove", DOC2, "--store", str(d)])
    assert res.exit_code == 2 and "no document" in res.output
