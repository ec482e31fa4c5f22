"""Tests for kg.ingest: encodings, HTML, JSONL/CSV, dates, ids, hostile and oversized input."""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import DATELINE_WINDOW, decode_bytes, iter_documents, read_document

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"

# Lines from /work/shared/seeds/000_c246a7f8e94544f9.txt (长江日报).
TITLE = "全市各单位积极响应市委全体(扩大)会议部署 不折不扣全力打赢打好三大攻坚战"
PARAGRAPH = (
    "“只有打赢打好三大攻坚战,攻下最难的堡垒、啃下最硬的骨头,全面建成小康社会才能得到人民认可、"
    "经得起历史检验。”6月27日,武汉市委召开十三届七次全体(扩大)会议提出,到2021年,"
    "要力争地区生产总值达到2万亿元左右,重大风险防控机制进一步健全,乡村振兴取得重要进展。"
)
ARTICLE = f"{TITLE}\n\n{PARAGRAPH}\n"
# A traditional-script rendering of the same news, for Big5.
TRADITIONAL = (
    "武漢市委召開十三屆七次全體(擴大)會議,提出到2021年力爭地區生產總值達到2萬億元左右,"
    "重大風險防控機制進一步健全,鄉村振興取得重要進展。\n"
)


def collect(inputs, **kwargs):
    """(documents, errors) from iter_documents with errors collected."""
    errors: list[InputError] = []
    docs = list(iter_documents(inputs, on_error=errors.append, **kwargs))
    return docs, errors


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# ----------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("codec", "text", "expected"),
    [
        ("utf-8", ARTICLE, "utf-8"),
        ("utf-8-sig", ARTICLE, "utf-8-sig"),
        ("utf-16", ARTICLE, "utf-16"),  # Python writes a BOM (little-endian here)
        ("gbk", ARTICLE, "gb18030"),  # GBK is reported as its superset GB18030
        ("gb18030", ARTICLE + "𠀀\n", "gb18030"),  # a 4-byte GB18030 character
        ("big5", TRADITIONAL, "big5"),
    ],
)
def test_encoding_round_trip(tmp_path, codec, text, expected):
    path = tmp_path / f"article_{codec}.txt"
    path.write_bytes(text.encode(codec))
    doc = read_document(path)
    assert doc.text == text
    assert doc.meta["encoding"] == expected


def test_utf16_big_endian_bom():
    data = b"\xfe\xff" + PARAGRAPH.encode("utf-16-be")
    assert decode_bytes(data, "be.txt") == (PARAGRAPH, "utf-16")


def test_short_gbk_is_not_taken_for_big5():
    assert decode_bytes("武汉市".encode("gbk"), "short.txt") == ("武汉市", "gb18030")


def test_html_declared_charset_is_used(tmp_path):
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        f"<title>{TITLE}</title></head><body><article><p>{PARAGRAPH}</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode("gbk"))
    doc = read_document(path)
    assert doc.meta["encoding"] == "gb18030"
    assert PARAGRAPH in doc.text


def test_undecodable_utf8_names_file_and_offset(tmp_path):
    good = ARTICLE.encode("utf-8")
    path = tmp_path / "broken_utf8.txt"
    path.write_bytes(good[:90] + b"\xff" + good[90:])
    with pytest.raises(InputError, match=r"broken_utf8\.txt: undecodable bytes at byte offset 90"):
        read_document(path)


def test_undecodable_gbk_reports_offset_of_the_bad_byte():
    head, tail = ARTICLE[:80].encode("gbk"), (ARTICLE[80:] * 3).encode("gbk")
    with pytest.raises(InputError, match=f"byte offset {len(head)}:") as info:
        decode_bytes(head + b"\xff\xff" + tail, "broken_gbk.txt")
    assert info.value.source == "broken_gbk.txt"


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match=r"image\.txt: binary file"):
        read_document(path)


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", "\u3000\n".encode("utf-8"), b"\xef\xbb\xbf"])
def test_empty_file(tmp_path, data):
    path = tmp_path / "blank.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"blank\.txt: empty"):
        read_document(path)


def test_newlines_normalised(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(f"{TITLE}\r\n\r\n{PARAGRAPH}\r第二段\r\n".encode("utf-8"))
    doc = read_document(path)
    assert doc.text == f"{TITLE}\n\n{PARAGRAPH}\n第二段\n"
    assert doc.title == TITLE
    assert doc.id == "crlf"


# ----------------------------------------------------------------------------- HTML


def test_html_scripts_and_styles_never_text():
    doc = read_document(HOSTILE / "script_style.html")
    for leak in ("pwned", "LEAK", "document.", "color: red", "evil.example", "alert"):
        assert leak not in doc.text
        assert leak not in (doc.title or "")
    assert "攻下最难的堡垒" in doc.text
    assert "防范化解重大风险攻坚战" in doc.text
    assert doc.title == "全市各单位积极响应市委全体(扩大)会议部署"
    assert doc.date == dt.date(2019, 6, 28)
    assert doc.meta["date_source"] == "metadata"
    assert doc.meta["date_field"] == "meta:pubdate"
    assert doc.url is None  # the javascript: canonical link is dropped
    assert doc.id == "script_style"


def test_html_text_is_what_offsets_refer_to():
    doc = read_document(HOSTILE / "script_style.html")
    start = doc.text.index("武汉市委")
    assert doc.text[start : start + 4] == "武汉市委"
    assert "\r" not in doc.text


def test_html_invalid_meta_date_reported_and_document_kept(tmp_path):
    path = tmp_path / "bad_date.html"
    path.write_text(
        '<html><head><meta name="publishdate" content="2019-13-45"></head>'
        f"<body><article><p>2019年6月28日 {PARAGRAPH}</p></article></body></html>",
        encoding="utf-8",
    )
    docs, errors = collect([path])
    assert [e.source for e in errors] == [str(path)]
    assert "invalid date '2019-13-45'" in errors[0].problem
    assert docs[0].date == dt.date(2019, 6, 28)
    assert docs[0].meta["date_source"] == "text"
    with pytest.raises(InputError, match=r"bad_date\.html: invalid date"):
        read_document(path)


def test_html_without_article_text(tmp_path):
    path = tmp_path / "only_script.html"
    path.write_text("<html><head><script>var a = '正文';</script></head><body></body></html>")
    with pytest.raises(InputError, match=r"only_script\.html: empty"):
        read_document(path)


def test_importing_ingest_does_not_import_trafilatura():
    code = "import sys, kg.ingest; print('trafilatura' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# ----------------------------------------------------------------------------- JSONL


def test_jsonl_broken_line_others_still_yielded(tmp_path):
    path = write_jsonl(
        tmp_path / "file.jsonl",
        [
            json.dumps({"id": "a", "text": PARAGRAPH, "date": "2019-06-28"}, ensure_ascii=False),
            '{"id": "b", "text": "未闭合',
            "",
            json.dumps({"text": TRADITIONAL, "title": "武漢"}, ensure_ascii=False),
        ],
    )
    docs, errors = collect([path])
    assert [d.id for d in docs] == ["a", "file-4"]
    assert [e.source for e in errors] == [f"{path}:2"]
    assert errors[0].source.endswith("file.jsonl:2")
    assert "invalid JSON" in errors[0].problem
    assert docs[0].source == f"{path}:1"
    assert docs[0].date == dt.date(2019, 6, 28)
    assert docs[1].title == "武漢"
    with pytest.raises(InputError, match=r"file\.jsonl:2: invalid JSON"):
        list(iter_documents([path]))


def test_jsonl_committed_fixture():
    docs, errors = collect([HOSTILE / "mixed.jsonl"], default_date=dt.date(2020, 1, 1))
    assert [d.id for d in docs] == ["wh-001", "wh-003"]
    assert [e.source.rsplit("/", 1)[-1] for e in errors] == ["mixed.jsonl:2", "mixed.jsonl:3"]
    assert docs[1].date == dt.date(2020, 1, 1)


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("[1, 2, 3]", "expected a JSON object"),
        ('{"title": "无正文"}', "missing 'text' field"),
        ('{"text": 20190628}', "'text' must be a string, got int"),
        ('{"text": "   "}', "empty"),
        ('{"id": ["x"], "text": "正文"}', "'id' must be a string"),
        ('{"id": "\\u0000\\u200b", "text": "正文"}', "invalid id: empty"),
        (json.dumps({"id": "长" * 201, "text": "正文"}), "invalid id: 201 characters"),
        ('{"text": "\\ud800 孤立代理"}', "lone surrogate"),
        ("[" * 100_000 + "]" * 100_000, "invalid JSON"),
    ],
)
def test_jsonl_bad_records(tmp_path, line, problem):
    path = write_jsonl(tmp_path / "bad.jsonl", [line, json.dumps({"text": PARAGRAPH})])
    docs, errors = collect([path])
    assert [d.id for d in docs] == ["bad-2"]
    assert [e.source for e in errors] == [f"{path}:1"]
    assert problem in errors[0].problem


def test_jsonl_id_control_characters_stripped(tmp_path):
    record = {"id": " wh\x1b[31m-\u202e01\n", "text": "正文"}
    path = write_jsonl(tmp_path / "ids.jsonl", [json.dumps(record)])
    docs, _ = collect([path])
    assert docs[0].id == "wh[31m-01"


def test_jsonl_undecodable_line_reported_with_offset(tmp_path):
    path = tmp_path / "bytes.jsonl"
    good = json.dumps({"text": PARAGRAPH}, ensure_ascii=False).encode("utf-8")
    path.write_bytes(good + b"\n" + b'{"text": "\xff\xfe"}\n' + good + b"\n")
    docs, errors = collect([path])
    assert [d.id for d in docs] == ["bytes-1", "bytes-3"]
    assert errors[0].source == f"{path}:2"
    assert "undecodable bytes at byte offset 10" in errors[0].problem


def test_jsonl_in_gbk(tmp_path):
    path = tmp_path / "gbk.jsonl"
    lines = [json.dumps({"text": t}, ensure_ascii=False) for t in (PARAGRAPH, TITLE)]
    path.write_bytes("\n".join(lines).encode("gbk"))
    docs, errors = collect([path])
    assert errors == []
    assert [d.text for d in docs] == [PARAGRAPH, TITLE]
    assert docs[0].meta["encoding"] == "gb18030"


def test_jsonl_line_longer_than_max_chars(tmp_path):
    lines = [json.dumps({"text": "长" * 500}), json.dumps({"text": "短"})]
    path = write_jsonl(tmp_path / "long.jsonl", lines)
    docs, errors = collect([path], max_chars=100)
    assert [d.text for d in docs] == ["短"]
    assert errors[0].source == f"{path}:1" and "too large" in errors[0].problem


# ----------------------------------------------------------------------------- CSV


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


URL = "http://www.wuhan.gov.cn/1.html"


def test_csv(tmp_path):
    path = write_csv(
        tmp_path / "corpus.csv",
        [
            ["id", "title", "date", "url", "text", "channel"],
            ["wh-1", TITLE, "2019-06-28", URL, f"{PARAGRAPH}\n第二段", "要闻"],
            ["", "", "", "", TRADITIONAL.strip(), ""],
            ["wh-3", "", "2019-13-45", "", "全市各单位积极响应市委全体(扩大)会议部署", ""],
            ["wh-4", "", "", "", "", ""],
            ["wh-5", "a", "b", "c", "d", "e", "f"],
        ],
        encoding="utf-8-sig",
    )
    docs, errors = collect([path])
    assert [d.id for d in docs] == ["wh-1", "corpus-4", "wh-3"]
    first = docs[0]
    assert first.text == f"{PARAGRAPH}\n第二段"  # csv.writer wrote \r\n line ends
    assert (first.title, first.date, first.url) == (TITLE, dt.date(2019, 6, 28), URL)
    assert first.meta["fields"] == {"channel": "要闻"}
    assert first.meta["encoding"] == "utf-8-sig"
    assert [(e.source, e.problem.split(":")[0].split(" ")[0]) for e in errors] == [
        (f"{path}:5", "invalid"),  # 2019-13-45: reported, document kept
        (f"{path}:6", "empty"),
        (f"{path}:7", "row"),
    ]
    assert docs[2].date is None


@pytest.mark.parametrize(("name", "data"), [("e.jsonl", b"\n \n"), ("e.csv", b"\r\n  \r\n")])
def test_empty_record_files(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(InputError, match=rf"{name}: empty"):
        list(iter_documents([tmp_path / name]))


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "notext.csv"
    path.write_text("id,body\n1,正文\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"notext\.csv:1: no 'text' column"):
        list(iter_documents([path]))


def test_csv_field_limit_restored(tmp_path):
    before = csv.field_size_limit()
    path = tmp_path / "big.csv"
    path.write_text("text\n" + "长" * 200_000 + "\n", encoding="utf-8")
    docs, errors = collect([path])
    assert errors == [] and len(docs[0].text) == 200_000
    assert csv.field_size_limit() == before


# ----------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("head", "expected", "evidence"),
    [
        ("本报讯 2019年6月28日 ", dt.date(2019, 6, 28), "2019年6月28日"),
        ("发布时间:2019-06-28 08:00 来源:长江日报 ", dt.date(2019, 6, 28), "2019-06-28"),
        ("2019/06/28 ", dt.date(2019, 6, 28), "2019/06/28"),
        ("２０１９年６月２８日 ", dt.date(2019, 6, 28), "２０１９年６月２８日"),
        ("2019年13月45日 2019年6月29日 ", dt.date(2019, 6, 29), "2019年6月29日"),
    ],
)
def test_date_from_dateline(tmp_path, head, expected, evidence):
    path = tmp_path / "dated.txt"
    path.write_text(f"{TITLE}\n{head}{PARAGRAPH}", encoding="utf-8")
    doc = read_document(path)
    assert doc.date == expected
    assert doc.meta["date_source"] == "text"
    assert doc.meta["date_evidence"] == evidence


def test_no_date_without_full_dateline(tmp_path):
    path = tmp_path / "undated.txt"
    far = "。" * DATELINE_WINDOW
    path.write_text(f"{PARAGRAPH}{far}2019年6月28日", encoding="utf-8")  # 6月27日 has no year
    doc = read_document(path)
    assert doc.date is None and "date_source" not in doc.meta


def test_date_precedence_metadata_default_text(tmp_path):
    text = f"2018年1月2日 {PARAGRAPH}"
    path = write_jsonl(
        tmp_path / "dates.jsonl",
        [
            json.dumps({"id": "m", "date": "2019年06月28日", "text": text}),
            json.dumps({"id": "d", "text": text}),
        ],
    )
    docs, _ = collect([path], default_date=dt.date(2020, 5, 1))
    assert [(d.date, d.meta["date_source"]) for d in docs] == [
        (dt.date(2019, 6, 28), "metadata"),
        (dt.date(2020, 5, 1), "default"),
    ]
    docs, _ = collect([path])
    assert (docs[1].date, docs[1].meta["date_source"]) == (dt.date(2018, 1, 2), "text")


def test_invalid_metadata_date(tmp_path):
    record = {"id": "x", "date": "2019-13-45", "text": PARAGRAPH}
    path = write_jsonl(tmp_path / "dates.jsonl", [json.dumps(record)])
    docs, errors = collect([path], default_date=dt.date(2019, 7, 1))
    assert [e.source for e in errors] == [f"{path}:1"]
    assert "invalid date '2019-13-45'" in errors[0].problem
    assert docs[0].date == dt.date(2019, 7, 1) and docs[0].meta["date_source"] == "default"
    with pytest.raises(InputError, match=r"dates\.jsonl:1: invalid date"):
        list(iter_documents([path]))


# ----------------------------------------------------------------------------- ids, folders


def test_duplicate_ids_later_one_skipped(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "000_c246a7f8e94544f9.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b" / "000_c246a7f8e94544f9.txt").write_text(TRADITIONAL, encoding="utf-8")
    write_jsonl(tmp_path / "c.jsonl", [json.dumps({"id": "x", "text": t}) for t in "一二"])
    docs, errors = collect([tmp_path])
    assert [(d.id, d.text) for d in docs] == [("000_c246a7f8e94544f9", ARTICLE), ("x", "一")]
    assert [e.source for e in errors] == [
        str(tmp_path / "b" / "000_c246a7f8e94544f9.txt"),
        f"{tmp_path / 'c.jsonl'}:2",
    ]
    assert all("duplicate id" in e.problem for e in errors)
    with pytest.raises(InputError, match="duplicate id 'x'"):
        list(iter_documents([tmp_path / "c.jsonl"]))


def test_folder_recursion_is_sorted_and_deterministic(tmp_path):
    names = ["z.txt", "b/2.htm", "a.TXT", "b/1.jsonl", "b/c/0.csv", "c.txt", ".hidden.txt",
             ".git/x.txt", "notes.md", "b/image.png"]
    for name in reversed(names):  # created out of order on purpose
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith(".jsonl"):
            path.write_text(json.dumps({"text": PARAGRAPH}) + "\n", encoding="utf-8")
        elif name.endswith(".csv"):
            write_csv(path, [["text"], [PARAGRAPH]])
        elif name.endswith(".htm"):
            path.write_text(f"<html><body><p>{PARAGRAPH}</p></body></html>", encoding="utf-8")
        else:
            path.write_text(PARAGRAPH, encoding="utf-8")
    first, errors = collect([tmp_path])
    second, _ = collect([str(tmp_path)])
    assert errors == []
    assert [d.id for d in first] == ["a", "1-1", "2", "0-2", "c", "z"]
    assert [d.source for d in first] == [d.source for d in second]


def test_single_path_and_missing_or_unsupported_inputs(tmp_path):
    (tmp_path / "one.txt").write_text(PARAGRAPH, encoding="utf-8")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    docs, errors = collect(tmp_path / "one.txt")
    assert [d.id for d in docs] == ["one"]
    docs, errors = collect([tmp_path / name for name in ("missing.txt", "report.pdf", "one.txt")])
    assert [d.id for d in docs] == ["one"]
    assert "no such file" in errors[0].problem
    assert "unsupported file type" in errors[1].problem
    assert errors[1].source.endswith("report.pdf")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_fifo_is_refused_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(InputError, match=r"pipe\.txt: not a regular file"):
        read_document(tmp_path / "pipe.txt")


@pytest.mark.skipif(sys.platform != "linux", reason="needs byte file names")
def test_undecodable_file_name_is_printable(tmp_path):
    path = os.path.join(os.fsencode(tmp_path), b"bad\xffname.txt")
    with open(path, "wb") as handle:
        handle.write(b"\x00\x01")
    docs, errors = collect([tmp_path])
    assert docs == [] and errors[0].source.endswith("bad\\xffname.txt")
    errors[0].source.encode("utf-8")  # no lone surrogates


# ----------------------------------------------------------------------------- size


def test_50_mb_single_line_file(tmp_path):
    sentence = "武汉市委召开十三届七次全体(扩大)会议,全力打赢打好三大攻坚战。".encode("utf-8")
    repeats = 50_000_000 // len(sentence) + 1
    path = tmp_path / "huge.txt"
    path.write_bytes(sentence * repeats)
    size = path.stat().st_size
    tracemalloc.start()
    started = time.perf_counter()
    try:
        doc = read_document(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 5
    assert len(doc.text) == repeats * len(sentence.decode("utf-8"))
    assert doc.title is None and doc.date is None
    # The bytes, CPython's UTF-8 decoder buffer and the text: a small multiple of the size.
    assert peak < 5 * size


def test_too_large(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("长" * 1000, encoding="utf-8")
    with pytest.raises(InputError, match=r"big\.txt: too large"):
        read_document(path, max_chars=500)
    with pytest.raises(InputError, match=r"big\.txt: too large"):
        read_document(path, max_chars=100)  # refused from the file size, before reading


def test_invalid_metadata_date_falls_through_to_inference(tmp_path):
    text = f"{PARAGRAPH}截至2018年底,我市全面实现贫困人口脱贫销号。在昨日培训会现场,干部们表示将全力以赴。"
    path = write_csv(tmp_path / "inferred.csv", [["id", "date", "text"], ["wh", "2019-13-45", text]])
    docs, errors = collect([path])
    assert "invalid date '2019-13-45'" in errors[0].problem
    assert (docs[0].date, docs[0].meta["date_source"]) == (dt.date(2019, 6, 28), "text-inferred")
    assert docs[0].meta["date_evidence"] == ["6月27日", "昨日", "截至2018年底"]
