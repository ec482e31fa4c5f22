"""``kg push``: a built graph into an external triple store (SPARQL 1.1 Graph Store protocol)."""
from __future__ import annotations

import time

import click

from ._base import handle_errors, main


@main.command()
@click.argument("source", type=click.Path(exists=True))
@click.option("--endpoint", required=True, metavar="URL",
              help="Graph Store HTTP Protocol URL, e.g. http://127.0.0.1:7878/store (Oxigraph), "
                   "http://host:3030/DATASET/data (Fuseki).")
@click.option("--batch", default=10_000, show_default=True, type=click.IntRange(min=1),
              help="Triples per request, at most.")
@click.option("--timeout", default=60.0, show_default=True, type=float, help="Seconds per request.")
@handle_errors
def push(source, endpoint, batch, timeout):
    """Load SOURCE (graph.trig, graph.nq, or a store DIR made by kg build --store) into the
    triple store at --endpoint: one PUT per named graph (one per article) and the default graph,
    in batches of at most --batch triples. Pushing again replaces the same graphs."""
    from kg.push import push as push_graphs

    t0 = time.perf_counter()
    r = push_graphs(source, endpoint, batch=batch, timeout=timeout)
    named = sum(1 for g in r.graphs if g)
    click.echo(f"{r.triples} triples in {named} named graphs and the default graph; "
               f"{r.requests} requests; {time.perf_counter() - t0:.1f} s -> {endpoint.split('@')[-1]}")
