"""What a change to the rules changed: mentions and relations before and after, text by text.

    python bench/mention_diff.py dump build/before.pkl      # on the old code
    python bench/mention_diff.py dump build/after.pkl       # on the new code
    python bench/mention_diff.py diff build/before.pkl build/after.pkl [--show 40]

``dump`` extracts every sentence of CLUENER dev and People's Daily test (``--sets``), every
paragraph of ``../shared/corpus/`` and of the sample (date 2019-06-28), and every whole corpus
document (for relations), and pickles, per text, the sorted mentions as (label, start, end,
name, rule, subtype, attributes) with every attribute value (a target's deadline, value and
unit included), and the document's relations as (subject, predicate, object). ``diff`` prints
how many texts changed and, for the first ``--show`` of them, what was lost (-) and gained (+).
"""
from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "bench"))
DATE = "2019-06-28"


def _texts(sets: list[str]) -> dict[str, str]:
    import ner_benchmarks

    texts: dict[str, str] = {}
    for key in sets:
        for s in ner_benchmarks.load_set(key):
            texts[f"{key}:{s.id}"] = s.text
    for path in sorted((SHARED / "corpus").glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                texts[f"{path.name}:{i + 1}"] = line
    return texts


def _mentions(text: str, date) -> list[tuple]:
    import kg

    return sorted((m.label, m.start, m.end, m.name, m.rule, m.subtype, repr(sorted(m.attrs)))
                  for m in kg.extract(text, date=date))


def _relations(path: Path) -> list[tuple]:
    import kg

    g = kg.build([path], date=DATE)
    G = g.nx
    name = {n: d.get("label") or n for n, d in G.nodes(data=True)}
    return sorted({(name[u], d.get("predicate") or k, name[v]) for u, v, k, d in G.edges(keys=True, data=True)
                   if (d.get("predicate") or k) != "mentionedIn"})


def dump(out: Path, sets: list[str]) -> None:
    texts = _texts(sets)
    result = {"mentions": {}, "relations": {}}
    for key, text in texts.items():
        date = None if key.split(":")[0] in sets else DATE
        result["mentions"][key] = (text, _mentions(text, date))
    for path in sorted((SHARED / "corpus").glob("*.txt")) + sorted((SHARED / "seeds").glob("*.txt")):
        result["relations"][path.name] = _relations(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "wb") as f:
        pickle.dump(result, f)
    n = sum(len(v[1]) for v in result["mentions"].values())
    print(f"{len(texts)} texts, {n} mentions, {len(result['relations'])} documents' relations -> {out}")


def _show(items: list[tuple], text: str, sign: str) -> None:
    for it in items:
        label, a, b = it[0], it[1], it[2]
        print(f"   {sign} {label:12s} {text[a:b]!r:24s} name={it[3]!r} rule={it[4]} {it[6] if it[6] != '[]' else ''}")


def diff(a: Path, b: Path, show: int) -> int:
    with open(a, "rb") as f:
        old = pickle.load(f)
    with open(b, "rb") as f:
        new = pickle.load(f)
    changed = [k for k in old["mentions"] if k in new["mentions"] and old["mentions"][k] != new["mentions"][k]]
    print(f"{len(changed)} of {len(old['mentions'])} texts changed their mentions")
    for key in changed[:show]:
        text, before = old["mentions"][key]
        after = new["mentions"][key][1]
        print(f"-- {key}: {text[:90]}")
        _show([m for m in before if m not in after], text, "-")
        _show([m for m in after if m not in before], text, "+")
    for doc, before in old["relations"].items():
        after = new["relations"].get(doc, [])
        lost, gained = sorted(set(before) - set(after)), sorted(set(after) - set(before))
        if lost or gained:
            print(f"-- relations of {doc}: -{len(lost)} +{len(gained)}")
            for r in lost[:show]:
                print(f"   - {r}")
            for r in gained[:show]:
                print(f"   + {r}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--sets", default="cluener,pd")
    c = sub.add_parser("diff")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    c.add_argument("--show", type=int, default=40)
    args = ap.parse_args(argv)
    if args.cmd == "dump":
        dump(args.out, [s for s in args.sets.split(",") if s])
        return 0
    return diff(args.a, args.b, args.show)


if __name__ == "__main__":
    sys.exit(main())
