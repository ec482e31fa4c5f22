"""How often a target's setBy and concerns links are right, which ``score.py`` does not score.

    python bench/score_links.py [--devset bench/devset] [--show]

Builds every gold document as :mod:`bench.score_gold` does (the corpus and sample gold, or a dev
set) and, for each core gold target that names a setter (``setBy``) or a project (``concerns``),
checks whether a predicted target holding its key links to a node that ``score.py`` matches to
that gold name. ``score.py``'s own matching (``best_gold``, ``node_texts``) is imported, so a link
counts here exactly when the entities at both ends would count there.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

import kg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from score_gold import DATES  # noqa: E402


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("govkg_score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _sources(a) -> list[tuple[Path, Path, str | None]]:
    gold_dir = a.devset / "gold" if a.devset else a.shared / "eval" / "gold"
    out = []
    for gold in sorted(gold_dir.glob("*.json")):
        if a.devset:
            src, date = a.devset / "articles" / f"{gold.stem}.txt", json.loads(gold.read_text(encoding="utf-8")).get("date")
        else:
            src = next(p for p in (a.shared / "seeds" / f"{gold.stem}.txt", a.shared / "corpus" / f"{gold.stem}.txt")
                       if p.exists())
            date = DATES.get(gold.stem)
        out.append((src, gold, date))
    return out


def check(sc, g, gold: dict) -> dict:
    """``{"setBy": [ok, n, misses], "concerns": [...]}`` for one document's graph ``g``."""
    ents = sc.predicted_entities(g)
    tnodes = list(ents.get("Target", ()))
    text = {t: " ".join(sc.norm(x) for x in sc.node_texts(g, t)) for t in tnodes}
    by_kind = {}
    for e in gold["entities"]:
        for k in e["types"]:
            by_kind.setdefault(k, []).append(e)
    local = {p: sc.local(p).lower() for p in set(g.predicates())}
    out = {}
    for rel, kinds in (("setBy", ("Agency",)), ("concerns", ("Project",))):
        ok, n, misses = 0, 0, []
        for t in gold.get("targets", []):
            if not t.get("core") or not t.get(rel):
                continue
            n += 1
            hits = [x for x in tnodes if sc.norm(t["key"]) in text[x]]
            got = []
            for h in hits:
                for p, o in g.predicate_objects(h):
                    if local.get(p) == rel.lower():
                        names = sc.entity_names(g, o)
                        e = next((e for k in kinds if (e := sc.best_gold(names, by_kind.get(k, []))) is not None), None)
                        got.append(e["name"] if e else (names[0] if names else str(o)))
            if t[rel] in got:
                ok += 1
            else:
                misses.append(f'{t["key"]}: gold {t[rel]}, got {", ".join(sorted(set(got))) or "none"}'
                              + ("" if hits else " (target not found)"))
        out[rel] = [ok, n, misses]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    ap.add_argument("--devset", type=Path, help="a folder of articles/ and gold/ to score instead")
    ap.add_argument("--show", action="store_true", help="print each miss")
    a = ap.parse_args(argv)
    sc = _scorer(a.shared)
    total = {"setBy": [0, 0], "concerns": [0, 0]}
    tmp = Path(tempfile.mkdtemp(prefix="govkg-links-"))
    for src, gold_path, date in _sources(a):
        out = tmp / gold_path.stem
        kg.build([src], date=date).save(out, html=False)
        g = sc.load_graph(out / "graph.ttl", ROOT / "ontologies")
        res = check(sc, g, json.loads(gold_path.read_text(encoding="utf-8")))
        print(f"{gold_path.stem:24s} " + "  ".join(f"{rel} {ok}/{n}" for rel, (ok, n, _m) in res.items()))
        for rel, (ok, n, misses) in res.items():
            total[rel][0] += ok
            total[rel][1] += n
            if a.show:
                for m in misses:
                    print(f"    {rel} miss  {m}")
    print("pooled                   " + "  ".join(f"{rel} {ok}/{n}" for rel, (ok, n) in total.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
