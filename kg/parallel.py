"""Extraction on every core, or on a Dask cluster, with the results in input order.

:func:`extract_parallel` takes any iterable of :class:`~kg.model.Document` (a stream from
:func:`kg.ingest.iter_documents` is never materialised) and yields one
:class:`~kg.model.Extraction` per document, **in input order**, whatever the number of workers:
a graph merged from them is the same for ``jobs=1``, ``jobs=8`` or a cluster.

How the work is cut
    Documents are grouped into chunks (at most ``chunk_size`` documents and about
    ``chunk_chars`` characters each); a chunk is one task. At most ``max_in_flight`` chunks are
    queued or running at any time, so memory stays flat on a corpus of any size: reading waits
    for extraction.

Local processes (``jobs > 1``)
    A :class:`concurrent.futures.ProcessPoolExecutor` with the ``fork`` start method (on
    platforms that have it): the gazetteer and the spaCy pipeline (both ``lru_cache``d) are
    built in the parent first, so every worker starts with them, shared copy-on-write, instead
    of building its own. Extractions come back pickled.

Dask (``scheduler=``)
    ``tcp://host:8786`` (a running ``dask scheduler``), or a ``distributed.Client`` /
    ``LocalCluster``. Chunks are submitted as tasks the same way; each worker builds the
    gazetteer once, on its first chunk (or on :func:`warm`, which :func:`extract_parallel` runs
    on every worker first). Workers need govkg installed at the same version.
"""
from __future__ import annotations

import collections
import gc
import multiprocessing
import os
from typing import Any, Callable, Iterable, Iterator, Sequence

from .model import Document, Extraction

__all__ = ["extract_parallel", "iter_extractions", "extract_chunk", "chunked", "warm", "default_jobs"]

#: Documents per task, at most.
CHUNK_SIZE = 32
#: Characters per task, about (a chunk closes once it holds this many).
CHUNK_CHARS = 200_000


def default_jobs() -> int:
    """The number of cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


#: Extracted once by :func:`warm`: it names a project, an agency and a target, so every table and
#: tool loaded on first use (jieba's tag table, the target word lists, jionlp, OpenCC)
#: is loaded then, before the workers fork, instead of inside the first timed chunk of each.
WARM_TEXT = "武汉市水務局负责人表示，到2021年，全市将完成清水入江治理工程建设，投资20亿元。"


_frozen = False  # gc.freeze() done in this process (inherited by forked workers)


def warm() -> None:
    """Build the gazetteer and the pipeline of this process now (they are cached), and load
    what the rules load on first use (see :data:`WARM_TEXT`).

    The first call then freezes what the process holds (``gc.collect()``, then ``gc.freeze()``):
    the tables live as long as the process, and unfrozen, every full collection of the cyclic
    collector walks their hundreds of thousands of objects again (on 1,000 articles: 0.2 s of
    the 0.3 s graph merge, ~0.1 s of extraction and of the RDF files). Forked workers inherit
    them frozen, so their collections do not write to the shared pages either (the fork advice
    of the :mod:`gc` documentation). Frozen objects are still freed by reference counting;
    only a reference cycle among them would stay.
    """
    global _frozen
    import datetime as dt

    from .extractor import extract_document
    from .gazetteer import load_gazetteer
    from .nlp import get_pipeline

    load_gazetteer()
    get_pipeline()
    extract_document(Document("warm", WARM_TEXT, date=dt.date(2019, 6, 28)))
    if not _frozen:
        gc.collect()  # garbage is collected, not frozen
        gc.freeze()
        _frozen = True


def extract_chunk(documents: Sequence[Document]) -> list[Extraction]:
    """The extractions of a chunk of documents (the unit of work sent to a worker)."""
    from .extractor import extract_document

    return [extract_document(d) for d in documents]


def chunked(documents: Iterable[Document], size: int = CHUNK_SIZE,
            chars: int = CHUNK_CHARS) -> Iterator[list[Document]]:
    """Consecutive chunks of at most ``size`` documents and about ``chars`` characters.

    >>> [len(c) for c in chunked([Document(str(i), "x" * 10) for i in range(5)], size=2)]
    [2, 2, 1]
    >>> [len(c) for c in chunked([Document(str(i), "x" * 10) for i in range(5)], chars=25)]
    [3, 2]
    """
    if size < 1:
        raise ValueError(f"chunk size must be at least 1, not {size}")
    chunk: list[Document] = []
    held = 0
    for d in documents:
        chunk.append(d)
        held += len(d.text)
        if len(chunk) >= size or held >= chars:
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk


def _ordered(chunks: Iterator[list[Document]], submit: Callable[[list[Document]], Any],
             result: Callable[[Any], list[Extraction]], max_in_flight: int) -> Iterator[Extraction]:
    """Submit chunks while fewer than ``max_in_flight`` are pending; yield results in order."""
    pending: collections.deque = collections.deque()
    exhausted = False
    while True:
        while not exhausted and len(pending) < max_in_flight:
            try:
                chunk = next(chunks)
            except StopIteration:
                exhausted = True
                break
            pending.append(submit(chunk))
        if not pending:
            return
        yield from result(pending.popleft())


def extract_parallel(documents: Iterable[Document], *, jobs: int | None = None, scheduler: Any = None,
                     chunk_size: int = CHUNK_SIZE, chunk_chars: int = CHUNK_CHARS,
                     max_in_flight: int | None = None) -> Iterator[Extraction]:
    """One :class:`Extraction` per document, in input order, extracted by ``jobs`` processes
    (default: every core) or by the Dask cluster at ``scheduler``.

    Parameters
    ----------
    documents : iterable of Document
        Read lazily, at most ``max_in_flight`` chunks ahead of the results.
    jobs : int, optional
        Worker processes; ``1`` extracts in this process (no pool), ``None`` every core.
        Ignored when ``scheduler`` is given.
    scheduler : str or distributed.Client, optional
        ``tcp://host:port`` of a Dask scheduler, or a client / cluster object.
    chunk_size, chunk_chars : int
        Documents and characters per task, at most / about.
    max_in_flight : int, optional
        Chunks queued or running at once (default twice the workers).

    Examples
    --------
    >>> docs = [Document("a", "武汉市黄陂区"), Document("b", "市水务局负责人表示")]
    >>> [ex.document.id for ex in extract_parallel(docs, jobs=1)]
    ['a', 'b']
    """
    if scheduler is not None:
        yield from _extract_dask(documents, scheduler, chunk_size, chunk_chars, max_in_flight)
        return
    jobs = default_jobs() if jobs is None else int(jobs)
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    chunks = chunked(documents, chunk_size, chunk_chars)
    if jobs == 1:
        warm()  # the tables built (and frozen, see warm) before the first chunk, as for workers
        for chunk in chunks:
            yield from extract_chunk(chunk)
        return
    from concurrent.futures import ProcessPoolExecutor

    warm()  # before forking: the workers inherit the built gazetteer and pipeline
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else None)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx)
    try:
        yield from _ordered(chunks, lambda c: pool.submit(extract_chunk, c), lambda f: f.result(),
                            max_in_flight or 2 * jobs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _extract_dask(documents: Iterable[Document], scheduler: Any, chunk_size: int, chunk_chars: int,
                  max_in_flight: int | None) -> Iterator[Extraction]:
    try:
        from distributed import Client
    except ImportError:  # pragma: no cover - optional dependency
        from .errors import GovKGError

        raise GovKGError("--scheduler needs Dask: pip install 'dask[distributed]'") from None
    own = False
    if isinstance(scheduler, Client):
        client = scheduler
    else:
        client = Client(scheduler)  # an address string or a cluster object
        own = True
    try:
        client.run(warm)  # every worker builds its gazetteer now, in parallel
        workers = max(1, sum(client.nthreads().values()))
        yield from _ordered(chunked(documents, chunk_size, chunk_chars),
                            lambda c: client.submit(extract_chunk, c, pure=False),
                            lambda f: f.result(), max_in_flight or 2 * workers)
    finally:
        if own:
            client.close()


def iter_extractions(inputs: Any, *, date=None, on_error: Callable | None = None, jobs: int | None = None,
                     scheduler: Any = None, **options: Any) -> Iterator[Extraction]:
    """Read ``inputs`` (files and folders, streamed by :func:`kg.ingest.iter_documents`) and
    yield the extraction of each document in input order (see :func:`extract_parallel`).

    ``date`` is a :class:`datetime.date` (or None) for documents that carry none; input errors go
    to ``on_error`` (without it they raise), always in this process.
    """
    from .ingest import iter_documents

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    docs = iter_documents(inputs, default_date=date, on_error=on_error)
    return extract_parallel(docs, jobs=jobs, scheduler=scheduler, **options)
