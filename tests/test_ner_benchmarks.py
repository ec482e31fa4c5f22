"""The loaders and the span scorer of bench/ner_benchmarks.py, on real benchmark rows and a
hand-made prediction (no model: kg.extract is not called)."""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("ner_benchmarks", ROOT / "bench" / "ner_benchmarks.py")
nb = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("ner_benchmarks", nb)   # dataclasses look their module up there
_spec.loader.exec_module(nb)

needs_data = pytest.mark.skipif(not (nb.DATA / "cluener2020" / "dev.json").exists(),
                                reason="benchmarks not in /work/shared/benchmarks")


# ---------------------------------------------------------------- loaders

def test_bio_spans():
    tags = ["B-LOC", "I-LOC", "O", "I-ORG", "I-ORG", "B-PER", "B-PER", "I-LOC"]
    assert nb.bio_spans(tags) == [(0, 2, "LOC"), (3, 5, "ORG"), (5, 6, "PER"), (6, 7, "PER"), (7, 8, "LOC")]
    assert nb.bio_spans([]) == []


def test_load_bio_space_and_tab(tmp_path):
    f = tmp_path / "x.bio"
    f.write_text("北 B-LOC\n京\tI-LOC\n市 O\n\n\n中 B-ORG\n央 I-ORG\n", encoding="utf-8")
    a, b = nb.load_bio(f)
    assert (a.text, a.gold) == ("北京市", [(0, 2, "LOC")])
    assert (b.text, b.gold) == ("中央", [(0, 2, "ORG")])       # no blank line at the end
    assert [s.text for s in nb.load_bio(f, limit=1)] == ["北京市"]
    f.write_text("北 B-LOC extra\n", encoding="utf-8")
    with pytest.raises(ValueError):
        nb.load_bio(f)


def test_load_cluener_checks_offsets(tmp_path):
    f = tmp_path / "c.json"
    rec = {"text": "北京市消防局称", "label": {"government": {"北京市消防局": [[0, 5]]}}}
    f.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    [s] = nb.load_cluener(f)
    assert s.gold == [(0, 6, "government")]                    # inclusive end -> exclusive
    rec["label"]["government"]["北京市消防局"] = [[0, 4]]
    f.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(ValueError):
        nb.load_cluener(f)


@needs_data
def test_real_rows():
    c = nb.load_set("cluener", limit=20)
    assert len(c) == 20
    assert c[10].text[2:8] == "北京市消防局"
    assert c[10].gold == [(2, 8, "government"), (37, 39, "position")]
    assert c[16].gold == [(5, 8, "address"), (30, 37, "address")]
    assert sum(lab == "address" for s in c for *_, lab in s.gold) == 5
    pd_ = nb.load_set("pd", limit=3)
    assert pd_[0].text.startswith("我们变而以书会友")
    assert [(pd_[0].text[s:e], lab) for s, e, lab in pd_[0].gold] == [
        ("欧", "LOC"), ("美", "LOC"), ("港", "LOC"), ("台", "LOC")]
    m = nb.load_set("msra", limit=1)[0]
    assert [(m.text[s:e], lab) for s, e, lab in m.gold][:2] == [("中共中央", "ORG"), ("中国致公党十一大", "ORG")]


@needs_data
def test_full_gold_counts_match_readmes():
    from collections import Counter
    pd_ = Counter(lab for s in nb.load_set("pd") for *_, lab in s.gold)
    assert pd_ == {"LOC": 3658, "ORG": 2185, "PER": 1864}
    msra = Counter(lab for s in nb.load_set("msra") for *_, lab in s.gold)
    assert msra == {"LOC": 2886, "ORG": 1331, "PER": 1973}
    assert len(nb.load_set("cluener")) == 1343


# ---------------------------------------------------------------- scorer

def test_flatten_keeps_outermost():
    preds = [(0, 6, "Agency"), (0, 3, "Place"), (0, 3, "Agency"), (7, 9, "Place"), (7, 9, "Organization"),
             (8, 12, "Place"), (20, 22, "Project")]
    assert nb.flatten(preds, {"Agency", "Place", "Organization"}) == [
        (0, 6, "Agency"), (7, 9, "Organization"), (7, 9, "Place"), (8, 12, "Place")]


def test_score_sentence_exact_and_overlap():
    acc = nb.PRF()
    nb.score_sentence(acc, gold={(0, 3), (5, 9)}, pred={(0, 3), (5, 7), (10, 12)})
    assert (acc.tp, acc.fp, acc.fn) == (1, 2, 1)
    assert acc.exact() == pytest.approx((1 / 3, 1 / 2, 0.4))
    assert (acc.ov_pred_ok, acc.ov_gold_ok) == (2, 2)
    assert acc.overlap() == pytest.approx((2 / 3, 1.0, 0.8))
    assert nb.PRF().exact() == (0.0, 0.0, 0.0)


@needs_data
def test_score_set_hand_made_prediction():
    """A prediction made by hand for the first 20 CLUENER rows; figures worked out on paper."""
    sents = nb.load_set("cluener", limit=20)
    preds = [[] for _ in sents]
    preds[10] = [(2, 8, "Agency"), (2, 5, "Place")]        # 北京市消防局 exact; 北京市 nested -> dropped
    preds[9] = []                                          # 组委会 missed
    preds[0] = [(15, 17, "Place")]                         # 台湾 exact
    preds[3] = [(6, 8, "Place")]                           # 文汇 for 文汇路: too short
    preds[16] = [(5, 8, "Place"), (30, 37, "Place"), (30, 33, "Place")]  # 夏威夷 nested in 夏威夷水岸1号
    preds[19] = [(16, 18, "Agency")]                       # 政府: no gold there
    preds[13] = [(18, 22, "Organization")]                 # 通灵珠宝 (company)
    res = {r.row.name: r for r in nb.score_set(sents, preds, nb.SETS["cluener"]["rows"])}

    gov = res["government vs Agency"]
    assert (gov.flat.n_gold, gov.flat.n_pred, gov.flat.tp, gov.flat.fp, gov.flat.fn) == (2, 2, 1, 1, 1)
    assert gov.flat.exact() == pytest.approx((0.5, 0.5, 0.5))
    assert gov.flat.overlap() == pytest.approx((0.5, 0.5, 0.5))

    addr = res["address vs Place"]
    # flat: 4 predictions (台湾, 文汇, 潮白河, 夏威夷水岸1号), 3 exact of 5 gold
    assert (addr.flat.n_gold, addr.flat.n_pred, addr.flat.tp) == (5, 4, 3)
    assert addr.flat.exact() == pytest.approx((0.75, 0.6, 2 / 3))
    # overlap: every prediction touches a gold entity; 4 of 5 gold touched (雅清苑 is not)
    assert addr.flat.overlap() == pytest.approx((1.0, 0.8, 8 / 9))
    # raw: 北京市 (2,5) and 夏威夷 (30,33) stay -> 6 predictions, still 3 exact
    assert (addr.raw.n_pred, addr.raw.tp) == (6, 3)
    assert addr.raw.exact() == pytest.approx((0.5, 0.6, 6 / 11))

    comp = res["company vs Organization"]
    assert (comp.flat.n_gold, comp.flat.tp, comp.flat.fp) == (3, 1, 0)

    assert gov.fn == {("missed (no prediction overlaps)", "组委会", ""): 1}
    assert gov.fp == {("spurious (no gold entity there)", "政府", ""): 1}
    assert addr.fn == {("too short (prediction inside gold)", "文汇路", "文汇"): 1,
                       ("missed (no prediction overlaps)", "雅清苑", ""): 1}
    assert addr.fp == {("too short (prediction inside gold)", "文汇", "文汇路"): 1}


def test_classify():
    assert nb.classify_fn((0, 5), {(0, 7)}, []) == "too long (prediction contains gold)"
    assert nb.classify_fn((0, 5), {(3, 7)}, []) == "shifted boundary"
    assert nb.classify_fn((0, 5), set(), [(0, 5, "Organization")]) == "other kg label: Organization"
    assert nb.classify_fp((0, 2), set(), [(0, 2, "PER")]) == "gold has other label: PER"
    assert nb.classify_fp((0, 2), set(), [(1, 4, "ORG")]) == "overlaps gold of other label: ORG"


def test_cli_rejects_unknown_set():
    with pytest.raises(SystemExit):
        nb.main(["--sets", "nope"])
