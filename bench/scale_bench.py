"""Throughput of each build stage, end to end, and the 10,000-article store build.

    python bench/scale_bench.py                 # stages for jobs=1 and 2 on 1,000 articles, then 10k -> store
    python bench/scale_bench.py --small 300 --no-large
    python bench/scale_bench.py --profile 300   # cProfile of the extraction of 300 articles
    python bench/scale_bench.py --breakdown 1000  # CPU time of each extraction stage

Corpora are made by bench/make_corpus.py (real sentences of ../shared, recombined; deterministic)
under build/bench/. Figures are characters of article text per second of wall time:

* ingest          kg.ingest.iter_documents over the JSONL file
* nlp+extract     kg.parallel.extract_parallel (jobs=N; the one-off gazetteer/pipeline build is
                  timed apart as "warm-up")
* graph merge     KnowledgeGraph.add of every extraction
* RDF             kg.rdf.write_rdf: graph.ttl, .trig, .nq, .nt, .jsonld (and graph.trig alone, for
                  the cost of one file)
* store load      kg.store.Store.add, batches of 200 articles (and again with bulk=False: one
                  transaction per batch instead of the journaled bulk loader)
* end to end      ingest through every output file (the five RDF files, graph.html, the store)

against ``spacy.blank("zh")`` tokenisation (``nlp.make_doc``) of the same texts in the same run.
The large run is ``kg build CORPUS --store DIR --jobs N --no-progress`` in a child process: wall
time, peak memory from ``resource.getrusage`` (largest single process: the parent's own maximum
and its largest descendant's) and the sampled peak of the process tree's summed PSS
(``/proc/PID/smaps_rollup``; forked workers share their copy-on-write pages, which RSS would count
once per process).
"""
from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import make_corpus  # noqa: E402

WORK = ROOT / "build" / "bench"


def corpus(n: int) -> Path:
    path = WORK / f"corpus{n}.jsonl"
    if not path.exists():
        make_corpus.main(["--articles", str(n), "--out", str(path)])
    return path


def rate(chars: int, seconds: float) -> str:
    return f"{chars / seconds / 1e6:8.3f} M chars/s ({seconds:7.2f} s)" if seconds > 0 else "n/a"


def blank_rate(texts: list[str]) -> tuple[float, float]:
    import spacy

    nlp = spacy.blank("zh")
    t = time.perf_counter()
    for x in texts:
        nlp.make_doc(x)
    dt = time.perf_counter() - t
    return sum(map(len, texts)) / dt, dt


def stages(path: Path, jobs: int) -> dict:
    from kg.graph import KnowledgeGraph
    from kg.ingest import iter_documents
    from kg.parallel import extract_parallel, warm
    from kg.rdf import write_rdf
    from kg.store import Store

    out: dict = {"jobs": jobs}
    t = time.perf_counter()
    warm()
    out["warm"] = time.perf_counter() - t

    t = time.perf_counter()
    docs = list(iter_documents([path]))
    out["ingest"] = time.perf_counter() - t
    chars = out["chars"] = sum(len(d.text) for d in docs)
    out["articles"] = len(docs)

    t = time.perf_counter()
    exs = list(extract_parallel(docs, jobs=jobs))
    out["extract"] = time.perf_counter() - t

    t = time.perf_counter()
    g = KnowledgeGraph()
    for ex in exs:
        g.add(ex)
    out["merge"] = time.perf_counter() - t

    tmp = Path(tempfile.mkdtemp(prefix="kgbench-"))
    try:
        t = time.perf_counter()
        files = write_rdf(g.nx, tmp / "out")
        out["rdf"] = time.perf_counter() - t
        out["bytes"] = {fmt: p.stat().st_size for fmt, p in files.items()}
        with open(files["nq"], "rb") as f:
            out["nq_quads"] = sum(1 for _ in f)
        t = time.perf_counter()
        write_rdf(g.nx, tmp / "trig", formats=["trig"])
        out["rdf_trig"] = time.perf_counter() - t
        t = time.perf_counter()
        g.to_html(tmp / "out" / "graph.html")
        out["html"] = time.perf_counter() - t

        for key, bulk in (("store", True), ("store_tx", False)):
            t = time.perf_counter()
            with Store(tmp / key) as st:
                for i in range(0, len(exs), 200):
                    bg = KnowledgeGraph()
                    for ex in exs[i:i + 200]:
                        bg.add(ex)
                    st.add(bg, bulk=bulk)
                out["quads"] = len(st)
            out[key] = time.perf_counter() - t
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    out["blank_rate"], out["blank"] = blank_rate([d.text for d in docs])
    out["e2e"] = sum(out[k] for k in ("ingest", "extract", "merge", "rdf", "html", "store"))
    out["e2e_extract_rdf"] = out["ingest"] + out["extract"] + out["merge"] + out["rdf"]
    del docs, exs
    print(f"\n== {out['articles']} articles, {chars} chars, jobs={jobs} (warm-up {out['warm']:.1f} s, not counted)")
    for key, name in (("ingest", "ingest"), ("extract", "nlp+extract"), ("merge", "graph merge"),
                      ("rdf", "RDF (5 files)"), ("rdf_trig", "RDF (graph.trig alone)"), ("html", "graph.html"),
                      ("store", "store load"), ("store_tx", "store load, no bulk loader"),
                      ("e2e_extract_rdf", "ingest+extract+merge+RDF"), ("e2e", "end to end (all outputs)"),
                      ("blank", 'spacy.blank("zh") make_doc')):
        print(f"  {name:28s} {rate(chars, out[key])}")
    per_core = chars / out["e2e_extract_rdf"] / jobs
    print(f"  per core, extraction+RDF:    {per_core / 1e6:8.3f} M chars/s per core (goal 1.0)")
    one = out["e2e_extract_rdf"] - out["rdf"] + out["rdf_trig"]
    print(f"  per core, extraction+TriG:   {chars / one / jobs / 1e6:8.3f} M chars/s per core (one RDF file)")
    print(f"  end to end / blank spaCy:    {chars / out['e2e'] / out['blank_rate']:.5f} "
          f"(blank is {out['blank_rate'] * out['e2e'] / chars:.0f}x faster)")
    print(f"  quads in the store: {out['quads']}")
    print(f"  graph.nq: {out['bytes']['nq']:,} bytes, {out['nq_quads']:,} quads; "
          + ", ".join(f"graph.{k} {v / 1e6:.1f} MB" for k, v in out["bytes"].items() if k != "nq"))
    return out


def _pss_tree(pid: int) -> int:
    """Summed PSS (bytes) of ``pid`` and its descendants."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(d))
            except (OSError, ValueError, IndexError):
                pass
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            pass
    return total


def large(path: Path, jobs: int) -> dict:
    store = WORK / f"store-{path.stem}-j{jobs}"
    shutil.rmtree(store, ignore_errors=True)
    kg_cli = Path(sys.executable).with_name("kg")
    cmd = [str(kg_cli), "build", str(path), "--store", str(store), "--jobs", str(jobs), "--no-progress"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], _pss_tree(proc.pid))
            done.wait(0.25)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    stdout, stderr = proc.communicate()
    wall = time.perf_counter() - t
    done.set()
    th.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-2000:]}")
    n = sum(1 for line in path.open(encoding="utf-8") if line.strip())
    chars = sum(len(json.loads(line)["text"]) for line in path.open(encoding="utf-8") if line.strip())
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    res = {"articles": n, "chars": chars, "wall": wall, "children_maxrss": after.ru_maxrss * 1024,
           "self_maxrss": own, "pss_peak": peak[0], "cpu": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)}
    print(f"\n== kg build {path.name} --store --jobs {jobs}: {n} articles, {chars} chars")
    print(f"  wall {wall:.1f} s ({n / wall:.1f} articles/s, {chars / wall / 1e6:.3f} M chars/s), cpu {res['cpu']:.1f} s")
    print(f"  peak memory: largest child process {res['children_maxrss'] / 2**20:.0f} MiB (getrusage children), "
          f"bench itself {own / 2**20:.0f} MiB (getrusage self), sampled process-tree PSS {peak[0] / 2**20:.0f} MiB")
    print(f"  {stdout.strip().splitlines()[-1]}")
    shutil.rmtree(store, ignore_errors=True)
    return res


def breakdown(path: Path, n: int, repeat: int = 3) -> dict:
    """Extraction time per stage in this process (best of ``repeat`` passes, CPU time).

    The build path (``kg.extractor._mentions_for``) asks each component for its mentions on the
    text; the Doc path (``nlp(text)``, what a spaCy user gets) also makes the Doc, the sentence
    flags and the spans: it is timed apart.
    """
    from kg import extractor
    from kg.ingest import iter_documents
    from kg.nlp import get_pipeline
    from kg.parallel import warm

    warm()
    docs = [d for _, d in zip(range(n), iter_documents([path]))]
    chars = sum(len(d.text) for d in docs)
    nlp = get_pipeline()
    procs = dict(nlp.pipeline)
    ents, tgts = procs["govkg_entities"], procs["govkg_targets"]
    texts = [(extractor._pipeline_text(d), d.date) for d in docs]

    def best(fn) -> float:
        times = []
        for _ in range(repeat):
            t = time.process_time()
            fn()
            times.append(time.process_time() - t)
        return min(times)

    cached = {d.id: extractor._mentions_for(d) for d in docs}
    real = extractor._mentions_for
    res = {
        "simplify": best(lambda: [extractor._pipeline_text(d) for d in docs]),
        "rules": best(lambda: [ents.find_mentions(x, d) for x, d in texts]),
        "targets": best(lambda: [tgts.find_mentions(x, d) for x, d in texts]),
        "resolve": best(lambda: [extractor.resolve([m for m in cached[d.id] if m.label != "Target"],
                                                   extractor.load_gazetteer(), d.id) for d in docs]),
    }
    try:
        extractor._mentions_for = lambda d: cached[d.id]
        res["relations+records"] = best(lambda: [extractor.extract_document(d) for d in docs]) - res["resolve"]
    finally:
        extractor._mentions_for = real
    res["extract_document"] = best(lambda: [extractor.extract_document(d) for d in docs])
    res["make_doc"] = best(lambda: [nlp.make_doc(x) for x, _ in texts])
    res["Doc pipeline"] = best(lambda: [extractor._doc_for(d) for d in docs])
    print(f"\n== extraction by stage, {len(docs)} articles, {chars} chars (CPU time, best of {repeat})")
    for key in ("simplify", "rules", "targets", "resolve", "relations+records", "extract_document",
                "make_doc", "Doc pipeline"):
        note = {"extract_document": "  <- the build path, all of the above",
                "make_doc": "  (Doc path only: CharTokenizer)",
                "Doc pipeline": "  (nlp(text) with date: make_doc + all components + spans)"}.get(key, "")
        print(f"  {key:20s} {rate(chars, res[key])}{note}")
    return res


def profile(path: Path, n: int) -> None:
    from kg.ingest import iter_documents
    from kg.parallel import extract_chunk, warm

    warm()
    docs = [d for _, d in zip(range(n), iter_documents([path]))]
    extract_chunk(docs[:5])
    pr = cProfile.Profile()
    t = time.perf_counter()
    pr.enable()
    extract_chunk(docs)
    pr.disable()
    dt = time.perf_counter() - t
    chars = sum(len(d.text) for d in docs)
    print(f"\n== cProfile of the extraction of {len(docs)} articles ({chars} chars, {dt:.1f} s, "
          f"{chars / dt / 1e3:.1f} k chars/s under the profiler)")
    for key in ("tottime", "cumulative"):
        s = io.StringIO()
        pstats.Stats(pr, stream=s).sort_stats(key).print_stats(25)
        print(f"-- by {key}")
        print("\n".join(line for line in s.getvalue().splitlines() if line.strip())[:6000])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="govkg build throughput")
    ap.add_argument("--small", type=int, default=1000, help="articles for the per-stage figures")
    ap.add_argument("--large", type=int, default=10_000, help="articles for the store build")
    ap.add_argument("--no-large", action="store_true")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--profile", type=int, metavar="N", help="only profile the extraction of N articles")
    ap.add_argument("--breakdown", type=int, metavar="N",
                    help="only time each extraction stage (rules, targets, resolve, ...) on N articles")
    a = ap.parse_args(argv)
    WORK.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    small = corpus(a.small)
    if a.profile:
        profile(small, a.profile)
        return 0
    if a.breakdown:
        breakdown(small, a.breakdown)
        return 0
    for j in a.jobs:
        stages(small, j)
    if not a.no_large:
        jobs = max(a.jobs)
        r_small = large(small, jobs)
        r_large = large(corpus(a.large), jobs)
        g_wall = r_large["wall"] / r_small["wall"]
        g_n = r_large["articles"] / r_small["articles"]
        print(f"\n== growth {r_small['articles']} -> {r_large['articles']} articles (x{g_n:.0f}): wall x{g_wall:.2f}, "
              f"per-article cost x{g_wall / g_n:.2f}, peak PSS x{r_large['pss_peak'] / max(1, r_small['pss_peak']):.2f}")
        ok_t = r_large["wall"] < 120
        ok_m = r_large["pss_peak"] < 2 * 2**30
        print(f"  goals: 10k into the store in < 120 s: {'met' if ok_t else 'NOT met'} ({r_large['wall']:.0f} s); "
              f"peak < 2 GB: {'met' if ok_m else 'NOT met'} ({r_large['pss_peak'] / 2**30:.2f} GiB)")
    print(f"\nload average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
