"""A build killed midway (SIGKILL) loses nothing: the previous graph files are unchanged (or, if
they were already being replaced, each one is whole), and the store opens, answers queries and
holds the old articles plus only whole new ones.

Part of the issue "Hostile and broken input: clear errors, nothing lost, nothing executed".
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from test_parallel import write_corpus  # noqa: E402

import kg  # noqa: E402
from kg.cli import main  # noqa: E402
from kg.rdf import doc_graph_iri  # noqa: E402
from kg.store import Store  # noqa: E402

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

ROOT = Path(__file__).resolve().parent.parent
FILES = ("graph.ttl", "graph.trig", "graph.nq", "graph.html")
GK_DOCUMENT = "https://w3id.org/govkg/ns#Document"
DCT_ID = "http://purl.org/dc/terms/identifier"
PROGRESS = re.compile(r"^progress (\d+)(?:/\d+)? articles")


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _big_corpus(path: Path, n: int) -> Path:
    """``n`` articles of real sentences, with ids that the small corpus does not use."""
    tmp = write_corpus(path.with_suffix(".tmp"), n=n, seed=11)
    with open(tmp, encoding="utf-8") as f, open(path, "w", encoding="utf-8") as out:
        for line in f:
            rec = json.loads(line)
            rec["id"] = "big-" + rec["id"]
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    tmp.unlink()
    return path


def _named_graphs(st: Store) -> dict[str, int]:
    """graph IRI -> quads in it."""
    counts: dict[str, int] = {}
    for q in st.ox.quads_for_pattern(None, None, None, None):
        if isinstance(q.graph_name, ox.NamedNode):
            counts[q.graph_name.value] = counts.get(q.graph_name.value, 0) + 1
    return counts


def _graph_docs(st: Store) -> dict[str, list[str]]:
    """graph IRI -> the ids of the Document nodes it holds."""
    res = st.query(f"SELECT ?g ?id WHERE {{ GRAPH ?g {{ ?d a <{GK_DOCUMENT}> ; <{DCT_ID}> ?id }} }}")
    out: dict[str, list[str]] = {}
    for row in res:
        out.setdefault(row["g"], []).append(row["id"])
    return out


def _kill_midway(args: list[str], min_done: int, timeout: float = 180.0) -> tuple[str, int | None]:
    """Run ``kg build`` in a subprocess and SIGKILL it once it has reported ``min_done`` articles.
    Returns (what happened, articles reported): "killed", or "finished" if it ended first."""
    cmd = [sys.executable, "-c", "from kg.cli import main; main()", *args]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", errors="replace", env={**os.environ, "PYTHONUNBUFFERED": "1"})
    seen: list[str] = []
    hit = threading.Event()

    def reader():
        for line in proc.stderr:
            seen.append(line)
            m = PROGRESS.match(line)
            if m and int(m.group(1)) >= min_done and "done" not in line:
                hit.set()
        hit.set()  # end of stream: the process finished (or died)

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    try:
        if not hit.wait(timeout):
            raise AssertionError("the build reported no progress in time:\n" + "".join(seen))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
            state = "killed" if proc.returncode == -signal.SIGKILL else "finished"
        else:
            state = "finished"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(30)
        t.join(10)
    counts = [int(m.group(1)) for line in seen if (m := PROGRESS.match(line))]
    if state == "killed" and any("done" in line for line in seen):
        state = "finished-then-killed"  # it had finished extracting: the files may be new
    return state, max(counts, default=None)


def _whole_file(path: Path) -> None:
    """The file parses completely (no half file)."""
    if path.suffix == ".html":
        page = path.read_text(encoding="utf-8")
        assert page.rstrip().endswith("</html>"), path
        m = re.search(r'<script type="application/json" id="govkg-data">(.*?)</script>', page, re.S)
        json.loads(m.group(1))
        return
    fmt = {".ttl": "turtle", ".trig": "trig", ".nq": "nquads"}[path.suffix]
    ds = rdflib.Dataset()
    ds.parse(str(path), format=fmt)
    assert len(ds) > 0 or any(True for _ in ds.quads((None, None, None, None))), path


def _first_build(small: Path, out: Path, store: Path) -> tuple[dict, int, list, dict]:
    res = CliRunner().invoke(main, ["build", str(small), "--out", str(out), "--store", str(store),
                                    "--jobs", "1", "--no-progress"])
    assert res.exit_code == 0, res.output
    hashes = {name: _sha(out / name) for name in FILES}
    with Store(store, read_only=True) as st:
        return hashes, len(st), st.documents(), _named_graphs(st)


def test_sigkill_midway_loses_nothing(tmp_path):
    small = write_corpus(tmp_path / "small.jsonl", n=3, seed=5)
    # kill a bigger build into the same folder and store; if it ends too soon, start again from a
    # fresh first build with a bigger corpus
    state = reported = None
    for n in (400, 1600, 6400):
        out, store = tmp_path / f"out{n}", tmp_path / f"store{n}"
        old_hashes, old_len, old_docs, old_graphs = _first_build(small, out, store)
        assert len(old_docs) == 3 and old_len > 0
        big = _big_corpus(tmp_path / f"big{n}.jsonl", n)
        state, reported = _kill_midway(
            ["build", str(big), "--out", str(out), "--store", str(store), "--jobs", "1", "--batch", "5",
             "--progress-interval", "0.1"], min_done=min(40, n // 4))
        if state == "killed":
            break
    assert state == "killed", f"could not kill the build midway ({state}, {reported} articles)"
    assert reported is not None and reported < n

    # the graph files: unchanged, or (replaced atomically) whole
    for name in FILES:
        path = out / name
        assert path.is_file(), name
        if _sha(path) != old_hashes[name]:
            _whole_file(path)
    assert not [p.name for p in out.iterdir() if not p.name.startswith(".") and p.name not in
                {*FILES, "graph.nt", "graph.jsonld"}]

    # the store: opens for writing (no stale lock), answers queries, old articles intact
    with Store(store) as st:
        assert len(st) >= old_len
    with Store(store, read_only=True) as st:
        assert st.query("ASK { ?s ?p ?o }").boolean is True
        docs = st.documents()
        graphs = _named_graphs(st)
        graph_docs = _graph_docs(st)
        new_docs = [d for d in docs if d.startswith("big-")]
        assert set(old_docs) <= set(docs) and len(docs) == len(old_docs) + len(new_docs)
        for doc in old_docs:
            assert graphs[str(doc_graph_iri(doc))] == old_graphs[str(doc_graph_iri(doc))], doc
        # every named graph is an article's: it has its Document node, and only that one
        for g in graphs:
            assert len(graph_docs.get(g, [])) == 1, g
            assert str(doc_graph_iri(graph_docs[g][0])) == g
        killed_len = len(st)
    # the progress line for article k comes after its batch of 5 went to the store: some new
    # articles are in (written batch by batch, one transaction each), not all of them
    assert 5 <= len(new_docs) < n, (len(new_docs), reported)

    # whole articles only: a fresh store given the old corpus and exactly the stored new articles
    # is the same size, and each new article's graph is as big as when built alone
    recs = [json.loads(line) for line in open(big, encoding="utf-8")]
    kept = tmp_path / "kept.jsonl"
    with open(kept, "w", encoding="utf-8") as f:
        for rec in recs:
            if rec["id"] in set(new_docs):
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    ref_dir = tmp_path / "ref"
    with Store(ref_dir) as ref:
        ref.add(kg.build([small]))
        if new_docs:
            ref.add(kg.build([kept]))
        assert len(ref) == killed_len
        ref_graphs = _named_graphs(ref)
    for doc in new_docs:
        g = str(doc_graph_iri(doc))
        assert graphs[g] == ref_graphs[g], doc
