"""``kg build``: articles in, graph files and/or a store out, on every core or a Dask cluster."""
from __future__ import annotations

import sys
import time

import click

from ._base import handle_errors, main


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Folder for graph.ttl, graph.jsonld, graph.html …")
@click.option("--store", "store_dir", type=click.Path(file_okay=False),
              help="Store folder (embedded Oxigraph) to add the articles to, batch by batch; with or without --out.")
@click.option("--date", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--strict", is_flag=True, help="Stop at the first input error.")
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Extraction processes [default: every core].")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Run the extraction on this Dask cluster instead.")
@click.option("--batch", "store_batch", type=click.IntRange(min=1), default=200, show_default=True,
              help="Articles per store transaction batch (--store).")
@click.option("--progress/--no-progress", "show_progress", default=True, show_default=True,
              help="Progress on stderr: a bar on a terminal, 'progress …' lines otherwise.")
@click.option("--progress-interval", type=float, default=5.0, show_default=True,
              help="Seconds between progress lines when stderr is not a terminal.")
@handle_errors
def build(inputs, out_dir, store_dir, date, strict, no_html, jobs, scheduler, store_batch, show_progress,
          progress_interval):
    """Build the knowledge graph of INPUTS (files or folders of .txt, .html, .jsonl, .csv).

    Inputs are streamed; --jobs processes (or the Dask cluster at --scheduler) extract them and
    the results are merged in input order, so the graph is the same whatever the number of
    workers. An input error is reported on one line and skipped (exit 0 if anything was built,
    1 if nothing could be); --strict makes it fatal.
    """
    import kg
    from kg.graph import KnowledgeGraph
    from kg.parallel import default_jobs, iter_extractions
    from kg.progress import Progress, estimate_total

    if not out_dir and not store_dir:
        raise click.UsageError("give --out DIR, --store DIR, or both")
    day = kg._as_date(date)
    total = estimate_total(inputs) if show_progress else None
    progress = Progress(total, interval=progress_interval, enabled=show_progress)
    errors = []

    def on_error(err):
        errors.append(err)
        progress.echo(f"error: {err}")
        if strict:
            raise err

    store = None
    if store_dir:
        from kg.store import Store

        store = Store(store_dir)
    t0 = time.perf_counter()
    g = KnowledgeGraph() if out_dir else None
    n_docs = 0
    batch: list = []

    def flush():
        if store is not None and batch:
            bg = KnowledgeGraph()
            for ex in batch:
                bg.add(ex)
            store.add(bg)
        batch.clear()

    try:
        for ex in iter_extractions(list(inputs), date=day, on_error=on_error,
                                   jobs=jobs or default_jobs(), scheduler=scheduler):
            n_docs += 1
            if g is not None:
                g.add(ex)
            if store is not None:
                batch.append(ex)
                if len(batch) >= store_batch:
                    flush()
            progress.update(1, len(ex.document.text))
        flush()
    finally:
        progress.close()
        if store is not None:
            store.close()
    if n_docs == 0:
        click.echo("error: nothing could be built", err=True)
        sys.exit(1)
    where = " and ".join(x for x in (out_dir, store_dir and f"store {store_dir}") if x)
    if g is not None:
        g.save(out_dir, html=not no_html)
        s = g.summary()
        nodes = ", ".join(f"{k} {v}" for k, v in sorted(s["nodes"].items()))
        click.echo(f"{s['documents']} documents, nodes: {nodes}; {s['edges']} edges; "
                   f"{len(errors)} errors; {time.perf_counter() - t0:.1f} s -> {where}")
    else:
        click.echo(f"{n_docs} documents; {len(errors)} errors; {time.perf_counter() - t0:.1f} s -> {where}")
