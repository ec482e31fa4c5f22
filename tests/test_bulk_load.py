"""kg.store bulk loading: new articles go in through pyoxigraph's bulk loader under a journal, and
a process killed at any point of a load leaves, once the store is next opened for writing, every
article wholly as before or wholly new. The kills are real: a child process is SIGKILLed."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from test_rdf import DOC1, DOC2, sample_graph  # noqa: E402
from test_store import _one_doc  # noqa: E402


def article(G, doc):
    """The part of ``G`` one article gives: its nodes with only its own evidence (so that adding
    it touches no other article's graph)."""
    H = _one_doc(G, doc)
    for _n, d in H.nodes(data=True):
        if "provenance" in d:
            d["provenance"] = [p for p in d["provenance"] if p.get("doc") == doc]
            d["docs"] = [doc]
    for *_e, d in H.edges(data=True):
        d["provenance"] = [p for p in d.get("provenance") or () if p.get("doc") in (None, doc)]
    return H


from kg import rdf  # noqa: E402
from kg.errors import StoreError  # noqa: E402
from kg.store import JOURNAL, Store  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent

# The child adds DOC2 to a store holding DOC1 and SIGKILLs itself at one point of Store.add:
# its pyoxigraph store is wrapped so that the call named by POINT kills the process first (or,
# for "half-bulk", after bulk loading half of the quads).
CHILD = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, sys.argv[3])
    from test_bulk_load import article
    from test_rdf import DOC2, sample_graph
    from kg.store import Store

    path, point = sys.argv[1], sys.argv[2]

    def die():
        sys.stdout.flush()
        os.kill(os.getpid(), signal.SIGKILL)

    class Dying:
        def __init__(self, inner):
            self._inner = inner
        def __getattr__(self, name):
            return getattr(self._inner, name)
        def __contains__(self, q):
            return q in self._inner
        def extend(self, quads):
            if point == "before-extend":
                die()
            self._inner.extend(quads)
        def bulk_extend(self, quads):
            quads = list(quads)
            if point == "after-extend":
                die()
            if point == "half-bulk":
                self._inner.bulk_extend(quads[: len(quads) // 2])
                die()
            self._inner.bulk_extend(quads)
        def flush(self):
            if point == "after-bulk":
                die()
            self._inner.flush()

    st = Store(path)
    st._ox = Dying(st._ox)
    st.add(article(sample_graph(), DOC2))
    print("finished")
""")


def _quads(path: Path) -> set[str]:
    with Store(path, read_only=True) as st:
        return {str(q) for q in st.ox}


def _store_with_doc1(path: Path) -> set[str]:
    with Store(path) as st:
        st.add(article(sample_graph(), DOC1))
    return _quads(path)


def _both(path: Path) -> set[str]:
    with Store(path) as st:
        st.add(article(sample_graph(), DOC1))
        st.add(article(sample_graph(), DOC2))
    return _quads(path)


def test_bulk_and_transactional_adds_give_the_same_store(tmp_path):
    G = sample_graph()
    with Store(tmp_path / "bulk") as a, Store(tmp_path / "tx") as b:
        a.add(article(G, DOC1))
        a.add(G)  # DOC1 replaced, DOC2 bulk loaded
        b.add(article(G, DOC1), bulk=False)
        b.add(G, bulk=False)
        assert {str(q) for q in a.ox} == {str(q) for q in b.ox}
        assert len(a) == len(rdf.to_dataset(G))
    assert not (tmp_path / "bulk" / JOURNAL).exists()


@pytest.mark.parametrize("point", ["before-extend", "after-extend", "half-bulk", "after-bulk"])
def test_a_load_killed_at_any_point_is_rolled_back(tmp_path, point):
    path = tmp_path / "store"
    before = _store_with_doc1(path)
    both = _both(tmp_path / "ref")
    proc = subprocess.run([sys.executable, "-c", CHILD, str(path), point, str(TESTS)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, (proc.returncode, proc.stdout, proc.stderr[-2000:])
    assert "finished" not in proc.stdout
    assert (path / JOURNAL).exists()
    journal = json.loads((path / JOURNAL).read_text(encoding="utf-8"))
    assert journal["graphs"] == [str(rdf.doc_graph_iri(DOC2))]
    # what the crash left, as a reader sees it before any writer opens the store
    left = _quads(path)
    g2 = f"<{rdf.doc_graph_iri(DOC2)}>"
    doc2_in = {q for q in left if q.endswith(f"{g2} .") or q.endswith(g2)}
    if point == "before-extend":
        assert left == before
    elif point == "after-extend":  # the new entities, not yet the article: half there
        assert not doc2_in and left > before and left != both
    elif point == "half-bulk":  # half of the article's graph
        assert 0 < len(doc2_in) < len({q for q in both if q.endswith(f"{g2} .") or q.endswith(g2)})
    else:
        assert left == both  # all written, the journal not yet cleared: undone all the same
    # opening for writing rolls back: exactly the store before the load, every index clean
    with Store(path) as st:
        assert {str(q) for q in st.ox} == before
        assert len(st) == len(before)
        assert not st.ox.contains_named_graph(ox.NamedNode(str(rdf.doc_graph_iri(DOC2))))
        assert st.documents() == [DOC1]
        n = st.query("SELECT (COUNT(*) AS ?n) WHERE { ?s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ?c }")
        assert n.values("n") == [sum(" <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> " in q for q in before)]
    assert not (path / JOURNAL).exists()
    # and the article can be loaded again, to the same store as without the crash
    with Store(path) as st:
        st.add(article(sample_graph(), DOC2))
    assert _quads(path) == both


BIG_CHILD = textwrap.dedent("""
    import sys
    import networkx as nx
    from kg.store import Store

    def corpus(first, n, per=40):
        G = nx.MultiDiGraph()
        for d in range(first, first + n):
            doc = f"d{d}"
            G.add_node(f"doc/{doc}", kind="Document", title=f"文章{d}")
            for i in range(per):
                node = f"place/地{(d * 7 + i) % 997}"
                sent = f"第{i}句:武汉市黄陂区推进项目{d}-{i}。"
                p = {"doc": doc, "start": 10 * i, "end": 10 * i + 3, "sentence": sent,
                     "sent_start": 10 * i, "rule": "r", "confidence": 0.9}
                if node in G:
                    G.nodes[node]["provenance"].append(p)
                    G.nodes[node]["docs"].append(doc)
                else:
                    G.add_node(node, kind="Place", label=node[6:], aliases=[f"别名{i}"], docs=[doc], provenance=[p])
                G.add_edge(node, f"doc/{doc}", key="mentionedIn", predicate="mentionedIn")
        return G

    st = Store(sys.argv[1])
    if sys.argv[2] == "first":
        st.add(corpus(0, 20))
    else:
        print("loading", flush=True)
        st.add(corpus(20, int(sys.argv[2])))
        print("finished", flush=True)
    st.close()
""")


def test_a_big_load_killed_midway_by_another_process(tmp_path):
    """The parent kills the child while its journal is on disk (mid-load, at whatever point the
    timing gives); the store then opens as it was before the load."""
    path = tmp_path / "store"
    subprocess.run([sys.executable, "-c", BIG_CHILD, str(path), "first"], cwd=ROOT, check=True, timeout=120)
    before = _quads(path)
    for n in (300, 1200, 4800):
        proc = subprocess.Popen([sys.executable, "-c", BIG_CHILD, str(path), str(n)], cwd=ROOT,
                                stdout=subprocess.PIPE, text=True)
        try:
            assert proc.stdout.readline().strip() == "loading"
            t0 = time.monotonic()
            while not (path / JOURNAL).exists() and proc.poll() is None and time.monotonic() - t0 < 120:
                time.sleep(0.002)
            time.sleep(0.02)
            killed = (path / JOURNAL).exists() and proc.poll() is None
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(30)
        if killed and (path / JOURNAL).exists():
            break
        # the load finished first: remove its articles and try a bigger one
        with Store(path) as st:
            for doc in st.documents():
                if int(doc[1:]) >= 20:
                    st.remove(doc)
        assert _quads(path) <= before | _quads(path)
    else:
        pytest.skip("every load finished before it could be killed")
    with Store(path) as st:
        assert {str(q) for q in st.ox} == before
        assert st.documents() == sorted(f"d{d}" for d in range(20))
    assert not (path / JOURNAL).exists()


def test_a_reader_is_warned_and_a_bad_journal_is_an_error(tmp_path, caplog):
    path = tmp_path / "store"
    before = _store_with_doc1(path)
    (path / JOURNAL).write_text("{not json", encoding="utf-8")
    with caplog.at_level("WARNING", logger="kg.store"):
        with Store(path, read_only=True) as st:
            assert {str(q) for q in st.ox} == before
    assert "interrupted" in caplog.text
    with pytest.raises(StoreError, match="journal"):
        Store(path)
    assert (path / JOURNAL).exists()  # left for a person to look at; nothing was changed
    assert _quads(path) == before
