"""Files in, :class:`~kg.model.Document` records out: the first stage of govkg.

Inputs are files or folders of ``.txt``, ``.html``/``.htm``, ``.jsonl`` and ``.csv``.
Folders are walked recursively in a deterministic order (paths sorted by their parts, by
code point, so every machine gives the same order); hidden files and folders (``.git``,
``.DS_Store``) and files of other types inside folders are skipped. A file named
explicitly must have a supported suffix.

Nothing is ever executed: HTML is parsed by lxml and its article text extracted by
trafilatura (offline); ``<script>`` and ``<style>`` never reach the text.

Rules every reader follows
--------------------------
* **Streaming.** JSONL and CSV are read record by record; only ``.txt``/``.html`` files are
  read whole (one document each), capped by ``max_chars``.
* **Text.** ``Document.text`` is the text exactly as decoded (for HTML: as extracted), except
  that ``\\r\\n`` and ``\\r`` become ``\\n``. Character offsets in later stages refer to this
  normalised text.
* **Encodings** (:func:`decode_bytes`): BOM first, strict UTF-8 next, then (HTML only) the
  charset the page declares, then GB18030 if every byte is valid GB2312 (a Chinese prior:
  short GBK text is otherwise taken for Big5), then charset-normalizer. GBK files are
  reported as ``gb18030``, the superset that decodes them identically. UTF-16/32 need a BOM
  (without one, their NUL bytes make the file "binary"). The encoding is kept in
  ``meta["encoding"]``; JSONL/CSV files have theirs guessed from their first 64 KiB.
* **Errors.** Every problem becomes an :class:`~kg.errors.InputError` whose source names the
  file, and for JSONL/CSV the line (``corpus.jsonl:17``). It is passed to ``on_error`` and
  reading goes on with the next file or line; without ``on_error`` it is raised, which ends
  the iteration.
* **Dates.** ``Document.date`` comes from the input's metadata (JSONL/CSV ``date``, HTML meta
  tags, then trafilatura's metadata), else ``default_date``, else a full dateline
  (``2019年6月28日``, ``2019-06-28``, ``2019/06/28``) in the first
  :data:`DATELINE_WINDOW` characters, else an inference from the text by
  :func:`kg.dates.infer_date`: a month-day and a relative day word (``6月27日`` … ``在昨日
  培训会现场`` → 6月28日; ``昨天（27日）``; a dispatch dateline ``6月28日电``), its year only
  from evidence in the text (the date's own year, ``今年（2019年）``, a full date less than a
  month before, ``截至2018年底`` as the latest completed year). ``meta["date_source"]`` says
  which (``"metadata"``, ``"default"``, ``"text"``, ``"text-inferred"``); for ``"text"``,
  ``meta["date_evidence"]`` holds the matched string, for an inference the list of matched
  phrases, with ``meta["date_rule"]`` naming the rules used. When a month-day is inferred but
  no year, the date stays None (relative deadlines stay unresolved) and
  ``meta["date_partial"]`` holds the month-day (``"06-28"``), with no ``date_source``. An
  invalid metadata date (``2019-13-45``) is reported as an error and then treated as absent:
  the document is still yielded, dated by the next rule.
* **Ids.** The file stem for ``.txt``/``.html``; the ``id`` field for JSONL/CSV records, else
  ``<stem>-<line>``. Control and format characters are stripped; an id must be non-empty and
  at most :data:`MAX_ID_CHARS` characters. A duplicate id in one run is an error for the
  later document, which is skipped.
* **Size.** A ``.txt``/``.html`` file or a JSONL/CSV record longer than ``max_chars``
  (default :data:`MAX_CHARS`, 20 million characters) is an error "too large" and skipped;
  files bigger than ``4 * max_chars`` bytes are refused before they are read.
* **Titles.** HTML: trafilatura's title (``og:title``, ``<h1>``, ``<title>``); JSONL/CSV: the
  ``title`` field; ``.txt``: the first non-blank line if at most 200 characters
  (``meta["title_source"] = "first line"``). The text itself is never shortened.
* **Meta.** ``format`` (``txt``/``html``/``jsonl``/``csv``), ``encoding``, ``date_source``,
  ``date_field`` (``date``, ``meta:pubdate``, ``trafilatura``...), ``date_evidence``,
  ``date_rule``, ``date_partial``, and for
  JSONL/CSV any other fields under ``fields``.
"""
from __future__ import annotations

import codecs
import csv
import datetime as _dt
import io
import json
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.dates import infer_date
from kg.errors import InputError
from kg.model import Document

__all__ = [
    "SUFFIXES",
    "MAX_CHARS",
    "MAX_ID_CHARS",
    "DATELINE_WINDOW",
    "iter_documents",
    "read_document",
    "decode_bytes",
]

#: File suffixes read (lower-cased) and the reader each one goes to.
SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".csv": "csv"}
#: Default cap on the characters of one document (a whole .txt/.html file or one record).
MAX_CHARS = 20_000_000
#: Longest document id accepted.
MAX_ID_CHARS = 200
#: How far from the top of the text (in characters) a dateline is looked for.
DATELINE_WINDOW = 1000

_BYTES_PER_CHAR = 4  # no supported encoding needs more bytes for one character
_SAMPLE_BYTES = 1 << 16  # how much of a JSONL/CSV file is read to guess its encoding
_DETECT_BYTES = 1 << 18  # how much of a file charset-normalizer looks at
_TITLE_MAX = 200  # a .txt first line longer than this is not taken as the title
#: (BOM, encoding reported, codec for the bytes after the BOM). UTF-32 comes before UTF-16:
#: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)
#: Codecs whose failure offsets are compared when nothing decodes a file.
_PROBES = ("utf-8", "gb18030", "big5")
#: Wider codecs tried in turn when the detected one fails on part of the file.
_WIDER = {"big5": ("big5", "cp950", "big5hkscs"), "gbk": ("gb18030",), "gb2312": ("gb18030",)}
#: Declared HTML charsets read as their superset, as browsers do (WHATWG Encoding).
_DECLARED_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030"}
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
#: HTML <meta> names/properties that carry the publication date, in order of preference.
_META_DATE_KEYS = (
    "article:published_time",
    "pubdate",
    "publishdate",
    "publish_date",
    "firstpublishedtime",
    "datepublished",
    "og:published_time",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "date",
)
_DIGIT = "[0-9０-９]"
_DATELINE = re.compile(
    rf"(?<![0-9０-９])({_DIGIT}{{4}})"
    rf"(?:\s*年\s*({_DIGIT}{{1,2}})\s*月\s*({_DIGIT}{{1,2}})\s*日"
    rf"|([-/.－／．])({_DIGIT}{{1,2}})\4({_DIGIT}{{1,2}})(?![0-9０-９]))"
)
_META_DATE = re.compile(
    r"(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})|年(\d{1,2})月(\d{1,2})日?|(\d{2})(\d{2}))(?!\d)"
)
_SURROGATE = re.compile("[\ud800-\udfff]")
_ID_DROP = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}


@dataclass(frozen=True)
class _Options:
    """Settings shared by the readers of one run."""

    default_date: _dt.date | None
    max_chars: int


#: What readers yield: documents, and the errors met on the way (reported by the caller).
_Item = Document | InputError


# ----------------------------------------------------------------------------- public API


def iter_documents(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    *,
    default_date: _dt.date | None = None,
    on_error: Callable[[InputError], None] | None = None,
    max_chars: int = MAX_CHARS,
) -> Iterator[Document]:
    """Yield a :class:`Document` for every article in ``inputs``, one at a time.

    Parameters
    ----------
    inputs : iterable of paths (a single path is accepted too)
        Files and folders; folders are recursed in sorted order.
    default_date : datetime.date, optional
        Date for documents whose metadata has none (it wins over a dateline in the text).
    on_error : callable, optional
        Receives each :class:`InputError`; reading then goes on. Without it the first
        error is raised and the iteration ends.
    max_chars : int
        Longest document (file or record) accepted, in characters.

    Errors that skip something: unreadable, binary, empty, undecodable or too large files or
    records; broken JSON/CSV lines; bad or duplicate ids. Errors that skip nothing: an invalid
    metadata date (the document is yielded, dated by ``default_date`` or its text).

    Examples
    --------
    >>> errors = []
    >>> docs = list(iter_documents(["corpus/"], on_error=errors.append))  # doctest: +SKIP
    """
    opts = _Options(default_date, max_chars)
    report = on_error or _raise
    if isinstance(inputs, (str, bytes, os.PathLike)):
        inputs = [inputs]
    seen: dict[str, str] = {}
    for path in _iter_paths(inputs, report):
        for item in _file_items(path, opts):
            if isinstance(item, InputError):
                report(item)
            elif item.id in seen:
                problem = f"duplicate id {item.id!r} (first in {seen[item.id]}); skipped"
                report(InputError(item.source or "", problem))
            else:
                seen[item.id] = item.source or ""
                yield item


def read_document(
    path: str | os.PathLike[str],
    *,
    default_date: _dt.date | None = None,
    on_error: Callable[[InputError], None] | None = None,
    max_chars: int = MAX_CHARS,
) -> Document:
    """Read one ``.txt`` or ``.html``/``.htm`` file as a :class:`Document`.

    Raises :class:`InputError` when the file cannot be read. A problem that does not stop
    the document (an invalid metadata date) goes to ``on_error`` if given, else is raised.
    """
    path = Path(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind not in ("txt", "html"):
        raise InputError(_name(path), "read_document reads only .txt, .html and .htm files")
    *problems, doc = _read_whole_file(path, kind, _Options(default_date, max_chars))
    for problem in problems:
        (on_error or _raise)(problem)
    return doc


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and name its encoding: ``(text, encoding)``.

    Order: a BOM (UTF-8, UTF-16, UTF-32), then strict UTF-8, then the ``declared`` charset
    (an HTML page's ``<meta charset>``) if it decodes the bytes, then charset-normalizer
    (GB18030/GBK, Big5 and others). The text is returned exactly as decoded.

    Raises :class:`InputError` naming ``source`` for a binary file (NUL bytes without a
    UTF-16/32 BOM), an empty or whitespace-only file, and for bytes that no encoding decodes,
    with their byte offset.

    Examples
    --------
    >>> decode_bytes("武汉市发展和改革委员会".encode("gbk"), "a.txt")
    ('武汉市发展和改革委员会', 'gb18030')
    >>> decode_bytes("臺北市政府環境保護局今日宣布".encode("big5"), "b.txt")
    ('臺北市政府環境保護局今日宣布', 'big5')
    """
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            text = _strict_decode(data[len(bom) :], codec, source, len(bom))
            return _check_text(text, source), name
    if b"\x00" in data:
        raise InputError(source, f"binary file (NUL byte at byte offset {data.index(0)})")
    try:
        return _check_text(data.decode("utf-8"), source), "utf-8"
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data):
            raise _decode_error(source, data, exc.start, "utf-8") from None
    failures: list[tuple[int, str]] = []
    for codec in _candidates(data, declared):
        try:
            return _check_text(data.decode(codec), source), codec
        except UnicodeDecodeError as exc:
            failures.append((exc.start, codec))
        except LookupError:
            continue
    start, codec = max(failures or _probe_failures(data))
    raise _decode_error(source, data, start, f"{codec} (nor any other encoding tried)")


# ----------------------------------------------------------------------------- paths


def _raise(error: InputError) -> None:
    """The default ``on_error``: raise."""
    raise error


def _name(path: Path | str) -> str:
    """A printable name for ``path`` (undecodable file-name bytes shown as ``\\xff``)."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _iter_paths(inputs: Iterable[Any], report: Callable[[InputError], None]) -> Iterator[Path]:
    """Each file to read: files as named, folders expanded (supported suffixes only)."""
    for item in inputs:
        path = Path(os.fsdecode(item))
        if path.is_dir():
            yield from _walk(path, report)
        elif path.exists() or path.is_symlink():
            yield path
        else:
            report(InputError(_name(path), "no such file or directory"))


def _walk(root: Path, report: Callable[[InputError], None]) -> list[Path]:
    """The supported, non-hidden files under ``root``, sorted by their path parts."""

    def on_walk_error(exc: OSError) -> None:
        report(InputError(_name(exc.filename or root), f"cannot read folder: {exc.strerror}"))

    found = []
    for folder, dirs, files in os.walk(root, onerror=on_walk_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for file in files:
            if not file.startswith(".") and Path(file).suffix.lower() in SUFFIXES:
                found.append(Path(folder, file))
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _file_items(path: Path, opts: _Options) -> Iterator[_Item]:
    """Documents and errors from one file; an error that stops the file comes last."""
    kind = SUFFIXES.get(path.suffix.lower())
    try:
        if kind is None:
            expected = ", ".join(sorted(SUFFIXES))
            raise InputError(_name(path), f"unsupported file type (expected {expected})")
        if kind in ("txt", "html"):
            yield from _read_whole_file(path, kind, opts)
        else:
            yield from _read_records(path, kind, opts)
    except InputError as error:
        yield error


# ----------------------------------------------------------------------------- decoding


def _check_text(text: str, source: str) -> str:
    """Refuse decoded text that is empty, whitespace-only or has NUL characters."""
    if not text or text.isspace():
        raise InputError(source, "empty: no text in the file")
    if "\x00" in text:
        raise InputError(source, f"binary file (NUL character at offset {text.index(chr(0))})")
    return text


def _strict_decode(data: bytes, codec: str, source: str, offset: int = 0) -> str:
    """Decode strictly, turning a failure into an :class:`InputError` with the byte offset."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise _decode_error(source, data, exc.start, codec, offset) from None


def _decode_error(source: str, data: bytes, start: int, codec: str, offset: int = 0) -> InputError:
    """The error for undecodable bytes at ``start`` (+ ``offset`` for a skipped BOM)."""
    snippet = data[start : start + 4]
    problem = f"undecodable bytes at byte offset {start + offset}: {snippet!r} is not valid {codec}"
    return InputError(source, problem)


def _probe_failures(data: bytes) -> list[tuple[int, str]]:
    """``(offset, codec)`` where each of ``_PROBES`` fails (the furthest one is reported)."""
    failures = []
    for codec in _PROBES:
        try:
            data.decode(codec)
        except UnicodeDecodeError as exc:
            failures.append((exc.start, codec))
    return failures or [(0, "utf-8")]


def _mostly_utf8(data: bytes) -> bool:
    """True if ``data`` is UTF-8 with a few bad bytes (so no other encoding should be guessed)."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    ascii_bytes = len(data) - len(data.translate(None, bytes(range(128))))
    good_multibyte = len(text) - ascii_bytes - bad
    return good_multibyte >= 4 * max(bad, 1)


def _candidates(data: bytes, declared: str | None) -> list[str]:
    """Codecs to try, in order: the declared charset, then GB18030 for bytes that are all
    valid GB2312 (short GBK text is otherwise often taken for Big5 or EUC-KR: a Chinese
    prior), then charset-normalizer's guess."""
    found: list[str] = []
    if declared:
        found.extend(_widen(_codec_name(_DECLARED_ALIASES.get(declared.lower(), declared))))
    if _is_gb2312(data) and "gb18030" not in found:
        found.append("gb18030")
        return found
    guess = _guess_codec(data)
    if guess:
        found.extend(c for c in _widen(guess) if c not in found)
    return found


def _is_gb2312(data: bytes) -> bool:
    """True if every byte sequence in ``data`` is a GB2312 (EUC-CN) character."""
    try:
        data.decode("gb2312")
    except UnicodeDecodeError:
        return False
    return True


def _guess_codec(data: bytes) -> str | None:
    """charset-normalizer's guess from the first ``_DETECT_BYTES`` bytes (cut at a newline)."""
    from charset_normalizer import from_bytes  # lazy: only non-UTF-8 input needs it

    sample = data
    if len(data) > _DETECT_BYTES:
        sample = data[:_DETECT_BYTES]
        sample = sample[: sample.rfind(b"\n") + 1] or sample
    best = from_bytes(sample).best()
    return _codec_name(best.encoding) if best is not None else None


def _codec_name(label: str) -> str:
    """Python's canonical name for an encoding label (``GB2312`` -> ``gb2312``)."""
    try:
        return codecs.lookup(label).name
    except LookupError:
        return label.lower()


def _widen(codec: str) -> tuple[str, ...]:
    """``codec`` followed by its supersets."""
    return (codec,) + tuple(c for c in _WIDER.get(codec, ()) if c != codec)


def _declared_charset(head: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` near its top, if any."""
    match = _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _normalise_newlines(text: str) -> str:
    """``\\r\\n`` and ``\\r`` to ``\\n`` (no copy when there is no ``\\r``)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ----------------------------------------------------------------------------- whole files


def _read_bytes(path: Path, max_chars: int) -> bytes:
    """The bytes of a regular file no bigger than ``max_chars`` could need."""
    source = _name(path)
    limit = max_chars * _BYTES_PER_CHAR
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise InputError(source, "not a regular file")
        if info.st_size > limit:
            raise InputError(source, f"too large: {info.st_size} bytes (max_chars={max_chars})")
        with path.open("rb") as handle:
            data = handle.read()  # sized from st_size: no buffer of `limit` bytes
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise InputError(source, f"too large: over {limit} bytes (max_chars={max_chars})")
    return data


def _read_whole_file(path: Path, kind: str, opts: _Options) -> Iterator[_Item]:
    """One ``.txt`` or ``.html`` file: its non-fatal errors, then its Document.

    Raises InputError when the file gives no document.
    """
    source = _name(path)
    data = _read_bytes(path, opts.max_chars)
    declared = _declared_charset(data[:4096]) if kind == "html" else None
    text, encoding = decode_bytes(data, source, declared=declared)
    del data
    if len(text) > opts.max_chars:
        raise InputError(source, f"too large: {len(text)} characters (max_chars={opts.max_chars})")
    doc_id = _clean_id(path.stem, source)
    meta: dict[str, Any] = {"format": kind, "encoding": encoding}
    if kind == "html":
        return _html_document(doc_id, text, source, meta, opts)
    text = _normalise_newlines(text)
    title = _first_line(text)
    if title is not None:
        meta["title_source"] = "first line"
    return _build(doc_id, text, source, title, None, [], meta, opts)


def _first_line(text: str) -> str | None:
    """The first non-blank line of a plain-text article, if short enough to be its title."""
    first = re.search(r"\S", text)
    if first is None:
        return None
    line = text[first.start() : first.start() + _TITLE_MAX + 1].split("\n", 1)[0]
    return line.strip() if len(line) <= _TITLE_MAX else None


def _html_document(
    doc_id: str, html: str, source: str, meta: dict[str, Any], opts: _Options
) -> Iterator[_Item]:
    """Extract the article text and metadata of an HTML page (trafilatura, offline)."""
    from trafilatura import bare_extraction  # lazy: heavy, needed for HTML only
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
        dates = _meta_dates(tree) if tree is not None else []
        result = None
        if tree is not None:
            result = bare_extraction(
                tree,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
    except Exception as exc:  # lxml/trafilatura failures on hostile markup
        raise InputError(source, f"HTML extraction failed: {type(exc).__name__}: {exc}") from None
    text = _normalise_newlines(getattr(result, "text", None) or "")
    if not text.strip():
        raise InputError(source, "empty: no article text found in the HTML")
    if getattr(result, "date", None):
        dates.append(("trafilatura", result.date))
    for key in ("author", "sitename", "hostname", "description"):
        value = getattr(result, key, None)
        if isinstance(value, str) and value:
            meta[key] = value
    title = getattr(result, "title", None) or None
    url = getattr(result, "url", None) or None
    if url and not url.lower().startswith(("http://", "https://")):
        url = None  # a javascript: or data: "canonical link" is no URL to keep
    return _build(doc_id, text, source, title, url, dates, meta, opts)


def _meta_dates(tree: Any) -> list[tuple[str, str]]:
    """``(field, raw value)`` for each date-bearing ``<meta>`` tag, most preferred first."""
    found: dict[str, str] = {}
    for element in tree.iter("meta"):
        content = (element.get("content") or "").strip()
        for attr in ("name", "property", "itemprop", "http-equiv"):
            key = (element.get(attr) or "").strip().lower()
            if key in _META_DATE_KEYS and content and key not in found:
                found[key] = content
    return [(f"meta:{key}", found[key]) for key in _META_DATE_KEYS if key in found]


# ----------------------------------------------------------------------------- records


def _read_records(path: Path, kind: str, opts: _Options) -> Iterator[_Item]:
    """Documents from a JSONL or CSV file, read one record at a time."""
    source = _name(path)
    codec = _sniff_stream_codec(path, source)
    try:
        with path.open("r", encoding=codec, errors="surrogateescape", newline="") as stream:
            if kind == "jsonl":
                yield from _jsonl_documents(stream, path, codec, opts)
            else:
                yield from _csv_documents(stream, path, codec, opts)
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None


def _sniff_stream_codec(path: Path, source: str) -> str:
    """The encoding of a JSONL/CSV file, guessed from its first ``_SAMPLE_BYTES`` bytes.

    Bytes the guess cannot decode further on are reported line by line.
    """
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise InputError(source, "not a regular file")
        with path.open("rb") as handle:
            sample = handle.read(_SAMPLE_BYTES)
    except OSError as exc:
        raise InputError(source, f"cannot read: {exc.strerror or exc}") from None
    for bom, name, _ in _BOMS:
        if sample.startswith(bom):
            return name
    if b"\x00" in sample:
        raise InputError(source, f"binary file (NUL byte at byte offset {sample.index(0)})")
    if len(sample) == _SAMPLE_BYTES:  # do not end the sample inside a character
        sample = sample[: sample.rfind(b"\n") + 1] or sample
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(sample):
        return "utf-8"
    return _guess_codec(sample) or "utf-8"


def _iter_lines(stream: io.TextIOBase, limit: int) -> Iterator[tuple[int, str | None]]:
    """``(line number, line)``; a line longer than ``limit`` is skipped and given as None."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(("\n", "\r")):
            while line and not line.endswith(("\n", "\r")):
                line = stream.readline(limit + 1)
            yield number, None
        else:
            yield number, line


def _jsonl_documents(
    stream: io.TextIOBase, path: Path, codec: str, opts: _Options
) -> Iterator[_Item]:
    """One Document per non-blank JSONL line; a broken line is reported and skipped."""
    name = _name(path)
    lines = _iter_lines(stream, opts.max_chars)
    records = 0
    while True:
        try:
            number, line = next(lines)
        except StopIteration:
            break
        except UnicodeDecodeError as exc:
            problem = f"undecodable {codec} text after the last good line: {exc.reason}"
            raise InputError(name, problem) from None
        if line is not None and not line.strip():
            continue
        records += 1
        source = f"{name}:{number}"
        try:
            if line is None:
                raise InputError(source, f"too large: line longer than max_chars={opts.max_chars}")
            record = _parse_json_line(line, source, codec)
            fallback_id = f"{path.stem}-{number}"
            yield from _record_document(record, source, fallback_id, "jsonl", codec, opts)
        except InputError as error:
            yield error
    if not records:
        raise InputError(name, "empty: no records in the file")


def _parse_json_line(line: str, source: str, codec: str) -> dict[str, Any]:
    """A JSONL line as a dict, or InputError."""
    _check_decoded_line(line, source, codec)
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise InputError(source, "invalid JSON: nested too deeply") from None
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, got {type(record).__name__}")
    return record


def _check_decoded_line(line: str, source: str, codec: str) -> None:
    """Report bytes the codec could not decode (kept as surrogates) with their byte offset."""
    match = _SURROGATE.search(line)
    if match:
        prefix = line[: match.start()].encode(codec.replace("-sig", ""), "surrogateescape")
        problem = f"undecodable bytes at byte offset {len(prefix)} of the line: not valid {codec}"
        raise InputError(source, problem)


def _csv_documents(
    stream: io.TextIOBase, path: Path, codec: str, opts: _Options
) -> Iterator[_Item]:
    """One Document per CSV row (header row first: text, and optional id,title,date,url)."""
    name = _name(path)
    reader = csv.reader(stream)
    header = _next_row(reader, opts.max_chars, name)
    while header is not None and not any(field.strip() for field in header):
        header = _next_row(reader, opts.max_chars, name)  # blank lines before the header
    if header is None:
        raise InputError(name, "empty: no header row")
    columns = [col.strip().lstrip("\ufeff").lower() for col in header]
    if "text" not in columns:
        problem = f"no 'text' column (columns: {', '.join(columns)})"
        raise InputError(f"{name}:{reader.line_num}", problem)
    while True:
        start = reader.line_num + 1
        source = f"{name}:{start}"
        try:
            row = _next_row(reader, opts.max_chars, source)
            if row is None:
                return
            if any(field.strip() for field in row):
                record = _csv_record(row, columns, source, codec)
                fallback_id = f"{path.stem}-{start}"
                yield from _record_document(record, source, fallback_id, "csv", codec, opts)
        except InputError as error:
            yield error


def _next_row(reader: Any, max_chars: int, source: str) -> list[str] | None:
    """The next CSV row, with the field size limit raised to ``max_chars`` only meanwhile."""
    old = csv.field_size_limit(max_chars)
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error as exc:
        raise InputError(source, f"invalid CSV: {exc}") from None
    except UnicodeDecodeError as exc:
        raise InputError(source, f"undecodable text: {exc.reason}") from None
    finally:
        csv.field_size_limit(old)


def _csv_record(row: list[str], columns: list[str], source: str, codec: str) -> dict[str, Any]:
    """A CSV row as a dict keyed by the header; empty cells become None."""
    if len(row) > len(columns):
        raise InputError(source, f"row has {len(row)} fields but the header has {len(columns)}")
    for field in row:
        _check_decoded_line(field, source, codec)
    return {col: (value if value.strip() else None) for col, value in zip(columns, row)}


def _record_document(
    record: dict[str, Any], source: str, fallback_id: str, kind: str, codec: str, opts: _Options
) -> Iterator[_Item]:
    """A Document from a JSONL/CSV record (fields text, id, title, date, url)."""
    if "text" not in record:
        raise InputError(source, "missing 'text' field")
    text = record["text"]
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InputError(source, "empty: the 'text' field has no text")
    if not isinstance(text, str):
        raise InputError(source, f"'text' must be a string, got {type(text).__name__}")
    if _SURROGATE.search(text):
        raise InputError(source, "invalid text: lone surrogate characters")
    if len(text) > opts.max_chars:
        raise InputError(source, f"too large: {len(text)} characters (max_chars={opts.max_chars})")
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int, type(None))):
        raise InputError(source, f"'id' must be a string, got {type(raw_id).__name__}")
    doc_id = _clean_id(fallback_id if raw_id in (None, "") else str(raw_id), source)
    title, url = _optional_str(record, "title", source), _optional_str(record, "url", source)
    dates = [("date", record["date"])] if record.get("date") not in (None, "") else []
    meta: dict[str, Any] = {"format": kind, "encoding": codec}
    extra = {k: v for k, v in record.items() if k not in ("text", "id", "title", "date", "url")}
    if extra:
        meta["fields"] = extra
    return _build(doc_id, _normalise_newlines(text), source, title, url, dates, meta, opts)


def _optional_str(record: dict[str, Any], key: str, source: str) -> str | None:
    """``record[key]`` as a stripped string, or None when absent or blank."""
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(source, f"{key!r} must be a string, got {type(value).__name__}")
    if _SURROGATE.search(value):
        raise InputError(source, f"invalid {key}: lone surrogate characters")
    return value.strip() or None


# ----------------------------------------------------------------------------- ids and dates


def _clean_id(raw: str, source: str) -> str:
    """``raw`` without control/format characters and outer whitespace; InputError if unusable."""
    cleaned = "".join(ch for ch in raw if unicodedata.category(ch) not in _ID_DROP).strip()
    if not cleaned:
        raise InputError(source, "invalid id: empty")
    if len(cleaned) > MAX_ID_CHARS:
        raise InputError(source, f"invalid id: {len(cleaned)} characters (max {MAX_ID_CHARS})")
    return cleaned


def _build(
    doc_id: str,
    text: str,
    source: str,
    title: str | None,
    url: str | None,
    dates: list[tuple[str, Any]],
    meta: dict[str, Any],
    opts: _Options,
) -> Iterator[_Item]:
    """Yield an error for each invalid metadata date, then the Document.

    The date is the first valid metadata date, else the default date, else the text's
    dateline, else what :func:`kg.dates.infer_date` infers.
    """
    date = None
    for field, raw in dates:
        try:
            date = _parse_date(raw)
        except ValueError:
            yield InputError(source, f"invalid date {raw!r} in {field}; ignored")
            continue
        meta.update(date_source="metadata", date_field=field)
        break
    if date is None and opts.default_date is not None:
        date = opts.default_date
        meta["date_source"] = "default"
    if date is None:
        date = _dateline(text, meta)
    if date is None:
        date = _inferred_date(text, meta)
    yield Document(id=doc_id, text=text, title=title, date=date, url=url, source=source, meta=meta)


def _parse_date(value: Any) -> _dt.date:
    """A metadata date: ISO date or datetime, ``2019/06/28``, ``2019.06.28``, ``20190628``,
    ``2019年6月28日`` (full-width digits too). Raises ValueError."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"not a string: {value!r}")
    match = _META_DATE.match(unicodedata.normalize("NFKC", value).strip())
    if not match:
        raise ValueError(f"not a date: {value!r}")
    year, _, *parts = match.groups()
    month, day = [int(p) for p in parts if p is not None]
    return _dt.date(int(year), month, day)


def _dateline(text: str, meta: dict[str, Any]) -> _dt.date | None:
    """The first valid full date near the top of ``text`` (recorded in ``meta``), or None."""
    for match in _DATELINE.finditer(text[:DATELINE_WINDOW]):
        year = match.group(1)
        month, day = (match.group(2), match.group(3)) if match.group(2) else match.group(5, 6)
        try:
            date = _dt.date(int(year), int(month), int(day))
        except ValueError:
            continue
        if 1900 <= date.year <= 2100:
            meta["date_source"] = "text"
            meta["date_evidence"] = match.group(0)
            return date
    return None


def _inferred_date(text: str, meta: dict[str, Any]) -> _dt.date | None:
    """The date :mod:`kg.dates` infers from a month-day and a relative day word, recorded in
    ``meta``; None (with ``date_partial`` when a month-day was found) if there is no year."""
    found = infer_date(text)
    if found is None:
        return None
    meta["date_evidence"] = list(found.evidence)
    meta["date_rule"] = found.rule
    if found.date is None:
        meta["date_partial"] = found.partial
    else:
        meta["date_source"] = "text-inferred"
    return found.date

