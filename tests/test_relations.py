"""Relation rules and the graph API on real article text (the sample and the corpus)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import kg
from kg.graph import KnowledgeGraph

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
SAMPLE = SHARED / "seeds" / "000_c246a7f8e94544f9.txt"


def labelled(g: KnowledgeGraph, predicate: str) -> set[tuple[str, str]]:
    lab = {n: d["label"] for n, d in g.nx.nodes(data=True)}
    return {(lab[s], lab[o]) for s, p, o in g.relations(predicate)}


def _by_rule(g: KnowledgeGraph, predicate: str, rule: str) -> set[tuple[str, str]]:
    """The (subject, object) labels of the ``predicate`` edges that ``rule`` stated."""
    return {(g.nx.nodes[u]["label"], g.nx.nodes[v]["label"]) for u, v, k, d in g.nx.edges(keys=True, data=True)
            if k == predicate and any(p["rule"] == rule for p in d["provenance"])}


@pytest.fixture(scope="module")
def sample() -> KnowledgeGraph:
    return kg.build([SAMPLE], date="2019-06-28")


# one row a rule: (text, predicate, expected (subject label, object label), rule id)
RELATION_ROWS = [
    ("武汉市召开会议。新洲脱贫小龙虾养殖户喜获丰收，黄陂区加快发展。", "partOf", ("新洲区", "武汉市"), "partOf.gazetteer"),
    ("江汉区民族街驻黄陂区赵畈村扶贫工作队队长朱国海难掩兴奋之情。武汉市各区积极响应。", "partOf", ("赵畈村", "黄陂区"),
     "partOf.gazetteer"),
    ("江汉区民族街驻黄陂区赵畈村扶贫工作队队长朱国海难掩兴奋之情。武汉市各区积极响应。", "partOf", ("民族街街道", "江汉区"),
     "partOf.gazetteer"),
    ("包头市推进数字政府建设。（牵头考核单位：市委组织部）", "partOf", ("包头市委组织部", "包头市委"), "partOf.nested_agency"),
    ("全力打赢打好三大攻坚战，打赢精准脱贫攻坚战。", "partOf", ("精准脱贫攻坚战", "三大攻坚战"), "partOf.campaign"),
    ("以南湖为例，南湖治理在围绕整改任务加紧推进。", "locatedIn", ("南湖治理", "南湖"), "locatedIn.name_place"),
    ("武汉市召开会议。\n“流域治理，就要打破常规。”市水务局相关负责人介绍，统筹“水下”与“岸上”。\n"
     "结合武汉实际，我市正研究编制规程，形成流域“一张图”管理。",
     "responsibleFor", ("武汉市水务局", "流域“一张图”管理"), "responsibleFor.speaker"),
    ("20．完成全民健康信息平台基础功能扩展。（6月底完成，牵头考核单位：市卫健委）包头市。", "responsibleFor",
     ("包头市卫生健康委员会", "全民健康信息平台"), "responsibleFor.lead"),
    ("合肥市推进对接。实施“串链行动”，优化产业链。（省经济和信息化厅牵头，合肥海关配合）", "responsibleFor",
     ("安徽省经济和信息化厅", "“串链行动”"), "responsibleFor.lead"),
]


@pytest.mark.parametrize("text,predicate,pair,rule", RELATION_ROWS)
def test_relation_rules(text, predicate, pair, rule):
    g = kg.build_texts({"t": text}, date="2019-06-28")
    assert pair in labelled(g, predicate)
    lab = {n: d["label"] for n, d in g.nx.nodes(data=True)}
    edges = [d for s, o, k, d in g.nx.edges(keys=True, data=True) if k == predicate and (lab[s], lab[o]) == pair]
    assert any(p["rule"] == rule for p in edges[0]["provenance"])


def test_a_new_speaker_ends_the_statement():
    text = ("武汉市召开会议。\n市发改委负责人表示，加快推动新旧动能转换。\n市经信局负责人表示，实施“卡脖子”攻关工程。")
    g = kg.build_texts({"t": text})
    assert ("武汉市经济和信息化局", "“卡脖子”攻关工程") in labelled(g, "responsibleFor")
    assert ("武汉市发展和改革委员会", "“卡脖子”攻关工程") not in labelled(g, "responsibleFor")


def test_a_statement_starts_at_its_speaker():
    # Chengdu style: the paragraph names projects and a target before the bureau's head speaks
    text = ("成都市召开会议。\n会议指出，锦江区要加强水生态综合治理，确保年底前完成锦江绿道建设。"
            "市生态环境局负责人表示，今年将实施污水处理提质增效行动，力争城市污水处理率达到98%以上。")
    g = kg.build_texts({"t": text}, date="2021-03-12")
    responsible = labelled(g, "responsibleFor")
    assert ("成都市生态环境局", "污水处理提质增效行动") in responsible
    # the bureau's statement starts at its head: what the district is told before is the district's
    assert not any(p in {"水生态综合治理", "锦江绿道建设"} for a, p in responsible if a == "成都市生态环境局")
    assert ("锦江区", "锦江绿道建设") in responsible
    set_by = {t: a for t, a in labelled(g, "setBy")}
    assert set_by.get("力争城市污水处理率达到98%以上") == "成都市生态环境局"
    assert "确保年底前完成锦江绿道建设" not in set_by


def test_target_set_by_the_meeting_and_concerning_its_project(sample):
    lab = {n: d["label"] for n, d in sample.nx.nodes(data=True)}
    targets = {n: d for n, d in sample.nx.nodes(data=True) if d["kind"] == "Target"}
    gdp = next(n for n, d in targets.items() if "2万亿元" in d["text"])
    assert targets[gdp]["deadline"] == "2021-12-31"
    assert targets[gdp]["value"] == pytest.approx(2e12)
    assert targets[gdp]["unit"] == "元" and targets[gdp]["approximate"] is True
    assert {lab[o] for _, o, k in sample.nx.out_edges(gdp, keys=True) if k == "setBy"} == {"武汉市委"}
    diag = next(n for n, d in targets.items() if "2000多家" in d["text"])
    assert "工业智能化改造" in {lab[o] for _, o, k in sample.nx.out_edges(diag, keys=True) if k == "concerns"}


def test_every_node_and_edge_has_provenance_into_the_original_text(sample):
    text = SAMPLE.read_text(encoding="utf-8")
    for node, d in sample.nx.nodes(data=True):
        if d["kind"] == "Document":
            continue
        assert d["provenance"], node
        for p in d["provenance"]:
            assert p["doc"] == "000_c246a7f8e94544f9"
            assert text[p["sent_start"]:p["sent_start"] + len(p["sentence"])] == p["sentence"]
            assert p["sent_start"] <= p["start"] < p["end"] <= p["sent_start"] + len(p["sentence"])
            assert p["rule"] and 0 < p["confidence"] <= 1
    for u, v, k, d in sample.nx.edges(keys=True, data=True):
        assert d["provenance"], (u, k, v)


def test_the_same_bureau_from_two_articles_is_one_node():
    g = kg.build_texts({
        "a": "武汉市召开会议。市发改委负责人表示，加快推动新旧动能转换。",
        "b": "武汉市发展和改革委员会印发通知，部署重点项目建设。",
    })
    nodes = [d for d in g.entities("Agency") if d["label"] == "武汉市发展和改革委员会"]
    assert len(nodes) == 1
    assert nodes[0]["docs"] == ["a", "b"] and "市发改委" in nodes[0]["aliases"]


def test_remove_document_keeps_what_others_mention():
    g = kg.build_texts({
        "a": "武汉市召开会议。市发改委负责人表示，加快推动新旧动能转换。",
        "b": "武汉市水务局负责人表示，全力打好污染防治攻坚战。",
    })
    g.remove_document("a")
    labels = {d["label"] for d in g.entities()}
    assert "武汉市发展和改革委员会" not in labels and "武汉市水务局" in labels and "武汉市" in labels
    assert all(p["doc"] == "b" for _, d in g.nx.nodes(data=True) for p in d["provenance"])


def test_entities_rejects_an_unknown_kind(sample):
    with pytest.raises(ValueError, match="unknown kind 'Bureau'"):
        sample.entities("Bureau")
    assert {d["kind"] for d in sample.entities("WaterBody")} == {"Place"}


def test_sparql_returns_the_source_sentence_of_an_edge(sample):
    rows = sample.query("""
        PREFIX gk: <https://w3id.org/govkg/ns#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?sentence WHERE {
          ?a a gk:Assertion ; rdf:subject ?s ; rdf:predicate gk:partOf ; rdf:object ?o ;
             gk:inSentence/gk:text ?sentence .
          ?s gk:key ?sk . ?o gk:key ?ok .
        }""", {"sk": "place/420116/长轩岭街道/赵畈村", "ok": "place/420116"})
    sentences = set(rows.values("sentence"))
    assert any("黄陂区赵畈村扶贫工作队" in s for s in sentences)


def test_a_quotation_before_its_speaker_is_the_speaker_s_statement():
    text = ("武汉市召开会议。\n“水清、岸绿、景美不仅是碧水保卫战的目标。”市水务局负责人表示，要全力打好污染防治攻坚战。")
    g = kg.build_texts({"t": text}, date="2019-06-28")
    assert ("武汉市水务局", "碧水保卫战") in labelled(g, "responsibleFor")


@pytest.mark.parametrize("text,target,agency", [
    # Xinhua style: the State Council's executive meeting, its requirements in later sentences
    ("国务院常务会议部署加快发展保障性租赁住房\n新华社北京6月24日电 国务院总理主持召开国务院常务会议。"
     "会议要求，各地要落实城市政府主体责任，2022年底前出台具体实施办法。",
     "2022年底前出台具体实施办法", "国务院"),
    # Henan style: a city committee's plenary session, 全会强调 in its own paragraph
    ("郑州市委全会召开\n中共郑州市委十二届五次全体（扩大）会议召开。\n"
     "全会强调，要坚定不移推进国家中心城市建设，到2025年全市生产总值达到1.6万亿元。",
     "到2025年全市生产总值达到1.6万亿元", "郑州市委"),
])
def test_targets_the_meeting_states_are_set_by_its_convener(text, target, agency):
    g = kg.build_texts({"t": text}, date="2021-06-24")
    set_by = dict(labelled(g, "setBy"))
    assert set_by.get(target) == agency


def test_no_meeting_no_meeting_setter():
    text = "武汉市推进工作。\n会议要求，2022年底前出台具体实施办法。"  # no convener named
    g = kg.build_texts({"t": text}, date="2021-06-24")
    assert not labelled(g, "setBy")


def test_agencies_that_must_do_a_project_are_responsible_for_it():
    text = "郑州市召开会议。\n全会要求，市自然资源和规划局、市城管局要加快实施老旧小区改造工程。"
    g = kg.build_texts({"t": text}, date="2022-07-29")
    responsible = labelled(g, "responsibleFor")
    assert ("郑州市自然资源和规划局", "老旧小区改造工程") in responsible
    assert ("郑州市城市管理执法局", "老旧小区改造工程") in responsible


def test_an_agency_s_head_speaking_is_no_duty_of_the_subject_rule():
    text = "武汉市召开会议。\n27日,武汉市生态环境局负责人表示,全力打好碧水保卫战。"
    g = kg.build_texts({"t": text}, date="2019-06-28")
    rules = {p["rule"] for _, _, k, d in g.nx.edges(keys=True, data=True) if k == "responsibleFor" for p in d["provenance"]}
    assert rules == {"responsibleFor.speaker"}


def test_the_convener_named_with_its_head_who_presides():
    text = "武汉市召开会议。\n27日，市委书记主持召开市委常委会会议。\n会议要求，2022年底前出台具体实施办法。"
    g = kg.build_texts({"t": text}, date="2021-06-24")
    assert dict(labelled(g, "setBy")).get("2022年底前出台具体实施办法") == "武汉市委"


def test_a_meeting_named_in_another_clause_is_not_the_agency_s_own():
    text = ("武汉市水务局召开新闻发布会，通报贯彻全市防汛工作会议精神情况。\n"
            "会议要求，到2025年完成清水入江治理工程。")
    g = kg.build_texts({"t": text}, date="2021-06-24")
    assert not labelled(g, "setBy")


def test_no_relation_repeats_a_provenance_record():
    # two mentions of one place at one span (南湖: a short form and a lake) gave 南湖治理 locatedIn
    # 南湖 the same record twice
    from kg.extractor import extract_document
    from kg.ingest import iter_documents

    docs = list(iter_documents([SHARED / "seeds", SHARED / "corpus"], default_date=dt.date(2019, 6, 28)))
    assert len(docs) >= 7
    seen = 0
    for d in docs:
        for r in extract_document(d).relations:
            keys = [(p.start, p.end, p.rule) for p in r.provenance]
            assert len(keys) == len(set(keys)), (d.id, r.subject, r.predicate, r.object)
            seen += len(keys)
    assert seen > 100


def test_level_words_need_a_clear_home():
    # a national story naming 上海, 深圳 and 杭州: 省发展改革委 is no province's own, and
    # 各市、县人民政府 is every county's
    text = ("国家发展改革委副主任介绍，今年将新开工改造城镇老旧小区5.3万个。上海市浦东新区、广东省深圳市、"
            "浙江省杭州市等地被列为首批试点城市。（责任单位：省发展改革委、省住房城乡建设厅，各市、县人民政府）")
    g = kg.build_texts({"t": text}, date="2021-06-01")
    agencies = {d["label"] for _, d in g.nx.nodes(data=True) if d["kind"] == "Agency"}
    assert "国家发展和改革委员会" in agencies
    assert not any(a.startswith(("上海市", "浦东新区", "广东省", "浙江省")) for a in agencies), agencies
    # a Wuhan story: 市水务局 is Wuhan's, 各区政府 nobody's
    g = kg.build_texts({"w": "武汉市政府召开会议。市水务局牵头，各区政府配合，推进江汉区、武昌区湖泊治理。"},
                       date="2021-06-01")
    agencies = {d["label"] for _, d in g.nx.nodes(data=True) if d["kind"] == "Agency"}
    assert "武汉市水务局" in agencies and not any(a.endswith("区人民政府") for a in agencies)


@pytest.mark.parametrize("rule,text,expected", [
    # Wuhan districts: 在/于 + places + a short verb phrase + the project
    ("locatedIn.at_place", "市水务局将在东西湖区实施府河综合整治工程，总投资8亿元。", {("府河综合整治工程", "东西湖区")}),
    ("locatedIn.at_place", "市农业农村局将在黄陂区、新洲区推广高标准农田建设项目。",
     {("高标准农田建设项目", "黄陂区"), ("高标准农田建设项目", "新洲区")}),
    ("locatedIn.at_place", "于汉阳区启动“美丽乡村”建设行动。", {("“美丽乡村”建设行动", "汉阳区")}),
    # a siting verb (落户, 位于) before the place: the project may follow 的; a weak head (项目)
    # after it needs no introducing verb; the table's 瑶海工业园 is written in full as …园区
    ("locatedIn.at_place", "合肥市瑶海区签约一批项目。落户瑶海工业园区的新能源汽车零部件项目将于年内开工。",
     {("新能源汽车零部件项目", "瑶海工业园")}),
    ("locatedIn.at_place", "位于黄陂区的木兰文化生态旅游项目进展顺利。", {("木兰文化生态旅游项目", "黄陂区")}),
    # not where: another clause, a place that describes (的), an agency's name
    ("locatedIn.at_place", "在江夏区召开现场会，部署高标准农田建设项目。", set()),
    ("locatedIn.at_place", "在武汉市委领导下推进高标准农田建设项目。", set()),
    # Yunnan, Chongqing: the clause right after the project's says where (在, 涉及 + places)
    ("locatedIn.next_clause", "大理州召开会议，大理市、洱源县参加。州生态环境局要会同州农业农村局深入实施农业面源污染防治行动，"
     "在喜洲镇、上关镇、右所镇推广绿色生态种植。",
     {("农业面源污染防治行动", t) for t in ("喜洲镇", "上关镇", "右所镇")}),
    ("locatedIn.next_clause", "重庆市永川区部署项目建设。由区水利局负责实施的临江河流域水环境综合治理项目，涉及临江镇、卫星湖街道等地，"
     "计划于2025年6月底前完工。",
     {("临江河流域水环境综合治理项目", "临江镇"), ("临江河流域水环境综合治理项目", "卫星湖街道")}),
    # Tianjin: 重点做好 + rivers after the project's clause
    ("locatedIn.next_clause", "区生态环境局牵头推进入海河流综合治理，重点做好独流减河、永定新河、蓟运河入海断面水质提升。",
     {("入海河流综合治理", r) for r in ("独流减河", "永定新河", "蓟运河")}),
    # Tianjin: towns that act with the agency (会同 + towns + verb) are where the project is carried out
    ("locatedIn.at_place", "天津市滨海新区召开会议。区农业农村委要会同小王庄镇、杨家泊镇推进盐碱地综合利用试点项目。",
     {("盐碱地综合利用试点项目", "小王庄镇"), ("盐碱地综合利用试点项目", "杨家泊镇")}),
    # not: partners that are agencies, or a project after 的
    ("locatedIn.at_place", "天津市滨海新区召开会议。区农业农村委要会同区财政局推进盐碱地综合利用试点项目。", set()),
    ("locatedIn.at_place", "天津市滨海新区召开会议。区农业农村委要会同小王庄镇的企业推进盐碱地综合利用试点项目。", set()),
    # Liaoning: the project's name, then a siting word (落户, 位于) and the places
    ("locatedIn.sited", "东港市举行签约活动。此次签约的项目中，年产3万吨草莓精深加工项目落户东港经济开发区；"
     "大鹿岛海岛旅游综合开发项目位于孤山镇。",
     {("年产3万吨草莓精深加工项目", "东港经济开发区"), ("大鹿岛海岛旅游综合开发项目", "孤山镇")}),
    ("locatedIn.sited", "东港市举行签约活动。签约项目落户后要加快建设孤山镇道路。", set()),
    # Gansu: a deadline, then 完成 and the places, in the clause after the project's
    ("locatedIn.next_clause", "肃南裕固族自治县召开会议。县自然资源局牵头实施历史遗留矿山生态修复工程，10月底前完成皇城镇、"
     "康乐镇废弃矿点修复治理。", {("历史遗留矿山生态修复工程", "皇城镇"), ("历史遗留矿山生态修复工程", "康乐镇")}),
    ("locatedIn.next_clause", "肃南裕固族自治县召开会议。县自然资源局牵头实施历史遗留矿山生态修复工程，2024年底前完成皇城镇、"
     "康乐镇废弃矿点修复治理。", {("历史遗留矿山生态修复工程", "皇城镇"), ("历史遗留矿山生态修复工程", "康乐镇")}),
    # not: the clause before does not end with the project, or the places are not at its head
    ("locatedIn.next_clause", "实施农业面源污染防治行动工作，在喜洲镇推广绿色生态种植。", set()),
    ("locatedIn.next_clause", "深入实施农业面源污染防治行动，全面推广喜洲镇经验。", set()),
])
def test_project_at_places(rule, text, expected):
    # locatedIn.at_place: 在/于 + places + a short verb phrase + the project;
    # locatedIn.next_clause: the clause right after the project's name says where
    g = kg.build_texts({"t": text}, date="2024-03-01")
    assert _by_rule(g, "locatedIn", rule) == expected


@pytest.mark.parametrize("text,project,places", [
    # Yunnan, Shanxi: a name that opens with a river or site takes the ones listed before it
    ("洱源县要推进弥苴河、永安江、罗时江生态廊道建设。", "弥苴河、永安江、罗时江生态廊道建设", {"弥苴河", "永安江", "罗时江"}),
    ("双林寺、镇国寺周边环境整治要于明年6月底前完成。", "双林寺、镇国寺周边环境整治", {"双林寺", "镇国寺"}),
    # Tianjin: towns listed before the name stay out of it, and the task is at each of them
    ("区城市管理委员会要开展中北镇、精武镇背街里巷整治。", "精武镇背街里巷整治", {"中北镇", "精武镇"}),
])
def test_project_opening_with_listed_places(text, project, places):
    g = kg.build_texts({"t": text}, date="2024-03-01")
    assert {o for s, o in labelled(g, "locatedIn") if s == project} == places


def test_a_lead_with_a_verb_leads_what_its_sentence_names():
    # Ningxia: 市水务局要牵头推进… leads the work after it, not a project of an earlier sentence;
    # Heilongjiang: 市工信局牵头抓好计划落实 leads the paragraph's plan
    g = kg.build_texts({"t": "吴忠市委常委会召开会议。会议要求，确保年底前完成黄河生态廊道建设，推进城市更新三年行动。"
                             "市水务局要牵头推进入黄排水沟综合治理工程，力争10月底前完工。"}, date="2024-08-23")
    assert {o for s, o in _by_rule(g, "responsibleFor", "responsibleFor.lead")} == {"入黄排水沟综合治理工程"}
    g = kg.build_texts({"t": "齐齐哈尔市政府召开常务会议，审议通过《齐齐哈尔市装备制造业振兴三年行动计划》。"
                             "会议要求，市工信局牵头抓好计划落实，推动产业链协同发展。"}, date="2023-05-10")
    assert ("齐齐哈尔市工业和信息化局", "齐齐哈尔市装备制造业振兴三年行动计划") in \
        _by_rule(g, "responsibleFor", "responsibleFor.lead")


@pytest.mark.parametrize("text,place,division", [
    # Guizhou, Xinjiang, Fujian, Yunnan: a place the table lacks, named after a division the article names
    ("镇远县要做好镇远古城夜游项目。", "镇远古城", "镇远县"),
    ("巴楚县加快发展。巴楚县工业园区新落地项目12个。", "巴楚县工业园区", "巴楚县"),
    ("泉州市晋江市召开大会。福建晋江经济开发区要推行“拿地即开工”。", "晋江经济开发区", "晋江市"),
    # 大理 is the prefecture's short form and the stem of 大理市: the lower level
    ("大理州召开会议。大理市要完成大理古城片区雨污分流改造。", "大理古城", "大理市"),
])
def test_place_named_after_a_division(text, place, division):
    g = kg.build_texts({"t": text}, date="2024-03-01")
    assert (place, division) in _by_rule(g, "partOf", "partOf.name_prefix")


def test_no_part_of_a_division_the_name_only_starts_like():
    # 平安 (平安县?) is no division this article names; 武汉 is, but 武汉大学 is no place
    g = kg.build_texts({"t": "武汉市召开会议。建设平安社区，推进武汉长江新区建设。"}, date="2024-03-01")
    assert {o for s, o in _by_rule(g, "partOf", "partOf.name_prefix")} <= {"武汉市"}
    # 江汉平原 opens with 江汉 (江汉区's short form) but is a plain larger than the district
    g = kg.build_texts({"t": "江汉区召开会议。江汉平原粮食生产稳定。"}, date="2024-03-01")
    assert not any(s == "江汉平原" for s, o in labelled(g, "partOf"))


@pytest.mark.parametrize("text, agency", [
    # a Wuhan story that names 襄阳 once: 市发展改革委 is still Wuhan's
    ("武汉市召开优化营商环境推进会。会议指出，武汉要对标一流。市发展改革委负责人发言。会上，襄阳市介绍了经验。",
     "武汉市发展和改革委员会"),
    # and the other way round, the city named first and most
    ("襄阳市召开项目建设推进会。武汉市代表介绍经验。市发展改革委负责人表示，襄阳将加快推进项目。",
     "襄阳市发展和改革委员会"),
    # a Shandong story naming 江苏 once: 省财政厅 is Shandong's
    ("山东省召开全省财政工作会议。山东将加大民生投入。省财政厅负责人介绍了江苏省的做法。", "山东省财政厅"),
])
def test_level_words_of_the_first_and_most_named_of_two(text, agency):
    g = kg.build_texts({"t": text}, date="2021-06-01")
    agencies = {d["label"] for _, d in g.nx.nodes(data=True) if d["kind"] == "Agency"}
    assert agency in agencies, agencies


def test_level_words_of_two_places_named_as_often_stay_unresolved():
    text = "武汉市和襄阳市签署合作协议。市发展改革委负责人出席。"
    g = kg.build_texts({"t": text}, date="2021-06-01")
    agencies = {d["label"] for _, d in g.nx.nodes(data=True) if d["kind"] == "Agency"}
    assert not any(a.startswith(("武汉市", "襄阳市")) for a in agencies), agencies


def test_a_towns_listed_villages_are_part_of_it():
    # Yunnan: 和顺镇辖A村、B村、C社区; 大庄村 is also a table village of another town in the city,
    # but the list, and every later mention of it, make it 和顺镇's
    text = ("腾冲市和顺镇召开乡村振兴推进会。和顺镇辖水碓村、十字路村、大庄村、和顺社区等6个村（社区）。"
            "大庄村发展稻鱼共生综合种养基地。")
    g = kg.build_texts({"t": text}, date="2024-03-15")
    label = {n: d["label"] for n, d in g.nx.nodes(data=True)}
    part_of = {(label[u], label[v]) for u, v, k in g.nx.edges(keys=True) if k == "partOf"}
    for village in ("水碓村", "十字路村", "大庄村", "和顺社区"):
        assert (village, "和顺镇") in part_of, part_of
    assert sum(1 for n in label.values() if n == "大庄村") == 1


@pytest.mark.parametrize("text,agencies", [
    # Yunnan, Hubei: a county-level city's story; its 市 is that city, not the prefecture
    ("腾冲市委、市政府高度重视。腾冲市和顺镇召开会议。", {"腾冲市人民政府", "腾冲市委"}),
    ("宜都市委书记主持会议。市发改委、市财政局参加。宜昌市相关负责人出席。", {"宜都市发展和改革委员会", "宜都市财政局"}),
    # the prefecture's story that names one of its county-level cities
    ("宜昌市召开会议，宜昌市委书记讲话，宜都市负责人参加。市发改委负责人发言。", {"宜昌市发展和改革委员会"}),
])
def test_level_words_of_a_county_level_city(text, agencies):
    g = kg.build_texts({"t": text}, date="2024-03-01")
    assert agencies <= {d["label"] for _, d in g.nx.nodes(data=True) if d["kind"] == "Agency"}


def test_every_citys_department_is_not_the_national_one():
    g = kg.build_texts({"t": "各市发展改革委（能源局）要加强组织。山东省发展改革委印发通知。"}, date="2024-03-01")
    agencies = {d["label"] for _, d in g.nx.nodes(data=True) if d["kind"] == "Agency"}
    assert "国家发展和改革委员会" not in agencies and "山东省发展和改革委员会" in agencies


def test_a_zones_departments_and_its_level_words():
    # Anhui: a high-tech zone's story; 管委会经贸局 and 高新区科技局 are the zone's departments
    text = "合肥高新区召开大会。管委会经贸局要牵头实施“链长制”。高新区科技局负责推进。"
    g = kg.build_texts({"t": text}, date="2024-03-01")
    agencies = {d["label"] for _, d in g.nx.nodes(data=True) if d["kind"] == "Agency"}
    assert {"合肥高新技术产业开发区经济贸易局", "合肥高新技术产业开发区科学技术局"} <= agencies
    # a story on every zone: no zone of its own
    g = kg.build_texts({"t": "全市各开发区、高新区要加强管理。开发区管委会负责。"}, date="2024-03-01")
    assert not any(d["kind"] == "Agency" for _, d in g.nx.nodes(data=True))


def test_a_standing_committee_and_its_committee():
    g = kg.build_texts({"t": "西安市委常委会召开会议。会议强调，确保年内地区生产总值增长5.5%以上。"}, date="2024-03-01")
    label = {n: d["label"] for n, d in g.nx.nodes(data=True)}
    edges = {(label[u], k, label[v]) for u, v, k in g.nx.edges(keys=True)}
    assert ("西安市委常委会", "partOf", "西安市委") in edges


@pytest.mark.parametrize("text,zone", [
    # Jiangsu: a bare 高新区 listed with the city's districts is the city's zone
    ("苏州市召开会议。吴中区、吴江区、高新区要加快推进太湖生态岛建设。", "苏州高新区"),
    # Anhui: the table's zones of the city, along a chain of the list
    ("合肥市召开会议。蜀山区、高新区、经开区负责人参加。", "合肥经济技术开发区"),
])
def test_bare_zones_listed_with_districts(text, zone):
    g = kg.build_texts({"t": text}, date="2024-03-01")
    label = {n: d["label"] for n, d in g.nx.nodes(data=True)}
    assert zone in label.values()
    city = text[:3]
    assert (zone, city) in {(label[u], label[v]) for u, v, k in g.nx.edges(keys=True) if k == "partOf"}


def test_bare_zones_outside_a_list_of_places_are_no_place():
    g = kg.build_texts({"t": "推动开发区、高新区高质量发展。"}, date="2024-03-01")
    assert not any(d["kind"] == "Place" for _, d in g.nx.nodes(data=True))


def test_a_clause_subject_is_responsible_only_up_to_the_next_subject():
    text = "石家庄市召开会议。市住建局将加强建筑工地扬尘管控，市交通运输局负责推进“公转铁”项目。"
    g = kg.build_texts({"t": text}, date="2024-03-05")
    label = {n: d["label"] for n, d in g.nx.nodes(data=True)}
    resp = {(label[u], label[v]) for u, v, k in g.nx.edges(keys=True) if k == "responsibleFor"}
    assert ("石家庄市交通运输局", "“公转铁”项目") in resp
    assert not any(a == "石家庄市住房和城乡建设局" for a, _ in resp)


def _link(g: KnowledgeGraph, predicate: str, target_text: str) -> str | None:
    """The label the target whose text holds ``target_text`` links to by ``predicate``."""
    return next((o for s, o in labelled(g, predicate) if target_text in s), None)


def _rule(g: KnowledgeGraph, predicate: str) -> set[str]:
    return {p["rule"] for _, _, k, d in g.nx.edges(keys=True, data=True) if k == predicate for p in d["provenance"]}


@pytest.mark.parametrize("text,date,target,issuer,plan", [
    # a joint notice (Shandong): the issuers before 关于印发, the plan in its title
    ("山东省发展和改革委员会 山东省能源局关于印发《山东省新能源高质量发展三年行动方案（2023—2025年）》的通知\n"
     "各市发展改革委，省有关部门：\n"
     "到2025年，全省新能源和可再生能源发电装机规模达到1亿千瓦以上。",
     "2023-02-21", "1亿千瓦", "山东省发展和改革委员会", "山东省新能源高质量发展三年行动方案（2023—2025年）"),
    # the title names the plan without 《》; the body's 《…》现印发给你们 is the plan (Anhui style)
    ("安徽省人民政府办公厅关于印发支持工业互联网发展若干政策的通知\n各市人民政府，省政府各部门：\n"
     "《安徽省工业互联网创新发展行动计划（2021-2023年）》现印发给你们，请认真贯彻执行。\n"
     "到2023年，力争全省建成10个二级节点。",
     "2021-03-01", "10个二级节点", "安徽省人民政府办公厅", "安徽省工业互联网创新发展行动计划（2021-2023年）"),
])
def test_a_notice_s_targets_are_set_by_its_first_issuer_and_concern_the_plan_it_issues(text, date, target, issuer, plan):
    g = kg.build_texts({"t": text}, date=date)
    assert _link(g, "setBy", target) == issuer
    assert _link(g, "concerns", target) == plan
    assert _rule(g, "setBy") == {"setBy.issuer"} and _rule(g, "concerns") == {"concerns.document"}


def test_co_issuers_of_the_lead_sentence_give_the_lead_issuer():
    # Heilongjiang: 农业农村厅会同财政厅、自然资源厅印发《…》: the lead issuer sets the plan's targets
    g = kg.build_texts({"t": "省农业农村厅等三部门印发黑土地保护方案\n"
                             "近日，黑龙江省农业农村厅会同省财政厅、省自然资源厅印发《黑龙江省黑土地保护利用三年行动实施方案（2025—2027年）》。\n"
                             "《方案》提出，到2027年，全省实施黑土地保护利用面积累计达到1.2亿亩。"}, date="2025-03-01")
    assert _link(g, "setBy", "1.2亿亩") == "黑龙江省农业农村厅"


@pytest.mark.parametrize("title_and_body,date,key,setter", [
    # a headline agency sets the targets of its story; a work report's are its government's
    ("苏州市水务局：全面深化河湖长制\n6月1日，全市河湖长制工作新闻通气会召开。\n到2025年，全市累计建成幸福河湖500条。",
     "2023-06-02", "500条", "苏州市水务局"),
    ("2025年湖北省政府工作报告\n各位代表：\n今年经济社会发展的主要预期目标是：经济增长6％左右。",
     "2025-01-16", "6％左右", "湖北省人民政府"),
    # Jiangsu style: 鼓楼区2023年政府工作报告
    ("鼓楼区2023年政府工作报告\n来源：南京日报\n\n今年全区经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。",
     "2023-01-10", "5.5%左右", "鼓楼区人民政府"),
    # 长春市住房和城乡建设局2024年工作要点 (issuer_document): the bureau's own plan
    ("长春市住房和城乡建设局2024年工作要点\n来源：长春市住房和城乡建设局\n\n"
     "一、城市更新。全年改造城镇老旧小区186个，新建改造城市燃气管网450公里。", "2024-03-15", "186个", "长春市住房和城乡建设局"),
    # a bureau's field report in the title issues nothing
    ("长春市住房和城乡建设局 走访工地见闻\n\n记者了解到，全年将改造城镇老旧小区186个。", "2024-03-15", "186个", None),
])
def test_the_title_names_who_sets_the_targets(title_and_body, date, key, setter):
    g = kg.build_texts({"t": title_and_body}, date=date)
    assert _link(g, "setBy", key) == setter


def test_a_work_report_s_year_is_no_part_of_its_government_s_name():
    report = ("鼓楼区2023年政府工作报告\n来源：南京日报\n\n"
              "今年全区经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。")
    g = kg.build_texts({"t": report}, date="2023-01-10")
    node = next(d for _, d in g.nx.nodes(data=True) if d.get("label") == "鼓楼区人民政府")
    assert not any("2023" in a for a in node["aliases"])


def test_a_story_s_lead_agency_that_issues_a_plan_sets_its_targets():
    # Henan style: the title issues nothing; the lead sentence's agency 印发《…》, later paragraphs
    # quote the plan by its short name (《方案》提出)
    story = ("洛阳出台制造业数字化转型方案\n来源：洛阳日报\n\n"
             "近日，洛阳市人民政府办公室印发《洛阳市制造业数字化转型实施方案（2024—2026年）》（以下简称《方案》）。\n"
             "《方案》提出，到2026年，全市规模以上工业企业数字化改造覆盖率达到80%。")
    g = kg.build_texts({"t": story}, date="2024-05-06")
    assert _link(g, "setBy", "80%") == "洛阳市人民政府办公室"
    assert _link(g, "concerns", "80%") == "洛阳市制造业数字化转型实施方案（2024—2026年）"


@pytest.mark.parametrize("text", [
    # an addressee line is not a title, though it opens with agencies and ends in a colon
    "各县（市、区）人民政府，市政府各部门：\n到2025年，全市新建5G基站1万个。",
    # a headline whose agency does not issue or convene (a place's news)
    "南宁市水务局 防汛一线见闻\n记者走访发现，到2025年全市将新建泵站12座。",
])
def test_no_issuer_without_an_issuing_title(text):
    g = kg.build_texts({"t": text}, date="2024-06-01")
    assert "setBy.issuer" not in _rule(g, "setBy")


def test_the_convener_of_a_meeting_that_relays_another_s_spirit_sets_its_targets():
    # Xi'an: the city committee's meeting relays the provincial committee's; 第二十次常务会议 (Meitan) too
    text = ("市委常委会召开会议\n7月13日，中共西安市委书记主持召开市委常委会会议，传达学习省委常委会会议精神。\n"
            "会议强调，确保全年地区生产总值增长5.5%以上。")
    g = kg.build_texts({"t": text}, date="2023-07-14")
    assert _link(g, "setBy", "5.5%") == "西安市委"
    text = ("湄潭县召开常务会议\n4月11日，湄潭县县长主持召开县政府第二十次常务会议。\n"
            "会议指出，到2025年，全县茶园面积稳定在60万亩。")
    g = kg.build_texts({"t": text}, date="2023-04-12")
    assert _link(g, "setBy", "60万亩") == "湄潭县人民政府"


def test_the_subject_agency_of_a_target_s_clause_sets_it_and_a_list_s_first_agency_states_it():
    # (a story with no convener or issuer: one would set them all, as the official gold has it)
    text = ("苏州深化河湖长制\n今年，市河长办将组织各地建成“幸福河湖”100条。"
            "市水务局将会同市生态环境局实施阳澄湖生态优化行动，确保总磷浓度控制在0.05毫克/升以下。")
    g = kg.build_texts({"t": text}, date="2023-06-02")
    assert _link(g, "setBy", "100条") == "苏州市河长办"
    assert _link(g, "setBy", "0.05毫克/升") == "苏州市水务局"
    text = ("腾冲市和顺镇推进乡村振兴。\n镇党委、镇政府制定了《和顺镇乡村振兴三年行动计划》，"
            "提出到2024年，全镇村集体经济收入全部达到10万元以上。")
    g = kg.build_texts({"t": text}, date="2022-09-08")
    assert _link(g, "setBy", "10万元") == "和顺镇党委"


def test_a_target_concerns_its_item_s_project_or_the_plan_its_paragraph_refers_to():
    # Guangdong: a numbered item's heading names the campaign; the target's own sentence names none
    text = ("二、重点任务\n（二）实施汽车以旧换新行动。省商务厅负责组织实施，年内全省汽车报废更新补贴申请量力争达到10万辆。")
    g = kg.build_texts({"t": text}, date="2024-05-10")
    assert _link(g, "concerns", "10万辆") == "汽车以旧换新行动"
    # Handan / Meitan: 按照方案， and 方案提出， refer to the plan named before
    text = ("3月5日，邯郸市生态环境局发布《邯郸市2024年大气污染综合治理工作方案》。\n"
            "按照方案，2024年全市PM2.5平均浓度要控制在45微克/立方米以内。到2025年，PM2.5浓度降至42微克/立方米。")
    g = kg.build_texts({"t": text}, date="2024-03-06")
    assert _link(g, "concerns", "45微克") == "邯郸市2024年大气污染综合治理工作方案"
    assert _link(g, "concerns", "42微克") == "邯郸市2024年大气污染综合治理工作方案"
    assert _rule(g, "concerns") == {"concerns.anaphor"}


def test_a_plan_word_inside_a_longer_name_refers_to_nothing():
    text = ("深圳市发布《深圳市2024年城市更新工作方案》。\n各区要在2024年6月底前制定出台本地区实施方案，确保任务落地。")
    g = kg.build_texts({"t": text}, date="2024-03-06")
    assert "concerns.anaphor" not in _rule(g, "concerns")


@pytest.mark.parametrize("text,expected", [
    # Tianjin: 由X负责 after the project of its sentence; Tianjin's 城市管理委 is a department
    ("天津市西青区召开会议。西青区将实施背街里巷整治，由区城市管理委负责。",
     {("西青区城市管理委员会", "背街里巷整治")}),
    # X负责的Y
    ("武汉市江岸区召开会议。区水务局负责的雨污混接点改造工程年底前完成。",
     {("江岸区水务局", "雨污混接点改造工程")}),
    # 由X牵头 after the project of its sentence, or before the project of its clause
    ("湖南省岳阳市召开会议。畜禽养殖污染治理由市生态环境局牵头，年内完成。",
     {("岳阳市生态环境局", "畜禽养殖污染治理")}),
    ("江苏省泗洪县召开会议。由县水务局牵头推进洪泽湖退圩还湖工程，年内完成。",
     {("泗洪县水务局", "洪泽湖退圩还湖工程")}),
    # a spokesperson is no charge: 由…负责人介绍
    ("武汉市召开会议。推进老旧小区改造工程，由市住建局负责人介绍。", set()),
])
def test_agencies_charged_with_a_project(text, expected):
    g = kg.build_texts({"t": text}, date="2024-03-01")
    assert _by_rule(g, "responsibleFor", "responsibleFor.charged") == expected
    assert not any(d.get("kind") == "Place" and d["label"].startswith("背街") for _, d in g.nx.nodes(data=True))


def test_a_place_that_convenes_in_the_title_sets_the_targets():
    # 大理州召开…会议 (place_issue): the prefecture acts, so it is an Agency too and sets the targets;
    # a province opening the title is left alone (its government is named when it acts)
    from kg.rdf import validate
    text = ("大理州召开2024年洱海保护治理州级总湖长会议\n来源：大理日报\n\n"
            "3月7日，大理州召开2024年洱海保护治理州级总湖长会议。会议要求，洱海全湖水质全年保持优良，"
            "6月底前完成大理古城片区雨污分流改造。")
    g = kg.build_texts({"t": text}, date="2024-03-08")
    assert _link(g, "setBy", "6月底前") == "大理白族自治州"
    node = next(d for _, d in g.nx.nodes(data=True) if d.get("label") == "大理白族自治州")
    assert node["kind"] == "Place" and "Agency" in node["types"]
    conforms, report = validate(g.nx)
    assert conforms, report
    g2 = kg.build_texts({"t": "湖北省召开会议\n\n会议要求，到2025年全省建成100个示范村。"}, date="2024-03-08")
    assert _link(g2, "setBy", "100个") != "湖北省"


@pytest.mark.parametrize("text,expected", [
    # a county told to act, alone or in a list, stands for its government
    ("云南省大理州召开会议。洱源县要抓好洱海源头保护治理，重点推进永安江生态廊道建设。",
     {("洱源县", "洱海源头保护治理"), ("洱源县", "永安江生态廊道建设")}),
    ("湖南省岳阳市召开会议。华容县、君山区要加快推进沿线城镇提升工程。",
     {("华容县", "沿线城镇提升工程"), ("君山区", "沿线城镇提升工程")}),
    # a place charged with a task (the Baotou policy document: 交由达茂旗牵头落实)
    ("包头市召开会议。制定边境地区网络覆盖方案，按分工交由达茂旗牵头落实。",
     {("达尔罕茂明安联合旗", "边境地区网络覆盖方案")}),
])
def test_places_told_to_act_are_responsible(text, expected):
    g = kg.build_texts({"t": text}, date="2024-03-01")
    assert expected <= labelled(g, "responsibleFor")
    label = {n: d.get("label") for n, d in g.nx.nodes(data=True)}
    for county, _ in expected:
        node = next(d for n, d in g.nx.nodes(data=True) if label[n] == county)
        assert node["kind"] == "Place" and "Agency" in node["types"]


@pytest.mark.parametrize("text,place", [
    ("大理州召开会议。游客来到洱源县，欣赏洱海风光。", "洱源县"),
    ("岳阳市召开会议。岳阳县将迎来强降雨。", "岳阳县"),          # 将 after a place is no duty
    ("包头市召开会议。活动由达茂旗负责人主持。", "达尔罕茂明安联合旗"),  # 负责人 is no charge
])
def test_a_place_named_in_passing_is_no_agency(text, place):
    g = kg.build_texts({"t": text}, date="2024-03-01")
    node = next(d for _, d in g.nx.nodes(data=True) if d.get("label") == place)
    assert "Agency" not in node.get("types", [])


def test_a_development_zone_told_to_act_still_sets_its_targets():
    # a zone is an Agency by itself (not a place told to act): setBy.subject keeps it
    g = kg.build_texts({"t": "合肥市召开会议。合肥高新区要加快建设，到2025年建成10个孵化器。"}, date="2024-03-01")
    assert _link(g, "setBy", "10个孵化器") == "合肥高新技术产业开发区"


def test_a_numbered_item_s_later_targets_concern_its_first_project():
    # 53．建立…平台，…。10月底完善…: no short heading, but the item's first sentence names its project
    text = ("包头市人民政府办公室关于印发《包头市2022年数字政府建设考评办法》的通知\n"
            "53．建立电子化网络化的全市物价信息服务平台，7月底前完成项目前期手续，实现平台基础建设和重点功能。"
            "10月底完善平台各项功能，提升政府治理水平。\n")
    g = kg.build_texts({"t": text}, date="2022-03-01")
    assert _link(g, "concerns", "10月底完善") == "全市物价信息服务平台"


def test_a_town_the_table_lacks_shares_the_parent_of_the_town_listed_before_it():
    g = kg.build_texts({"t": "肃南裕固族自治县召开会议。完成皇城镇、祁丰藏族乡废弃矿点修复治理。"}, date="2023-08-22")
    assert ("祁丰藏族乡", "肃南裕固族自治县") in _by_rule(g, "partOf", "partOf.sibling")


@pytest.mark.parametrize("text,key,setter", [
    # a 调度会 is a meeting: its convener sets the targets its paragraphs announce, over the bureau told
    ("海东市调度交通项目\n7月23日，海东市政府召开全市交通重点项目建设调度会。\n\n"
     "会议要求，市交通运输局要牵头推进沿黄公路改扩建工程，9月底前完成全线路面基层施工。",
     "9月底前完成", "海东市人民政府"),
    ("南宁市召开防汛部署会\n5月8日，南宁市水利局召开全市防汛工作部署会。\n\n"
     "会议提出，各县区要加快水库除险加固，汛期前完成12座病险水库整治。", "12座", "南宁市水利局"),
])
def test_the_convener_of_any_kind_of_meeting_sets_its_targets(text, key, setter):
    g = kg.build_texts({"t": text}, date="2024-07-24")
    assert _link(g, "setBy", key) == setter
    assert _rule(g, "setBy") == {"setBy.meeting"}


def test_a_street_that_convenes_in_the_lead_sentence_acts_and_its_meeting_is_no_target():
    # the title names no convener; the lead sentence's street does (本报讯 style); the meeting's
    # season (2024—2025年度) is no deadline
    story = ("桂林街道做好今冬供热保障\n本报讯 9月24日，长春市朝阳区桂林街道召开2024—2025年度供热保障工作会议。\n\n"
             "会议明确，街道城建办要配合区住建局推进老旧楼栋改造，10月10日前完成12栋住宅外墙保温改造。")
    g = kg.build_texts({"t": story}, date="2024-09-25")
    assert _link(g, "setBy", "12栋") == "桂林街道"
    node = next(d for _, d in g.nx.nodes(data=True) if d.get("label") == "桂林街道")
    assert "Agency" in node["types"]
    assert not any("召开" in d.get("label", "") for _, d in g.nx.nodes(data=True) if d.get("kind") == "Target")


def test_a_document_s_issuer_sets_the_targets_of_the_bodies_it_tasks():
    # the Baotou gold's convention: every target of an issued notice is its issuer's, though a
    # bureau is the subject of the clause (a 通报 signed by its issuer is the same)
    text = ("包头市人民政府办公室关于印发《包头市2022年数字政府建设考评办法》的通知\n"
            "各旗、县、区人民政府：\n"
            "市大数据局要牵头推进政务数据共享，6月底前完成全市政务数据目录编制。")
    g = kg.build_texts({"t": text}, date="2022-03-01")
    assert _link(g, "setBy", "6月底前完成") == "包头市人民政府办公室"


@pytest.mark.parametrize("text,key,government", [
    # a 政协 协商会: the departments that answer report the government's plans
    ("拉萨市政协召开专题协商会\n7月9日，拉萨市政协召开专题协商会，副市长到会听取意见，表示市政府将认真研究。\n\n"
     "市水利局负责同志介绍，今年将实施拉萨河堤防加固工程，年底前完成堤防加固9公里。", "9公里", "拉萨市人民政府"),
    # a 人大常委会 审议: the report's targets are the government's
    ("桂林市人大常委会审议漓江保护工作报告\n10月26日，桂林市人民代表大会常务委员会召开会议，听取和审议市政府关于漓江保护工作情况的报告。\n\n"
     "会议指出，要加快实施漓江补水工程，到2025年漓江干流水质稳定保持Ⅱ类。", "Ⅱ类", "桂林市人民政府"),
])
def test_in_a_congress_or_cppcc_story_the_government_sets_the_targets(text, key, government):
    g = kg.build_texts({"t": text}, date="2024-07-10")
    assert _link(g, "setBy", key) == government
    assert _rule(g, "setBy") == {"setBy.government"}


def test_a_convened_meeting_holds_no_project():
    # (a scope word stays in a name: the Baotou gold's 全市物价信息服务平台)
    g = kg.build_texts({"t": "3月19日，韶关市翁源县召开全县耕地保护和高标准农田建设推进会。"}, date="2024-03-20")
    projects = {d["label"] for _, d in g.nx.nodes(data=True) if d.get("kind") == "Project"}
    assert not any("召开" in p for p in projects)


def test_a_notice_signed_by_an_agency_is_its_issuer():
    # a 通报 whose title names no issuer: the signature line before the date does
    text = ("关于城市管理问题整改情况的通报\n各区（市）城管局，市直各有关部门：\n\n"
            "一、整改要求。市城市管理局负责实施沿河环境整治，7月15日前完成沿河护栏修复。\n\n"
            "潍坊市创建全国文明城市工作领导小组办公室\n2024年5月27日")
    g = kg.build_texts({"t": text}, date="2024-05-28")
    assert _link(g, "setBy", "7月15日前") == "潍坊市创建全国文明城市工作领导小组办公室"
    assert _rule(g, "setBy") == {"setBy.issuer"}
    # an agency's name in the last line but one, with more words, signs nothing
    g = kg.build_texts({"t": text.replace("\n潍坊市创建", "\n请各单位报送潍坊市创建")}, date="2024-05-28")
    assert "setBy.issuer" not in _rule(g, "setBy")
