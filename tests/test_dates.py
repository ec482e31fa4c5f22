"""Tests for kg.dates: the publication date inferred from a month-day and a relative day word,
its year only from evidence in the text, and what ingest and the targets make of it."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import kg
from kg.dates import COMPLETED_YEAR_MIN_MONTH, infer_date
from kg.ingest import iter_documents, read_document

SEED = Path("/work/shared/seeds/000_c246a7f8e94544f9.txt")


# ----------------------------------------------------------------------------- full dates


@pytest.mark.parametrize(
    ("text", "expected", "evidence", "rule"),
    [
        # Year from a full date a few days before (成都).
        (
            "6月20日，成都市委召开全会，研究部署下半年经济工作。2019年6月15日，四川省政府印发"
            "《关于加快建设现代化经济体系的意见》。在昨日举行的新闻发布会上，市发改委负责人介绍了相关情况。",
            dt.date(2019, 6, 21),
            ["6月20日", "昨日", "2019年6月15日"],
            "event+relative-day; recent-date",
        ),
        # Year from a full date on the same month-day as the event (广州, 昨天).
        (
            "11月12日，广州市委常委会召开会议。2018年11月12日下午，市政府与企业签署合作协议。"
            "在昨天的会议上，与会同志一致认为要抓好落实。",
            dt.date(2018, 11, 13),
            ["2018年11月12日", "昨天"],
            "event+relative-day; explicit",
        ),
        # The event itself is written with its year, past the dateline window (杭州).
        (
            "。" * 1200 + "2020年3月5日，杭州市政府召开复工复产推进会。昨日，全市规上工业企业复工率达到95%。",
            dt.date(2020, 3, 6),
            ["2020年3月5日", "昨日"],
            "event+relative-day; explicit",
        ),
        # 今年（2021年） gives the year; the month-day from 27日 alone with its month before (郑州).
        (
            "7月26日，郑州市召开防汛救灾工作会议。27日上午，市委主要负责同志到受灾区县调研。"
            "今年（2021年）汛期降雨偏多。昨晚，全市各级干部坚守防汛一线。",
            dt.date(2021, 7, 28),
            ["27日", "昨晚", "今年（2021年）"],
            "event+relative-day; explicit",
        ),
        # The year of an event on 12月31日 + 昨日 is the year before the publication's (西安).
        (
            "12月31日，西安市委召开全会。今年（2020年）是全面建成小康社会之年。在昨日的会议上，"
            "市委书记作了讲话。",
            dt.date(2020, 1, 1),
            ["12月31日", "昨日", "今年（2020年）"],
            "event+relative-day; explicit",
        ),
        # A linked relative day, the year from 2018年（去年） (长沙).
        (
            "长沙市委召开经济工作会议。昨天（3月14日），市长在会上指出，2018年（去年）全市地区生产总值"
            "增长8.5%。",
            dt.date(2019, 3, 15),
            ["昨天（3月14日）", "2018年（去年）"],
            "linked; explicit",
        ),
        # A dispatch dateline and a full date the week before (合肥).
        (
            "新华社合肥9月10日电 安徽省政府日前印发通知。2021年9月2日，省政府办公厅印发支持工业互联网"
            "发展若干政策。",
            dt.date(2021, 9, 10),
            ["9月10日电", "2021年9月2日"],
            "dispatch; recent-date",
        ),
    ],
)
def test_full_date_inferred(text, expected, evidence, rule):
    found = infer_date(text)
    assert found is not None
    assert (found.date, found.partial, list(found.evidence), found.rule) == (
        expected, None, evidence, rule)


@pytest.mark.parametrize(
    ("text", "expected", "evidence"),
    [
        # 截至2018年底: 2018 is over, so 2019 (武汉, the seed's own sentences).
        (
            "6月27日，武汉市委召开十三届七次全体（扩大）会议。截至2018年底，我市全面实现86115名贫困人口"
            "脱贫销号。在昨日培训会现场，这股顽强的信念在每一位扶贫工作人员的心中流淌。",
            dt.date(2019, 6, 28),
            ["6月27日", "昨日", "截至2018年底"],
        ),
        # The largest completed year counts (南昌), and 2018年全年 is one too.
        (
            "5月10日，江西省政府召开新闻发布会。截至2019年底，全省累计建成5G基站1万个；2020年全年，"
            "全省地区生产总值增长3.8%。昨天，省工信厅负责人介绍，截至2017年底全省已有企业上云。",
            dt.date(2021, 5, 11),
            ["5月10日", "昨天", "2020年全年"],
        ),
    ],
)
def test_year_from_latest_completed_year(text, expected, evidence):
    found = infer_date(text)
    assert (found.date, list(found.evidence), found.rule.split("; ")[1]) == (
        expected, evidence, "completed-year")


def test_completed_year_not_used_early_in_the_year():
    text = "2月20日，沈阳市政府召开常务会议。截至2019年底，全市常住人口832万人。昨日，市统计局发布数据。"
    assert COMPLETED_YEAR_MIN_MONTH > 2
    found = infer_date(text)
    assert (found.date, found.partial) == (None, "02-21")


@pytest.mark.skipif(not SEED.exists(), reason="needs the shared sample article")
def test_the_seed_article():
    found = infer_date(SEED.read_text(encoding="utf-8"))
    assert found.date == dt.date(2019, 6, 28)
    assert list(found.evidence) == ["6月27日", "昨日", "截至2018年底"]


# ----------------------------------------------------------------------------- month-day only


@pytest.mark.parametrize(
    ("text", "partial", "evidence"),
    [
        # No year anywhere (南京).
        (
            "9月3日，南京市委召开常委会会议，传达学习省委全会精神。昨日，各区各部门迅速行动。",
            "09-04",
            ["9月3日", "昨日"],
        ),
        # 前天: two days (青岛); the latest event day wins (9月5日 over 9月3日).
        (
            "9月3日，青岛市政府与企业签约。9月5日，市委召开全会。前天的全会明确了下半年的重点任务。",
            "09-07",
            ["9月5日", "前天"],
        ),
        # 6月30日 + 昨日 runs into July (重庆).
        ("6月30日，重庆市委召开全会。昨日，全市各区县迅速传达。", "07-01", ["6月30日", "昨日"]),
        # A linked 今天 with its day, the month from the day before it (深圳).
        (
            "8月25日，深圳经济特区建立40周年庆祝大会筹备会议召开。今天（26日），全市各界热烈庆祝。",
            "08-26",
            ["今天（26日）"],
        ),
        # The year's words conflict: 今年（2019年） and 截至2019年底 (福州): no year.
        (
            "10月8日，福州市委召开全会。今年（2019年）全市经济平稳增长，截至2019年底，全市脱贫。"
            "在昨日的会议上，市委书记作了讲话。",
            "10-09",
            ["10月8日", "昨日"],
        ),
        # A full date long before is not a year (济南): 2016年3月1日 is three years old.
        (
            "6月12日，济南市委召开全会。2016年3月1日，《济南市大气污染防治条例》施行。昨日，"
            "市生态环境局通报了整改情况。",
            "06-13",
            ["6月12日", "昨日"],
        ),
    ],
)
def test_month_day_without_year(text, partial, evidence):
    found = infer_date(text)
    assert (found.date, found.partial, list(found.evidence)) == (None, partial, evidence)


# ----------------------------------------------------------------------------- negatives


@pytest.mark.parametrize(
    ("text", "partial"),
    [
        # Plans, deadlines and ranges are not event days (武汉, 长沙, 成都).
        (
            "6月27日，武汉市委召开全会。全会提出，力争7月15日完成首批企业诊断。昨日，各单位迅速行动。",
            "06-28",
        ),
        ("6月27日，长沙市委召开全会。7月1日起，新规正式施行。昨日，各区传达全会精神。", "06-28"),
        ("6月27日，成都市召开大会。7月10日，全市将开展集中督查。昨日，各区县迅速部署。", "06-28"),
        ("6月27日，昆明市召开大会。7月10日至12日举办博览会。昨日，各区县迅速部署。", "06-28"),
        ("6月27日，贵阳市召开大会。每年7月10日为全市安全生产日。昨日，各区县迅速部署。", "06-28"),
        ("6月27日，兰州市召开大会。截至7月5日前完成整改。昨日，各区县迅速部署。", "06-28"),
    ],
)
def test_future_days_are_not_event_days(text, partial):
    assert infer_date(text).partial == partial


@pytest.mark.parametrize(
    "text",
    [
        # No relative day word (the test module of ingest uses this paragraph too).
        "6月27日，武汉市委召开十三届七次全体（扩大）会议提出，到2021年，要力争地区生产总值达到2万亿元左右。",
        # A month-day in a plan only: 力争7月底前 (no day), 7月20日前.
        "力争7月底前实现首批服务企业的全覆盖，7月20日前完成诊断。昨日，市经信局召开推进会。",
        # 昨天 only inside a quotation: the speaker's yesterday.
        "6月27日，太原市委召开全会。“昨天我们已经率先行动起来了。”市扶贫办负责人说。",
        # Unlinked 今天/今日 mean "nowadays" too; 日前/近日 name no day.
        "6月27日，哈尔滨市委召开全会。今天的哈尔滨，处处生机勃勃。",
        "6月27日，石家庄市委召开全会。日前，市政府印发实施方案；近日，各区县陆续部署。",
        # A relative day word but no event day at all.
        "昨日，天津市委召开常委会会议，传达学习全会精神。",
        # A later full date than the month-day: which is the latest is unknown.
        "6月27日，银川市委召开全会。2018年9月1日，宁夏回族自治区政府印发方案。昨日，各区县迅速部署。",
    ],
)
def test_no_inference(text):
    assert infer_date(text) is None


def test_bare_day_needs_a_month_before_it():
    assert infer_date("27日上午，乌鲁木齐市委召开全会。昨日，各区县迅速部署。") is None


def test_only_the_first_characters_are_read():
    assert infer_date("。" * 25_000 + "6月27日，市委召开全会。昨日，各区县迅速部署。") is None


# ----------------------------------------------------------------------------- ingest


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


ARTICLE = (
    "全市各单位积极响应市委全体（扩大）会议部署\n\n"
    "6月27日，武汉市委召开十三届七次全体（扩大）会议。\n\n"
    "市水务局负责人表示，力争三年内全市主要湖泊实现全截污。\n\n"
    "在昨日培训会现场，干部们表示将全力以赴。\n"
)
YEAR = "截至2018年底，我市全面实现86115名贫困人口脱贫销号。\n"


def test_ingest_records_an_inferred_date(tmp_path):
    doc = read_document(write(tmp_path, "wh.txt", ARTICLE + YEAR))
    assert doc.date == dt.date(2019, 6, 28)
    assert doc.meta["date_source"] == "text-inferred"
    assert doc.meta["date_evidence"] == ["6月27日", "昨日", "截至2018年底"]
    assert doc.meta["date_rule"] == "event+relative-day; completed-year"
    assert "date_partial" not in doc.meta


def test_ingest_records_a_partial_date(tmp_path):
    doc = read_document(write(tmp_path, "wh.txt", ARTICLE))
    assert doc.date is None
    assert doc.meta["date_partial"] == "06-28"
    assert doc.meta["date_evidence"] == ["6月27日", "昨日"]
    assert "date_source" not in doc.meta


@pytest.mark.skipif(not SEED.exists(), reason="needs the shared sample article")
def test_ingest_seed():
    doc = read_document(SEED)
    assert (doc.date, doc.meta["date_source"]) == (dt.date(2019, 6, 28), "text-inferred")


def test_precedence_metadata_default_dateline_inference(tmp_path):
    text = ARTICLE + YEAR
    path = tmp_path / "dates.jsonl"
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in (
            {"id": "meta", "date": "2019-07-02", "text": text},
            {"id": "infer", "text": text},
            {"id": "dateline", "text": "2019年6月30日 " + text},
        )) + "\n",
        encoding="utf-8",
    )
    docs = list(iter_documents([path]))
    assert [(d.id, d.date, d.meta.get("date_source")) for d in docs] == [
        ("meta", dt.date(2019, 7, 2), "metadata"),
        ("infer", dt.date(2019, 6, 28), "text-inferred"),
        ("dateline", dt.date(2019, 6, 30), "text"),
    ]
    assert docs[2].meta["date_evidence"] == "2019年6月30日" and "date_rule" not in docs[2].meta
    docs = list(iter_documents([path], default_date=dt.date(2020, 5, 1)))
    assert [(d.date, d.meta["date_source"]) for d in docs] == [
        (dt.date(2019, 7, 2), "metadata"),
        (dt.date(2020, 5, 1), "default"),
        (dt.date(2020, 5, 1), "default"),
    ]
    assert all("date_partial" not in d.meta and "date_rule" not in d.meta for d in docs)


# ----------------------------------------------------------------------------- targets


def _target(graph) -> dict:
    (target,) = [t for t in graph.entities("Target") if t["time_phrase"] == "三年内"]
    return target


def test_unknown_date_keeps_the_time_phrase_and_no_deadline(tmp_path):
    graph = kg.build([write(tmp_path, "wh.txt", ARTICLE)])
    target = _target(graph)
    assert target["deadline"] is None
    assert target["text"] == "力争三年内全市主要湖泊实现全截污"
    assert graph.nx.nodes["doc/wh"]["date"] is None
    assert graph.nx.nodes["doc/wh"]["meta"]["date_partial"] == "06-28"


def test_inferred_date_resolves_the_deadline(tmp_path):
    graph = kg.build([write(tmp_path, "wh.txt", ARTICLE + YEAR)])
    target = _target(graph)
    assert str(target["deadline"]) == "2022-12-31"
    assert graph.nx.nodes["doc/wh"]["date"] == "2019-06-28"
