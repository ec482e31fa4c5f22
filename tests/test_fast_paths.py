"""The fast paths of extraction give exactly what the straightforward ones give.

Issue 7 (extraction speed) changed how work is done, never what comes out:

* ``CharTokenizer`` / :func:`kg.nlp.components.char_words` make the same Docs as
  ``spacy.blank("zh")`` (spaCy's ``get_words_and_spaces`` slices the text once per character);
* the build path asks each component for its mentions on the text
  (:func:`kg.nlp.components.find_mentions`) instead of running the Doc pipeline: same mentions,
  same extractions;
* :mod:`kg.targets` finds a sentence's quantities once (a clause's own are those whose number
  starts inside it), skips time patterns whose required character or word is absent, and skips
  sentences that hold nothing a target needs.

Texts: the seed article, ``shared/corpus``, the hostile fixtures, and generated whitespace junk.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import rjieba
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.util import get_words_and_spaces

import kg.extractor as extractor
import kg.targets as targets
from kg.ingest import iter_documents
from kg.model import Document
from kg.nlp import get_pipeline
from kg.nlp.components import MENTIONS, CharTokenizer, char_words, find_mentions
from kg.nlp.script import to_simplified

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
D19 = dt.date(2019, 6, 28)


def _documents() -> list[Document]:
    docs = list(iter_documents([SHARED / "seeds"], default_date=D19))
    docs += list(iter_documents([SHARED / "corpus"]))
    docs += list(iter_documents([ROOT / "tests" / "fixtures" / "hostile"], on_error=lambda *a: None))
    return docs


DOCS = _documents()
TEXTS = [d.text for d in DOCS]
SENTENCES = sorted({to_simplified(t[s:e]) for t in TEXTS for s, e in targets.split_sentences(t)})
assert len(DOCS) >= 7 and len(SENTENCES) > 300


# ---------------------------------------------------------------------------- tokenizer
_WS = st.sampled_from([" ", "  ", "\n", "\n\n", "\t", "\r\n", "\u3000", "\xa0", "\u2028", "\x1c", "\x85", " \n "])
_CH = st.sampled_from(list("中文a1,。") + ["武汉市", "2021年"])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(_WS, _CH), max_size=20).map("".join))
def test_char_words_is_spacys_alignment(text):
    assert char_words(text) == get_words_and_spaces(list(text), text)


def test_char_tokenizer_makes_the_blank_zh_doc():
    blank = spacy.blank("zh")
    fast = CharTokenizer(blank.vocab)
    for text in TEXTS + ["", " ", "  a", "a  ", "\n", " \n a \n"]:
        a, b = blank.make_doc(text), fast(text)
        assert [(t.text, t.idx, t.whitespace_) for t in a] == [(t.text, t.idx, t.whitespace_) for t in b]
        assert a.text == b.text == text


def test_pipeline_uses_the_char_tokenizer():
    nlp = get_pipeline()
    assert isinstance(nlp.tokenizer, CharTokenizer)
    doc = nlp("武汉市水务局负责人表示，到2021年完成。")
    assert doc.spans["govkg"] and doc.text == "武汉市水务局负责人表示，到2021年完成。"


# ---------------------------------------------------------------------------- text path
@pytest.mark.parametrize("doc", DOCS, ids=lambda d: d.id[-24:])
def test_text_path_gives_the_pipeline_mentions(doc):
    via_doc = extractor._doc_for(doc).user_data[MENTIONS]
    assert extractor._mentions_for(doc) == via_doc
    assert find_mentions(get_pipeline(), extractor._pipeline_text(doc), doc.date) == via_doc


def test_extraction_is_the_same_through_the_doc(monkeypatch):
    docs = DOCS[:2]
    fast = [extractor.extract_document(d) for d in docs]
    monkeypatch.setattr(extractor, "find_mentions", lambda nlp, text, date: None)  # as for a user component
    assert [extractor.extract_document(d) for d in docs] == fast


def test_a_component_without_find_mentions_runs_the_pipeline():
    nlp = spacy.blank("zh")

    @spacy.Language.component("govkg_test_plain")
    def plain(doc):
        return doc

    nlp.add_pipe("govkg_test_plain")
    assert find_mentions(nlp, "武汉市", None) is None


# ---------------------------------------------------------------------------- targets
def _clause_quantities_old(sentence: str) -> list[tuple[str, list]]:
    """Quantities of every clause as find_targets used to compute them (per clause text)."""
    times = targets.find_time_phrases(sentence, D19)
    masked = [(t.start, t.end) for t in times]
    out = []
    for s, e in targets.split_clauses(sentence):
        own = [(t.start - s, t.end - s) for t in times if s <= t.start and t.end <= e]
        by_text = [(q.start + s, q.end + s, q.value, q.unit, q.approx, q.comparator)
                   for q in targets._iter_quantities(sentence[s:e], own)]
        by_prefix = [(q.start, q.end, q.value, q.unit, q.approx, q.comparator)
                     for q in targets._iter_quantities(sentence[:e], masked) if q.start >= s]
        out.append((sentence[s:e], by_text, by_prefix))
    return out


def test_sentence_quantities_are_the_clause_quantities():
    n = 0
    for sentence in SENTENCES:
        times = targets.find_time_phrases(sentence, D19)
        whole = targets._iter_quantities(sentence, [(t.start, t.end) for t in times])
        for (s, e), (clause, by_text, by_prefix) in zip(targets.split_clauses(sentence),
                                                         _clause_quantities_old(sentence)):
            mine = [(q.start, q.end, q.value, q.unit, q.approx, q.comparator)
                    for q in whole if q.start >= s and q.num_start < e]
            assert mine == by_prefix, clause
            assert [(a, b) for a, b, *_ in by_text] == [(a, b) for a, b, *_ in by_prefix], clause
            n += bool(mine)
    assert n > 100


def _time_phrases_unfiltered(text: str, date) -> list:
    """find_time_phrases without its pre-filters (every pattern run over the text)."""
    return targets._time_phrases(text, date, targets._compiled_time())


def test_time_phrase_prefilters_lose_nothing():
    extra = ["“十四五”期间", "年底前", "今年内完成", "十三五时期", "三年内", "7月底前", "二〇二一年"]
    for text in SENTENCES + extra:
        for date in (D19, None):
            assert targets.find_time_phrases(text, date) == _time_phrases_unfiltered(text, date), text


def test_hints_find_what_one_alternation_finds():
    # _Hint searches its characters and its words apart; one pattern of both finds the same
    words = "|".join(map(re.escape, sorted(set(targets._plans()) | set(targets._relative_years()), key=len, reverse=True)))
    one_time = re.compile(r"\d|[〇零○一二两三四五六七八九十]|" + words)
    one_target = re.compile(one_time.pattern + r"|[\d零〇○一二两三四五六七八九十百千ⅠⅡⅢⅣⅤ]|目标|全覆盖")
    for text in SENTENCES + ["十四五", "年底前完成", "目标", "进一步", "２０２１", "没有", ""]:
        assert bool(targets._time_hint().search(text)) == bool(one_time.search(text)), text
        assert bool(targets._target_hint().search(text)) == bool(one_target.search(text)), text


def test_sentence_prefilters_lose_nothing(monkeypatch):
    hint = targets._target_hint()
    assert hint is not None
    assert len([s for s in SENTENCES if not hint.search(s)]) > 50
    fast = {(s, d): targets.find_targets(s, d) for s in SENTENCES for d in (D19, None)}
    assert sum(map(bool, fast.values())) > 50
    monkeypatch.setattr(targets, "_target_hint", lambda: None)  # the full rule on every sentence
    for (s, d), found in fast.items():
        assert targets.find_targets(s, d) == found, s


def test_quantity_word_lists_match_longest_first():
    # the alternations must pick what the old loops over the sorted lists picked
    tb = targets._qty_tables()
    for text, unit in [("5个百分点", "个百分点"), ("3平方千米", "平方千米"), ("2标准箱", "标准箱"), ("4个工作日", "个工作日")]:
        assert tb.unit.match(text, 1).group() == unit
    assert targets.parse_quantity("增长5个百分点") == (5.0, "个百分点", False, "=", "5个百分点")
    assert targets.parse_quantity("不低于3平方千米以上")[1:4] == ("平方公里", True, ">=")
    assert re.fullmatch(targets._NEVER, "") is None


# ---------------------------------------------------------------------------- relations
def test_by_start_ranges_are_list_order_scans():
    import random
    from types import SimpleNamespace as NS

    rng = random.Random(7)
    items = [NS(mention=NS(start=(s := rng.randint(0, 60)), end=s + rng.randint(0, 6)), k=i) for i in range(80)]
    index = extractor._ByStart(items)
    for lo in range(-2, 70, 3):
        for hi in range(lo - 1, lo + 20, 4):
            assert index.starting_in(lo, hi) == [x for x in items if lo <= x.mention.start <= hi]


def test_long_text_extracts_as_its_parts_would_allow():
    # one long article (every shared text joined): relation rules now index mentions by offset
    text = "\n".join(d.text for d in DOCS[:7])
    ex = extractor.extract_document(Document("long", text, date=D19))
    assert len(ex.relations) > 50 and any(r.predicate == "setBy" for r in ex.relations)
    for rel in ex.relations:
        for pv in rel.provenance:
            assert text[pv.sent_start:pv.sent_start + len(pv.sentence)] == pv.sentence


# ---------------------------------------------------------------------------- rules
def test_automaton_hits_are_every_dictionary_occurrence():
    # ahocorasick_rs with overlapping matches: every occurrence of every automaton name, at its
    # character offsets (after non-BMP characters too), sorted by start then longest first
    rules = dict(get_pipeline().pipeline)["govkg_entities"].rules
    names = set(rules._names)
    longest = max(map(len, names))
    for text in SENTENCES[:150] + ["😀𠀀武汉市水务局，湖北省黄陂区"]:
        hits = rules.hits(text)
        got = {(h.start, h.end) for h in hits}
        want = {(i, j) for i in range(len(text)) for j in range(i + 1, min(len(text), i + longest) + 1)
                if text[i:j] in names and not (text[i].isascii() and (
                    (i and text[i - 1].isascii() and text[i - 1].isalnum())
                    or (j < len(text) and text[j].isascii() and text[j].isalnum())))}
        assert got == want, text
        assert [(h.start, -h.end) for h in hits] == sorted((h.start, -h.end) for h in hits)
        assert all(text[h.start:h.end] == h.text for h in hits)


def test_rules_take_lone_surrogates_below_the_build():
    # the build replaces lone surrogates (kg.extractor); RuleSet.find is also reached through
    # nlp-free callers: the automaton and the segmenter must not raise on them
    rules = dict(get_pipeline().pipeline)["govkg_entities"].rules
    text = "\ud800武汉市水务局会同黄陂区\udfff推进南湖治理"
    clean = text.replace("\ud800", "\ufffd").replace("\udfff", "\ufffd")
    assert [(m.label, m.start, m.end) for m in rules.find(text)] == \
        [(m.label, m.start, m.end) for m in rules.find(clean)]
    assert {m.text for m in rules.find(text)} >= {"武汉市水务局", "黄陂区"}


def test_rjieba_cuts_chinese_as_jieba_does():
    # kg.nlp.rules segments windows with rjieba (jieba-rs); on Chinese text its words are jieba's
    import jieba

    from kg.nlp import rules

    for s in SENTENCES[:300]:
        chinese = re.sub(r"[A-Za-z0-9.\-]+", "", s)
        assert rules._cut(chinese) == jieba.lcut(chinese), chinese
        assert [tuple(t) for t in rules._tokenize(chinese)] == list(jieba.tokenize(chinese)), chinese
    # rjieba.has_word is jieba's "a word of the dictionary" (FREQ holds prefixes with count 0)
    jieba.initialize()
    for word in ["乐成", "华贸", "安苑", "国际金融", "疾控", "科技创新", "武汉", "南湖治理", "xyz"]:
        assert rjieba.has_word(word) == bool(jieba.dt.FREQ.get(word)), word
