"""Pausing Python's cyclic garbage collector around allocation-heavy stages.

Writing the RDF files or a store batch makes a few hundred thousand small tuples and pyoxigraph
terms, none of them in a reference cycle, while the networkx graph (a million or more container
objects) is alive. Each allocation burst makes the collector walk that whole graph again and
again: on 1,000 articles that was 1.5 s of the 3.7 s :func:`kg.rdf.write_rdf` took, for nothing
collected. Reference counting still frees everything as usual while the collector is paused;
only cycles wait until it resumes. The switch is process-wide (``gc.disable``): other threads'
cycles wait too, for the duration of the block.
"""
from __future__ import annotations

import contextlib
import gc
from typing import Iterator

__all__ = ["gc_paused"]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the cyclic collector for the ``with`` block, then restore its previous state
    (nested uses leave it disabled until the outermost one ends)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
