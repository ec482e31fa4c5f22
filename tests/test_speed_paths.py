"""The fast paths of RDF writing, the store and the rules give what the straightforward ones give.

* :func:`kg.gcpause.gc_paused` restores the collector's state, nested or not, also on error;
* :func:`kg.rdf.ox_quads` (duplicates dropped on the term tuples) is the set of ``pyoxigraph.Quad``
  of :func:`kg.rdf.quads`, in their first order;
* graph.nt and graph.ttl (the graph terms cut from the N-Quads text) hold the triples of graph.nq,
  each once;
* graph.jsonld (pyoxigraph's array spliced under the shipped context) parses to the quads of
  graph.nq; the cached literal makers give the uncached literals (``-0.0`` is not ``0.0``);
* the rules' indexes (classifiers by last character, the 村/社区/湖/河 scan) see what a scan of
  every entry / every character sees; so do their quick tests (a verb's last character, the
  boundary characters memoised, the family-hamlet tail, a list's clause start), and the
  gazetteer's kept ancestors are those of a walk up the table.
"""
from __future__ import annotations

import gc
import itertools
import json
import re
import unicodedata
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg import rdf
from kg.gcpause import gc_paused
from kg.gazetteer import load_gazetteer
from kg.nlp import rules as rules_module
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
    # the scan meets 社 wherever it is; _suffix_places goes on only where 社区 starts (and meets
    # 库, 道 and 江, where 水库, 街道 and rivers in 江 end)
    text = "赵畈村社区湖河社区村和东湖、长江，社社区区村，须水镇排龙乡社会，东武仕水库，望平街道"
    every = [i for i, ch in enumerate(text) if ch in "村湖河镇乡库道江" or text.startswith("社区", i)]
    met = [m.start() for m in rules._SUFFIX_CHARS.finditer(text)]
    assert [i for i in met if text[i] != "社" or text.startswith("社区", i)] == every


QUICK_TEXTS = [
    "赵畈村社区湖河社区村和东湖、长江，社社区区村",
    "家家庄王家庄家堡，丰台区马家堡东路、槐荫区吴家堡和李家沟。家庄",
    "推进实施建设加快推动开展武汉市发改委牵头，完成5项市级疏堵工程",
    "加快推进A项目、B工程、“三地一区”建设等重点项目，以及C、D等重大工程。 E、F等重点项目",
    "“水清、岸绿”的目标。”市水务局负责人表示\n２０２１年 1,234个 Ⅷ ¥ \u3000",
]


def test_verb_ending_and_boundary_quick_tests_agree_with_the_lists(rules):
    for text in QUICK_TEXTS:
        for pos in range(len(text) + 1):
            plain = next((text[pos - n:pos] for n in rules.t.verb_lengths
                          if n <= pos and text[pos - n:pos] in rules.t.verb_set), None)
            assert rules._verb_ending(text, pos) == plain
        for c in text:
            plain = c in rules_module.PUNCT or c in rules_module._DIGIT or c in rules.t.boundary_chars \
                or c.isspace() or unicodedata.category(c)[0] in "PSZ"
            assert rules._is_boundary(c) == plain
            assert rules._is_boundary(c) == plain  # the memoised answer too


def test_family_hamlets_are_the_pattern_matches():
    for text in QUICK_TEXTS + ["家庄", "a家庄", "王家庄家堡", "家家家庄"]:
        assert rules_module._family_villages(text) == [m.span() for m in rules_module._FAMILY_VILLAGE.finditer(text)]


def test_project_lists_found_from_their_clause_are_all_lists():
    for text in QUICK_TEXTS + ["A、B等重点项目", "甲，乙、丙等重大工程和丁、戊等重点项目"]:
        first = text.find("等重")
        if first < 0:
            continue
        everywhere = [m.span() for m in rules_module._PROJECT_LIST.finditer(text)]
        assert [m.span() for m in rules_module._PROJECT_LIST.finditer(text, rules_module._clause_start(text, first))] \
            == everywhere


def test_hits_are_by_start_longest_first(rules):
    for text in QUICK_TEXTS:
        hits = rules.hits(text)
        assert hits == sorted(hits, key=lambda h: (h.start, -h.end))
        assert all(type(h) is Hit for h in hits)


def test_kept_ancestors_are_a_walk_up_the_table():
    gaz = load_gazetteer()
    for name in ("黄陂区", "朝阳区", "湖北省", "武汉市", "前川街道"):
        for d in gaz.candidates(name):
            walk, k = [], d.parent
            while k and k in gaz.by_key and k not in walk:
                walk.append(k)
                k = gaz.by_key[k].parent
            assert [a.key for a in gaz.ancestors(d.key)] == walk
            assert [a.key for a in gaz.ancestors(d.key)] == walk  # kept
            assert all(gaz.is_within(d.key, a) for a in walk) and not gaz.is_within(d.key, d.key)


def test_adding_a_division_forgets_kept_ancestors():
    from kg.gazetteer import Division, Gazetteer

    gaz = Gazetteer([Division("1", "甲市", "city", "0")])
    assert list(gaz.ancestors("1")) == [] and not gaz.is_within("1", "0")
    gaz.add(Division("0", "乙省", "province", None))
    assert [a.key for a in gaz.ancestors("1")] == ["0"] and gaz.is_within("1", "0")


def test_a_run_written_as_one_then_more_matches_the_same():
    # place abbreviation pairs: [X][X]{1,4}(?=Y) is [X]{2,5}(?=Y), written so the regex engine
    # can skip to the class; every string over a small alphabet is matched alike
    plain, split = re.compile("[ab]{2,5}(?=c|dd)"), re.compile("[ab][ab]{1,4}(?=c|dd)")
    for n in range(9):
        for chars in itertools.product("abcd", repeat=n):
            text = "".join(chars)
            assert [m.span() for m in plain.finditer(text)] == [m.span() for m in split.finditer(text)]
