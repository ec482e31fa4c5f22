"""kg.rdf: IRIs, the dataset layout, provenance, every format round trip, SHACL."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, XSD, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

from kg import rdf
from kg.vocab import GK

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_c246a7f8e94544f9.txt"
DOC1 = "000_c246a7f8e94544f9"
DOC2 = "001_second"


def _seed_text() -> str:
    if SEED.is_file():
        return SEED.read_text(encoding="utf-8")
    return "6月27日,武汉市委召开十三届七次全体(扩大)会议提出,到2021年,要力争地区生产总值达到2万亿元左右。"


def _prov(doc: str, text: str, surface: str, rule: str, confidence: float = 0.9, nth: int = 0) -> dict:
    """A provenance record for the nth occurrence of ``surface`` in ``text`` (sentence = up to 。)."""
    start = -1
    for _ in range(nth + 1):
        start = text.find(surface, start + 1)
    assert start >= 0, surface
    s0 = max(text.rfind("。", 0, start), text.rfind("\n", 0, start)) + 1
    s1 = text.find("。", start)
    s1 = len(text) if s1 < 0 else s1 + 1
    return {"doc": doc, "start": start, "end": start + len(surface), "sentence": text[s0:s1],
            "sent_start": s0, "rule": rule, "confidence": confidence}


def sample_graph(doc2_text: str | None = None) -> nx.MultiDiGraph:
    """Two documents that follow the contract of docs/architecture.md; 武汉市 is in both."""
    t1 = _seed_text()
    t2 = doc2_text or ("市发改委负责人表示,黄陂区将加快推进木兰文化生态旅游区建设。"
                       "武汉市发展和改革委员会牵头推进该项目。")
    G = nx.MultiDiGraph()
    G.add_node(f"doc/{DOC1}", kind="Document", title="全市各单位积极响应市委全体(扩大)会议部署",
               date="2019-06-28", url="http://www.cjrbapp.cjn.cn/p/1.html", source="seeds/000.txt",
               meta={"paper": "长江日报"})
    G.add_node(f"doc/{DOC2}", kind="Document", title="第二篇 \"测试\" <b>文章</b>", date="2019-07-01",
               url=None, source="second.txt", meta={})
    p_wh1 = _prov(DOC1, t1, "武汉", "gazetteer.place", 1.0)
    p_wh2 = _prov(DOC2, t2, "武汉市", "gazetteer.place", 1.0)
    G.add_node("place/武汉市", kind="Place", label="武汉市", aliases=["武汉"], subtype="District",
               code="420100", docs=[DOC1, DOC2], mentions=2, provenance=[p_wh1, p_wh2])
    p_hp = _prov(DOC2, t2, "黄陂区", "gazetteer.place", 1.0)
    G.add_node("place/黄陂区", kind="Place", label="黄陂区", aliases=[], subtype="District",
               code="420116", docs=[DOC2], mentions=1, provenance=[p_hp])
    p_sw = _prov(DOC1, t1, "武汉市委", "agency.suffix", 0.95)
    G.add_node("agency/中共武汉市委员会", kind="Agency", label="中共武汉市委员会", aliases=["武汉市委"],
               subtype=None, docs=[DOC1], mentions=1, provenance=[p_sw])
    p_fg = _prov(DOC2, t2, "市发改委", "agency.abbrev", 0.9)
    p_fg2 = _prov(DOC2, t2, "武汉市发展和改革委员会", "agency.suffix", 1.0)
    G.add_node("agency/武汉市发展和改革委员会", kind="Agency", label="武汉市发展和改革委员会",
               aliases=["市发改委"], subtype=None, docs=[DOC2], mentions=2, provenance=[p_fg, p_fg2])
    p_pj = _prov(DOC2, t2, "木兰文化生态旅游区", "project.suffix", 0.8)
    G.add_node("project/木兰文化生态旅游区", kind="Project", label="木兰文化生态旅游区", aliases=[],
               subtype=None, docs=[DOC2], mentions=1, provenance=[p_pj])
    clause = "到2021年,要力争地区生产总值达到2万亿元左右"
    p_t = _prov(DOC1, t1, clause, "target.deadline_value", 0.85)
    tid = f"target/{DOC1}/{p_t['start']}-{p_t['end']}"
    G.add_node(tid, kind="Target", label=clause, text=clause, deadline="2021-12-31", time_phrase="到2021年",
               value=2e12, unit="元", approximate=True, comparator=">=", metric="地区生产总值",
               aliases=[], subtype=None, docs=[DOC1], mentions=1, provenance=[p_t])
    G.add_edge("place/黄陂区", "place/武汉市", key="partOf", predicate="partOf", rule="gazetteer.parent",
               confidence=1.0, provenance=[])
    G.add_edge(tid, "agency/中共武汉市委员会", key="setBy", predicate="setBy", rule="target.setby",
               confidence=0.8, provenance=[_prov(DOC1, t1, "武汉市委召开十三届七次全体(扩大)会议提出",
                                                 "target.setby", 0.8)])
    G.add_edge("agency/武汉市发展和改革委员会", "project/木兰文化生态旅游区", key="responsibleFor",
               predicate="responsibleFor", rule="rel.lead", confidence=0.7,
               provenance=[_prov(DOC2, t2, "武汉市发展和改革委员会牵头推进该项目", "rel.lead", 0.7)])
    G.add_edge("project/木兰文化生态旅游区", "place/黄陂区", key="locatedIn", predicate="locatedIn",
               rule="rel.located", confidence=0.75,
               provenance=[_prov(DOC2, t2, "黄陂区将加快推进木兰文化生态旅游区", "rel.located", 0.75)])
    for n, d in list(G.nodes(data=True)):
        for doc in d.get("docs", ()):
            G.add_edge(n, f"doc/{doc}", key="mentionedIn", predicate="mentionedIn", provenance=[])
    return G


NASTY = ('他说:"""引号\\反斜杠 > <script>alert(1)</script>\n换行\r\n\t制表\x00\x01\x0b\ufffe'
         '\ud800孤立代理 \U0001F600 end"\'。武汉市在此。')


def nasty_graph() -> nx.MultiDiGraph:
    G = sample_graph(doc2_text=None)
    G.add_node("agency/<script>\"x\" y>", kind="Agency", label='<script>"x" y>\n"""\\', aliases=['a"b', "c\x00d"],
               subtype=None, docs=[DOC2], mentions=1,
               provenance=[{"doc": DOC2, "start": 0, "end": 3, "sentence": NASTY, "sent_start": 0,
                            "rule": "r\"1\n", "confidence": 0.5}], weird={"k": NASTY})
    G.add_edge("agency/<script>\"x\" y>", "agency/武汉市发展和改革委员会", key="partOf", predicate="partOf",
               provenance=[{"doc": DOC2, "start": 0, "end": 3, "sentence": NASTY, "sent_start": 0,
                            "rule": "x", "confidence": 1}], rule="x", confidence=1.0, note=NASTY)
    return G


def _datasets_isomorphic(a: Dataset, b: Dataset) -> bool:
    def graphs(ds):
        out = {}
        for s, p, o, c in ds.quads((None, None, None, None)):
            ident = c.identifier if hasattr(c, "identifier") else c
            out.setdefault(str(ident) if ident is not None else "", Graph()).add((s, p, o))
        return out
    ga, gb = graphs(a), graphs(b)
    if set(ga) != set(gb):
        return False
    return all(isomorphic(ga[k], gb[k]) for k in ga)


# ------------------------------------------------------------------ IRIs

@pytest.mark.parametrize("node_id", ["agency/武汉市发展和改革委员会", "place/a b", "project/x>y",
                                     'org/"quoted"', "agency/<script>alert(1)</script>", "weird",
                                     "place/黄陂区@420116", "target/doc 1/3-9", "doc/\ud800\x00",
                                     "KIND WITH SPACE/x", "../../etc/passwd"])
def test_node_iri_valid_and_stable(node_id):
    iri = rdf.node_iri(node_id)
    assert isinstance(iri, URIRef)
    assert rdf.is_valid_iri(str(iri))
    assert iri == rdf.node_iri(node_id)
    assert str(iri).startswith("https://w3id.org/govkg/id/")
    # the IRI survives every syntax
    g = Graph()
    g.add((iri, RDF.type, GK.Agency))
    for fmt in ("turtle", "nt", "xml", "json-ld"):
        back = Graph().parse(data=g.serialize(format=fmt), format=fmt)
        assert (iri, RDF.type, GK.Agency) in back


def test_node_iri_known_value_is_stable_across_runs():
    # pinned: changing the scheme would break every stored graph
    assert str(rdf.node_iri("place/黄陂区")) == "https://w3id.org/govkg/id/place/" + \
        __import__("hashlib").sha1("place/黄陂区".encode()).hexdigest()[:20]
    assert rdf.node_iri("agency/a") != rdf.node_iri("agency/b")
    assert rdf.doc_graph_iri(DOC1) != rdf.node_iri(f"doc/{DOC1}")


@pytest.mark.parametrize("bad", ["", None, 3])
def test_node_iri_rejects_non_strings(bad):
    with pytest.raises(ValueError):
        rdf.node_iri(bad)


@pytest.mark.parametrize("iri,ok", [("https://w3id.org/govkg/id/x", True), ("http://a/b c", False),
                                    ("http://a/<b>", False), ('http://a/"', False), ("relative/path", False),
                                    ("urn:isbn:123", True), ("http://a/\x00", False), ("http://例子.中国/路径", True)])
def test_is_valid_iri(iri, ok):
    assert rdf.is_valid_iri(iri) is ok


def test_clean_text_strips_what_xml_cannot_carry():
    assert rdf.clean_text("a\x00b\x0bc\ud800d\ufffee\tf\ng\rh") == "abcde\tf\ng\rh"
    assert rdf.clean_text("\U0001F600武汉") == "\U0001F600武汉"


# ------------------------------------------------------------------ layout

def test_dataset_layout_and_provenance():
    G = sample_graph()
    ds = rdf.to_dataset(G)
    wh = rdf.node_iri("place/武汉市")
    g1, g2 = ds.graph(rdf.doc_graph_iri(DOC1)), ds.graph(rdf.doc_graph_iri(DOC2))
    default = ds.default_graph
    # entities merged once in the default graph
    assert (wh, RDF.type, GK.Place) in default and (wh, RDF.type, GK.District) in default
    assert (wh, SKOS.prefLabel, Literal("武汉市", lang="zh")) in default
    assert (wh, SKOS.altLabel, Literal("武汉", lang="zh")) in default
    assert (wh, GK.divisionCode, Literal("420100")) in default
    # mentioned in both articles, each in its own graph
    assert (wh, GK.mentionedIn, rdf.node_iri(f"doc/{DOC1}")) in g1
    assert (wh, GK.mentionedIn, rdf.node_iri(f"doc/{DOC2}")) in g2
    # the target lives in its article's graph, typed literals
    tid = next(n for n in G if n.startswith("target/"))
    t = rdf.node_iri(tid)
    assert (t, GK.deadline, Literal("2021-12-31", datatype=XSD.date)) in g1
    vals = list(g1.objects(t, GK.value))
    assert len(vals) == 1 and vals[0].datatype == XSD.decimal and float(vals[0]) == 2e12
    assert (t, GK.unit, Literal("元")) in g1
    assert (t, GK.approximate, Literal(True)) in g1
    # the target's sentence is one hop away (gk:inSentence), and its mention points at the same node
    sentences = [str(x) for sn in g1.objects(t, GK.inSentence) for x in g1.objects(sn, GK.text)]
    assert len(sentences) == 1 and "地区生产总值达到2万亿元左右" in sentences[0]
    assert {sn for m in g1.objects(t, GK.provenance) for sn in g1.objects(m, GK.inSentence)} == \
        set(g1.objects(t, GK.inSentence))
    # edge stated in its article and reified with evidence
    sw = rdf.node_iri("agency/中共武汉市委员会")
    assert (t, GK.setBy, sw) in g1
    assertions = list(g1.subjects(RDF.subject, t))
    assert assertions and (assertions[0], RDF.predicate, GK.setBy) in g1
    assert g1.value(assertions[0], GK.start).datatype == XSD.integer
    # an edge without evidence (division table) is in the default graph
    assert (rdf.node_iri("place/黄陂区"), GK.partOf, wh) in default


def test_sparql_source_sentence_of_an_edge():
    g = rdf.to_graph(sample_graph())
    q = """PREFIX gk: <https://w3id.org/govkg/ns#>
           PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
           PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
           SELECT ?sentence ?rule WHERE {
             ?a rdf:subject ?s ; rdf:predicate gk:responsibleFor ; rdf:object ?o ;
                gk:inSentence/gk:text ?sentence ; gk:rule ?rule .
             ?s skos:prefLabel ?sl . ?o skos:prefLabel ?ol .
             FILTER(str(?sl) = "武汉市发展和改革委员会" && str(?ol) = "木兰文化生态旅游区") }"""
    rows = list(g.query(q))
    assert len(rows) == 1
    assert "牵头推进该项目" in str(rows[0][0]) and str(rows[0][1]) == "rel.lead"


# ------------------------------------------------------------------ sentences

def _records(G):
    """Every provenance record of ``G``: nodes' and edges'."""
    out = [p for _n, d in G.nodes(data=True) for p in d.get("provenance") or ()]
    return out + [p for *_e, d in G.edges(data=True) for p in d.get("provenance") or ()]


def test_one_sentence_node_per_sentence_shared_by_its_mentions():
    G = sample_graph()
    ds = rdf.to_dataset(G)
    flat = rdf.to_graph(ds)
    spans = {(p["doc"], p["sent_start"], p["sent_start"] + len(p["sentence"])) for p in _records(G)}
    nodes = set(flat.subjects(RDF.type, GK.Sentence))
    assert nodes == {rdf.sentence_iri(*span) for span in spans} and len(nodes) == len(spans)
    # DOC2's first sentence names 市发改委, 黄陂区 and 木兰文化生态旅游区: three mentions, one node
    g2 = ds.graph(rdf.doc_graph_iri(DOC2))
    first = next(p for p in _records(G) if p["doc"] == DOC2 and p["sent_start"] == 0)
    sn = rdf.sentence_iri(DOC2, 0, len(first["sentence"]))
    pointing = set(g2.subjects(GK.inSentence, sn))
    bodies = {str(g2.value(m, URIRef("http://www.w3.org/ns/oa#hasBody"))) for m in pointing}
    assert {str(rdf.node_iri(n)) for n in ("agency/武汉市发展和改革委员会", "place/黄陂区",
                                           "project/木兰文化生态旅游区")} <= bodies
    assert any((a, RDF.type, GK.Assertion) in g2 for a in pointing)  # the locatedIn edge's evidence
    # the text is stored once, on the sentence, and nowhere else
    assert list(g2.objects(sn, GK.text)) == [Literal(first["sentence"], lang="zh")]
    assert (sn, GK.inDocument, rdf.node_iri(f"doc/{DOC2}")) in g2
    assert not set(flat.subject_objects(GK.sentence)) and not set(flat.subject_objects(GK.sentenceStart))
    literals = [o for o in flat.objects() if isinstance(o, Literal) and str(o) == first["sentence"]]
    assert len(literals) == 1
    # mentions keep their own span, quote, rule and confidence; the document is the sentence's
    m = next(iter(g2.subjects(GK.quote, Literal("黄陂区", lang="zh"))))
    assert g2.value(m, GK.inSentence) == sn and g2.value(m, GK.rule) is not None
    assert int(g2.value(m, GK.start)) == first["sentence"].index("黄陂区")
    assert g2.value(m, GK.inDocument) is None


def test_sentence_iri_is_minted_from_the_document_and_offsets():
    assert rdf.sentence_iri(DOC1, 0, 10) == rdf.sentence_iri(DOC1, 0, 10)
    assert len({rdf.sentence_iri(DOC1, 0, 10), rdf.sentence_iri(DOC2, 0, 10), rdf.sentence_iri(DOC1, 10, 20)}) == 3
    assert rdf.is_valid_iri(str(rdf.sentence_iri("<evil> doc", 0, 1)))
    with pytest.raises(ValueError):
        rdf.sentence_iri("", 0, 1)


def test_two_texts_for_one_span_get_two_sentence_nodes():
    """A hand-made graph that gives two texts for one span keeps both, on two nodes (never two
    gk:text on one sentence)."""
    G = nx.MultiDiGraph()
    G.add_node("doc/d", kind="Document", title="d")
    for i in range(2):
        G.add_node(f"place/p{i}", kind="Place", label=f"地{i}", docs=["d"], provenance=[
            {"doc": "d", "start": 0, "end": 1, "sentence": f"第{i}句。", "sent_start": 0, "rule": "r", "confidence": 1.0}])
    g = rdf.to_graph(G)
    nodes = set(g.subjects(RDF.type, GK.Sentence))
    assert len(nodes) == 2 and all(len(list(g.objects(n, GK.text))) == 1 for n in nodes)
    back = rdf.from_rdf(g)
    assert [back.nodes[f"place/p{i}"]["provenance"][0]["sentence"] for i in range(2)] == ["第0句。", "第1句。"]


def test_sentence_offsets_slice_the_original_text(seed_graph):
    text = SEED.read_text(encoding="utf-8")
    g = rdf.to_graph(seed_graph)
    nodes = set(g.subjects(RDF.type, GK.Sentence))
    assert len(nodes) > 20
    for sn in nodes:
        a, b = int(g.value(sn, GK.start)), int(g.value(sn, GK.end))
        assert str(g.value(sn, GK.text)) == rdf.clean_text(text[a:b]) and a < b
        assert sn == rdf.sentence_iri(DOC1, a, b)
        for m in g.subjects(GK.inSentence, sn):
            if (m, RDF.type, GK.Target) in g:
                continue
            s, e = int(g.value(m, GK.start)), int(g.value(m, GK.end))
            assert a <= s < e <= b
            assert str(g.value(m, GK.quote)) == text[s:e]
    # fewer sentences than evidence records: the text is shared
    evidence = set(g.subjects(RDF.type, GK.Mention)) | set(g.subjects(RDF.type, GK.Assertion))
    assert len(nodes) < len(evidence) / 2


@pytest.mark.parametrize("make", ["sample", "seed"])
def test_round_trip_preserves_provenance(make, seed_graph, tmp_path):
    G = sample_graph() if make == "sample" else seed_graph
    for fmt in ("trig", "ttl", "nq"):
        H = rdf.from_rdf(rdf.write_rdf(G, tmp_path / fmt, formats=[fmt])[fmt])

        def key(p):
            return json.dumps(p, sort_keys=True, ensure_ascii=False)

        # (as sets: RDF holds one assertion for a record the extractor gives twice)
        for n, d in G.nodes(data=True):
            if d.get("kind") == "Document":
                continue
            want = set(map(key, d.get("provenance") or ()))
            assert want and set(map(key, H.nodes[n]["provenance"])) == want, (fmt, n)
        for u, v, k, d in G.edges(keys=True, data=True):
            if k == "mentionedIn":
                continue
            want = set(map(key, d.get("provenance") or ()))
            assert set(map(key, H.edges[u, v, k]["provenance"])) == want, (fmt, u, k, v)


def test_graphs_of_the_old_shape_are_still_read():
    """Graphs written before gk:Sentence (the sentence literal on each mention) read the same."""
    G = sample_graph()
    new = rdf.to_graph(G)
    old = Graph()
    for t in new:
        old.add(t)
    for ev, sn in list(new.subject_objects(GK.inSentence)):
        old.remove((ev, GK.inSentence, sn))
        if (ev, RDF.type, GK.Target) in new:
            continue
        old.add((ev, GK.sentence, new.value(sn, GK.text)))
        old.add((ev, GK.sentenceStart, new.value(sn, GK.start)))
        old.add((ev, GK.inDocument, new.value(sn, GK.inDocument)))
    for sn in new.subjects(RDF.type, GK.Sentence):
        old.remove((sn, None, None))
    a, b = rdf.from_rdf(new), rdf.from_rdf(old)
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(keys=True, data=True), key=repr) == sorted(b.edges(keys=True, data=True), key=repr)


def test_edge_source_query_gives_each_assertion_its_sentence_and_article():
    from kg.store import query_graph

    G = sample_graph()
    q = (rdf.ONTOLOGY_DIR.parent / "kg" / "queries" / "edge_source.rq")
    q = q if q.is_file() else Path(rdf.__file__).parent / "queries" / "edge_source.rq"
    rows = list(query_graph(G, q.read_text(encoding="utf-8")))
    n_assertions = len(list(rdf.to_graph(G).subjects(RDF.type, GK.Assertion)))
    assert len(rows) == n_assertions  # one row each: no cross product with the sentences
    by_pred = {r["predicate"]: r for r in rows}
    lead = by_pred["responsibleFor"]
    assert lead["doc"] == DOC2 and lead["sentence"] == "武汉市发展和改革委员会牵头推进该项目。"
    t2 = "市发改委负责人表示,黄陂区将加快推进木兰文化生态旅游区建设。武汉市发展和改革委员会牵头推进该项目。"
    assert t2[lead["start"]:lead["end"]] == "武汉市发展和改革委员会牵头推进该项目"
    # the division-table edge has no evidence sentence and no article
    assert by_pred["partOf"]["sentence"] is None and by_pred["partOf"]["doc"] is None


# ------------------------------------------------------------------ formats

@pytest.mark.parametrize("make", [sample_graph, nasty_graph])
def test_every_format_round_trips(tmp_path, make):
    G = make()
    paths = rdf.write_rdf(G, tmp_path)
    assert set(paths) == {"ttl", "trig", "nq", "nt", "jsonld"}
    ds = rdf.to_dataset(G)
    flat = rdf.to_graph(ds)
    for fmt in ("ttl", "nt"):
        back = Graph().parse(paths[fmt], format={"ttl": "turtle", "nt": "nt"}[fmt])
        assert isomorphic(back, flat), fmt
    for fmt in ("trig", "nq", "jsonld"):
        back = Dataset().parse(paths[fmt], format={"trig": "trig", "nq": "nquads", "jsonld": "json-ld"}[fmt])
        assert _datasets_isomorphic(back, ds), fmt
        assert isomorphic(rdf.to_graph(back), flat), fmt
    # no temp files left behind
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths.values())
    # the JSON-LD carries the shipped context
    doc = json.loads(paths["jsonld"].read_text(encoding="utf-8"))
    assert doc["@context"]["gk"] == "https://w3id.org/govkg/ns#"


def test_pyoxigraph_parses_every_format(tmp_path):
    import pyoxigraph as ox

    paths = rdf.write_rdf(nasty_graph(), tmp_path)
    n = len(rdf.to_graph(nasty_graph()))
    for fmt, oxf in (("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                     ("trig", ox.RdfFormat.TRIG), ("nq", ox.RdfFormat.N_QUADS), ("jsonld", ox.RdfFormat.JSON_LD)):
        quads = list(ox.parse(path=str(paths[fmt]), format=oxf))
        assert len({(q.subject, q.predicate, q.object) for q in quads}) == n, fmt


def test_nasty_literals_are_cleaned_but_kept():
    g = rdf.to_graph(nasty_graph())
    sentences = {str(o) for s in g.subjects(RDF.type, GK.Sentence) for o in g.objects(s, GK.text)}
    cleaned = rdf.clean_text(NASTY)
    assert cleaned in sentences
    assert '"""' in cleaned and "<script>" in cleaned and "\x00" not in cleaned


def test_from_rdf_inverts_to_dataset(tmp_path):
    G = sample_graph()
    paths = rdf.write_rdf(G, tmp_path)
    H = rdf.from_rdf(paths["trig"])
    assert set(H.nodes) == set(G.nodes)
    assert {(u, v, k) for u, v, k in H.edges(keys=True)} == {(u, v, k) for u, v, k in G.edges(keys=True)}
    for n, d in G.nodes(data=True):
        h = H.nodes[n]
        for key in ("kind", "label", "subtype", "code", "deadline", "value", "unit", "approximate",
                    "comparator", "metric", "title", "date", "meta"):
            if key in d:
                assert h.get(key) == d[key], (n, key)
        if "aliases" in d:
            assert h["aliases"] == sorted(d["aliases"])
        if d.get("provenance"):
            assert sorted(map(json.dumps, h["provenance"])) == sorted(
                json.dumps({k: p[k] for k in sorted(p)}) for p in d["provenance"]) or \
                len(h["provenance"]) == len(d["provenance"])
            assert h["docs"] == sorted(d["docs"])
    e = H.get_edge_data("agency/武汉市发展和改革委员会", "project/木兰文化生态旅游区", "responsibleFor")
    assert e["rule"] == "rel.lead" and e["provenance"][0]["sentence"].endswith("。")
    # and again: RDF -> nx -> RDF is stable
    assert isomorphic(rdf.to_graph(H), rdf.to_graph(G))


def test_read_rdf_errors(tmp_path):
    from kg.errors import InputError

    bad = tmp_path / "x.ttl"
    bad.write_text("this is not turtle <", encoding="utf-8")
    with pytest.raises(InputError):
        rdf.read_rdf(bad)
    with pytest.raises(InputError):
        rdf.read_rdf(tmp_path / "missing.ttl")
    with pytest.raises(InputError):
        rdf.read_rdf(tmp_path / "x.docx")


# ------------------------------------------------------------------ SHACL

def test_shacl_conforms():
    ok, report = rdf.validate(sample_graph())
    assert ok, report
    ok, report = rdf.validate(rdf.to_dataset(nasty_graph()))
    assert ok, report


@pytest.mark.parametrize("breakage", ["two_preflabels", "bad_deadline", "place_in_agency", "no_provenance",
                                      "string_value", "offset_string", "sentence_two_texts",
                                      "mention_without_document", "sentence_start_after_end"])
def test_shacl_catches_broken_graphs(breakage):
    G = sample_graph()
    g = rdf.to_graph(G)
    tid = rdf.node_iri(next(n for n in G if n.startswith("target/")))
    if breakage == "two_preflabels":
        g.add((rdf.node_iri("place/武汉市"), SKOS.prefLabel, Literal("武汉", lang="zh")))
    elif breakage == "bad_deadline":
        g.set((tid, GK.deadline, Literal("2021年底")))
    elif breakage == "place_in_agency":
        g.add((rdf.node_iri("place/黄陂区"), GK.partOf, rdf.node_iri("agency/中共武汉市委员会")))
    elif breakage == "no_provenance":
        g.remove((tid, GK.provenance, None))
    elif breakage == "string_value":
        g.set((tid, GK.value, Literal("2万亿")))
    elif breakage == "offset_string":
        m = next(g.objects(tid, GK.provenance))
        g.set((m, GK.start, Literal("12")))
    elif breakage == "sentence_two_texts":
        g.add((next(g.objects(tid, GK.inSentence)), GK.text, Literal("另一句。", lang="zh")))
    elif breakage == "mention_without_document":
        m = next(g.objects(tid, GK.provenance))
        g.remove((m, GK.inSentence, None))
    elif breakage == "sentence_start_after_end":
        sn = next(g.objects(tid, GK.inSentence))
        g.set((sn, GK.start, Literal(int(g.value(sn, GK.end)) + 1)))
    ok, report = rdf.validate(g)
    assert not ok
    assert "Violation" in report


# ------------------------------------------------------------------ CLI: validate, export

def test_cli_validate_and_export(tmp_path):
    import csv

    import networkx as nx
    from click.testing import CliRunner

    from kg.cli import main

    paths = rdf.write_rdf(nasty_graph(), tmp_path / "g")
    r = CliRunner()
    res = r.invoke(main, ["validate", str(paths["ttl"])])
    assert res.exit_code == 0, res.output
    broken = rdf.to_graph(sample_graph())
    broken.add((rdf.node_iri("place/黄陂区"), GK.partOf, rdf.node_iri("agency/中共武汉市委员会")))
    bad = tmp_path / "bad.ttl"
    broken.serialize(bad, format="turtle")
    res = r.invoke(main, ["validate", str(bad)])
    assert res.exit_code == 1 and "Violation" in res.output
    G = nasty_graph()
    for fmt, out in (("graphml", "g.graphml"), ("gexf", "g.gexf"), ("node-link", "g.json"), ("neo4j", "neo")):
        res = r.invoke(main, ["export", str(paths["trig"]), "--format", fmt, "-o", str(tmp_path / out)])
        assert res.exit_code == 0, (fmt, res.output)
    H = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert H.number_of_nodes() == G.number_of_nodes() and H.number_of_edges() == G.number_of_edges()
    assert {k for *_e, k in H.edges(keys=True)} == {k for *_e, k in G.edges(keys=True)}
    e = H.get_edge_data("agency/武汉市发展和改革委员会", "project/木兰文化生态旅游区")
    assert json.loads(next(iter(e.values()))["provenance"])[0]["rule"] == "rel.lead"
    X = nx.read_gexf(tmp_path / "g.gexf")
    assert X.number_of_edges() == G.number_of_edges()
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert len(data["edges"]) == G.number_of_edges() and all("key" in x for x in data["edges"])
    with open(tmp_path / "neo" / "relationships.csv", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == [":START_ID", ":END_ID", ":TYPE"] and len(rows) == G.number_of_edges() + 1
    res = r.invoke(main, ["export", str(tmp_path / "missing.trig"), "--format", "gexf", "-o", str(tmp_path / "x")])
    assert res.exit_code == 2


# ------------------------------------------------------------------ the real builder on the sample article

@pytest.fixture(scope="module")
def seed_graph():
    kg = pytest.importorskip("kg")
    if not hasattr(kg, "build") or not SEED.is_file():
        pytest.skip("kg.build or the sample article is not available")
    return kg.build([str(SEED)], date="2019-06-28").nx


def test_seed_graph_round_trips_and_stores(seed_graph, tmp_path):
    from kg.store import Store

    paths = rdf.write_rdf(seed_graph, tmp_path)
    ds = rdf.to_dataset(seed_graph)
    flat = rdf.to_graph(ds)
    assert isomorphic(Graph().parse(paths["ttl"], format="turtle"), flat)
    assert _datasets_isomorphic(Dataset().parse(paths["trig"], format="trig"), ds)
    for s in flat.all_nodes():
        if isinstance(s, URIRef):
            assert rdf.is_valid_iri(str(s))
    with Store(tmp_path / "st") as st:
        st.add(seed_graph)
        n = len(st)
        st.add(seed_graph)
        assert len(st) == n == len(ds)
        rows = st.query("PREFIX gk: <https://w3id.org/govkg/ns#> SELECT ?t ?s WHERE { ?t a gk:Target ; gk:provenance ?m . ?m gk:inSentence/gk:text ?s }")
        assert len(rows) > 0
    H = rdf.from_rdf(paths["trig"])
    assert set(H.nodes) == set(seed_graph.nodes)
    assert H.number_of_edges() == seed_graph.number_of_edges()


def test_seed_graph_conforms_to_shapes(seed_graph):
    ok, report = rdf.validate(seed_graph)
    assert ok, report[:2000]


def test_corpus_graphs_conform_to_shapes():
    """Every document of the shared corpus (news and long policy documents, 2021-2025)."""
    import kg

    corpus = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
    files = sorted(corpus.glob("*.txt"))
    g = kg.build(files)
    assert g.summary()["documents"] == len(files) >= 6
    ok, report = rdf.validate(g.nx)
    assert ok, report[:2000]
