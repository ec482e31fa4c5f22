"""Static tests of the HTML explorer (kg.viz): no browser needed."""
from __future__ import annotations

import html as html_lib
import json
import os
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import GovKGError, InputError
from kg.viz import layout_positions, render_html, subgraph

DOC = "000_c246a7f8e94544f9"
EVIL_DOC = "evil"
DOC_TITLE = "全市各单位积极响应市委全体(扩大)会议部署 不折不扣全力打赢打好三大攻坚战"
SEED = Path("/work/shared/seeds") / f"{DOC}.txt"

# Sentences of /work/shared/seeds/000_c246a7f8e94544f9.txt and where they start in it.
S_TARGET = ("6月27日,武汉市委召开十三届七次全体(扩大)会议提出,到2021年,要力争地区生产总值达到2万亿元左右,"
            "重大风险防控机制进一步健全,乡村振兴取得重要进展,建成区主要湖泊实现全截污,"
            "现代化、国际化、生态化大武汉建设取得阶段性成效。", 214)
S_NDRC = ("市发改委负责人表示,加快推动新旧动能转换,推动制造业高质量发展。", 1286)
S_VILLAGE = ("预计等到丰产期,每亩油茶能年产2000多斤,将为村集体创收20多万元,为村民增收70多万元呢!”"
             "放下电话,江汉区民族街驻黄陂区赵畈村扶贫工作队队长朱国海,难掩兴奋之情。", 2156)
S_HONDA = ("东风本田汽车有限公司第二工厂汽车生产线上,生产技术人员对车辆进行前悬架锁紧 长江日报记者高勇 摄", 39)

XSS_LABEL = "<img src=x onerror=\"document.title='pwned'\">"
XSS_SENTENCE = "</script><script>document.title='pwned'</script>"
XSS_ALIAS = "</SCRIPT><script>alert(1)</script>\u2028<!--"
XSS_TITLE = "<img src=x onerror=alert(1)>"


def prov(sentence: tuple[str, int], surface: str, rule: str, doc: str = DOC,
         confidence: float = 0.9) -> dict:
    text, sent_start = sentence
    i = text.index(surface)
    return {"doc": doc, "start": sent_start + i, "end": sent_start + i + len(surface),
            "sentence": text, "sent_start": sent_start, "rule": rule, "confidence": confidence}


def entity(G, node, kind, label, provs, aliases=(), subtype=None, **attrs):
    docs = sorted({p["doc"] for p in provs})
    G.add_node(node, kind=kind, label=label, aliases=sorted(aliases), subtype=subtype,
               docs=docs, mentions=len(provs), provenance=list(provs), **attrs)
    for d in docs:
        G.add_edge(node, f"doc/{d}", key="mentionedIn", predicate="mentionedIn",
                   provenance=[p for p in provs if p["doc"] == d], rule="mention",
                   confidence=1.0)


def relate(G, u, predicate, v, provs, rule="test.rule"):
    G.add_edge(u, v, key=predicate, predicate=predicate, provenance=list(provs), rule=rule,
               confidence=0.8)


def sample_graph(evil: bool = True) -> nx.MultiDiGraph:
    """A small graph that follows docs/architecture.md, from the seed article."""
    G = nx.MultiDiGraph()
    G.add_node(f"doc/{DOC}", kind="Document", label=DOC_TITLE, title=DOC_TITLE,
               date="2019-06-28", url="https://example.invalid/2019/06/28/a.html",
               source="seeds/000_c246a7f8e94544f9.txt", meta={"paper": "长江日报"})
    entity(G, "agency/武汉市发展和改革委员会", "Agency", "武汉市发展和改革委员会",
           [prov(S_NDRC, "市发改委", "agency.abbrev")], aliases=["市发改委"])
    entity(G, "place/武汉市", "Place", "武汉市", [prov(S_TARGET, "武汉市", "place.gazetteer")],
           aliases=["武汉", "大武汉"], subtype="District", code="420100")
    entity(G, "place/黄陂区", "Place", "黄陂区", [prov(S_VILLAGE, "黄陂区", "place.gazetteer")],
           aliases=["黄陂"], subtype="District", code="420116")
    entity(G, "place/赵畈村", "Place", "赵畈村", [prov(S_VILLAGE, "赵畈村", "place.suffix")])
    entity(G, "project/三大攻坚战", "Project", "三大攻坚战",
           [prov(S_TARGET, "武汉市委", "project.campaign", confidence=0.6)], subtype="Campaign")
    entity(G, "org/东风本田汽车有限公司", "Organization", "东风本田汽车有限公司",
           [prov(S_HONDA, "东风本田汽车有限公司", "org.suffix")], aliases=["东风本田"])
    tprov = prov(S_TARGET, "到2021年,要力争地区生产总值达到2万亿元左右", "target.clause")
    target = f"target/{DOC}/{tprov['start']}-{tprov['end']}"
    entity(G, target, "Target", "到2021年,要力争地区生产总值达到2万亿元左右", [tprov],
           text="到2021年,要力争地区生产总值达到2万亿元左右", deadline="2021-12-31",
           time_phrase="到2021年", value=2e12, unit="元", approximate=True, comparator=">=",
           metric="地区生产总值")
    relate(G, "place/黄陂区", "partOf", "place/武汉市", [prov(S_VILLAGE, "黄陂区", "rel.partOf")])
    relate(G, "place/赵畈村", "partOf", "place/黄陂区", [prov(S_VILLAGE, "黄陂区赵畈村", "rel.partOf")])
    relate(G, "agency/武汉市发展和改革委员会", "locatedIn", "place/武汉市", [])
    relate(G, target, "concerns", "place/武汉市", [tprov])
    relate(G, target, "setBy", "agency/武汉市发展和改革委员会", [tprov])
    relate(G, "agency/武汉市发展和改革委员会", "responsibleFor", "project/三大攻坚战", [])
    if evil:
        G.add_node(f"doc/{EVIL_DOC}", kind="Document", label=XSS_TITLE, title=XSS_TITLE,
                   date="2019-07-01", url="javascript:alert(1)", source="evil", meta={})
        entity(G, "org/" + XSS_LABEL, "Organization", XSS_LABEL,
               [{"doc": EVIL_DOC, "start": 2, "end": 9, "sentence": XSS_SENTENCE,
                 "sent_start": 0, "rule": XSS_LABEL, "confidence": 0.5}],
               aliases=[XSS_ALIAS])
        relate(G, "org/" + XSS_LABEL, "locatedIn", "place/黄陂区",
               [{"doc": EVIL_DOC, "start": 0, "end": 9, "sentence": XSS_SENTENCE,
                 "sent_start": 0, "rule": "evil", "confidence": 0.5}])
    return G


def blob(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="govkg-data">(.*?)</script>', page, re.S)
    assert m, "no JSON data block"
    return json.loads(m.group(1))


# ------------------------------------------------------------------ tests

def test_seed_sentences_match_the_seed_file():
    if not SEED.exists():
        pytest.skip(f"{SEED} not present (the sentences are embedded in this file)")
    text = SEED.read_text(encoding="utf-8")
    for sentence, start in (S_TARGET, S_NDRC, S_VILLAGE, S_HONDA):
        assert text[start:start + len(sentence)] == sentence


def test_page_is_self_contained():
    page = render_html(sample_graph())
    assert page.startswith("<!DOCTYPE html>")
    # nothing is loaded from elsewhere: no http(s) (or protocol-relative) URL in src/href/url()
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"""<(?:link|iframe|img|object|embed)\b""", page, re.I)
    assert "bootstrap" not in page.lower()
    assert "cdn" not in page.lower().replace("cdnjs", "")
    assert "sourceMappingURL" not in page
    # vis-network inlined, and the CJK font stack
    assert "vis-network" in page and "DataSet" in page
    for font in ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC"):
        assert font in page
    # the CSP forbids any request
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp.split("style-src")[0]


def test_untrusted_strings_are_never_markup():
    page = render_html(sample_graph(), title=XSS_TITLE)
    for payload in (XSS_LABEL, XSS_SENTENCE, XSS_ALIAS, XSS_TITLE, "</script><script>",
                    "<img src=x", "<!--", "\u2028"):
        assert payload not in page, payload
    # exactly our own three script blocks
    assert len(re.findall(r"<script\b", page, re.I)) == 3
    assert len(re.findall(r"</script", page, re.I)) == 3
    # heading and <title> are escaped
    assert f"<h1 id=\"page-title\">{html_lib.escape(XSS_TITLE)}</h1>" in page
    assert f"<title>{html_lib.escape(XSS_TITLE)}</title>" in page
    # the page script never uses innerHTML / document.write / string titles
    app = page.split('<script id="govkg-app">', 1)[1]
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                 "title:"):
        assert sink not in app, sink


def test_json_blob_round_trips():
    G = sample_graph()
    data = blob(render_html(G))
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels == {n: d["label"] for n, d in G.nodes(data=True)}
    assert labels["org/" + XSS_LABEL] == XSS_LABEL
    evil = next(n for n in data["nodes"] if n["id"] == "org/" + XSS_LABEL)
    assert evil["aliases"] == [XSS_ALIAS]
    assert data["sentences"][evil["prov"][0][0]] == [EVIL_DOC, XSS_SENTENCE]
    target = next(n for n in data["nodes"] if n["kind"] == "Target")
    assert target["attrs"] == {"deadline": "2021-12-31", "value": 2e12, "unit": "元",
                               "approximate": True, "comparator": ">=",
                               "metric": "地区生产总值", "text": "到2021年,要力争地区生产总值达到2万亿元左右",
                               "time_phrase": "到2021年"}
    assert target["year"] == 2021
    # provenance offsets are relative to the sentence and point at the mention
    hp = next(n for n in data["nodes"] if n["id"] == "place/黄陂区")
    sid, a, b = hp["prov"][0][:3]
    assert data["sentences"][sid][1][a:b] == "黄陂区"
    # edges keep their predicate (the edge key)
    preds = {(e["from"], e["predicate"], e["to"]) for e in data["edges"]}
    assert ("place/黄陂区", "partOf", "place/武汉市") in preds
    assert ("place/赵畈村", "partOf", "place/黄陂区") in preds
    assert len(data["edges"]) == G.number_of_edges()
    assert data["docs"][DOC]["title"] == DOC_TITLE
    # every node has a position
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])


def test_graph_is_not_modified():
    G = sample_graph()
    before = (sorted(G.nodes(data=False)), sorted(G.edges(keys=True)),
              json.dumps(dict(G.nodes(data=True)), sort_keys=True, default=str))
    render_html(G, kinds=["Place"], max_nodes=2)
    after = (sorted(G.nodes(data=False)), sorted(G.edges(keys=True)),
             json.dumps(dict(G.nodes(data=True)), sort_keys=True, default=str))
    assert before == after


def test_kinds_filter():
    G = sample_graph()
    H = subgraph(G, kinds=["Place"])
    assert set(H) == {"place/武汉市", "place/黄陂区", "place/赵畈村"}
    assert set(H.edges(keys=True)) == {("place/黄陂区", "place/武汉市", "partOf"),
                                       ("place/赵畈村", "place/黄陂区", "partOf")}
    assert H.edges["place/黄陂区", "place/武汉市", "partOf"]["provenance"]
    data = blob(render_html(G, kinds=["Place", "Target"]))
    assert {n["kind"] for n in data["nodes"]} == {"Place", "Target"}
    assert len(data["nodes"]) == 4
    with pytest.raises(InputError, match="unknown kind 'Agencyy'"):
        subgraph(G, kinds=["Agencyy"])
    assert isinstance(InputError("a", "b"), GovKGError)


def test_docs_filter():
    G = sample_graph()
    H = subgraph(G, docs=[EVIL_DOC])
    assert set(H) == {"org/" + XSS_LABEL, f"doc/{EVIL_DOC}"}
    H2 = subgraph(G, docs=[f"doc/{DOC}"])
    assert "org/" + XSS_LABEL not in H2 and "place/黄陂区" in H2 and f"doc/{DOC}" in H2
    both = subgraph(G, kinds=["Place"], docs=[DOC])
    assert set(both) == {"place/武汉市", "place/黄陂区", "place/赵畈村"}
    data = blob(render_html(G, docs=[EVIL_DOC]))
    assert {n["id"] for n in data["nodes"]} == set(H)
    with pytest.raises(InputError, match="not in the graph"):
        subgraph(G, docs=["nope"])


def test_max_nodes_keeps_most_connected_and_says_so():
    G = sample_graph(evil=False)
    page = render_html(G, max_nodes=3)
    data = blob(page)
    degree = dict(G.degree)
    kept = {n["id"] for n in data["nodes"]}
    assert len(kept) == 3
    cutoff = min(degree[n] for n in kept)
    assert all(degree[n] <= cutoff for n in G if n not in kept)
    assert f"doc/{DOC}" in kept and "place/武汉市" in kept
    assert data["meta"]["truncated"] and data["meta"]["total_nodes"] == G.number_of_nodes()
    notice = re.search(r'<div id="notice" role="status">(.*?)</div>', page).group(1)
    assert "3 most connected of 8 nodes" in notice
    full = render_html(G)
    assert re.search(r'<div id="notice" role="status"></div>', full)
    with pytest.raises(InputError):
        render_html(G, max_nodes=0)


def test_physics_switch():
    G = sample_graph()
    assert blob(render_html(G))["meta"]["options"]["physics"]["enabled"] is True
    off = blob(render_html(G, physics_max=3))["meta"]["options"]
    assert off["physics"]["enabled"] is False and off["layout"]["improvedLayout"] is False


def test_write_atomic(tmp_path):
    out = tmp_path / "kg.html"
    out.write_text("old", encoding="utf-8")
    page = render_html(sample_graph(), out, title="武汉")
    assert out.read_text(encoding="utf-8") == page
    assert [p.name for p in tmp_path.iterdir()] == ["kg.html"]  # no temp file left
    assert oct(out.stat().st_mode & 0o777) != "0o600"
    render_html(sample_graph(), os.fspath(tmp_path / "b.html"))
    assert (tmp_path / "b.html").exists()


def test_write_failure_leaves_no_temp(tmp_path, monkeypatch):
    out = tmp_path / "kg.html"

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        render_html(sample_graph(), out)
    assert list(tmp_path.iterdir()) == []


def test_nan_and_odd_attributes_are_json_safe():
    import datetime as dt

    G = nx.MultiDiGraph()
    G.add_node("target/d/1-2", kind="Target", label="t", value=float("nan"),
               deadline=dt.date(2025, 12, 31), provenance=[], docs=["d"], mentions=1)
    G.add_node("doc/d", kind="Document", title=None, meta={"tags": {"b", "a"}})
    G.add_edge("target/d/1-2", "doc/d", key="mentionedIn", predicate="mentionedIn")
    data = blob(render_html(G))
    t = next(n for n in data["nodes"] if n["kind"] == "Target")
    assert t["attrs"]["deadline"] == "2025-12-31" and "value" not in t["attrs"]
    assert t["year"] == 2025
    assert next(n for n in data["nodes"] if n["kind"] == "Document")["label"] == "doc/d"


def test_empty_graph():
    data = blob(render_html(nx.MultiDiGraph()))
    assert data["nodes"] == [] and data["edges"] == []


def test_layout_is_fast_and_deterministic():
    import time

    G = nx.MultiDiGraph()
    for d in range(50):
        for i in range(60):
            G.add_edge(f"e{d}-{i}", f"doc/{d}", key="mentionedIn")
            G.add_edge(f"e{d}-{i}", f"e{(d + 1) % 50}-{i}", key="partOf")
    G.add_node("lonely")
    t = time.perf_counter()
    pos = layout_positions(G)
    assert time.perf_counter() - t < 5
    assert set(pos) == set(G)
    assert pos == layout_positions(G)
    assert len({p for p in pos.values()}) > 0.9 * len(pos)  # nodes are spread out


def test_bad_input():
    with pytest.raises(InputError, match="expected a networkx graph"):
        render_html({"nodes": []})
    with pytest.raises(InputError, match="expected a networkx graph"):
        subgraph([1, 2])


def test_simple_digraph_uses_predicate_attribute():
    G = nx.DiGraph()
    G.add_node("place/黄陂区", kind="Place", label="黄陂区")
    G.add_node("place/武汉市", kind="Place", label="武汉市")
    G.add_edge("place/黄陂区", "place/武汉市", predicate="partOf")
    data = blob(render_html(G))
    assert [(e["from"], e["predicate"], e["to"]) for e in data["edges"]] == [
        ("place/黄陂区", "partOf", "place/武汉市")]


def test_payload_in_node_id_and_doc_id():
    G = nx.MultiDiGraph()
    nid = "org/</script><script>alert(1)</script>"
    G.add_node(nid, kind="Organization", label="x", docs=["</script>"],
               provenance=[{"doc": "</script>", "start": 0, "end": 1, "sentence": "x",
                            "sent_start": 0, "rule": "r", "confidence": 1.0}])
    page = render_html(G, kinds=["Organization"], docs=["</script>"])
    assert "</script><script>" not in page
    assert blob(page)["nodes"][0]["id"] == nid
