"""Progress of a long build: a bar on a terminal, parseable lines elsewhere.

On a terminal (``stream.isatty()``) :class:`Progress` redraws one line in place::

    [##########----------]  1200/10000 articles  85.3/s  ETA 1m43s

Anywhere else (a log file, CI, a pipe) it writes a plain line every ``interval`` seconds and one
at the end, in a fixed format a script can parse::

    progress 1200/10000 articles 85.3/s eta 103s
    progress 10000/10000 articles 85.3/s done 117.2s

When the total is unknown (a stream) the count stands alone and there is no ETA::

    progress 1200 articles 85.3/s

>>> import io
>>> out = io.StringIO()
>>> clock = iter([0.0, 10.0, 20.0, 20.0]).__next__
>>> with Progress(100, stream=out, interval=5, clock=clock) as p:
...     p.update(50)
>>> print(out.getvalue(), end="")
progress 50/100 articles 5.0/s eta 10s
progress 50/100 articles 2.5/s done 20.0s
"""
from __future__ import annotations

import csv
import os
import sys
import time
from pathlib import Path
from typing import Callable, Iterable, TextIO

__all__ = ["Progress", "format_line", "estimate_total"]

_SUFFIXES = {".txt": "doc", ".html": "doc", ".htm": "doc", ".jsonl": "jsonl", ".csv": "csv"}


def _paths(inputs: Iterable[str | os.PathLike]) -> Iterable[Path]:
    for item in inputs:
        p = Path(item)
        if p.is_dir():
            for sub in sorted(p.rglob("*")):
                rel = sub.relative_to(p).parts
                if sub.is_file() and not any(part.startswith(".") for part in rel):
                    yield sub
        elif p.is_file():
            yield p


def _jsonl_records(path: Path) -> int:
    n = 0
    with path.open("rb") as f:
        for line in f:
            if line.strip():
                n += 1
    return n


def _csv_records(path: Path) -> int:
    with path.open("r", encoding="utf-8", errors="replace", newline="") as f:
        old = csv.field_size_limit(1 << 30)
        try:
            rows = sum(1 for row in csv.reader(f) if any(c.strip() for c in row))
        finally:
            csv.field_size_limit(old)
    return max(0, rows - 1)


def estimate_total(inputs: Iterable[str | os.PathLike]) -> int | None:
    """About how many articles ``inputs`` hold, by a quick pass that extracts nothing: one per
    ``.txt``/``.html`` file, one per non-blank JSONL line, one per CSV row after the header.
    ``None`` when something cannot be counted (it is only for the ETA).

    >>> estimate_total([])
    0
    """
    total = 0
    try:
        for p in _paths(inputs):
            kind = _SUFFIXES.get(p.suffix.lower())
            if kind == "doc":
                total += 1
            elif kind == "jsonl":
                total += _jsonl_records(p)
            elif kind == "csv":
                total += _csv_records(p)
    except (OSError, csv.Error):
        return None
    return total


def _duration(seconds: float) -> str:
    s = int(round(seconds))
    if s < 60:
        return f"{s}s"
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


def format_line(done: int, total: int | None, elapsed: float, unit: str = "articles", *,
                final: bool = False) -> str:
    """The parseable progress line.

    >>> format_line(1200, 10000, 14.07)
    'progress 1200/10000 articles 85.3/s eta 103s'
    >>> format_line(1200, None, 14.07)
    'progress 1200 articles 85.3/s'
    >>> format_line(10, 10, 2.0, final=True)
    'progress 10/10 articles 5.0/s done 2.0s'
    """
    rate = done / elapsed if elapsed > 0 else 0.0
    count = f"{done}/{total}" if total is not None else f"{done}"
    line = f"progress {count} {unit} {rate:.1f}/s"
    if final:
        return f"{line} done {elapsed:.1f}s"
    if total is not None and rate > 0:
        line += f" eta {max(0, round((total - done) / rate))}s"
    return line


class Progress:
    """Count work done and show it on ``stream`` (stderr by default).

    Parameters
    ----------
    total : int, optional
        How many items are expected (``None``: unknown, no ETA). A count past the total raises
        the total to the count.
    stream : text stream
        Where to write; a terminal gets the redrawn bar, anything else plain lines.
    interval : float
        Seconds between plain lines (the bar redraws at most ten times a second).
    unit : str
        What is counted (``articles``).
    tty : bool, optional
        Force the bar (True) or the plain lines (False); default ``stream.isatty()``.
    enabled : bool
        False writes nothing (``--quiet``).
    clock : callable
        Seconds as a float (``time.monotonic``); tests pass a fake.
    """

    def __init__(self, total: int | None = None, *, stream: TextIO | None = None, interval: float = 5.0,
                 unit: str = "articles", tty: bool | None = None, enabled: bool = True,
                 clock: Callable[[], float] = time.monotonic):
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.unit = unit
        self.enabled = enabled
        self.clock = clock
        if tty is None:
            isatty = getattr(self.stream, "isatty", None)
            tty = bool(isatty and isatty())
        self.tty = tty
        self.done = 0
        self.chars = 0
        self._start = clock()
        self._last = self._start
        self._closed = False

    @property
    def elapsed(self) -> float:
        return self.clock() - self._start

    def update(self, n: int = 1, chars: int = 0) -> None:
        """Count ``n`` more items (and ``chars`` characters of text) and show them when due."""
        self.done += n
        self.chars += chars
        if self.total is not None and self.done > self.total:
            self.total = self.done
        if not self.enabled:
            return
        now = self.clock()
        if now - self._last >= (0.1 if self.tty else self.interval):
            self._last = now
            self._show(now - self._start)

    def _show(self, elapsed: float, final: bool = False) -> None:
        if self.tty:
            self.stream.write("\r" + self._bar(elapsed, final) + ("\n" if final else ""))
        else:
            self.stream.write(format_line(self.done, self.total, elapsed, self.unit, final=final) + "\n")
        self.stream.flush()

    def _bar(self, elapsed: float, final: bool) -> str:
        rate = self.done / elapsed if elapsed > 0 else 0.0
        width = 20
        if self.total:
            filled = min(width, int(width * self.done / self.total))
            bar = f"[{'#' * filled}{'-' * (width - filled)}] {self.done}/{self.total}"
        else:
            bar = f"{self.done}"
        line = f"{bar} {self.unit}  {rate:.1f}/s"
        if final:
            line += f"  done in {_duration(elapsed)}"
        elif self.total and rate > 0:
            line += f"  ETA {_duration((self.total - self.done) / rate)}"
        return line + "   "  # clear the tail of a longer previous line

    def echo(self, message: str) -> None:
        """Write a line of its own (an error) without breaking the bar."""
        if self.tty and self.enabled and not self._closed:
            self.stream.write("\r\x1b[K" + message + "\n")
            self._show(self.elapsed)
        else:
            self.stream.write(message + "\n")
            self.stream.flush()

    def close(self) -> None:
        """Write the final line (once)."""
        if self._closed:
            return
        self._closed = True
        if self.enabled:
            self._show(self.elapsed, final=True)

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
