"""``kg build``: articles in, graph files out."""
from __future__ import annotations

import sys
import time

import click

from ._base import handle_errors, main


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--out", "out_dir", type=click.Path(file_okay=False), help="Folder for graph.ttl, graph.jsonld, graph.html …")
@click.option("--date", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
@click.option("--strict", is_flag=True, help="Stop at the first input error.")
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@handle_errors
def build(inputs, out_dir, date, strict, no_html):
    """Build the knowledge graph of INPUTS (files or folders of .txt, .html, .jsonl, .csv)."""
    import kg

    if not out_dir:
        raise click.UsageError("give --out DIR")
    errors = []

    def on_error(err):
        errors.append(err)
        click.echo(f"error: {err}", err=True)
        if strict:
            raise err

    t0 = time.perf_counter()
    g = kg.build(list(inputs), date=date, on_error=on_error)
    s = g.summary()
    if s["documents"] == 0:
        click.echo("error: nothing could be built", err=True)
        sys.exit(1)
    g.save(out_dir, html=not no_html)
    nodes = ", ".join(f"{k} {v}" for k, v in sorted(s["nodes"].items()))
    click.echo(f"{s['documents']} documents, nodes: {nodes}; {s['edges']} edges; "
               f"{len(errors)} errors; {time.perf_counter() - t0:.1f} s -> {out_dir}")
