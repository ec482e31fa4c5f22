"""The fast paths of RDF writing, the store and the rules give what the straightforward ones give.

* :func:`kg.gcpause.gc_paused` restores the collector's state, nested or not, also on error;
* :func:`kg.rdf.ox_quads` (duplicates dropped on the term tuples) is the set of ``pyoxigraph.Quad``
  of :func:`kg.rdf.quads`, in their first order;
* graph.nt and graph.ttl (the graph terms cut from the N-Quads text) hold the triples of graph.nq,
  each once;
* graph.jsonld (pyoxigraph's array spliced under the shipped context) parses to the quads of
  graph.nq; the cached literal makers give the uncached literals (``-0.0`` is not ``0.0``);
* the rules' indexes (classifiers by last character, the 村/社区/湖/河 scan) see what a scan of
  every entry / every character sees.
"""
from __future__ import annotations

import gc
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg import rdf
from kg.gcpause import gc_paused
from kg.gazetteer import load_gazetteer
from kg.nlp.rules import Hit, RuleSet

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def graph():
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SEED_DIR.glob("*.txt"))[:2]} if SEED_DIR.is_dir() else {}
    texts = texts or {"a": "6月27日,武汉市委召开会议提出,到2021年,要力争地区生产总值达到2万亿元左右。"}
    return kg.build_texts(texts, date="2019-06-28").nx


def test_gc_paused_restores_the_collector():
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block does not turn it back on
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        with gc_paused():
            raise RuntimeError("boom")
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()


def test_ox_quads_are_the_distinct_quads_in_first_order(graph):
    dg = ox.DefaultGraph()
    made = [ox.Quad(s, p, o, dg if g is None else g) for s, p, o, g in rdf.quads(graph)]
    assert len(made) > len(set(made))  # the graph repeats quads (an entity's triples, once per source)
    expected = []
    for q in made:
        if q not in expected:
            expected.append(q)
    assert rdf.ox_quads(graph) == expected


def test_flattened_files_are_the_union_of_the_graphs(graph, tmp_path):
    paths = rdf.write_rdf(graph, tmp_path)
    quads = list(ox.parse(path=str(paths["nq"]), format=ox.RdfFormat.N_QUADS))
    assert any(q.graph_name != ox.DefaultGraph() for q in quads)
    union = {q.triple for q in quads}
    for fmt, oxfmt in (("nt", ox.RdfFormat.N_TRIPLES), ("ttl", ox.RdfFormat.TURTLE)):
        triples = [q.triple for q in ox.parse(path=str(paths[fmt]), format=oxfmt)]
        assert len(triples) == len(set(triples)) and set(triples) == union, fmt
    # the order is each triple's first quad's
    first = list(dict.fromkeys(q.triple for q in quads))
    assert [q.triple for q in ox.parse(path=str(paths["nt"]), format=ox.RdfFormat.N_TRIPLES)] == first


def test_flattening_cuts_only_graph_terms():
    # a literal that ends like a graph term stays whole: N-Quads escapes its line breaks
    g = rdf.GRAPH + "0123456789abcdef0123"
    nq = (f'<http://a/s> <http://a/p> "x <{g}> .\\n" <{g}> .\n'
          f'<http://a/s> <http://a/p> <http://a/o> .\n'
          f'<http://a/s> <http://a/p> <http://a/o> <{g}> .\n').encode()
    flat = rdf._flattened(nq)
    assert flat.decode().splitlines() == [f'<http://a/s> <http://a/p> "x <{g}> .\\n" .',
                                          '<http://a/s> <http://a/p> <http://a/o> .']
    assert len(list(ox.parse(flat, format=ox.RdfFormat.N_TRIPLES))) == 2


def test_jsonld_parses_to_the_nquads(graph, tmp_path):
    paths = rdf.write_rdf(graph, tmp_path)
    doc = json.loads(paths["jsonld"].read_text(encoding="utf-8"))
    assert list(doc) == ["@context", "@graph"] and doc["@context"] == rdf.load_context()
    def quads(path, fmt):
        return sorted(map(str, ox.parse(path=str(path), format=fmt)))
    assert quads(paths["jsonld"], ox.RdfFormat.JSON_LD) == quads(paths["nq"], ox.RdfFormat.N_QUADS)


def test_flattened_files_hold_each_triple_once(graph, tmp_path):
    paths = rdf.write_rdf(graph, tmp_path, formats=["nt"])
    lines = paths["nt"].read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(set(lines)) == len({(q.subject, q.predicate, q.object) for q in rdf.ox_quads(graph)})


@pytest.mark.parametrize("x", [0.6, 0.8, 1.0, -0.0, 0.0, 1e20, 3, "2.50", True, None, float("nan"), float("inf")])
def test_cached_decimal_is_the_plain_one(x):
    assert rdf._decimal(x) == rdf._decimal(x, _cached=False)
    assert rdf._decimal(x) == rdf._decimal(x)


def test_negative_zero_stays_negative():
    assert str(rdf._decimal(0.0)) != str(rdf._decimal(-0.0))
    assert rdf._decimal(-0.0).value == "-0.0"


@pytest.mark.parametrize("x, lex", [(0, "0"), (17, "17"), ("42", "42"), (-3, "-3"), (2.0, "2"),
                                    (True, None), (None, None), ("x", None)])
def test_cached_int_literal(x, lex):
    expected = None if lex is None else ox.Literal(lex, datatype=ox.NamedNode(str(rdf.XSD.integer)))
    assert rdf._int(x) == expected


@pytest.fixture(scope="module")
def rules():
    return RuleSet(load_gazetteer())


def test_hit_is_immutable_with_named_fields():
    h = Hit(1, 3, "place", "武汉", "武汉市")
    assert (h.start, h.end, h.cat, h.text, h.payload) == (1, 3, "place", "武汉", "武汉市")
    assert Hit(0, 1, "level", "市").payload is None
    with pytest.raises(AttributeError):
        h.start = 2


def test_hits_hold_no_verbs(rules):
    # no rule reads verb hits: verbs are looked up with _verb_ending / verb_set instead
    assert rules.hits("推进实施建设加快推动开展武汉市") and all(h.cat != "verb" for h in rules.hits("推进实施建设加快推动开展武汉市"))


def test_classifier_index_finds_the_longest_first_classifier(rules):
    text = "完成5项市级工程、3个重点项目和十二条道路、两座桥梁"
    for s in range(1, len(text) + 1):
        scan = next((x for x in rules.t.classifiers if text.endswith(x, 0, s)), None)
        indexed = next((x for x in rules._classifiers_by_last.get(text[s - 1], ()) if text.endswith(x, 0, s)), None)
        assert scan == indexed


def test_suffix_scan_meets_every_suffix_position(rules):
    text = "赵畈村社区湖河社区村和东湖、长江，社社区区村"
    every = [i for i, ch in enumerate(text) if ch in "村湖河" or text.startswith("社区", i)]
    assert [m.start() for m in rules._SUFFIX_CHARS.finditer(text)] == every
