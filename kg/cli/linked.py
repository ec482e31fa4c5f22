"""``kg query``, ``kg validate``, ``kg serve``, ``kg remove``, ``kg export``: the linked-data side."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import InputError
from ._base import handle_errors, main


@main.command()
@click.argument("args", nargs=-1)
@click.option("--store", "store_dir", type=click.Path(file_okay=False), help="Query this store folder.")
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, dir_okay=False), help="Read the query from a .rq file.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json", "xml"]), default="table", show_default=True)
@click.option("--bind", "binds", multiple=True, metavar="NAME=VALUE",
              help='Bind a variable: <iri>, "text"@zh, "2021-12-31"^^xsd:date or plain text. Repeatable.')
@handle_errors
def query(args, store_dir, query_file, fmt, binds):
    """Run SPARQL over a store (--store DIR) or a graph file: kg query [GRAPH_FILE] "SELECT …" | -f Q.rq"""
    from ..store import Store, parse_binding, query_graph

    args = list(args)
    graph_file = None
    if not store_dir:
        if not args:
            raise click.UsageError("give --store DIR or a GRAPH_FILE")
        graph_file = args.pop(0)
    if query_file:
        if args:
            raise click.UsageError("give the query as text or with -f, not both")
        sparql = Path(query_file).read_text(encoding="utf-8")
    elif len(args) == 1:
        sparql = args[0]
    else:
        raise click.UsageError("give one query (text or -f FILE)")
    bindings = dict(parse_binding(b) for b in binds)
    if store_dir:
        with Store(store_dir, read_only=True) as st:
            res = st.query(sparql, bindings)
    else:
        res = query_graph(graph_file, sparql, bindings)
    out = res.serialize("nt" if res.kind == "graph" and fmt != "table" else ("turtle" if res.kind == "graph" else fmt))
    click.echo(out, nl=False)


@main.command()
@click.argument("graph", type=click.Path())
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False), help="SHACL shapes (default: the shipped shapes.ttl).")
@handle_errors
def validate(graph, shapes):
    """Check GRAPH (any RDF file) against the SHACL shapes; exit 1 when there are violations."""
    from .. import rdf

    ok, report = rdf.validate(rdf.read_rdf(graph), shapes)
    click.echo(report.rstrip())
    sys.exit(0 if ok else 1)


@main.command()
@click.option("--store", "store_dir", required=True, type=click.Path(exists=True, file_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=7878, show_default=True, type=int)
@click.option("--allow-update", is_flag=True, help="Accept SPARQL UPDATE (refused with 403 otherwise).")
@click.option("--timeout", default=10.0, show_default=True, type=float, help="Seconds before a query is stopped.")
@click.option("--max-results", default=100_000, show_default=True, type=int)
@handle_errors
def serve(store_dir, host, port, allow_update, timeout, max_results):
    """Serve the store as a SPARQL 1.1 endpoint at http://HOST:PORT/sparql."""
    from ..server import serve as _serve

    def ready(srv):
        click.echo(f"SPARQL endpoint at {srv.url} (Ctrl-C to stop)", err=True)

    _serve(store_dir, host=host, port=port, allow_update=allow_update, timeout=timeout,
           max_results=max_results, ready=ready)


@main.command()
@click.argument("doc_id")
@click.option("--store", "store_dir", required=True, type=click.Path(exists=True, file_okay=False))
@handle_errors
def remove(doc_id, store_dir):
    """Remove article DOC_ID (its named graph, and the entities only it mentioned) from a store."""
    from ..store import Store

    with Store(store_dir) as st:
        n = st.remove(doc_id)
        click.echo(f"removed {doc_id}: {n} quads; {len(st)} left")


@main.command()
@click.argument("graph_file", type=click.Path())
@click.option("--format", "fmt", required=True, type=click.Choice(["graphml", "gexf", "node-link", "neo4j"]))
@click.option("-o", "--out", required=True, type=click.Path(), help="Output file (a folder for neo4j).")
@handle_errors
def export(graph_file, fmt, out):
    """Export a saved graph (graph.trig, graph.ttl …) as GraphML, GEXF, node-link JSON or Neo4j CSVs."""
    from .. import rdf
    from ..export import export as _export

    if not Path(graph_file).is_file():
        raise InputError(graph_file, "no such file")
    G = rdf.from_rdf(rdf.read_rdf(graph_file))
    for name, path in _export(G, fmt, out).items():
        click.echo(f"{name}: {path}")
