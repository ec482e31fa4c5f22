#!/usr/bin/env python3
"""Score govkg's Agency / Place extraction on public Chinese NER benchmarks.

    .venv/bin/python bench/ner_benchmarks.py                         # all three sets, full
    .venv/bin/python bench/ner_benchmarks.py --limit 200 --sets cluener,pd
    .venv/bin/python bench/ner_benchmarks.py --json build/ner.json --errors 25

Sets (under /work/shared/benchmarks, or --data DIR; see the README.md of each folder):

- ``cluener``: CLUENER2020 dev (``cluener2020/dev.json``, JSON lines, inclusive end offsets):
  ``government`` -> Agency, ``address`` -> Address (``kg.address``: a run of adjacent places
  with its area/direction word, as CLUENER marks 河南省新乡市红旗区 or 德国北部 as one address and
  never a country alone); for information ``address`` -> Place (each place on its own),
  ``company`` and ``organization`` -> Organization.
- ``pd``: People's Daily test (``peoples_daily_ner/example.test``, char-per-line BIO):
  ``ORG`` -> Agency ∪ Organization (the baseline's row: ``ORG`` holds companies, schools, teams
  and media, which govkg types Organization, as well as government bodies), ``LOC`` -> Place; for
  information ``ORG`` -> Agency alone.
- ``msra``: MSRA test (``msra_ner/msra_test_bio.txt``, char-per-line BIO): as ``pd``.

Each sentence is extracted on its own with ``kg.extract(text)`` (no article date). A prediction
is correct under *exact* match when its start, end (exclusive) and mapped label equal a gold
entity's; the *overlap* row counts a prediction correct when it overlaps any gold entity of the
label (and a gold entity found when any prediction of the label overlaps it) - for information.

The benchmarks are flat (one entity per character), while kg.extract also returns nested
mentions (国务院 inside 国务院办公厅, 北京市 inside 北京市民政局). The ``flat`` figures (the
headline) keep only the outermost of the scored mentions - a mention strictly inside another
scored mention is dropped; the ``raw`` figures keep every mention.

``--errors N`` prints, per scored row, the N most frequent false negatives and false positives
(surface strings) grouped by kind: boundary too short / too long / shifted, other label, missed
(nothing overlapping) or spurious (no gold entity there). ``--json`` saves all figures, timings
and the full error lists with an example sentence each. A sentence whose extraction takes more
than ``--timeout`` seconds (default 2; a normal sentence takes a few ms) is interrupted, scored as predicting nothing and listed;
its time is left out of chars/s. So is a sentence whose extraction raises (listed with the error).
"""
from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = Path("/work/shared/benchmarks")


# --------------------------------------------------------------------------- data

@dataclass
class Sentence:
    id: str
    text: str
    gold: list[tuple[int, int, str]]          # (start, end exclusive, dataset label)


def load_cluener(path: Path, limit: int | None = None) -> list[Sentence]:
    """CLUENER JSON lines; ``label`` is {type: {entity: [[start, end_inclusive], ...]}}."""
    out = []
    with open(path, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if limit is not None and len(out) >= limit:
                break
            if not line.strip():
                continue
            rec = json.loads(line)
            text = rec["text"]
            gold = []
            for typ, ents in (rec.get("label") or {}).items():
                for ent, spans in ents.items():
                    for s, e in spans:
                        if text[s:e + 1] != ent:
                            raise ValueError(f"{path}:{i + 1}: span {s},{e} is {text[s:e + 1]!r}, not {ent!r}")
                        gold.append((s, e + 1, typ))
            out.append(Sentence(f"cluener:{i}", text, sorted(set(gold))))
    return out


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end exclusive, type) of a BIO tag sequence; an I-X that does not continue an
    X entity starts one (conlleval's reading)."""
    spans = []
    start, typ = None, None
    for i, t in enumerate(tags + ["O"]):
        if t.startswith("I-") and typ == t[2:]:
            continue
        if typ is not None:
            spans.append((start, i, typ))
            start, typ = None, None
        if t.startswith(("B-", "I-")):
            start, typ = i, t[2:]
    return spans


def load_bio(path: Path, limit: int | None = None, prefix: str = "bio") -> list[Sentence]:
    """Char-per-line ``char TAG`` (space or tab), blank line between sentences."""
    out: list[Sentence] = []
    chars: list[str] = []
    tags: list[str] = []

    def flush():
        if chars:
            # tokens are single characters in both files; offsets are kept right if one is not
            offs, pos = [], 0
            for c in chars:
                offs.append(pos)
                pos += len(c)
            offs.append(pos)
            gold = [(offs[s], offs[e], t) for s, e, t in bio_spans(tags)]
            out.append(Sentence(f"{prefix}:{len(out)}", "".join(chars), gold))
        chars.clear()
        tags.clear()

    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                flush()
                if limit is not None and len(out) >= limit:
                    return out
                continue
            parts = line.split()
            if len(parts) != 2:
                raise ValueError(f"{path}:{n}: expected 'char TAG', got {line!r}")
            chars.append(parts[0])
            tags.append(parts[1])
    flush()
    return out[:limit] if limit is not None else out


# --------------------------------------------------------------------------- configuration

@dataclass
class Row:
    name: str                       # printed row name
    gold: frozenset[str]            # dataset labels
    pred: frozenset[str]            # kg labels
    baseline: float | None = None   # best offline tool's F1 (issue)
    info: bool = False              # extra information, not a target


def _row(name, gold, pred, baseline=None, info=False):
    return Row(name, frozenset(gold), frozenset(pred), baseline, info)


SETS = {
    "cluener": dict(
        title="CLUENER2020 dev", file="cluener2020/dev.json", loader=load_cluener,
        rows=[_row("government vs Agency", {"government"}, {"Agency"}, 0.46),
              _row("address vs Address", {"address"}, {"Address"}, 0.43),
              _row("address vs Place", {"address"}, {"Place"}, info=True),
              _row("company vs Organization", {"company"}, {"Organization"}, info=True),
              _row("organization vs Organization", {"organization"}, {"Organization"}, info=True)]),
    "pd": dict(
        title="People's Daily test", file="peoples_daily_ner/example.test", loader=load_bio,
        rows=[_row("ORG vs Agency", {"ORG"}, {"Agency"}, info=True),
              _row("ORG vs Agency∪Organization", {"ORG"}, {"Agency", "Organization"}, 0.68),
              _row("LOC vs Place", {"LOC"}, {"Place"}, 0.71)]),
    "msra": dict(
        title="MSRA test", file="msra_ner/msra_test_bio.txt", loader=load_bio,
        rows=[_row("ORG vs Agency", {"ORG"}, {"Agency"}),
              _row("ORG vs Agency∪Organization", {"ORG"}, {"Agency", "Organization"}),
              _row("LOC vs Place", {"LOC"}, {"Place"})]),
}


def load_set(key: str, data: Path = DATA, limit: int | None = None) -> list[Sentence]:
    cfg = SETS[key]
    if cfg["loader"] is load_bio:
        return load_bio(data / cfg["file"], limit, prefix=key)
    return load_cluener(data / cfg["file"], limit)


# --------------------------------------------------------------------------- scoring

Span = tuple[int, int, str]            # (start, end exclusive, kg label or dataset label)


def flatten(preds: list[Span], labels: frozenset[str] | set[str]) -> list[Span]:
    """The predictions whose label is in ``labels``, without those strictly inside another one
    (a different, longer span) of those labels. Same-span duplicates of different labels stay."""
    ps = sorted({p for p in preds if p[2] in labels}, key=lambda p: (p[0], -p[1], p[2]))
    out = []
    for p in ps:
        if any(q[0] <= p[0] and p[1] <= q[1] and (q[0], q[1]) != (p[0], p[1]) for q in ps):
            continue
        out.append(p)
    return out


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    # overlap (relaxed) counts: predictions overlapping a gold, golds overlapped by a prediction
    ov_pred_ok: int = 0
    ov_gold_ok: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @staticmethod
    def _f(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    def exact(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, self._f(p, r)

    def overlap(self) -> tuple[float, float, float]:
        p = self.ov_pred_ok / self.n_pred if self.n_pred else 0.0
        r = self.ov_gold_ok / self.n_gold if self.n_gold else 0.0
        return p, r, self._f(p, r)

    def as_dict(self) -> dict:
        p, r, f = self.exact()
        op, orr, of = self.overlap()
        return dict(tp=self.tp, fp=self.fp, fn=self.fn, n_gold=self.n_gold, n_pred=self.n_pred,
                    p=round(p, 4), r=round(r, 4), f1=round(f, 4),
                    overlap_p=round(op, 4), overlap_r=round(orr, 4), overlap_f1=round(of, 4))


def _overlaps(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_sentence(acc: PRF, gold: set[tuple[int, int]], pred: set[tuple[int, int]]) -> None:
    """Add one sentence's (start, end) spans of one row to ``acc``."""
    tp = len(gold & pred)
    acc.tp += tp
    acc.fp += len(pred) - tp
    acc.fn += len(gold) - tp
    acc.n_gold += len(gold)
    acc.n_pred += len(pred)
    acc.ov_pred_ok += sum(any(_overlaps(p, g) for g in gold) for p in pred)
    acc.ov_gold_ok += sum(any(_overlaps(g, p) for p in pred) for g in gold)


def classify_fn(g: tuple[int, int], pred: set[tuple[int, int]], raw_other: list[Span]) -> str:
    """Why gold span ``g`` was not predicted exactly."""
    over = [p for p in pred if _overlaps(p, g)]
    if any(g[0] <= p[0] and p[1] <= g[1] for p in over):
        return "too short (prediction inside gold)"
    if any(p[0] <= g[0] and g[1] <= p[1] for p in over):
        return "too long (prediction contains gold)"
    if over:
        return "shifted boundary"
    same = sorted({lab for s, e, lab in raw_other if (s, e) == g})
    if same:
        return "other kg label: " + "/".join(same)
    return "missed (no prediction overlaps)"


def classify_fp(p: tuple[int, int], gold: set[tuple[int, int]], all_gold: list[Span]) -> str:
    """Why prediction ``p`` matches no gold span of its row."""
    over = [g for g in gold if _overlaps(p, g)]
    if any(p[0] <= g[0] and g[1] <= p[1] for g in over):
        return "too long (prediction contains gold)"
    if any(g[0] <= p[0] and p[1] <= g[1] for g in over):
        return "too short (prediction inside gold)"
    if over:
        return "shifted boundary"
    same = sorted({lab for s, e, lab in all_gold if (s, e) == p})
    if same:
        return "gold has other label: " + "/".join(same)
    near = sorted({lab for s, e, lab in all_gold if _overlaps((s, e), p)})
    if near:
        return "overlaps gold of other label: " + "/".join(near)
    return "spurious (no gold entity there)"


@dataclass
class RowResult:
    row: Row
    flat: PRF = field(default_factory=PRF)
    raw: PRF = field(default_factory=PRF)
    fn: Counter = field(default_factory=Counter)        # (kind, gold text, predicted text) -> n
    fp: Counter = field(default_factory=Counter)        # (kind, predicted text, gold text) -> n
    examples: dict = field(default_factory=dict)        # same keys -> first sentence


def score_set(sentences: list[Sentence], predictions: list[list[Span]], rows: list[Row]) -> list[RowResult]:
    """Score ``predictions`` (per sentence, (start, end, kg label)) against the gold of each row.
    Errors are collected for the flat policy."""
    scored = frozenset().union(*(r.pred for r in rows))
    results = [RowResult(r) for r in rows]
    for sent, preds in zip(sentences, predictions):
        flat = flatten(preds, scored)
        for res in results:
            r = res.row
            gold = {(s, e) for s, e, lab in sent.gold if lab in r.gold}
            pf = {(s, e) for s, e, lab in flat if lab in r.pred}
            praw = {(s, e) for s, e, lab in preds if lab in r.pred}
            score_sentence(res.flat, gold, pf)
            score_sentence(res.raw, gold, praw)
            other = [p for p in preds if p[2] not in r.pred]
            for g in sorted(gold - pf):
                kind = classify_fn(g, pf, other)
                over = "|".join(sent.text[s:e] for s, e in sorted(pf) if _overlaps((s, e), g))
                key = (kind, sent.text[g[0]:g[1]], over)
                res.fn[key] += 1
                res.examples.setdefault(("fn",) + key, sent.text)
            for p in sorted(pf - gold):
                kind = classify_fp(p, gold, sent.gold)
                over = "|".join(sent.text[s:e] for s, e in sorted(gold) if _overlaps((s, e), p))
                key = (kind, sent.text[p[0]:p[1]], over)
                res.fp[key] += 1
                res.examples.setdefault(("fp",) + key, sent.text)
    return results


# --------------------------------------------------------------------------- running

def address_spans(text, mentions):
    from kg.address import address_spans as spans

    return spans(text, mentions)


def get_extract():
    import kg

    f = kg.extract
    if not callable(f):  # an old kg/__init__ let the kg.extract submodule shadow the function
        from kg.extract import extract_mentions as f  # type: ignore
    return f


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def predict(sentences: list[Sentence], extract, timeout: float = 0.0
            ) -> tuple[list[list[Span]], float, list[str]]:
    """Predictions per sentence, seconds spent on the sentences that finished, and the ids of
    sentences given up after ``timeout`` seconds or whose extraction raised (scored as predicting
    nothing; 0 = no time limit)."""
    preds, timed_out, lost = [], [], 0.0
    use_alarm = timeout > 0 and hasattr(signal, "setitimer")
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _alarm)
    t = time.perf_counter()
    try:
        for s in sentences:
            t0 = time.perf_counter()
            try:
                if use_alarm:
                    signal.setitimer(signal.ITIMER_REAL, timeout)
                ms = extract(s.text)
                if use_alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            except _Timeout:
                timed_out.append(s.id)
                lost += time.perf_counter() - t0
                ms = []
            except Exception as e:  # a crash on one sentence is reported, not fatal
                if use_alarm:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                timed_out.append(f"{s.id} ({type(e).__name__}: {e})"[:200])
                lost += time.perf_counter() - t0
                ms = []
            preds.append([(m.start, m.end, m.label) for m in ms]
                         + [(a.start, a.end, "Address") for a in address_spans(s.text, ms)])
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    return preds, time.perf_counter() - t - lost, timed_out


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def print_results(title: str, results: list[RowResult], seconds: float, n_sent: int, n_chars: int) -> None:
    print(f"\n== {title}: {n_sent} sentences, {n_chars} chars, {seconds:.1f} s "
          f"({n_chars / seconds if seconds else 0:,.0f} chars/s, {n_sent / seconds if seconds else 0:,.0f} sent/s)")
    print(f"{'row':34} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6} {'base':>5}"
          f" | {'ovP':>6} {'ovR':>6} {'ovF1':>6} | {'rawP':>6} {'rawR':>6} {'rawF1':>6}")
    for res in results:
        p, r, f = res.flat.exact()
        op, orr, of = res.flat.overlap()
        rp, rr, rf = res.raw.exact()
        base = f"{res.row.baseline:.2f}" if res.row.baseline is not None else ("info" if res.row.info else "-")
        print(f"{res.row.name:34} {res.flat.n_gold:5d} {res.flat.n_pred:5d} {res.flat.tp:5d} "
              f"{_fmt(p):>6} {_fmt(r):>6} {_fmt(f):>6} {base:>5} | {_fmt(op):>6} {_fmt(orr):>6} {_fmt(of):>6}"
              f" | {_fmt(rp):>6} {_fmt(rr):>6} {_fmt(rf):>6}")


def _grouped(counter: Counter, n: int) -> dict[str, list[tuple[str, str, int]]]:
    """Kind -> the n most frequent (surface, overlapping other side, count)."""
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for (kind, surf, other), c in counter.items():
        by_kind[kind][(surf, other)] += c
    order = sorted(by_kind, key=lambda k: -sum(by_kind[k].values()))
    return {k: [(s, o, c) for (s, o), c in by_kind[k].most_common(n)] for k in order}


def print_errors(title: str, results: list[RowResult], n: int) -> None:
    for res in results:
        if res.row.info:
            continue
        for side, counter, arrow in (("false negatives", res.fn, "pred"), ("false positives", res.fp, "gold")):
            total = sum(counter.values())
            print(f"\n-- {title} / {res.row.name}: {total} {side}")
            for kind, items in _grouped(counter, n).items():
                k_total = sum(c for (kk, _, _), c in counter.items() if kk == kind)
                shown = ", ".join(f"{s}" + (f"[{arrow}:{o}]" if o else "") + (f"×{c}" if c > 1 else "")
                                  for s, o, c in items)
                print(f"  {kind} ({k_total}): {shown}")


def result_json(results: list[RowResult]) -> list[dict]:
    out = []
    for res in results:
        def errs(counter, side):
            return [dict(kind=k, text=s, other=o, count=c, example=res.examples[(side, k, s, o)])
                    for (k, s, o), c in counter.most_common()]
        out.append(dict(row=res.row.name, gold_labels=sorted(res.row.gold), kg_labels=sorted(res.row.pred),
                        baseline_f1=res.row.baseline, info=res.row.info,
                        flat=res.flat.as_dict(), raw=res.raw.as_dict(),
                        false_negatives=errs(res.fn, "fn"), false_positives=errs(res.fp, "fp")))
    return out


def code_version() -> dict:
    """The git commit of the tree and whether kg/ has uncommitted changes (figures move with them)."""
    import subprocess

    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "kg"], cwd=ROOT, capture_output=True,
                               text=True, timeout=10).stdout.strip()
        return dict(commit=head or None, kg_dirty=bool(dirty))
    except (OSError, subprocess.SubprocessError):
        return dict(commit=None, kg_dirty=None)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="rows (sentences) per set")
    ap.add_argument("--sets", default="cluener,pd,msra", help="comma-separated: cluener,pd,msra")
    ap.add_argument("--json", type=Path, default=None, help="write figures, timings and errors here")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="print the N most frequent false negatives / positives per kind")
    ap.add_argument("--data", type=Path, default=DATA, help="benchmarks folder")
    ap.add_argument("--timeout", type=float, default=2.0, metavar="S",
                    help="give up a sentence after S seconds (counted as no prediction; 0 = never)")
    args = ap.parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)
    keys = [k.strip() for k in args.sets.split(",") if k.strip()]
    bad = [k for k in keys if k not in SETS]
    if bad:
        ap.error(f"unknown set(s) {bad}; choose from {list(SETS)}")

    extract = get_extract()
    t = time.perf_counter()
    extract("市水务局负责人表示")                     # loads the pipeline and the gazetteer
    warmup = time.perf_counter() - t
    version = code_version()
    print(f"code: {version['commit']}{' + uncommitted kg/ changes' if version['kg_dirty'] else ''}; "
          f"warm-up (pipeline + gazetteer load): {warmup:.1f} s")
    report = dict(limit=args.limit, timeout_s=args.timeout, code=version, warmup_s=round(warmup, 2), sets={})
    for key in keys:
        cfg = SETS[key]
        sents = load_set(key, args.data, args.limit)
        preds, secs, timed_out = predict(sents, extract, args.timeout)
        results = score_set(sents, preds, cfg["rows"])
        n_chars = sum(len(s.text) for s in sents)
        print_results(cfg["title"], results, secs, len(sents), n_chars)
        if timed_out:
            bad_ids = {t.split(" ", 1)[0] for t in timed_out}
            lost_gold = Counter(lab for s in sents if s.id in bad_ids for _, _, lab in s.gold)
            print(f"!! {len(timed_out)} sentence(s) (gold entities {dict(lost_gold)}) exceeded "
                  f"{args.timeout:g} s or raised, and were scored as empty: "
                  + ", ".join(timed_out[:20]) + (" ..." if len(timed_out) > 20 else ""))
        if args.errors:
            print_errors(cfg["title"], results, args.errors)
        report["sets"][key] = dict(title=cfg["title"], sentences=len(sents), chars=n_chars,
                                   seconds=round(secs, 2), chars_per_s=round(n_chars / secs) if secs else None,
                                   timed_out=timed_out,
                                   rows=result_json(results))
    print("\nbase = F1 of the best offline tool (issue); exact span match, flat policy. "
          "ov* = overlap match; raw* = exact match with nested mentions kept.")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
