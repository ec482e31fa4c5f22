"""``kg viz``: a page of a saved graph or of a store, or of some kinds of its nodes."""
from __future__ import annotations

import json
import re

from click.testing import CliRunner

import kg
from kg.cli import main

TEXT = "武汉市召开会议。江汉区民族街驻黄陂区赵畈村扶贫工作队队长朱国海难掩兴奋之情。市水务局负责人表示，全力打好污染防治攻坚战。"


def page_nodes(path) -> list[dict]:
    html = path.read_text(encoding="utf-8")
    blob = re.search(r'<script type="application/json" id="govkg-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(blob)["nodes"]


def test_viz_of_a_saved_graph_and_of_one_kind(tmp_path):
    g = kg.build_texts({"a": TEXT})
    g.save(tmp_path / "out", html=False)
    runner = CliRunner()
    res = runner.invoke(main, ["viz", str(tmp_path / "out" / "graph.ttl"), "-o", str(tmp_path / "all.html")])
    assert res.exit_code == 0, res.output
    assert len(page_nodes(tmp_path / "all.html")) == g.nx.number_of_nodes()
    res = runner.invoke(main, ["viz", str(tmp_path / "out" / "graph.trig"), "-o", str(tmp_path / "places.html"),
                               "--type", "Place"])
    assert res.exit_code == 0, res.output
    kinds = {n.get("kind") for n in page_nodes(tmp_path / "places.html")}
    assert kinds <= {"Place", "Document"} and "Place" in kinds


def test_viz_of_a_store(tmp_path):
    runner = CliRunner()
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    res = runner.invoke(main, ["build", str(src), "--store", str(tmp_path / "store"), "--jobs", "1", "--no-progress"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["viz", "--store", str(tmp_path / "store"), "-o", str(tmp_path / "store.html")])
    assert res.exit_code == 0, res.output
    labels = {n.get("label") for n in page_nodes(tmp_path / "store.html")}
    assert {"黄陂区", "武汉市水务局"} <= labels
    # the source sentences come back from the store's gk:Sentence nodes, offsets on the mention
    html = (tmp_path / "store.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="govkg-data">(.*?)</script>', html, re.S).group(1))
    hp = next(n for n in data["nodes"] if n["label"] == "黄陂区")
    sid, a, b = hp["prov"][0][:3]
    assert data["sentences"][sid] == ["a", "江汉区民族街驻黄陂区赵畈村扶贫工作队队长朱国海难掩兴奋之情。"]
    assert data["sentences"][sid][1][a:b] == "黄陂区"


def test_viz_needs_one_source(tmp_path):
    res = CliRunner().invoke(main, ["viz", "-o", str(tmp_path / "x.html")])
    assert res.exit_code == 2 and "GRAPH file or --store" in res.output
