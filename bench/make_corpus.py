"""Make a large JSONL corpus of distinct articles from the real sentences of the shared documents.

    python bench/make_corpus.py --articles 10000 --out build/corpus10k.jsonl

Every sentence of ``../shared/corpus/*.txt`` and ``../shared/seeds/*.txt`` (split after 。！？；
and at line breaks) goes into a pool; each article takes a real headline-like first line and
then ``--min``..``--max`` sentences drawn from one source document in a window around a random
place (so agencies, places and their projects keep meeting in the same article) plus a few from
anywhere, grouped into paragraphs. A seeded RNG makes the file the same on every run; an article
whose text was already made is drawn again, so no two articles have the same text. Each record
has ``id`` (``a00001``…), ``date`` (ISO, in 2019–2025), ``title`` and ``text``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
_SENT = re.compile(r"[^。！？；\n]*[。！？；]+|[^。！？；\n]+")


def sentences(text: str) -> list[str]:
    """The sentences of a text: end marks kept, blank pieces dropped."""
    out = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        for m in _SENT.finditer(line):
            s = m.group().strip()
            if len(s) >= 6:
                out.append(s)
    return out


def load_pools(paths: list[Path]) -> list[list[str]]:
    pools = []
    for p in paths:
        sents = sentences(p.read_text(encoding="utf-8"))
        if sents:
            pools.append(sents)
    if not pools:
        raise SystemExit(f"no sentences in {', '.join(map(str, paths)) or 'no files'}")
    return pools


def make_articles(n: int, pools: list[list[str]], *, seed: int = 20190628, lo: int = 4, hi: int = 14):
    """Yield ``n`` distinct article records, deterministically for a given seed."""
    rng = random.Random(seed)
    everything = [s for pool in pools for s in pool]
    heads = [s for s in everything if len(s) <= 40 and not s.endswith(("，", "、"))] or everything
    seen: set[bytes] = set()
    start = dt.date(2019, 1, 1)
    i = 0
    while i < n:
        pool = rng.choice(pools)
        k = rng.randint(lo, hi)
        at = rng.randrange(len(pool))
        body = [pool[(at + j) % len(pool)] for j in range(k) if rng.random() < 0.8]
        body += rng.sample(everything, rng.randint(0, 2))
        if not body:
            continue
        title = rng.choice(heads).rstrip("。；！？")
        paras, para = [], []
        for s in body:
            para.append(s)
            if rng.random() < 0.35:
                paras.append("".join(para))
                para = []
        if para:
            paras.append("".join(para))
        text = title + "\n" + "\n".join(paras) + "\n"
        h = hashlib.sha1(text.encode()).digest()
        if h in seen:
            continue
        seen.add(h)
        i += 1
        date = start + dt.timedelta(days=rng.randrange(7 * 365))
        yield {"id": f"a{i:05d}", "date": date.isoformat(), "title": title, "text": text}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "corpus10k.jsonl")
    ap.add_argument("--seed", type=int, default=20190628)
    ap.add_argument("--min", dest="lo", type=int, default=4, help="sentences drawn per article, at least")
    ap.add_argument("--max", dest="hi", type=int, default=14, help="sentences drawn per article, at most")
    ap.add_argument("inputs", nargs="*", type=Path,
                    help="text files to take sentences from [default: shared corpus and seeds]")
    a = ap.parse_args(argv)
    paths = a.inputs or sorted((SHARED / "corpus").glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt"))
    pools = load_pools(paths)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    chars = 0
    with a.out.open("w", encoding="utf-8") as f:
        for rec in make_articles(a.articles, pools, seed=a.seed, lo=a.lo, hi=a.hi):
            chars += len(rec["text"])
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{a.articles} articles, {chars} characters ({chars / max(1, a.articles):.0f} per article) -> {a.out}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
