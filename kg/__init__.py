"""govkg: Chinese government and policy news to a knowledge graph.

    >>> import kg
    >>> g = kg.build(["article.txt"], date="2019-06-28")      # doctest: +SKIP
    >>> g.entities("Agency")                                   # doctest: +SKIP
    >>> g.query("SELECT ?t WHERE { ?t a gk:Target }")          # doctest: +SKIP

The pipeline runs one way: :mod:`kg.ingest` -> :mod:`kg.nlp` (spaCy rule components) ->
:mod:`kg.extractor` / :mod:`kg.resolve` -> :mod:`kg.graph` -> :mod:`kg.rdf`, :mod:`kg.viz`,
:mod:`kg.store`.
"""
from __future__ import annotations

import datetime as _dt
import os
from typing import Callable, Iterable, Mapping

from .errors import GovKGError, InputError, QueryError, StoreError, ValidationError
from .graph import KnowledgeGraph
from .model import Document, Entity, Extraction, Mention, Provenance, Relation, TargetFields

__all__ = [
    "build",
    "build_texts",
    "extract",
    "extract_documents",
    "KnowledgeGraph",
    "Document",
    "Entity",
    "Extraction",
    "Mention",
    "Provenance",
    "Relation",
    "TargetFields",
    "GovKGError",
    "InputError",
    "QueryError",
    "StoreError",
    "ValidationError",
]

__version__ = "0.1.0"


def _as_date(date) -> _dt.date | None:
    if date is None or isinstance(date, _dt.date):
        return date
    try:
        return _dt.date.fromisoformat(str(date))
    except ValueError:
        raise InputError("--date", f"not a date (YYYY-MM-DD): {date!r}") from None


def extract(text: str, date=None) -> list[Mention]:
    """The mentions of one text: label, text, start, end (character offsets into ``text``),
    the resolved ``name``, and for targets their fields in ``attributes``.

    >>> [(m.label, m.text, m.start, m.end, m.name) for m in extract("武汉市水务局负责人表示") if m.label == "Agency"]
    [('Agency', '武汉市水务局', 0, 6, '武汉市水务局')]
    """
    from .extractor import extract_mentions

    return extract_mentions(text, _as_date(date))


def extract_documents(documents: Iterable[Document]) -> Iterable[Extraction]:
    """One :class:`Extraction` per document, in order."""
    from .extractor import extract_document

    for d in documents:
        yield extract_document(d)


def build(inputs: Iterable[str | os.PathLike] | str | os.PathLike, *, date=None,
          on_error: Callable[[InputError], None] | None = None, jobs: int | None = 1,
          scheduler=None, on_extraction: Callable[[Extraction], None] | None = None) -> KnowledgeGraph:
    """Build the graph of files or folders of ``.txt``, ``.html``, ``.jsonl`` and ``.csv`` articles.

    ``date`` (``YYYY-MM-DD`` or a date) is the publication date used for relative times when an
    input carries none. Errors in single inputs go to ``on_error``; without it they raise.

    ``jobs`` extraction processes (``1``, the default: this process; ``None``: every core) or the
    Dask cluster at ``scheduler`` (``tcp://host:8786`` or a ``distributed.Client``) do the work;
    the inputs are streamed and the graph is the same whatever the number of workers (see
    :mod:`kg.parallel`). ``on_extraction`` is called with each document's extraction, in input
    order, as it is merged (progress bars).
    """
    from .parallel import iter_extractions

    g = KnowledgeGraph()
    for ex in iter_extractions(inputs, date=_as_date(date), on_error=on_error, jobs=jobs, scheduler=scheduler):
        g.add(ex)
        if on_extraction is not None:
            on_extraction(ex)
    return g


def build_texts(texts: Mapping[str, str], *, date=None) -> KnowledgeGraph:
    """Build the graph of texts given directly, keyed by document id."""
    d = _as_date(date)
    g = KnowledgeGraph()
    for ex in extract_documents(Document(id=k, text=v, date=d) for k, v in texts.items()):
        g.add(ex)
    return g
