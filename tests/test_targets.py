"""Tests for kg.targets: deadlines, quantities and commitment detection on real sentences.

Rows are ``(sentence, article_date, expected)`` where ``expected`` lists, for each target the
sentence must give, a dict of TargetFields attributes (``key`` = a substring the target's text
must contain). An empty list means the sentence holds no target (achieved figures, exhortations).
Sentences come from the sample article (Wuhan, 2019) and shared/corpus 025-030 (Hubei, Beijing,
Shanghai work reports 2025; Anhui action plan 2021; Anhui RCEP measures 2022; Baotou 2022).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import pytest

from kg.model import TargetFields
from kg.targets import (
    find_targets,
    find_targets_in_text,
    find_time_phrases,
    parse_quantity,
    resolve_deadline,
    split_clauses,
    split_sentences,
)

D19 = dt.date(2019, 6, 28)
HB25 = dt.date(2025, 1, 16)
BJ25 = dt.date(2025, 1, 14)
SH25 = dt.date(2025, 1, 15)
AH21 = dt.date(2021, 9, 2)
AH22 = dt.date(2022, 3, 23)
BT22 = dt.date(2022, 4, 14)
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


# ----------------------------------------------------------------------------- deadlines
@pytest.mark.parametrize(
    "phrase, base, expected",
    [
        ("到2021年", D19, dt.date(2021, 12, 31)),
        ("三年内", D19, dt.date(2022, 12, 31)),
        ("7月底前", D19, dt.date(2019, 7, 31)),
        ("明年", D19, dt.date(2020, 12, 31)),
        ("到2020年前", D19, dt.date(2020, 12, 31)),
        ("2025年底", D19, dt.date(2025, 12, 31)),
        ("年内", D19, dt.date(2019, 12, 31)),
        ("今年", D19, dt.date(2019, 12, 31)),
        ("年底前", BT22, dt.date(2022, 12, 31)),
        ("“十四五”期间", D19, dt.date(2025, 12, 31)),
        ("\"十四五\"末", None, dt.date(2025, 12, 31)),
        ("2023年6月底前", D19, dt.date(2023, 6, 30)),
        ("2023年6月底前", None, dt.date(2023, 6, 30)),
        ("上半年", D19, dt.date(2019, 6, 30)),
        ("一季度", D19, dt.date(2019, 3, 31)),
        ("2021年第三季度", None, dt.date(2021, 9, 30)),
        ("12月", BT22, dt.date(2022, 12, 31)),
        ("6月中旬", D19, dt.date(2019, 6, 20)),
        ("2021—2023年", None, dt.date(2023, 12, 31)),
        ("二〇二五年", None, dt.date(2025, 12, 31)),
        ("十二月底前", BT22, dt.date(2022, 12, 31)),
        # a month of a relative year is that year's month, not the article year's
        ("明年6月底前", D19, dt.date(2020, 6, 30)),
        ("去年12月", D19, dt.date(2018, 12, 31)),
        ("今年10月中旬", D19, dt.date(2019, 10, 20)),
        # jionlp reads 今年1-5月 as January 5th: this module reads the end of the period
        ("今年1-5月", D19, dt.date(2019, 5, 31)),
        ("2019年1至5月", None, dt.date(2019, 5, 31)),
        # relative phrases without an article date: no guess
        ("明年", None, None),
        ("三年内", None, None),
        ("7月底前", None, None),
        ("今年1-5月", None, None),
        # a festival before which: the next one on or after the article's date (春节 by the lunar
        # calendar); a part of the year standing alone is the article year's
        ("国庆节前", dt.date(2025, 4, 10), dt.date(2025, 10, 1)),
        ("春节前", dt.date(2024, 11, 20), dt.date(2025, 1, 29)),
        ("春节前", dt.date(2024, 1, 5), dt.date(2024, 2, 10)),
        ("上半年", dt.date(2024, 2, 26), dt.date(2024, 6, 30)),
        ("春节前", None, None),
        # unsure: never a wrong date
        ("近年来", D19, None),
        ("2022年初", None, None),
        ("", D19, None),
    ],
)
def test_resolve_deadline(phrase, base, expected):
    assert resolve_deadline(phrase, base) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("截至6月中旬,已有126家", [("截至6月中旬", "past")]),
        ("7月底前将实现", [("7月底前", "forward")]),
        ("今年1-5月,该区签约", [("今年1-5月", "past")]),
        ("去年以来", [("去年以来", "past")]),
        ("6月27日,武汉市委召开", [("6月27日", "neutral")]),
        ("到2021年,要力争", [("到2021年", "forward")]),
        ("截至2018年底,我市全面实现", [("截至2018年底", "past")]),
        ("力争明年6月底前,完成改造", [("明年6月底前", "forward")]),
        ("去年12月,该区启动", [("去年12月", "past")]),
        ("截至今年5月底,已完成", [("截至今年5月底", "past")]),
    ],
)
def test_time_phrase_direction(text, expected):
    got = [(p.text, p.direction) for p in find_time_phrases(text, D19)]
    assert got == expected


def test_time_phrases_skip_durations_and_codes():
    # 48小时内 is a service standard (a quantity), 3年期 a loan term, 5G a code
    assert find_time_phrases("48小时内放行", D19) == []
    assert find_time_phrases("3年期以上贷款", D19) == []


# ----------------------------------------------------------------------------- quantities
@pytest.mark.parametrize(
    "text, expected",
    [
        ("2万亿元", (2e12, "元", False, "=", "2万亿元")),
        ("地区生产总值达到2万亿元左右", (2e12, "元", True, "=", "2万亿元左右")),
        ("8.6万多名", (86000.0, "名", True, "=", "8.6万多名")),
        ("2000多家", (2000.0, "家", True, "=", "2000多家")),
        ("100亿元", (1e10, "元", False, "=", "100亿元")),
        ("10.87亿美元", (1.087e9, "美元", False, "=", "10.87亿美元")),
        ("三千", (3000.0, None, False, "=", "三千")),
        ("两万人", (20000.0, "人", False, "=", "两万人")),
        ("百分之五十", (50.0, "%", False, "=", "百分之五十")),
        ("5.5％左右", (5.5, "%", True, "=", "5.5％左右")),
        ("城镇调查失业率控制在5%以内", (5.0, "%", False, "<=", "控制在5%以内")),
        ("覆盖率不低于90%", (90.0, "%", False, ">=", "不低于90%")),
        ("新模式应用普及率超过30%", (30.0, "%", True, ">=", "超过30%")),
        ("城镇新增就业70万人以上", (700000.0, "人", True, ">=", "70万人以上")),
        ("近500家", (500.0, "家", True, "=", "近500家")),
        ("逾300亩", (300.0, "亩", True, ">=", "逾300亩")),
        ("不超过3平方公里", (3.0, "平方公里", False, "<=", "不超过3平方公里")),
        ("新增5G基站1000座", (1000.0, "座", False, "=", "1000座")),
        ("20兆进牧户", (20.0, "兆", False, "=", "20兆")),
        ("48小时内放行", (48.0, "小时", False, "<=", "48小时内")),
        ("3万千瓦", (30000.0, "千瓦", False, "=", "3万千瓦")),
        ("外调绿电规模力争达到400亿千瓦时", (4e10, "千瓦时", False, "=", "400亿千瓦时")),
        ("提高0.5个百分点", (0.5, "个百分点", False, "=", "0.5个百分点")),
        ("到2021年", (None, None, False, None, None)),  # a year is not a value
        ("打造协同办公3.0版", (None, None, False, None, None)),
        ("新增2—3家地方国企", (None, None, False, None, None)),  # a range has no single value
        ("第3批", (None, None, False, None, None)),
        ("", (None, None, False, None, None)),
    ],
)
def test_parse_quantity(text, expected):
    assert parse_quantity(text) == expected


# ----------------------------------------------------------------------------- clauses
def test_split_clauses_offsets_and_digit_commas():
    s = "到2022年,省市每年共同筹集1,000亿元，重点支持"
    spans = split_clauses(s)
    assert [s[a:b] for a, b in spans] == ["到2022年", "省市每年共同筹集1,000亿元", "重点支持"]


def test_split_sentences():
    t = "一。二；三\n四！"
    assert [t[a:b] for a, b in split_sentences(t)] == ["一", "二", "三", "四"]


# ----------------------------------------------------------------------------- targets
SEED = "6月27日,武汉市委召开十三届七次全体(扩大)会议提出,到2021年,要力争地区生产总值达到2万亿元左右,重大风险防控机制进一步健全,乡村振兴取得重要进展,建成区主要湖泊实现全截污,现代化、国际化、生态化大武汉建设取得阶段性成效。"

CASES = [
    # --- the sample article (Wuhan, 2019-06-28)
    (SEED, D19, [
        dict(key="2万亿元", deadline=dt.date(2021, 12, 31), value=2e12, unit="元", approximate=True,
             comparator="=", metric="地区生产总值", time_phrase="到2021年"),
        dict(key="重大风险防控机制进一步健全", deadline=dt.date(2021, 12, 31), value=None),
        dict(key="乡村振兴取得重要进展", deadline=dt.date(2021, 12, 31)),
        dict(key="全截污", deadline=dt.date(2021, 12, 31), value=None),
        dict(key="阶段性成效", deadline=dt.date(2021, 12, 31)),
    ]),
    ("到2022年,省市每年共同筹集100亿元,重点支持重大装置、重大平台、重大项目、重大园区和重大人才团队建设。", D19, [
        dict(key="100亿元", deadline=dt.date(2022, 12, 31), value=1e10, unit="元"),
    ]),
    ("计划三年内对2000多家规模以上工业企业进行智能化改造诊断咨询全覆盖,对纳入智能化改造提升计划的项目,最高可获得2000万元补贴。", D19, [
        dict(key="2000多家", deadline=dt.date(2022, 12, 31), value=2000.0, unit="家", approximate=True,
             time_phrase="三年内"),
    ]),
    ("截至6月中旬,首批计划实施智能化改造诊断咨询的158家工业企业中,已有126家企业进行了上门对接,7月底前将实现首批服务企业的全覆盖", D19, [
        dict(key="7月底前将实现首批服务企业的全覆盖", deadline=dt.date(2019, 7, 31), value=None),
    ]),
    ("明年,8.6万多名建档立卡贫困户,将共同步入全面小康社会。", D19, [
        dict(key="8.6万多名", deadline=dt.date(2020, 12, 31), value=86000.0, unit="名", approximate=True,
             metric="建档立卡贫困户"),
    ]),
    ("截至2018年底,我市全面实现86115名贫困人口脱贫销号、271个贫困村脱贫出列。", D19, []),
    ("据悉,今年1-5月,该区签约亿元以上重大项目41个,签约金额820亿元、实际利用外资10.87亿美元,位居全市第一。", D19, []),
    ("要坚决打好防范化解重大风险攻坚战", D19, []),  # an exhortation: no value, deadline or result
    # --- Hubei 2025 work report (025): last year's results are not targets
    ("地区生产总值增长5.8％、增速全国第3，总量达到60013亿元；规上工业增加值增长7.7％，固定资产投资增长6.5％，社会消费品零售总额增长5.1％，均高于全国。", HB25, []),
    ("克服雨雪冰冻、暴雨洪涝等严重灾害影响，粮食生产再获丰收，总产达到557亿斤，连续12年稳定在500亿斤以上。", HB25, []),
    ("高技术制造业增加值增长22.7％、对工业增长贡献率达到35.1％，数字经济增加值占比超过50％、中部领先", HB25, []),
    ("经济社会发展的主要预期目标是：经济增长6％左右，城镇调查失业率5.5％左右，城镇新增就业70万人以上，居民消费价格涨幅2％左右", HB25, [
        dict(key="经济增长6％左右", value=6.0, unit="%", approximate=True, deadline=None),
        dict(key="城镇调查失业率5.5％左右", value=5.5, unit="%", metric="城镇调查失业率"),
        dict(key="70万人以上", value=700000.0, unit="人", approximate=True, comparator=">="),
        dict(key="居民消费价格涨幅2％左右", value=2.0, unit="%"),
    ]),
    ("深化国资国企改革，推动省属企业聚焦科技和产业创新，加快向实体化转型，力争新增2—3家地方国企进入中国企业500强。", HB25, [
        dict(key="力争新增2—3家地方国企进入中国企业500强", value=None, deadline=None),
    ]),
    # --- Beijing 2025 work report (026)
    ("今年经济社会发展主要预期目标是：地区生产总值增长5%左右、努力争取更好结果，一般公共预算收入增长4%左右，城镇调查失业率控制在5%以内，居民消费价格涨幅2%左右。", BJ25, [
        dict(key="地区生产总值增长5%左右", value=5.0, approximate=True, deadline=dt.date(2025, 12, 31),
             metric="地区生产总值"),
        dict(key="一般公共预算收入增长4%左右", value=4.0, deadline=dt.date(2025, 12, 31)),
        dict(key="控制在5%以内", value=5.0, comparator="<=", deadline=dt.date(2025, 12, 31),
             metric="城镇调查失业率"),
        dict(key="居民消费价格涨幅2%左右", value=2.0, deadline=dt.date(2025, 12, 31)),
    ]),
    ("持续激发民间投资活力，面向民间资本推介重大项目总投资不低于2000亿元。", BJ25, [
        dict(key="不低于2000亿元", value=2e11, unit="元", comparator=">="),
    ]),
    ("出台促进高质量充分就业的实施意见，建立就业影响评估机制，实现城镇新增就业不少于26万人。", BJ25, [
        dict(key="不少于26万人", value=260000.0, unit="人", comparator=">=", metric="城镇新增就业"),
    ]),
    ("完善新能源调入、消纳和调控措施，外调绿电规模力争达到400亿千瓦时。", BJ25, [
        dict(key="400亿千瓦时", value=4e10, unit="千瓦时"),
    ]),
    ("预计全市地区生产总值增长5.2%左右，一般公共预算收入增长3.9%。", BJ25, []),  # an estimate of last year
    ("积极争取超长期特别国债等各类中央支持资金2083亿元。", BJ25, []),  # 争取 = secured, reported
    # --- Shanghai 2025 work report (027)
    ("上海港集装箱吞吐量达到5150.6万标准箱、连续15年排名世界第一。", SH25, []),
    ("建议今年全市经济社会发展的主要预期目标是：全市生产总值增长5%左右，地方一般公共预算收入增长2%，城镇调查失业率5%以内。", SH25, [
        dict(key="全市生产总值增长5%左右", value=5.0, deadline=dt.date(2025, 12, 31)),
        dict(key="增长2%", value=2.0, comparator="=", deadline=dt.date(2025, 12, 31)),
        dict(key="城镇调查失业率5%以内", value=5.0, comparator="<=", deadline=dt.date(2025, 12, 31)),
    ]),
    ("打造28个未来产业试验场，启动运行总规模1000亿元的三大先导产业母基金和未来产业基金。", SH25, []),
    # --- Anhui industrial-internet plan (028), dated 2021-09-02
    ("到2023年，工业互联网建设量质并进，新模式、新业态大范围推广，对全省工业经济的引擎带动作用凸显。", AH21, [
        dict(key="作用凸显", deadline=dt.date(2023, 12, 31)),
    ]),
    ("持续争取标识解析体系国家二级节点在安徽落地，引导省内龙头企业或机构结合应用需求建设行业或区域综合型二级节点，力争全省建成10个二级节点。", AH21, [
        dict(key="力争全省建成10个二级节点", value=10.0, unit="个", deadline=None),
    ]),
    ("支持合肥、芜湖、铜陵、阜阳等地标识解析服务平台建设，到2023年各节点全面建成并为区域和行业企业供应链管理、产品追溯及生命周期管理、智慧城市等应用提供支撑。", AH21, [
        dict(key="到2023年各节点全面建成", deadline=dt.date(2023, 12, 31), time_phrase="到2023年"),
    ]),
    ("安徽省人民政府办公厅关于印发支持工业互联网发展若干政策和安徽省工业互联网创新发展行动计划（2021-2023年）的通知", AH21, []),
    ("对企业实施数字化、网络化、智能化技改项目3年期以上贷款，省级按照同期银行基准利率40%给予贴息，单个项目贴息期不超过3年，最高500万元。", AH21, []),  # a subsidy rule
    # --- Anhui RCEP measures (029), dated 2022-03-23
    ("到2024年，全省与其他RCEP国家货物贸易、对外投资和实际利用外资分别占比达30%、20%和10%。", AH22, [
        dict(key="30%", value=30.0, unit="%", deadline=dt.date(2024, 12, 31), metric="货物贸易"),
        dict(key="20%", value=20.0, unit="%", deadline=dt.date(2024, 12, 31), metric="对外投资"),
        dict(key="10%", value=10.0, unit="%", deadline=dt.date(2024, 12, 31), metric="实际利用外资"),
    ]),
    ("指导企业用好中日关税减让承诺，针对首年关税为零的2034种、5年内关税减让显著的2725种出口商品，以机械设备、电气设备和纺织服装等为重点，加大市场开拓力度", AH22, []),
    ("全面推广原产地证书“智能审核”，扩大自助打印证书范围，提高签证准确性和规范性。", AH22, []),
    # --- Baotou digital-government appraisal (030), dated 2022-04-14
    ("各部门涉企“双随机”检查事项覆盖率不低于90%。", BT22, [
        dict(key="不低于90%", value=90.0, unit="%", comparator=">=", deadline=None),
    ]),
    ("建立电子化网络化的全市物价信息服务平台，7月底前完成项目前期手续，实现平台基础建设和重点功能。", BT22, [
        dict(key="7月底前完成", deadline=dt.date(2022, 7, 31), time_phrase="7月底前"),
    ]),
    ("10月底完善平台各项功能，提升政府治理水平。", BT22, [
        dict(key="10月底完善", deadline=dt.date(2022, 10, 31)),
    ]),
    ("加快实施部分核心设备利旧替代工程，年底前完成全部改造任务，推进IPV6互联网出口扩容至5G。", BT22, [
        dict(key="年底前完成全部", deadline=dt.date(2022, 12, 31)),
    ]),
    ("（6月底完成，牵头考核单位：市政府办公室、市公安局）", BT22, []),  # a bare deadline note
    ("根据工作开展情况，委托第三方机构对全市数字政府建设工作开展评估，以评促改、以评促优。", BT22, []),
    # a comparison with last year: past, unless a word of intent governs the sentence and a change
    # with its value follows it (cues comparative)
    ("今年，我市将全面推行企业开办“一日办结”；涉企行政检查频次同比下降30%。", BT22, [
        dict(key="一日办结", value=None, deadline=dt.date(2022, 12, 31)),
        dict(key="同比下降30%", value=30.0, unit="%", deadline=dt.date(2022, 12, 31)),
    ]),
    ("今年以来，全市规上工业增加值同比增长8%。", BT22, []),
    ("公司将电影市场经营得有声有色，第一季度发行收入比去年同期提高16％。", BT22, []),  # 将 marks the object
    ("全市规上工业增加值同比增长8%，居全省前列。", BT22, []),
    # round-the-clock duty is a standing rule, no value (kg/data/targets/not_values.tsv)
    ("市三防办要严格落实24小时值班和领导带班制度。", BT22, []),
    ("到2025年实现24小时在线服务全覆盖。", BT22, [dict(key="全覆盖", value=None, deadline=dt.date(2025, 12, 31))]),
    # a sanction for failing and a clause that announces the goals are no commitments (not_commitment)
    ("区政府督查室将对滞后事项实行调度，对年底前仍未完成的单位提请区政府通报问责。", BT22, []),
    ("近日，自治区人民政府办公厅印发《三年行动方案》，明确今后三年经济带建设的目标任务和责任分工。", BT22, []),
]


def _check(sentence, date, expected):
    got = find_targets(sentence, date)
    for start, end, fields in got:
        assert isinstance(fields, TargetFields)
        assert sentence[start:end] == fields.text
    assert len(got) == len(expected), [f.text for _, _, f in got]
    for exp in expected:
        exp = dict(exp)
        key = exp.pop("key")
        hits = [f for _, _, f in got if key in f.text]
        assert hits, f"no target contains {key!r}: {[f.text for _, _, f in got]}"
        f = hits[0] if len(hits) == 1 else next(h for h in hits if h.value_text and key in h.value_text) \
            if any(h.value_text and key in h.value_text for h in hits) else hits[0]
        for attr, want in exp.items():
            assert getattr(f, attr) == want, (key, attr, getattr(f, attr))


@pytest.mark.parametrize("sentence, date, expected", CASES, ids=[c[0][:18] for c in CASES])
def test_find_targets(sentence, date, expected):
    _check(sentence, date, expected)


def test_relative_deadline_without_date_keeps_phrase():
    (_, _, f), = find_targets("明年,8.6万多名建档立卡贫困户,将共同步入全面小康社会。", None)
    assert f.deadline is None and f.time_phrase == "明年" and f.value == 86000.0


def test_offsets_index_the_sentence():
    got = find_targets(SEED, D19)
    a, b, f = got[0]
    assert SEED[a:b] == "要力争地区生产总值达到2万亿元左右"
    assert f.value_text == "2万亿元左右"


def test_empty_and_blank_input():
    assert find_targets("", D19) == []
    assert find_targets("   ", D19) == []


def test_governing_time_from_outside():
    got = find_targets("完成全民健康信息平台基础功能扩展，强化各类应用和数据共享", BT22, governing_time="6月底")
    assert [f.text for _, _, f in got] == ["完成全民健康信息平台基础功能扩展"]
    assert got[0][2].deadline == dt.date(2022, 6, 30)


# ----------------------------------------------------------------------------- whole texts
def test_find_targets_in_text_carries_item_deadline_note():
    text = ("　　18．适时聘请评估机构，对全市政务服务开展第三方评估，以评促改、以评促优。（10月底完成，牵头考核单位：市审批服务局）\n"
            "　　47．全市新增2400户（累计约3600户）大中型餐饮单位纳入平台，并强化日常监管。（1分）（8月底完成，牵头考核单位：市市场监管局）\n")
    got = find_targets_in_text(text, BT22)
    assert len(got) == 2
    (a1, b1, f1), (a2, b2, f2) = got
    assert text[a1:b1] == f1.text and f1.text.startswith("适时聘请评估机构")
    assert f1.deadline == dt.date(2022, 10, 31) and f1.value is None
    assert "新增2400户" in f2.text and f2.value == 2400.0 and f2.deadline == dt.date(2022, 8, 31)
    assert text[a2:b2] == f2.text


def test_find_targets_in_text_goal_header_spans_semicolons():
    text = "经济社会发展的主要预期目标是：经济增长6％左右；城镇调查失业率5.5％左右。"
    assert [f.value for _, _, f in find_targets_in_text(text, HB25)] == [6.0, 5.5]


def test_a_plan_document_s_statements_are_its_commitments():
    # a title that is itself a plan (plan_document): its figures are planned, no word of intent needed
    body = "\n\n一、城市更新。全年筹集保障性租赁住房5000套，新开工装配式建筑占新建建筑面积比例达到35%以上。"
    date = dt.date(2024, 3, 15)
    plan = [f.value for _, _, f in find_targets_in_text("长春市住房和城乡建设局2024年工作要点" + body, date)]
    assert plan == [5000.0, 35.0]
    # under another title a share with no word of intent is a report, not a commitment
    share = "\n\n新开工装配式建筑占新建建筑面积比例达到35%以上。"
    assert [f.value for _, _, f in find_targets_in_text("长春市住房和城乡建设局2024年工作要点" + share, date)] == [35.0]
    assert [f.value for _, _, f in find_targets_in_text("长春市装配式建筑发展情况" + share, date)] == []


def test_a_notice_s_issued_plan_is_a_plan_over_its_headings():
    # 关于印发《…考评办法》的通知, then the plan's own title line and its numbered parts: the tasks
    # under every heading are commitments of the plan (plan_document), due in the plan's year
    text = ("包头市人民政府办公室关于印发《包头市2022年数字政府建设考评办法》的通知\n"
            "各旗县区人民政府：现将《办法》印发给你们，请认真贯彻落实。\n"
            "包头市2022年数字政府建设考评办法\n"
            "一、基础设施建设（10分）\n"
            "59．新增5G基站1000座，累计建设5G基站4600个。\n")
    got = find_targets_in_text(text, dt.date(2022, 3, 1))
    assert [(f.value, f.deadline) for _, _, f in got] == [(1000.0, dt.date(2022, 12, 31))]
    # (累计建设…4600个 names no verb of doing: kg/data/targets/cues.tsv plan_verb)
    # without the plan's title line the same item is no commitment
    assert find_targets_in_text(text.replace("包头市2022年数字政府建设考评办法\n", ""), dt.date(2022, 3, 1)) == []


def _norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


@pytest.mark.skipif(not (SHARED / "eval" / "gold" / "029.json").exists(), reason="shared gold not present")
@pytest.mark.parametrize("doc, min_found", [("029", 3), ("030", 35)])
def test_gold_recovery(doc, min_found):
    gold = json.loads((SHARED / "eval" / "gold" / f"{doc}.json").read_text(encoding="utf-8"))
    text = (SHARED / "corpus" / f"{doc}.txt").read_text(encoding="utf-8")
    got = find_targets_in_text(text, dt.date.fromisoformat(gold["date"]))
    core = [t for t in gold["targets"] if t["core"]]
    found = [t for t in core if any(_norm(t["key"]) in _norm(f.text) for _, _, f in got)]
    assert len(found) >= min_found
    for t in found:  # a recovered target never carries a wrong deadline year
        hits = [f for _, _, f in got if _norm(t["key"]) in _norm(f.text)]
        years = {f.deadline.year for f in hits if f.deadline}
        assert not years or t["deadline_year"] in years


def test_a_deadline_heading_a_later_clause_governs_the_results_after_it():
    # Zhengzhou style: the deadline comes after two clauses of intent, then two results
    s = "全会强调，要坚定不移推进国家中心城市建设，到2025年全市生产总值达到1.6万亿元，常住人口城镇化率达到82%。"
    got = {s[a:b]: (t.deadline, t.value) for a, b, t in find_targets(s, dt.date(2022, 7, 29))}
    assert got["常住人口城镇化率达到82%"] == (dt.date(2025, 12, 31), 82.0)
    assert got["到2025年全市生产总值达到1.6万亿元"][0] == dt.date(2025, 12, 31)


def test_a_clause_after_a_mid_sentence_deadline_needs_its_own_result():
    s = "首批企业中已有126家进行了对接，7月底前将实现首批服务企业的全覆盖，由平台上的5家企业免费为企业送技术上门。"
    texts = [s[a:b] for a, b, _ in find_targets(s, dt.date(2019, 6, 28))]
    assert not any("送技术上门" in t for t in texts)


# a word of intent with only a time phrase is a clause of its own (计划到2023年，…): the
# commitment, its value and its deadline are the next clause's
@pytest.mark.parametrize("sentence, date, expected", [
    ("计划到2023年，建成10个省级示范园区。", dt.date(2021, 3, 15), [("建成10个省级示范园区", "2023-12-31", 10.0)]),
    ("争取用3年时间，打造10个省级示范园区。", dt.date(2021, 3, 15), [("打造10个省级示范园区", "2024-12-31", 10.0)]),
    ("力争今年，实现全市污水处理率达到95%。", dt.date(2019, 3, 15), [("实现全市污水处理率达到95%", "2019-12-31", 95.0)]),
    ("要在今年，完成全部老旧小区改造任务。", dt.date(2020, 5, 1), [("完成全部老旧小区改造任务", "2020-12-31", None)]),
    # 明年6月底前 is one phrase: next year's June, not this year's
    ("力争明年6月底前，完成全部改造任务。", dt.date(2023, 3, 1), [("完成全部改造任务", "2024-06-30", None)]),
    ("力争到2025年，全市规上工业增加值年均增长8%，数字经济占比达到50%。", dt.date(2021, 3, 15),
     [("全市规上工业增加值年均增长8%", "2025-12-31", 8.0), ("数字经济占比达到50%", "2025-12-31", 50.0)]),
    # a date before the article stays past: nothing to commit to
    ("计划在2018年，建成10个示范园区。", dt.date(2019, 3, 15), []),
    # 预计 forecasts, it does not commit
    ("预计从1997年10月到1998年9月，肯尼亚需进口110万吨谷物。", D19, []),
    ("预计明年，全县粮食产量达到50万吨。", dt.date(2019, 3, 15), []),
])
def test_intent_with_a_time_phrase_governs_the_next_clause(sentence, date, expected):
    got = [(sentence[s:e], t.deadline.isoformat() if t.deadline else None, t.value)
           for s, e, t in find_targets(sentence, date)]
    assert got == expected


@pytest.mark.parametrize("sentence, value, unit", [
    ("到2025年，PM2.5平均浓度下降到35微克/立方米。", 35.0, "微克/立方米"),   # air quality
    ("到2023年，总磷浓度控制在0.05毫克/升以下。", 0.05, "毫克/升"),          # water quality
    ("到2022年，全市单位GDP能耗下降至0.5吨标准煤。", 0.5, "吨标准煤"),       # energy
])
def test_environmental_units(sentence, value, unit):
    (_, _, t), = find_targets(sentence, dt.date(2021, 3, 15))
    assert (t.value, t.unit) == (value, unit)


@pytest.mark.parametrize("sentence, values", [
    ("到2023年，全市将建成15分钟便民生活圈200个。", [(200.0, "个")]),  # 15分钟 names the kind of circle
    ("到2022年，通勤时间缩短至30分钟以内，建成公交线路20条。", [(30.0, "分钟"), (20.0, "条")]),
])
def test_a_duration_naming_a_thing_is_not_the_value(sentence, values):
    assert [(t.value, t.unit) for _, _, t in find_targets(sentence, dt.date(2021, 3, 15))] == values


# a word of intent in one clause carries to a result with its value in the next one
@pytest.mark.parametrize("sentence, expected", [
    ("市生态环境局将持续推进大气污染防治，PM2.5平均浓度下降到35微克/立方米。", [("PM2.5平均浓度下降到35微克/立方米", 35.0)]),
    ("县水利局将加快灌区改造，农田有效灌溉面积达到12万亩。", [("农田有效灌溉面积达到12万亩", 120000.0)]),
    # not a count before the result verb, nor after a past clause
    ("中国将始终奉行和平外交政策，继续同所有国家在和平共处五项原则的基础上建立友好关系。", []),
    ("迄今已举办过8届龙舟节，政府要员、客商参加了活动，国内外观众达800多万人次。", []),
])
def test_intent_carries_to_the_next_clause_result(sentence, expected):
    got = [(sentence[s:e], t.value) for s, e, t in find_targets(sentence, dt.date(2023, 3, 1))]
    assert got == expected


@pytest.mark.parametrize("sentence, expected", [
    # 计划 after its subject (全市计划改造) is the verb "plan to"
    ("今年，全市计划改造老旧小区120个，惠及居民3.5万户。", [("全市计划改造老旧小区120个", 120.0)]),
    # a goal list after 目标任务： / 工作目标：
    ("我市确定了今年的目标任务：新开工项目300个，完成投资1000亿元。",
     [("新开工项目300个", 300.0), ("完成投资1000亿元", 1e11)]),
    # 完成规划目标任务 ends no header: nothing after it is a goal
    ("高质量完成“十四五”规划目标任务，为实现“十五五”良好开局打牢基础。", []),
])
def test_plan_verb_and_goal_lists_after_a_colon(sentence, expected):
    got = [(sentence[s:e], t.value) for s, e, t in find_targets(sentence, dt.date(2023, 3, 1))]
    assert got == expected


D24 = dt.date(2024, 3, 1)


# this year's plan: a current-year phrase and a verb of doing before the value (Sichuan, Guangxi,
# Jiangsu); a past or reporting period stays no target
@pytest.mark.parametrize("sentence, expected", [
    ("今年全县新增油茶种植面积1万亩。", [("今年全县新增油茶种植面积1万亩", "2024-12-31", 10000.0)]),
    ("今年完成岸线整治40公里。", [("今年完成岸线整治40公里", "2024-12-31", 40.0)]),
    ("确保全年地区生产总值增长5.5%以上。", [("确保全年地区生产总值增长5.5%以上", "2024-12-31", 5.5)]),
    ("今年以来，全县新增市场主体1200户。", []),
    ("今年1-5月，全市新增就业3万人。", []),
    ("去年全县新增油茶种植面积1万亩。", []),
])
def test_this_years_plan(sentence, expected):
    got = [(sentence[s:e], t.deadline.isoformat() if t.deadline else None, t.value)
           for s, e, t in find_targets(sentence, D24)]
    assert got == expected


@pytest.mark.parametrize("sentence, expected", [
    # the intent of 力争 governs the list after it
    ("2024年，力争地区生产总值增长7%以上，新增高新技术企业500家，科技型中小企业突破7000家。",
     [("力争地区生产总值增长7%以上", 7.0), ("新增高新技术企业500家", 500.0), ("科技型中小企业突破7000家", 7000.0)]),
    # a circumstance clause before the sentence's time phrase (按照方案，2024年…)
    ("按照方案，2024年全市PM2.5平均浓度控制在45微克/立方米以内，优良天数比例力争达到65%。",
     [("2024年全市PM2.5平均浓度控制在45微克/立方米以内", 45.0), ("优良天数比例力争达到65%", 65.0)]),
    # who states the deadline (镇政府提出到2024年): the deadline governs the next clauses
    ("镇政府提出到2024年，全镇人均可支配收入突破2.3万元，建成美丽村庄3个。",
     [("全镇人均可支配收入突破2.3万元", 23000.0), ("建成美丽村庄3个", 3.0)]),
    # a base year is the comparison's, not the deadline, and blocks nothing
    ("到2027年，二手车交易量较2023年增长45%。", [("二手车交易量较2023年增长45%", 45.0)]),
])
def test_deadlines_across_clauses(sentence, expected):
    got = [(sentence[s:e], t.value) for s, e, t in find_targets(sentence, D24)]
    assert got == expected
    assert all(t.deadline == dt.date(2024 if "2027" not in sentence else 2027, 12, 31)
               for _, _, t in find_targets(sentence, D24))


def test_a_reports_retrospective_section_holds_no_target():
    text = ("2025年某市政府工作报告\n一、2024年工作回顾\n全年新增城镇就业12万人，完成投资2400亿元。\n"
            "二、2025年主要任务\n全年新增城镇就业12万人，确保完成投资2500亿元。\n")
    got = [text[s:e] for s, e, _ in find_targets_in_text(text, dt.date(2025, 1, 16))]
    assert got and all(text.index("二、") < text.index(t, text.index("二、")) for t in got)
    assert "完成投资2400亿元" not in got and "确保完成投资2500亿元" in got


def test_a_reports_plan_section_holds_commitments_without_a_modal():
    # Hunan: the tasks of a work report's plan section, due by its heading's year
    text = ("2024年株洲市政府工作报告\n一、2023年工作回顾\n全年新增城镇就业5万人。\n二、2024年工作安排\n"
            "（一）扩大有效投资。实施重点建设项目400个，年度计划投资1000亿元以上。"
            "新增城镇就业4.5万人，新建改扩建中小学校12所。全市已建成5G基站3000个。\n")
    got = {text[s:e]: (f.deadline, f.value) for s, e, f in find_targets_in_text(text, dt.date(2024, 1, 10))}
    end = dt.date(2024, 12, 31)
    assert got["实施重点建设项目400个"] == (end, 400.0)
    assert got["新增城镇就业4.5万人"] == (end, 45000.0)
    assert got["新建改扩建中小学校12所"] == (end, 12.0)
    assert "全年新增城镇就业5万人" not in got                   # the retrospective section
    assert not any("已建成" in t for t in got)                # a result already reached


def test_a_word_of_intent_carries_to_this_years_result():
    s = "确保5月底前完成高标准农田建设2.5万亩，全年粮食播种面积稳定在60万亩以上。"
    got = [(s[a:b], t.deadline) for a, b, t in find_targets(s, dt.date(2024, 3, 16))]
    assert got == [("确保5月底前完成高标准农田建设2.5万亩", dt.date(2024, 5, 31)),
                   ("全年粮食播种面积稳定在60万亩以上", dt.date(2024, 12, 31))]


def test_this_years_plan_list_after_a_speaker():
    # Hebei: 今年 heads the second clause; the plan list after it (淘汰…, 新增…) is due this year
    s = "市生态环境局相关负责人介绍，今年将完成钢铁企业超低排放改造6家，淘汰国三及以下排放标准营运柴油货车3000辆，新增清洁取暖改造5万户。"
    got = [(s[a:b], t.value) for a, b, t in find_targets(s, dt.date(2024, 3, 5))]
    assert got == [("今年将完成钢铁企业超低排放改造6家", 6.0), ("淘汰国三及以下排放标准营运柴油货车3000辆", 3000.0),
                   ("新增清洁取暖改造5万户", 50000.0)]
    s = "方案明确，2024年全市PM2.5平均浓度控制在48微克/立方米以内，优良天数比例达到65%以上，重污染天数控制在15天以内。"
    assert [t.value for _, _, t in find_targets(s, dt.date(2024, 3, 5))] == [48.0, 65.0, 15.0]


def test_a_lead_in_line_opens_a_plan_section():
    # a report excerpt with no numbered headings: 重点抓好以下工作： and its items
    text = ("株洲市2024年政府工作报告（摘要）\n各位代表：\n重点抓好以下工作：\n"
            "（五）办好民生实事。新增城镇就业4.5万人，新建改扩建中小学校12所。\n")
    got = [text[s:e] for s, e, _ in find_targets_in_text(text, dt.date(2024, 1, 9))]
    assert got == ["新增城镇就业4.5万人", "新建改扩建中小学校12所"]
    # 各位代表： alone opens nothing
    assert not find_targets_in_text("各位代表：\n新增城镇就业4.5万人。\n", dt.date(2024, 1, 9))


def test_intent_carries_to_a_verb_of_doing_and_its_value():
    s = "下一步，全乡将实施“千亩茶园”提质工程，力争到2026年茶叶综合产值突破5亿元，带动1500户农户增收。"
    assert [s[a:b] for a, b, _ in find_targets(s, dt.date(2024, 5, 10))] == [
        "力争到2026年茶叶综合产值突破5亿元", "带动1500户农户增收"]


@pytest.mark.parametrize("text,date,key,year", [
    # Henan, Beijing, Shandong: a deadline set by a festival or a half year, no figure
    ("车云山村要加快推进车云山茶旅融合示范区建设，确保国庆节前建成游客服务中心并投入使用。", dt.date(2025, 4, 10),
     "国庆节前建成游客服务中心", 2025),
    ("古北口镇要做好古北水镇周边环境提升，确保春节前完成景区周边道路改造。", dt.date(2024, 11, 20), "春节前完成", 2025),
    ("区经济发展局负责推进烟台化工产业园扩区提质，确保万华烟台工业园聚氨酯产业链一体化项目上半年竣工投产。",
     dt.date(2024, 2, 26), "上半年竣工投产", 2024),
])
def test_festival_and_half_year_deadlines(text, date, key, year):
    found = [f for _, _, f in find_targets_in_text(text, date) if key in f.text]
    assert found and found[0].deadline.year == year


def test_a_half_year_already_past_is_no_target():
    assert not find_targets_in_text("上半年，全市地区生产总值同比增长6.1%。", dt.date(2024, 8, 23))


@pytest.mark.parametrize("sentence", [
    # Heilongjiang: the period of a plan's title, and 利用 (use) before 三年, set no deadline
    "黑龙江省农业农村厅会同省财政厅、省自然资源厅印发《黑龙江省黑土地保护利用三年行动实施方案（2025—2027年）》。",
    "省农业农村厅等三部门印发《黑龙江省黑土地保护利用三年行动实施方案（2025—2027年）》。",
])
def test_a_plan_title_announced_is_no_target(sentence):
    assert not find_targets_in_text(sentence, dt.date(2025, 3, 1))


@pytest.mark.parametrize("sentence", ["要用三年时间完成老旧小区改造。", "北京将利用3年时间基本解决全市约28万户居民的住房困难。"])
def test_in_three_years_is_still_a_deadline(sentence):
    found = find_targets_in_text(sentence, dt.date(2025, 3, 1))
    assert found and found[0][2].deadline == dt.date(2028, 12, 31)


# a standard met, with no figure and no period, after a word of intent (Fujian, Gansu, Hebei, Qinghai)
@pytest.mark.parametrize("sentence, expected", [
    ("县水利局要会同策武镇推进生态缓冲带建设，确保汀江出境断面水质稳定保持Ⅱ类。", ["确保汀江出境断面水质稳定保持Ⅱ类"]),
    ("区医疗保障局要推进专项整治，实现全区定点医疗机构检查全覆盖。", ["实现全区定点医疗机构检查全覆盖"]),
    ("要加强堤防建设，防洪标准达到百年一遇。", ["防洪标准达到百年一遇"]),
    ("确保群众反映问题“零发生”。", ["确保群众反映问题“零发生”"]),
    ("确保水质达到国家地表水Ⅲ类标准。", ["确保水质达到国家地表水Ⅲ类标准"]),
    ("要坚持无禁区、全覆盖、零容忍。", []),  # a principle, not a standard met
    # not: a standard already met, or one with no word of intent
    ("目前全市已实现检查全覆盖。", []),
    ("去年汀江出境断面水质稳定保持Ⅱ类。", []),
])
def test_a_standard_met_is_a_target_without_a_figure(sentence, expected):
    assert [sentence[s:e] for s, e, _ in find_targets(sentence, dt.date(2024, 3, 1))] == expected


def test_livestock_and_colonies_are_units():
    (_, _, t), = find_targets("力争牛存栏稳定在20万头以上。", dt.date(2025, 1, 17))
    assert (t.value, t.unit, t.comparator) == (200000.0, "头", ">=")


@pytest.mark.parametrize("sentence, date, deadline", [
    # Shaanxi, Hubei: before the flood season (taken to open on 1 June): this year's, or next year's once past
    ("市水利局要开展河道清障专项行动，汛期前完成沿河阻水障碍物清理。", dt.date(2024, 5, 21), dt.date(2024, 5, 31)),
    ("确保主汛期前完成隐患排查。", dt.date(2024, 10, 1), dt.date(2025, 5, 31)),
])
def test_the_flood_season_is_a_deadline(sentence, date, deadline):
    assert [t.deadline for _, _, t in find_targets(sentence, date)] == [deadline]

