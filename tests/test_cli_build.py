"""`kg build` through click's CliRunner: --out, --store, --jobs, progress lines, input errors."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))
from test_parallel import write_corpus  # noqa: E402

import kg  # noqa: E402
from kg.cli import main  # noqa: E402
from kg.store import Store  # noqa: E402


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("cli") / "news.jsonl", n=6, seed=3)


def last(out: str) -> str:
    """The command's summary line (jionlp prints a banner on stdout when first imported)."""
    return out.strip().splitlines()[-1]


def run(*args):
    return CliRunner().invoke(main, ["build", *map(str, args)])


def test_out_and_store_with_two_jobs(corpus, tmp_path):
    res = run(corpus, "--out", tmp_path / "out", "--store", tmp_path / "st", "--jobs", 2, "--no-html",
              "--batch", 4)
    assert res.exit_code == 0, res.output
    assert last(res.stdout).startswith("6 documents, nodes:") and "0 errors" in res.stdout
    assert {p.name for p in (tmp_path / "out").iterdir()} >= {"graph.ttl", "graph.trig", "graph.nq"}
    assert not (tmp_path / "out" / "graph.html").exists()
    assert re.search(r"^progress 6/6 articles [\d.]+/s done [\d.]+s$", res.stderr, re.M)
    with Store(tmp_path / "st", read_only=True) as st:
        assert len(st.documents()) == 6
        # the store built in batches of 4 holds the graph of the whole corpus
        g = kg.build([corpus])
        assert len(st) == len(kg.rdf.to_dataset(g.nx))


def test_store_alone_and_jobs_give_the_same_files(corpus, tmp_path):
    res = run(corpus, "--store", tmp_path / "st", "--jobs", 1, "--no-progress")
    assert res.exit_code == 0, res.output
    assert last(res.stdout).startswith("6 documents; 0 errors") and res.stderr == ""
    assert not (tmp_path / "out").exists()
    for j in (1, 2):
        assert run(corpus, "--out", tmp_path / f"j{j}", "--jobs", j, "--no-html", "--no-progress").exit_code == 0
    assert (tmp_path / "j1" / "graph.nq").read_bytes() == (tmp_path / "j2" / "graph.nq").read_bytes()


def test_files_are_the_same_bytes_whatever_the_hash_seed(corpus, tmp_path):
    # the RDF files keep the graph's own order (no sort): no set or dict order that string
    # hashing changes may reach them
    import os
    import subprocess

    kg_cli = Path(sys.executable).parent / "kg"
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([str(kg_cli), "build", str(corpus), "--out", str(tmp_path / seed), "--no-html",
                        "--no-progress", "--jobs", "1"], check=True, env=env, capture_output=True)
    for name in ("graph.nq", "graph.nt", "graph.ttl", "graph.trig", "graph.jsonld"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes(), name


def test_an_input_error_is_one_line_and_the_rest_builds(corpus, tmp_path):
    good = tmp_path / "in"
    good.mkdir()
    (good / "ok.txt").write_text("武汉市黄陂区赵畈村。市水务局负责人表示，全力推进南湖治理。", encoding="utf-8")
    (good / "empty.txt").write_text("   \n", encoding="utf-8")
    res = run(good, "--out", tmp_path / "out", "--no-progress", "--jobs", 1)
    assert res.exit_code == 0, res.output
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "empty.txt" in lines[0]
    assert "1 errors" in last(res.stdout)


def test_nothing_built_exits_1_and_strict_stops(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_text("", encoding="utf-8")
    res = run(bad, "--out", tmp_path / "out", "--no-progress")
    assert res.exit_code == 1
    assert "empty.txt" in res.stderr and "nothing could be built" in res.stderr
    (bad / "ok.txt").write_text("市水务局负责人表示", encoding="utf-8")
    res = run(bad, "--out", tmp_path / "out2", "--strict", "--no-progress", "--jobs", 2)
    assert res.exit_code == 2
    assert res.stderr.splitlines()[-1].startswith("error: ") and "empty.txt" in res.stderr
    assert not (tmp_path / "out2" / "graph.ttl").exists()


def test_usage_errors(corpus, tmp_path):
    res = run(corpus)
    assert res.exit_code == 2 and "--out DIR, --store DIR" in res.output
    res = run(corpus, "--out", tmp_path / "o", "--jobs", 0)
    assert res.exit_code == 2
    res = run(corpus, "--out", tmp_path / "o", "--date", "2019-13-45", "--no-progress")
    assert res.exit_code == 2 and "--date" in res.stderr
