"""Build every document that has gold under ../shared/eval/gold and score it with score.py.

    python bench/score_gold.py [--shared ../shared] [--keep DIR]
    python bench/score_gold.py --devset bench/devset [--quiet]

Prints each document's report (missed items and false positives) and the pooled figures.
The sample is built with its publication date (2019-06-28); the corpus documents carry none.
With ``--devset DIR`` it scores DIR/articles/NNN.txt against DIR/gold/NNN.json instead, each
built with its gold file's ``date`` (see bench/devset/README.md).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import json

import kg

DATES = {"000_c246a7f8e94544f9": "2019-06-28"}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1] / ".." / "shared")
    ap.add_argument("--keep", type=Path, help="folder to keep the predicted graphs in")
    ap.add_argument("--devset", type=Path, help="a folder of articles/ and gold/ to score instead")
    ap.add_argument("--quiet", action="store_true", help="print only the pooled figures")
    a = ap.parse_args(argv)
    gold_dir = a.devset / "gold" if a.devset else a.shared / "eval" / "gold"
    preds = a.keep or Path(tempfile.mkdtemp(prefix="govkg-preds-"))
    preds.mkdir(parents=True, exist_ok=True)
    for gold in sorted(gold_dir.glob("*.json")):
        if a.devset:
            src, date = a.devset / "articles" / f"{gold.stem}.txt", json.loads(gold.read_text(encoding="utf-8")).get("date")
        else:
            src = next((p for p in (a.shared / "seeds" / f"{gold.stem}.txt", a.shared / "corpus" / f"{gold.stem}.txt") if p.exists()))
            date = DATES.get(gold.stem)
        t0 = time.perf_counter()
        g = kg.build([src], date=date)
        out = preds / "build" / gold.stem
        g.save(out, html=False)
        (preds / f"{gold.stem}.ttl").write_bytes((out / "graph.ttl").read_bytes())
        if a.quiet:
            continue
        print(f"== {gold.stem}: {len(src.read_text(encoding='utf-8'))} chars in {time.perf_counter() - t0:.1f} s")
        subprocess.run([sys.executable, str(a.shared / "eval" / "score.py"), "--pred", str(preds / f"{gold.stem}.ttl"),
                        "--gold", str(gold), "--ontology", str(Path(__file__).resolve().parents[1] / "ontologies")])
    print("== pooled")
    subprocess.run([sys.executable, str(a.shared / "eval" / "score.py"), "--pred", str(preds), "--gold", str(gold_dir),
                    "--ontology", str(Path(__file__).resolve().parents[1] / "ontologies")])
    return 0


if __name__ == "__main__":
    sys.exit(main())
