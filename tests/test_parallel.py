"""kg.parallel and kg.progress: 1 and 2 jobs and a 2-worker Dask cluster give the same graph;
results come in input order with bounded work in flight; progress lines parse."""
from __future__ import annotations

import importlib.util
import io
import json
import re
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

import kg
from kg.model import Document
from kg.parallel import chunked, extract_parallel
from kg.progress import Progress, estimate_total, format_line
from kg.rdf import to_graph

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def _make_corpus_module():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def write_corpus(path: Path, n: int = 12, seed: int = 7) -> Path:
    """A JSONL corpus of ``n`` distinct articles recombined from the seed article's real sentences
    and those of one short corpus document (bench/make_corpus.py, small articles)."""
    mc = _make_corpus_module()
    pools = mc.load_pools([SHARED / "seeds" / "000_c246a7f8e94544f9.txt", SHARED / "corpus" / "029.txt"])
    with path.open("w", encoding="utf-8") as f:
        for rec in mc.make_articles(n, pools, seed=seed, lo=2, hi=5):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus") / "corpus.jsonl")


@pytest.fixture(scope="module")
def serial(corpus):
    return kg.build([corpus])  # jobs=1: the reference


def _same_graph(a: kg.KnowledgeGraph, b: kg.KnowledgeGraph) -> None:
    assert set(a.nx.nodes) == set(b.nx.nodes)
    assert set(a.nx.edges(keys=True)) == set(b.nx.edges(keys=True))
    assert dict(a.nx.nodes(data=True)) == dict(b.nx.nodes(data=True))
    assert isomorphic(to_graph(a.nx), to_graph(b.nx))


def test_corpus_is_real_distinct_and_dated(corpus):
    recs = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == 12
    assert len({r["text"] for r in recs}) == 12
    assert len({r["id"] for r in recs}) == 12
    mc = _make_corpus_module()
    known = {x for p in (SHARED / "seeds" / "000_c246a7f8e94544f9.txt", SHARED / "corpus" / "029.txt")
             for x in mc.sentences(p.read_text(encoding="utf-8"))}

    def made_of_known(par: str) -> bool:  # the paragraph is a run of real sentences
        ok = [True] + [False] * len(par)
        for i in range(len(par)):
            if ok[i]:
                for j in range(i + 1, len(par) + 1):
                    if not ok[j] and par[i:j] in known:
                        ok[j] = True
        return ok[-1]

    for r in recs:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", r["date"])
        title, *body = r["text"].splitlines()
        assert title == r["title"] and any(k.startswith(title) for k in known)
        assert body and all(made_of_known(par) for par in body)


def test_two_jobs_give_the_same_graph(corpus, serial):
    assert serial.summary()["documents"] == 12
    assert serial.summary()["edges"] > 0
    _same_graph(serial, kg.build([corpus], jobs=2))


def test_results_in_input_order_with_bounded_work_in_flight(corpus):
    docs = []
    read = []

    def source():
        for line in corpus.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            read.append(r["id"])
            yield Document(r["id"], r["text"])
            docs.append(r["id"])

    ahead = []
    out = []
    for ex in extract_parallel(source(), jobs=2, chunk_size=1, max_in_flight=3):
        out.append(ex.document.id)
        ahead.append(len(read) - len(out))
    assert out == read  # input order, every document once
    assert max(ahead) <= 3  # never more than max_in_flight chunks of one document read ahead


def test_chunked_and_bad_jobs():
    assert [len(c) for c in chunked((Document(str(i), "字") for i in range(7)), size=3)] == [3, 3, 1]
    with pytest.raises(ValueError, match="jobs"):
        list(extract_parallel([Document("a", "x")], jobs=0))
    with pytest.raises(ValueError, match="chunk size"):
        list(chunked([], size=0))


def test_dask_local_cluster_gives_the_same_graph(corpus, serial):
    distributed = pytest.importorskip("distributed")
    import dask

    # Workers forked from this (already warm) process skip building the gazetteer, which a cold
    # worker does in kg.parallel.warm (client.run) in about as long as this process took; the
    # extraction path is the same. (A real cluster's workers start cold.)
    with dask.config.set({"distributed.worker.multiprocessing-method": "fork"}), distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None, host="127.0.0.1") as cluster:
        with distributed.Client(cluster) as client:
            from kg.parallel import iter_extractions

            g = kg.KnowledgeGraph()
            for ex in iter_extractions([corpus], scheduler=client, chunk_size=3):
                g.add(ex)
            assert len(client.scheduler_info()["workers"]) == 2
            _same_graph(serial, g)
            # kg.build takes the scheduler address as a string too
            g2 = kg.build([corpus], scheduler=cluster.scheduler_address)
            _same_graph(serial, g2)


# ---------------------------------------------------------------------------- progress

def test_progress_lines_when_not_a_terminal():
    t = iter([0.0, 1.0, 6.0, 7.0, 12.0, 12.5]).__next__
    out = io.StringIO()
    with Progress(100, stream=out, interval=5, clock=t) as p:
        p.update(10)   # t=1: not yet
        p.update(20)   # t=6: a line
        p.update(10)   # t=7: not yet
        p.update(20)   # t=12: a line
    lines = out.getvalue().splitlines()
    assert lines == ["progress 30/100 articles 5.0/s eta 14s",
                     "progress 60/100 articles 5.0/s eta 8s",
                     "progress 60/100 articles 4.8/s done 12.5s"]
    pattern = re.compile(r"progress (\d+)(?:/(\d+))? articles ([\d.]+)/s(?: eta (\d+)s| done ([\d.]+)s)?")
    assert all(pattern.fullmatch(line) for line in lines)


def test_progress_unknown_total_has_no_eta_and_terminal_draws_a_bar():
    assert format_line(5, None, 1.0) == "progress 5 articles 5.0/s"
    out = io.StringIO()
    t = iter([0.0, 1.0, 2.0]).__next__
    p = Progress(4, stream=out, tty=True, clock=t)
    p.update(2)
    p.close()
    s = out.getvalue()
    assert s.startswith("\r[##########----------] 2/4 articles  2.0/s  ETA 1s")
    assert s.endswith("\n") and "done in 2s" in s
    quiet = io.StringIO()
    with Progress(3, stream=quiet, enabled=False) as q:
        q.update(3)
    assert quiet.getvalue() == ""


def test_estimate_total(tmp_path, corpus):
    (tmp_path / "a.txt").write_text("一", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("一", encoding="utf-8")
    (tmp_path / "t.csv").write_text('id,text\n1,"两\n行"\n2,三\n', encoding="utf-8")
    assert estimate_total([tmp_path, corpus]) == 1 + 2 + 12
