"""``kg viz``: the HTML explorer of a saved graph or a store, or of a part of it."""
from __future__ import annotations

import click

from ._base import handle_errors, main


@main.command()
@click.argument("graph", required=False, type=click.Path(exists=True))
@click.option("--store", "store_dir", type=click.Path(exists=True, file_okay=False), help="Render the graph in this store.")
@click.option("-o", "--out", "out_path", required=True, type=click.Path(dir_okay=False), help="The HTML file to write.")
@click.option("--type", "kinds", multiple=True, help="Keep nodes of this kind (Agency, Place, Project, Target…); repeatable.")
@click.option("--article", "docs", multiple=True, help="Keep nodes mentioned in this article id; repeatable.")
@click.option("--max-nodes", default=3000, show_default=True, help="Above this, show the most connected part.")
@click.option("--title", default="govkg", show_default=True, help="The page's heading.")
@handle_errors
def viz(graph, store_dir, out_path, kinds, docs, max_nodes, title):
    """Render GRAPH (graph.ttl, .trig, .nq, .jsonld…) or --store DIR as a self-contained HTML page."""
    from ..rdf import from_rdf
    from ..viz import render_html

    if bool(graph) == bool(store_dir):
        raise click.UsageError("give a GRAPH file or --store DIR (one of them)")
    if store_dir:
        import pyoxigraph as ox
        import rdflib

        from ..store import Store

        with Store(store_dir) as st:
            nquads = st.ox.dump(format=ox.RdfFormat.N_QUADS)
        source = rdflib.Dataset()
        source.parse(data=nquads.decode("utf-8"), format="nquads")
    else:
        source = graph
    G = from_rdf(source)
    render_html(G, out_path, title=title, kinds=kinds or None, docs=docs or None, max_nodes=max_nodes)
    click.echo(f"{out_path}: {G.number_of_nodes()} nodes in the graph")
