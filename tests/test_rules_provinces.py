"""The rule families added for issue 3 (NER baselines), on sentences in the style of government
news from several provinces: the country itself and one-character abbreviations, facilities and
roads named after a place, organizations named by a place and a head word, units under an
agency, session prefixes, international bodies and the former bureau names. Each family has
negative rows: words that must NOT become an entity there.

Rows give the resolved names (``Mention.name``) or the surface spans that ``kg.extract`` must
(or must not) return.
"""
from __future__ import annotations

import pytest

import kg
from kg.gazetteer import read_lines, read_table
from kg.nlp import rules as R


def found(text: str, label: str) -> dict[str, str]:
    """surface text -> resolved name of the mentions of one label."""
    return {m.text: m.name for m in kg.extract(text) if m.label == label}


def rules_of(text: str, label: str) -> dict[str, str]:
    return {m.text: m.rule for m in kg.extract(text) if m.label == label}


# ------------------------------------------------------------------ the country and abbreviations
@pytest.mark.parametrize("text,expected", [
    # national news (Xinhua style), Guangdong, Yunnan, Heilongjiang
    ("中美两国元首通话，双方同意推动中美关系健康稳定发展。", {"中": "中国", "美": "美国"}),
    ("粤港澳大湾区建设全面推进，港澳同胞积极参与。", {"港": "香港特别行政区", "澳": "澳门特别行政区"}),
    ("云南省推动中缅经贸合作，扩大边境贸易。", {"中": "中国", "缅": "缅甸"}),
    ("黑龙江省深化中俄边境合作，2023年对俄贸易额增长。", {"中": "中国", "俄": "俄罗斯"}),
    ("外国企业家代表团访华期间，参观了中国（上海）自由贸易试验区。", {"华": "中国"}),
    ("中国将继续坚定不移扩大对外开放。", {"中国": "中国"}),
])
def test_country_and_abbreviations(text, expected):
    places = found(text, "Place")
    assert expected.items() <= places.items()


@pytest.mark.parametrize("text,not_place", [
    ("支持企业利用好中国国际进口博览会、中国进出口商品交易会等平台。", {"中国"}),  # events
    ("依托中国（安徽）自由贸易试验区，申建中国-东盟经贸创新发展示范区。", {"中国"}),  # longer names
    ("扩大与发展中国家的合作，关爱中老年人群。", {"中国", "中", "老"}),
    ("严厉打击非法经营，以加强监管为抓手。", {"非", "以", "加"}),
    ("他在华为公司工作，来京剧院演出。", {"华", "京"}),
    ("整合RCEP成员国驻华使领馆、投促机构资源。", {"华"}),  # the missions, not China as a place
    ("推进中西部地区发展，建设中亚班列。", {"中", "西"}),
])
def test_not_country_abbreviations(text, not_place):
    assert not (set(found(text, "Place")) & not_place)


def test_abbreviation_table_names_are_gazetteer_places():
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    for row in read_table("place_abbreviations.tsv"):
        assert len(row["abbr"]) == 1 and gaz.candidates(row["name"]), row


# ------------------------------------------------------------------ facilities and roads
@pytest.mark.parametrize("text,expected", [
    ("加强与宁波舟山港、上海洋山港等枢纽港合作。", {"宁波舟山港", "上海洋山港"}),  # Anhui (029)
    ("游客从桂林机场出发，当天抵达阳朔。", {"桂林机场"}),  # Guangxi
    ("甘肃省博物馆推出丝路文物特展。", {"甘肃省博物馆"}),  # Gansu
    ("活动在北京市东城区王府井大街218号举行。", {"北京市东城区王府井大街218号"}),  # an address
    ("上海市南京东路步行街客流回升。", {"上海市南京东路"}),
])
def test_facilities_and_roads(text, expected):
    places = rules_of(text, "Place")
    assert expected <= set(places)
    assert all(places[s] == R.RULE_PLACE_FACILITY for s in expected)


def test_places_inside_a_facility_name_are_no_mentions():
    places = set(found("加强与宁波舟山港、上海洋山港等枢纽港合作。", "Place"))
    assert not places & {"宁波", "舟山", "上海"}


@pytest.mark.parametrize("text,not_place", [
    ("武汉市路网改造加快，全市道路畅通。", {"武汉市路", "道路"}),
    ("武汉建设国际航空港，提升枢纽能级。", {"武汉建设国际航空港"}),
    ("中国香港特别行政区政府表示欢迎。", {"中国香港"}),
    ("推进现代化、国际化、生态化大武汉建设，湖水清澈。", {"国际化", "湖水"}),
    ("江汉区民族街驻村工作队开展帮扶。", {"江汉区民族街"}),
    # a village-like word or a county's short form does not start a facility's name (Hubei, Beijing)
    ("加快建好农村公路，打通乡村路网，方便进京赶考之路。", {"农村公路", "建农村公路", "乡村路", "京赶考之路"}),
])
def test_not_facilities(text, not_place):
    assert not (set(found(text, "Place")) & not_place)


# ------------------------------------------------------------------ organizations
@pytest.mark.parametrize("text,expected", [
    ("北京大学与清华大学联合发布报告。", {"北京大学"}),
    ("中国队以3比1战胜巴西队，晋级决赛。", {"中国队", "巴西队"}),
    ("（中国出口信用保险公司安徽分公司负责）", {"中国出口信用保险公司安徽分公司"}),
    ("武汉大学中南医院派出医疗队支援。", {"武汉大学"}),
])
def test_organizations(text, expected):
    orgs = found(text, "Organization")
    assert expected <= set(orgs)
    assert not expected & set(found(text, "Agency"))


@pytest.mark.parametrize("text,not_org", [
    ("甘肃临夏州推进农村合作银行改革。", {"合作银行"}),  # 合作 is a county's short form here, no name
    ("江汉区民族街驻黄陂区赵畈村扶贫工作队队长表示。", {"赵畈村扶贫工作队", "黄陂区赵畈村扶贫工作队"}),
    ("全市各单位、有关部门积极响应。", {"各单位", "有关部门"}),
    ("中国队员表现出色，球队士气高涨。", {"中国队"}),
])
def test_not_organizations(text, not_org):
    assert not (set(found(text, "Organization")) & not_org)


# ------------------------------------------------------------------ agencies
@pytest.mark.parametrize("text,expected", [
    # units under an agency (Shandong, Hubei, national, Jiangxi, Anhui)
    ("临沂市公安局兰山分局民警迅速出警。", {"临沂市公安局兰山分局"}),
    ("湖北省公安厅党组召开会议。", {"湖北省公安厅党组"}),
    ("国家旅游局管理司负责人介绍。", {"国家旅游局管理司"}),
    ("江西省委老干部局组织老同志参观。", {"江西省委老干部局"}),
    ("中国人民银行合肥中心支行牵头实施。", {"中国人民银行合肥中心支行"}),
    # session prefixes and the party centre's departments
    ("十三届全国人大常委会第二次会议审议通过。", {"十三届全国人大常委会"}),
    ("中共中央统战部召开座谈会。", {"中共中央统战部"}),
    # the country's name before a central body
    ("中国外交部发言人表示。", {"中国外交部"}),
    # international bodies
    ("联合国安理会一致通过决议，世界卫生组织发布报告。", {"联合国安理会", "世界卫生组织"}),
    # democratic parties and their centres, other countries' bodies and forces
    ("民革中央、致公党中央和九三学社中央负责人出席。", {"民革中央", "致公党中央", "九三学社中央"}),
    ("共青团中央书记处印发通知。", {"共青团中央书记处"}),
    ("俄外交部发言人表示，美军和日军举行联合演习。", {"俄外交部", "美军", "日军"}),
    ("美国海军舰艇抵达港口。", {"美国海军"}),
    # a renamed division (崇礼县 is now 崇礼区 of Zhangjiakou, Hebei) keeps its agency
    ("张家口市崇礼县政府召开冬奥筹备会。", {"崇礼县政府"}),
    # former and county names of bureaux (Henan, Sichuan)
    ("郑州市房管局、市国土局、市工商局联合检查。", {"郑州市房管局", "市国土局", "市工商局"}),
    ("成都市质监局、市地税局和市人武部参加。", {"成都市质监局", "市地税局", "市人武部"}),
])
def test_agencies(text, expected):
    assert expected <= set(found(text, "Agency"))


@pytest.mark.parametrize("text,canonical", [
    ("中国外交部发言人表示。", {"中国外交部": "外交部"}),
    ("十三届全国人大常委会第二次会议审议通过。", {"十三届全国人大常委会": "全国人民代表大会常务委员会"}),
    ("世贸组织和北约发表声明。", {"世贸组织": "世界贸易组织", "北约": "北大西洋公约组织"}),
    ("郑州市房管局联合检查。", {"郑州市房管局": "郑州市房地产管理局"}),
    ("国家人事部发布通知。", {"国家人事部": "人力资源和社会保障部"}),
    ("张家口市崇礼县政府召开会议。", {"崇礼县政府": "崇礼区人民政府"}),
    ("民革中央召开全会。", {"民革中央": "中国国民党革命委员会"}),
])
def test_agency_canonical_names(text, canonical):
    assert canonical.items() <= found(text, "Agency").items()


@pytest.mark.parametrize("text,not_agency", [
    ("市委全体会议部署下半年工作，全市局面稳定。", {"市委全体会议部", "会议部署", "局面"}),
    ("湖北省公安厅党组织建设进一步加强。", {"湖北省公安厅党组"}),
    ("市公安局局长表示，部分单位落实办法不到位。", {"市公安局局", "部分", "办法"}),
    ("外交部长会见了来访客人，新华社莫斯科电。", {"外交部长", "新华社莫斯科"}),
    ("镇党委书记召集到办公室开会。", {"镇党委书记召集到办公室"}),
    ("全市各单位积极响应，有关部门加强监管。", {"各单位", "有关部门"}),
    ("广大共产党员、共青团员冲锋在前。", {"共产党", "共青团", "中国共产党", "中国共产主义青年团"}),
    ("人民革命中央苏区，农民建房，人民进行曲。", {"中国国民党革命委员会", "中国民主建国会", "中国民主促进会"}),
    ("美军事专家认为，英军人数减少。", {"美军", "英军"}),
    ("中共中央、国务院印发意见。", {"中共中央国务院"}),
    ("区委召开常委会议，市政府研究部署处置工作。", {"区委召开常委", "市政府研究部署处"}),
])
def test_not_agencies(text, not_agency):
    ms = found(text, "Agency")
    assert not ((set(ms) | set(ms.values())) & not_agency)


def test_renamed_division_is_the_new_one_not_a_place_inside_it():
    ids = {m.text: m.attributes["id"] for m in kg.extract("我们崇礼县是旅游大县。") if m.label == "Place"}
    assert ids == {"崇礼县": "place/130709"}  # 崇礼区, not 礼县 of Gansu (621226)


def test_unit_parent_named_only_inside_is_no_node_of_its_own():
    g = kg.build_texts({"t": "中国人民银行合肥中心支行牵头实施。"})
    ids = {e["id"] for e in g.entities("Agency")}
    assert ids == {"agency/中国人民银行/合肥中心支行"}
    assert not g.relations("partOf")


def test_rule_ids_are_in_provenance():
    g = kg.build_texts({"t": "临沂市公安局兰山分局民警出警。中美两国关系。桂林机场。联合国安理会。"})
    rules = {p["rule"] for _, d in g.nx.nodes(data=True) for p in d.get("provenance", ())}
    assert {R.RULE_AGENCY_UNIT, R.RULE_PLACE_ABBR, R.RULE_PLACE_FACILITY, R.RULE_AGENCY_INTL} <= rules


def test_data_files_parse():
    assert read_lines("place_pair_next.txt") and read_lines("agency_unit_stop.txt")
    heads = read_table("name_heads.tsv")
    assert {r["label"] for r in heads} == {"Place", "WaterBody", "Organization", "Event"}
    assert all(0 <= int(r["min_middle"]) <= int(r["max_middle"]) for r in heads)
    units = read_table("agency_units.tsv")
    assert all(int(r["min_middle"]) <= int(r["max_middle"]) for r in units)


# ------------------------------------------------------------------ 会同: a verb, also a county's short form
@pytest.mark.parametrize("text,agencies", [
    # Anhui, Guangdong, Hubei, Hunan: "X会同Y" (X jointly with Y) is the commonest pairing of two agencies
    ("省经济和信息化厅会同省财政厅制定实施细则。", {"省经济和信息化厅", "省财政厅"}),
    ("广州市黄埔区发展和改革局会同区工信局推进产业园建设。", {"黄埔区发展和改革局", "区工信局"}),
    ("市发改委会同市财政局制定方案。", {"市发改委", "市财政局"}),
    ("会同县教育局召开会议。", {"会同县教育局"}),  # the county's full name still prefixes its bureau
    ("武汉市汉阳区交通局负责人表示", {"汉阳区交通局"}),  # a district's full name, not its short form
    ("民航西藏区局强基办主任介绍", {"西藏区局强基办"}),  # a province's short form before 区局 stays
])
def test_county_short_form_before_a_level_word(text, agencies):
    got = set(found(text, "Agency"))
    assert agencies <= got and not any(a.startswith("会同") and not a.startswith("会同县") for a in got)


# ------------------------------------------------------------------ villages the table lacks, after their town
@pytest.mark.parametrize("text,village,not_place", [
    # Zhejiang, Guangdong, Liaoning: the name runs from the town; a table village that is only its
    # tail (茶村, 坞村, 山后村 lie elsewhere) is not taken
    ("杭州市西湖区转塘街道龙坞茶村入选全国乡村旅游重点村。", "龙坞茶村", "茶村"),
    ("杭州市西湖区转塘街道龙坞村开展茶园整治。", "龙坞村", "坞村"),
    ("广东省澄海市莲华镇隆城村是革命老区。", "隆城村", None),
    ("他出生在辽宁省海城唐王山后村。", "唐王山后村", "山后村"),
])
def test_village_after_its_town(text, village, not_place):
    places = found(text, "Place")
    assert village in places and (not_place is None or not_place not in places)


@pytest.mark.parametrize("text,not_place", [
    ("发展壮大新型农村集体经济。", "型农村"),     # 大新 (a county's short form) ends before 型: 新型 is one word
    ("合作制农村信用社业务发展。", "制农村"),     # 合作 (a city's short form): 合作制 is one word
    ("转塘街道各村都成立了议事会。", "各村"),
])
def test_no_village_inside_words_after_short_forms(text, not_place):
    assert not_place not in found(text, "Place")


@pytest.mark.parametrize("text,agency", [
    ("重庆两江新区党工委书记主持召开会议。", "重庆两江新区党工委"),  # a zone's party working committee
    ("武汉东湖高新区党工委召开专题会议。", "武汉东湖高新区党工委"),
])
def test_party_working_committee_is_no_party(text, agency):
    assert agency in found(text, "Agency") and not found(text, "Organization")


@pytest.mark.parametrize("text,water,district", [
    # Sichuan, Hubei: a district's or city's short form ending in 江/河/湖 before 流域, 水质… is the river or lake
    ("深入推进锦江流域水生态综合治理。", "锦江", "锦江区"),
    ("洪湖水质提升到Ⅳ类。", "洪湖", "洪湖市"),
])
def test_short_form_before_water_words_is_the_water(text, water, district):
    places = {m.text: (m.name, m.subtype) for m in kg.extract(text) if m.label == "Place"}
    assert places.get(water) == (water, "WaterBody") and district not in {n for n, _ in places.values()}


@pytest.mark.parametrize("text,project", [
    # Wuhan, Chengdu, Shanghai: a metro line's number is part of the project's name
    ("加快推进轨道交通5号线二期工程建设，确保2023年底建成通车。", "轨道交通5号线二期工程"),
    ("地铁11号线延长线工程今日开工。", "地铁11号线延长线工程"),
    ("2号线人民广场站改造工程完工。", "2号线人民广场站改造工程"),
])
def test_line_number_inside_a_project_name(text, project):
    assert project in found(text, "Project")


@pytest.mark.parametrize("text,project", [
    # Nanjing, Beijing: 做好/抓好 introduce an undertaking; 工作 after a weak head ends the phrase
    ("市住房城乡建设局要牵头做好老旧小区改造工作。", "老旧小区改造"),
    ("毫不松懈抓好空气污染治理，新能源汽车保有量超100万辆。", "空气污染治理"),
])
def test_weak_head_before_generic_work(text, project):
    assert project in found(text, "Project")


def test_weak_head_inside_a_compound_stays_out():
    assert "“两重”建设" not in found("完善“两重”建设工作机制。", "Project")  # 工作机制: one noun


@pytest.mark.parametrize("text,agency,not_place", [
    # Yunnan, Hubei, Jiangsu: a village's or community's committee; the village is no 松曲村村
    ("右所镇松曲村村委会主任介绍了污水管网建设情况。", "松曲村村委会", "松曲村村"),
    ("黄陂区王家庄村村委会组织村民开展清洁行动。", "王家庄村村委会", "王家庄村村"),
    ("秣陵街道殷巷社区居委会开展垃圾分类宣传。", "殷巷社区居委会", None),
])
def test_village_committees(text, agency, not_place):
    assert agency in found(text, "Agency") and (not_place is None or not_place not in found(text, "Place"))


@pytest.mark.parametrize("text,lake,district", [
    # Hubei: a lake the text bounds is not also the district named after it at the same span
    ("江夏区负责推进梁子湖生态保护工程。", "梁子湖", "梁子湖区"),
    ("扎实开展丹江口水库、洪湖、梁子湖等湖库水环境治理。", "洪湖", "洪湖市"),
])
def test_lake_not_also_its_district(text, lake, district):
    places = {m.name for m in kg.extract(text) if m.label == "Place"}
    assert lake in places and district not in places


@pytest.mark.parametrize("text,not_place", [
    ("湖北省农业农村厅印发通知。", "农业农村"),      # (review: 农村 is a word, not a village's tail)
    ("孝感市农业农村局召开会议。", "农业农村"),
    ("宜昌市美丽乡村建设成效明显。", "美丽乡村"),
])
def test_no_village_from_common_words(text, not_place):
    assert not_place not in found(text, "Place")


def test_province_short_form_before_water_words_stays():
    places = {m.text: m.subtype for m in kg.extract("今年以来，浙江水质持续改善。") if m.label == "Place"}
    assert places.get("浙江") == "District"


# ------------------------------------------------------------------ autonomous counties by X县 / X旗
@pytest.mark.parametrize("text,place,agency", [
    # Guangxi, Hunan, Hubei: local news writes an autonomous county as its short form + 县
    ("广西三江县召开脱贫攻坚推进会，三江县财政局、三江县教育局负责人参加。", {"三江县": "三江侗族自治县"},
     {"三江县财政局": "三江侗族自治县财政局", "三江县教育局": "三江侗族自治县教育局"}),
    ("城步县人民政府召开常务会议，研究部署森林防火工作。", {"城步县": "城步苗族自治县"},
     {"城步县人民政府": "城步苗族自治县人民政府"}),
    ("融水县住建局启动老旧小区改造。", {"融水县": "融水苗族自治县"}, {"融水县住建局": "融水苗族自治县住房和城乡建设局"}),
    # Inner Mongolia: 自治旗 -> 旗
    ("鄂伦春旗召开生态保护工作会议。", {"鄂伦春旗": "鄂伦春自治旗"}, {}),
])
def test_autonomous_county_by_short_form_and_level(text, place, agency):
    assert place.items() <= found(text, "Place").items()
    assert agency.items() <= found(text, "Agency").items()


def test_autonomous_variants_name_no_other_division():
    from kg.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    variants = [(v, d) for d in gaz.by_key.values() for v in d.variants]
    assert len(variants) > 100  # every autonomous county of the table with a short form
    for v, d in variants:
        assert [c.key for c in gaz.candidates(v)] == [d.key], v


# ------------------------------------------------------------------ development zones and new areas
@pytest.mark.parametrize("text,expected", [
    # a town-level zone of the division table, named in full (Hubei)
    ("枣阳经济开发区推进重点项目建设。", {"枣阳经济开发区": "枣阳经济开发区"}),
    # a zone of places_extra.tsv without its city's name (Guangdong), and new areas (Henan, Hubei)
    ("前海深港现代服务业合作区推进规则衔接。", {"前海深港现代服务业合作区": "深圳前海深港现代服务业合作区"}),
    ("郑东新区加快建设中央商务区。", {"郑东新区": "郑东新区"}),
    ("武汉长江新区建设提速。", {"武汉长江新区": "长江新区"}),
])
def test_zones_named_in_full(text, expected):
    assert expected.items() <= found(text, "Place").items()


def test_a_bare_zone_kind_is_no_place():
    # 综合保税区 is a town of one district in the table, and the kind of every bonded zone
    assert "综合保税区" not in found("推动综合保税区高质量发展，扩大进口贸易。", "Place")


def test_a_verb_of_going_is_not_part_of_a_lake_or_river():
    assert "北戴河" in found("到北戴河休假的游客明显增多。", "Place")
    assert not any(t.startswith("到") for t in found("到北戴河休假的游客明显增多。", "Place"))


# ------------------------------------------------------------------ rivers, lakes, reservoirs
@pytest.mark.parametrize("text,present,absent", [
    # Jiangsu, Hebei: 河湖长制 is "the river-and-lake chief system", no river 深化河
    ("今年我市将全面深化河湖长制，实现河湖长全覆盖，建成“幸福河湖”100条。", set(), {"深化河", "实现河", "幸福河"}),
    # a river before 流域, in a list (Hebei)
    ("加强滏阳河、漳河、卫河流域综合治理。", {"滏阳河", "漳河", "卫河"}, set()),
    # reservoirs by name, not by kind
    ("东武仕水库作为重要水源地，今年将建设小型水库3座，完成病险水库除险加固。", {"东武仕水库"}, {"小型水库", "病险水库"}),
    ("全市主要河流水质达标率100%。", set(), {"主要河"}),
    # Inner Mongolia, Jiangxi: a gully or stream (川, 沟) right after its banner, and the list goes on;
    # a river named by its length (十里河) though 十 opens no other river's name
    ("重点在达拉特旗罕台川、西柳沟开展拦沙工程建设。", {"罕台川", "西柳沟"}, set()),
    ("濂溪区十里河部分河段河长巡河记录缺失。", {"十里河"}, set()),
    # not a name: 川/沟 away from a division, or running into a longer word
    ("加强山川沟渠治理，推进四川沟通协作。", set(), {"山川", "四川沟", "沟渠"}),
    ("全区十条河流水质达标。", set(), {"十条河"}),
])
def test_water_bodies_bounded_by_the_text(text, present, absent):
    places = found(text, "Place")
    assert present <= places.keys()
    assert not absent & places.keys()


@pytest.mark.parametrize("text,present", [
    ("要坚持“以茶兴县”不动摇，实施产业富县战略。", False),   # Guizhou: slogans, no county 兴县 / 富县
    ("吕梁市兴县召开乡村振兴推进会。", True),                 # Shanxi: the county, after its city
    ("兴县召开乡村振兴推进会。", True),
])
def test_slogans_ending_in_county(text, present):
    places = found(text, "Place")
    assert (("兴县" in places) or ("富县" in places)) == present


# ------------------------------------------------------------------ infrastructure by pattern, more heads
@pytest.mark.parametrize("text,expected", [
    # Chongqing, Hunan, Hubei: lines, expressways and intercity railways under construction
    ("加快建设轨道交通4号线二期、5号线北延伸段、10号线二期。", {"轨道交通4号线二期", "5号线北延伸段", "10号线二期"}),
    ("轨道交通15号线一期计划于2024年底前建成通车。", {"轨道交通15号线一期"}),
    ("今年将开工建设地铁12号线、13号线。", {"地铁12号线", "13号线"}),
    ("加快推进渝湘高速复线、渝武高速复线等项目建设。", {"渝湘高速复线", "渝武高速复线"}),
    ("推进长株潭城际轨道西环线建设。", {"长株潭城际轨道西环线"}),
    # bases, clusters, new towns, science parks (Shandong, Hunan, Anhui)
    ("建设鲁北盐碱滩涂地风光储输一体化基地。", {"鲁北盐碱滩涂地风光储输一体化基地"}),
    ("打造千亿陶瓷产业集群。", {"千亿陶瓷产业集群"}),
    ("建设合肥综合性国家科学中心。", {"合肥综合性国家科学中心"}),
])
def test_infrastructure_and_more_heads(text, expected):
    assert expected <= set(found(text, "Project"))


@pytest.mark.parametrize("text", [
    "蓝光云鼎紧邻地铁4号线公益西桥站。",   # an existing line, no construction
    "城际铁路建设提速。",                   # the kind, no name
    "这里是教育基地。",
])
def test_no_project_from_a_line_or_a_kind(text):
    assert not found(text, "Project")


@pytest.mark.parametrize("text,expected", [
    # Guangdong, Jiangsu: an introducing verb bounds a name that holds a verb or an idiom
    ("（二）实施汽车以旧换新行动。", {"汽车以旧换新行动"}),
    ("市水务局将会同市生态环境局实施阳澄湖生态优化行动。", {"阳澄湖生态优化行动"}),
    ("实施农村人居环境整治提升五年行动。", {"农村人居环境整治提升五年行动"}),
])
def test_introduced_names_holding_a_verb(text, expected):
    assert expected <= set(found(text, "Project"))


@pytest.mark.parametrize("text,absent", [
    ("制定落实新一轮人民城市建设实施方案。", "落实新一轮人民城市建设实施方案"),   # two verbs, not a name
    ("实施亿元以上项目1.6万个。", "亿元以上项目"),                                # a count, not a name
    ("保障数字政府建设项目可持续建设、运营、升级。", "项目可持续建设"),            # 建设 ends a noun
])
def test_no_name_across_a_second_verb_a_numeral_or_a_noun(text, absent):
    assert not any(absent in p for p in found(text, "Project"))


# ------------------------------------------------------------------ towns, streets and their villages
def test_a_towns_villages_listed_after_it():
    # Yunnan: 和顺镇辖 A村、B村、C社区
    places = found("腾冲市和顺镇辖水碓村、十字路村、大庄村、和顺社区等6个村（社区）。", "Place")
    assert {"和顺镇", "水碓村", "十字路村", "大庄村", "和顺社区"} <= places.keys()


def test_a_street_the_table_lacks_after_its_district():
    # Sichuan: 成华区|望平街道|望平社区
    places = found("成华区望平街道望平社区启动老旧小区改造。", "Place")
    assert {"望平街道", "望平社区"} <= places.keys()
    assert not found("全区各街道开展整治。", "Place")


@pytest.mark.parametrize("text,agency", [
    ("腾冲市和顺镇召开会议。和顺镇党委、镇政府制定了方案。", "和顺镇人民政府"),   # a town many counties have
    ("郑州市须水镇召开会议，镇政府负责人讲话。", "须水镇人民政府"),                 # a town the table lacks
])
def test_a_town_level_word_stands_for_the_storys_town(text, agency):
    g = kg.build_texts({"t": text}, date="2024-03-01")
    assert agency in {d["label"] for _, d in g.nx.nodes(data=True) if d["kind"] == "Agency"}


def test_a_town_level_word_with_two_towns_stays_unresolved():
    g = kg.build_texts({"t": "郑州市须水镇、沟赵乡负责人参加会议。镇政府负责人讲话。"}, date="2024-03-01")
    assert not any(d["label"].endswith("镇人民政府") for _, d in g.nx.nodes(data=True) if d["kind"] == "Agency")


def test_rivers_in_jiang_before_a_water_word_and_mountains():
    # Guangxi: a river ending in 江 the table lacks, before 流域; Shaanxi: 秦岭
    assert "茶江" in found("实施茶江流域水生态保护修复工程。", "Place")
    assert "秦岭" in found("加强秦岭生态环境保护，开展秦岭违建别墅整治。", "Place")
    assert found("黄山市召开会议。", "Place") == {"黄山市": "黄山市"}      # a city's name stays the city
    assert list(found("锦江流域综合治理。", "Place")) == ["锦江"]            # one mention, not two


def test_numerals_inside_quoted_slogans_are_no_values():
    import datetime as dt
    from kg.targets import find_targets
    assert not find_targets("要深入开展“三个年”活动。", dt.date(2024, 3, 1))
    assert not find_targets("市住建局要牵头实施建筑工地扬尘治理“六个百分之百”。", dt.date(2024, 3, 1))
    (_, _, t), = find_targets("到2025年建成“15分钟生活圈”200个。", dt.date(2024, 3, 1))
    assert t.value == 200.0


@pytest.mark.parametrize("text,present,absent", [
    # one standing committee, not also its congress (Henan, Hebei)
    ("平顶山市人大常委会召开会议。", {"平顶山市人大常委会"}, {"平顶山市人大", "平顶山市人大常委"}),
    # an office's government is named as its parent and stays
    ("安徽省人民政府办公厅印发通知。", {"安徽省人民政府办公厅", "安徽省人民政府"}, set()),
])
def test_standing_committees_hold_their_congress(text, present, absent):
    agencies = found(text, "Agency")
    assert present <= agencies.keys()
    assert not absent & agencies.keys()


def test_city_bodies_of_provincial_capitals():
    g = kg.build_texts({"t": "武汉市召开会议。市城建局、市城管执法委、市住房保障房管局、市政务服务和大数据管理局负责人参加。"},
                       date="2024-03-01")
    agencies = {d["label"] for _, d in g.nx.nodes(data=True) if d["kind"] == "Agency"}
    assert {"武汉市城乡建设局", "武汉市城市管理执法委员会", "武汉市住房保障和房屋管理局",
            "武汉市政务服务和大数据管理局"} <= agencies


def test_a_lake_named_like_a_districts_short_form_is_the_lake():
    # Zhejiang: 西湖 is the lake even in a story naming 西湖区
    places = found("杭州市西湖区召开会议。抓好西湖、西溪湿地保护。", "Place")
    assert places.get("西湖") == "西湖" and places.get("西湖区") == "西湖区"


def test_corridors_are_projects():
    assert "城西科创大走廊" in found("加快建设城西科创大走廊。", "Project")


@pytest.mark.parametrize("text,expected", [
    # Guizhou: 会同 is the verb "jointly with" after an agency and a modal, not 会同县 (Hunan)
    ("县农业农村局要会同县财政局、县水务局推进。", {"县农业农村局", "县财政局", "县水务局"}),
    ("市发改委会同市财政局制定方案。", {"市发改委", "市财政局"}),
])
def test_joint_verb_between_agencies(text, expected):
    assert set(found(text, "Agency")) == expected
    assert "会同县" not in found(text, "Place")
    assert "会同县" in found("湖南省怀化市会同县召开会议。", "Place")


@pytest.mark.parametrize("text,agency", [
    # Sichuan, Hubei: a session between the prefix and the body
    ("成都市第十八届人民代表大会第四次会议开幕。", "成都市人民代表大会"),
    ("武汉市召开会议。市十五届人大三次会议开幕。", "武汉市人民代表大会"),
])
def test_a_session_between_prefix_and_body(text, agency):
    assert agency in found(text, "Agency").values()


def test_a_concert_hall_is_no_agency():
    assert not found("成都市第十八届人民代表大会在成都城市音乐厅开幕。", "Agency").keys() & {"成都城市音乐厅"}


def test_a_task_force_set_up_by_a_government_is_not_its_name():
    agencies = found("乡党委、乡政府成立茶产业发展专班。", "Agency")
    assert not any("成立" in a for a in agencies)
    assert "市政府办公室数字政府专班" in found("市政府办公室数字政府专班负责推进。", "Agency")


def test_a_river_before_its_water_words():
    # Wuhan: 机场河|水环境综合治理 (but 河水 alone is river water)
    places = found("江汉区、硚口区要加快推进黄孝河、机场河水环境综合治理二期工程。", "Place")
    assert {"黄孝河", "机场河"} <= places.keys()
    assert not found("河水清澈。", "Place")


def test_one_water_mention_per_span():
    # 洪湖 (洪湖市's short form) before 水质 is read as the lake once, not by two rules
    ms = [m for m in kg.extract("湖北省加强洪湖水质保护。") if m.label == "Place" and m.text == "洪湖"]
    assert len(ms) == 1


@pytest.mark.parametrize("text,expected", [
    # Suzhou: two towns of 吴中区; Wuhan: three streets of 江夏区 joined by 、 and 和
    ("吴中区年底前完成东山、金庭两镇入湖河道整治24条。", {"东山": "东山镇", "金庭": "金庭镇"}),
    ("江夏区五里界、郑店和金口三个街道开展整治。", {"五里界": "五里界街道", "郑店": "郑店街道", "金口": "金口街道"}),
])
def test_short_names_before_a_count_and_a_level_word(text, expected):
    names = found(text, "Place")
    assert {k: names.get(k) for k in expected} == expected
    assert set(rules_of(text, "Place").get(k) for k in expected) == {R.RULE_PLACE_COUNTED}


@pytest.mark.parametrize("text", [
    "全市新建、改建两镇卫生院。",  # verbs, not town names
    "东山、金庭三镇联动发展。",  # the count is not the list's length
])
def test_no_counted_list_without_known_names_of_the_right_number(text):
    assert R.RULE_PLACE_COUNTED not in set(rules_of(text, "Place").values())


@pytest.mark.parametrize("text,expected", [
    # Inner Mongolia: a banner's bureaus by 旗 alone; Xinjiang: a prefecture's by 地区, and its 行政公署
    ("锡林郭勒盟西乌珠穆沁旗召开会议。旗林业和草原局、旗农牧局要加强监管。",
     {"旗林业和草原局": "西乌珠穆沁旗林业和草原局", "旗农牧局": "西乌珠穆沁旗农牧局"}),
    ("喀什地区召开会议。地区发改委、地区商务局要跟踪服务。",
     {"地区发改委": "喀什地区发展和改革委员会", "地区商务局": "喀什地区商务局"}),
    ("新疆喀什地区行政公署召开会议。", {"喀什地区行政公署": "喀什地区行政公署"}),
])
def test_banner_and_prefecture_level_words(text, expected):
    names = found(text, "Agency")
    assert {k: names.get(k) for k in expected} == expected


@pytest.mark.parametrize("text,label,absent", [
    # Shandong: two agencies joined by 要配合, not one name from the street to the bureau
    ("大季家街道要配合区投资促进局做好核电装备产业园招引工作。", "Agency", {"大季家街道要配合区投资促进局"}),
    # a dam across a river (拦河坝) and villages (村庄) hold no river or village name
    ("建成2座拦河坝，沿河村庄全部达标。", "Place", {"座拦河", "沿河村", "沿河"}),
    # Shandong, Tianjin: 入海口 (an estuary) and 入海河流 (rivers into the sea) hold no 海口 or 海河
    ("古现街道负责推进夹河入海口湿地生态修复工程。", "Place", {"海口湿地", "海口"}),
    ("实施入海河流综合治理。", "Place", {"海河"}),
    # Zhejiang, Ningxia: the main works, and a period before a head, are no project's name
    ("力争今年汛前完成主体工程；街道牵头负责改造工程实施。", "Project", {"主体工程", "改造工程"}),
    ("会议听取了上半年先行区示范市建设进展情况汇报。", "Project", {"上半年先行区"}),
    # a title of honour, a level's generic platform, a work left unnamed
    ("这个小学涌现过“全国好少年”18人。", "Project", {"“全国好少年”"}),
    ("推动人力资源供需对接平台与国家、自治区就业平台数据共享。", "Project", {"自治区就业平台"}),
    ("兰州军区某给水工程团担负打井任务。", "Project", {"兰州军区某给水工程", "某给水工程"}),
    # Shanghai: a body's name holds no project of its own
    ("上海市青浦区金泽镇召开会议。金泽镇规划建设和环境保护办公室负责。", "Project", {"金泽镇规划建设"}),
    # words a head word opens: 工程|机械, 工程师, 工程院
    ("长沙经济技术开发区工程机械产业集群产值突破千亿元。", "Project", {"长沙经济技术开发区工程"}),
    ("1995年当选为中国工程院院士，是高级工程师。", "Project", {"中国工程", "高级工程"}),
    # a clause that opens with a verb is no project subject (争取|…项目落地)
    ("扩大开放；争取更多标志性外资项目落地。", "Project", {"争取更多标志性外资项目"}),
])
def test_words_that_hold_no_name(text, label, absent):
    assert not absent & found(text, label).keys()


def test_agencies_joined_by_a_verb_are_both_found():
    names = found("大季家街道要配合区投资促进局做好招引工作。", "Agency")
    assert "区投资促进局" in names


def test_a_body_left_unnamed_is_no_agency():
    # Hebei: a 纪委 通报 names the case's village as 某村
    agencies = found("路北区果园乡某村原党支部书记张某某侵占集体资金。路北区纪委监委通报了此案。", "Agency")
    assert not any("某" in a for a in agencies) and any(a.startswith("路北区纪委") for a in agencies)


def test_a_reserve_named_with_its_level():
    # Ningxia: the level (国家级, 省级) stands between the reserve's name and its head
    places = found("盐池县要持续推进哈巴湖国家级自然保护区生态修复。", "Place")
    assert "哈巴湖国家级自然保护区" in places
    assert "省级自然保护区" not in found("加强省级自然保护区管理。", "Place")


@pytest.mark.parametrize("text,surface,name", [
    # Xinjiang, Hebei, Tianjin: county and city bodies merged in the 2018–2019 reforms
    ("吐鲁番市召开会议。市文化体育广播电视和旅游局要会同各区县打造乡村旅游线路。",
     "市文化体育广播电视和旅游局", "吐鲁番市文化体育广播电视和旅游局"),
    ("唐山市路北区召开会议。区城市管理综合行政执法局负责监管。", "区城市管理综合行政执法局", "路北区城市管理综合行政执法局"),
    ("天津市滨海新区召开会议。区农业农村委要会同区财政局推进试点。", "区农业农村委", "滨海新区农业农村委员会"),
    # Henan, Zhejiang: a township's work station and enforcement team, a river basin's centre
    ("信阳市浉河区董家河镇召开会议。董家河镇综合执法大队要加强巡查。", "董家河镇综合执法大队", "董家河镇综合执法大队"),
    ("信阳市浉河区董家河镇召开会议。董家河镇生态环境保护工作站要加强巡查。",
     "董家河镇生态环境保护工作站", "董家河镇生态环境保护工作站"),
    # Shanghai: a town's water station and its planning office (和 inside the name)
    ("上海市青浦区金泽镇召开会议。镇水务站要会同区水务局推进。", "镇水务站", "金泽镇水务站"),
    ("上海市青浦区金泽镇召开会议。金泽镇规划建设和环境保护办公室负责。",
     "金泽镇规划建设和环境保护办公室", "金泽镇规划建设和环境保护办公室"),
    # Xinjiang: the committee's office, though 农村 is a village's name in the table
    ("吐鲁番市召开会议。市委农村工作领导小组办公室要加强统筹调度。", "市委农村工作领导小组办公室", "吐鲁番市委农村工作领导小组办公室"),
])
def test_merged_bureaus_and_township_units(text, surface, name):
    assert found(text, "Agency").get(surface) == name


def test_joint_organs_are_one_body():
    # Hebei: 纪委 and 监委 sit as one body (合署办公), written as one word after one prefix
    agencies = found("唐山市路北区纪委监委通报4起典型案例。区纪委监委要求各部门整改。", "Agency")
    assert agencies.get("区纪委监委") == "路北区纪委监委"
    assert not any(a.endswith(("纪委", "监委")) and a.count("委") == 1 for a in agencies)


def test_a_common_word_is_no_table_village():
    # 农村 is a village's name in the table, but a word here: no village's 村委会
    text = "今年，一大批省正在部署村委会换届选举，农村村委会选举活动正逐步走上规范化轨道。"
    assert not {"农村", "农村村委会"} & (found(text, "Place").keys() | found(text, "Agency").keys())


@pytest.mark.parametrize("text,project", [
    # a campaign's long name opened by 开展 (national ministry); a village put on a list (列入)
    ("交通运输部部署开展农村公路安全生命防护工程提质行动。", "农村公路安全生命防护工程提质行动"),
    ("渭源县农业农村局已将元古堆村列入全县乡村振兴示范村建设项目。", "全县乡村振兴示范村建设项目"),
    # Hebei, Henan: words a boundary character opens (使用, 和美), a round area (千亩) inside a name
    ("区医疗保障局要推进医保基金违法违规使用专项整治。", "医保基金违法违规使用专项整治"),
    ("深入推进和美乡村建设。", "和美乡村建设"),
    ("睡仙桥村要加快实施千亩生态茶园标准化种植项目。", "千亩生态茶园标准化种植项目"),
    # Beijing: a verb of the name right before a strong head (价值实现|示范区), an introducing verb before it
    ("不老屯镇要加快建设库区生态产品价值实现示范区。", "库区生态产品价值实现示范区"),
    # Hubei: the project is the subject of 开展
    ("常委会将组织代表对黄柏河流域生态修复项目开展跟踪监督。", "黄柏河流域生态修复项目"),
    # Shandong, Beijing: work points and a committee's decision are plans; a campaign's year
    ("会议印发了《烟台经济技术开发区2024年工作要点》。", "《烟台经济技术开发区2024年工作要点》"),
    ("全会审议通过了《中共北京市密云区委关于全面加强密云水库保护的决定》。", "《中共北京市密云区委关于全面加强密云水库保护的决定》"),
    ("烟台经济技术开发区召开2024年“项目攻坚年”动员大会。", "“项目攻坚年”"),
    # Liaoning: a clause's subject that its predicate sites (落户, 位于), or that a town is charged with
    ("东港市签约。年产3万吨草莓精深加工项目落户东港经济开发区。", "年产3万吨草莓精深加工项目"),
    ("东港市签约。大鹿岛海岛旅游综合开发项目位于孤山镇。", "大鹿岛海岛旅游综合开发项目"),
    ("东港市签约。北井子镇海珍品工厂化养殖项目由北井子镇负责跟踪服务。", "北井子镇海珍品工厂化养殖项目"),
])
def test_long_names_an_introducing_verb_opens(text, project):
    assert project in found(text, "Project")


@pytest.mark.parametrize("text,places", [
    # Hainan: a river named after its city (三亚|河), and the river listed after it (临 may open it)
    ("三亚市召开会议。市水务局要推进三亚河、临春河沿岸慢行系统建设。", {"三亚河", "临春河"}),
    # Tibet: a tributary named right after 支流
    ("拉萨市召开会议。将会同堆龙德庆区推进拉萨河支流堆龙河综合治理。", {"拉萨河", "堆龙河"}),
    # Guizhou, Jiangxi: scenic areas named without a place, bounded by a list, a verb or 和
    ("安顺市召开会议。黄果树旅游区、龙宫景区提质升级扎实推进。平坝区要推动天龙屯堡文化旅游区创建国家5A级旅游景区。",
     {"黄果树旅游区", "龙宫景区", "天龙屯堡文化旅游区"}),
    ("资溪县召开会议。完成泸溪河沿线和大觉山景区周边隐患排查。", {"泸溪河", "大觉山景区"}),
])
def test_rivers_and_scenic_areas_the_table_lacks(text, places):
    assert places <= found(text, "Place").keys()


@pytest.mark.parametrize("text,absent", [
    ("京津冀协同发展，北京河北天津共同推进。", {"北京河"}),      # a province's name after the city
    ("打造高品质旅游景区，把庐山建设成文明景区。", {"高品质旅游景区", "文明景区"}),  # kinds of site
])
def test_no_river_or_site_from_a_kind(text, absent):
    assert not absent & found(text, "Place").keys()


@pytest.mark.parametrize("text,places,absent", [
    # Hunan: 督查室|会同|州发展改革委 is the verb, not 会同县 (a county of the same province)
    ("湘西州召开会议。州政府督查室会同州发展改革委开展专项督查。", set(), {"会同", "会同县"}),
    # Gansu: a township the table lacks, listed after one it has; an ethnic township's name
    ("肃南裕固族自治县召开会议。完成皇城镇、祁丰藏族乡废弃矿点修复治理。", {"皇城镇", "祁丰藏族乡"}, set()),
    # Gansu: 梨园河|河道 is the river's channel; a reserve named by its mountain and level
    ("县水务局负责推进隆畅河、梨园河河道综合整治。", {"隆畅河", "梨园河"}, {"梨园河河"}),
    ("祁连山国家级自然保护区内矿业权已全部退出。", {"祁连山国家级自然保护区"}, set()),
])
def test_towns_rivers_and_reserves_of_a_county(text, places, absent):
    names = found(text, "Place")
    assert places <= names.keys() and not absent & names.keys()


@pytest.mark.parametrize("text,project", [
    # Hunan: a 督查通报 names the project as the subject of 因… and of its 配套
    ("一是凤凰县沱江古城段污水管网改造项目因征拆问题推进缓慢。", "凤凰县沱江古城段污水管网改造项目"),
    ("三是湘西高新区标准化厂房项目配套设施建设滞后。", "湘西高新区标准化厂房项目"),
])
def test_projects_a_report_names_as_subjects(text, project):
    assert project in found(text, "Project")


def test_a_zone_listed_before_a_zone():
    # Shaanxi: the second zone is named by a county (清水); the first, listed before it, ends in a zone word
    places = found("神木市召开会议。开展锦界工业园区、清水工业园区危险化学品安全风险集中治理。", "Place")
    assert {"锦界工业园区", "清水工业园区"} <= places.keys()


def test_a_zone_listed_after_a_zone():
    # Anhui: the table has the first zone; the second, listed after it, ends in a zone word
    places = found("滁州市印发工作要点。在滁州经济技术开发区、中新苏滁高新技术产业开发区全面推行“拿地即开工”。", "Place")
    assert {"滁州经济技术开发区", "中新苏滁高新技术产业开发区"} <= places.keys()


@pytest.mark.parametrize("text,expected", [
    # Anhui: 推行 introduces a quoted reform; Chongqing: a county's 文化旅游委
    ("滁州市印发工作要点。全面推行“拿地即开工”。", ("Project", "“拿地即开工”", "“拿地即开工”")),
    ("石柱土家族自治县召开会议。中益乡配合县文化旅游委打造旅游线路。",
     ("Agency", "县文化旅游委", "石柱土家族自治县文化和旅游发展委员会")),
])
def test_reforms_and_tourism_committees(text, expected):
    label, surface, name = expected
    assert found(text, label).get(surface) == name


@pytest.mark.parametrize("text,places,absent", [
    # Hubei: flood works named by a lake (洪湖|分蓄洪区, 洪湖|围堤); a reservoir named after a lake
    ("洪湖市要加快推进洪湖分蓄洪区东分块蓄洪工程建设。长江干堤、洪湖围堤防洪能力明显提升。",
     {"洪湖分蓄洪区", "洪湖围堤", "长江干堤"}, set()),
    ("针对长湖、洈水水库、太湖港水库等重点湖泊水库，落实安全度汛责任。", {"长湖", "洈水水库", "太湖港水库"},
     {"太湖", "港水库", "湖泊水库"}),
])
def test_flood_works_and_reservoirs(text, places, absent):
    names = found(text, "Place")
    assert places <= names.keys() and not absent & names.keys()


def test_a_national_programme_name_holds_its_and():
    projects = found("推进乌梁素海流域山水林田湖草沙一体化保护和修复工程。", "Project")
    assert "乌梁素海流域山水林田湖草沙一体化保护和修复工程" in projects and "修复工程" not in projects


def test_an_industrial_park_is_a_place_a_development_zone_also_an_agency():
    g = kg.build_texts({"t": "神木市召开会议。开展锦界工业园区、清水工业园区危险化学品安全风险集中治理。"
                             "烟台经济技术开发区召开大会。"}, date="2024-05-22")
    types = {d["label"]: set(d.get("types", ())) | {d.get("kind")} for _, d in g.nx.nodes(data=True) if d.get("label")}
    assert "Agency" not in types["锦界工业园区"] | types["清水工业园区"]
    assert "Agency" in types["烟台经济技术开发区"]


def test_a_zone_with_a_committee_is_one_place_and_agency():
    # Hunan: 长沙经开区 is the article's 长沙经济技术开发区, and a zone with a 管委会 is no project
    g = kg.build_texts({"t": "长沙县召开会议。长沙经济技术开发区产值突破千亿元。长沙经开区管委会要牵头开展专项行动；"
                             "长沙临空经济示范区管委会要会同县商务局推进项目建设。"}, date="2025-02-13")
    nodes = {d["label"]: d for _, d in g.nx.nodes(data=True) if d.get("label")}
    assert "长沙经开区" not in nodes and "长沙经开区管委会" not in nodes and "长沙临空经济示范区管委会" not in nodes
    for zone in ("长沙经济技术开发区", "长沙临空经济示范区"):
        assert nodes[zone]["kind"] == "Place" and "Agency" in nodes[zone].get("types", ())


def test_a_body_named_after_its_project_keeps_it():
    # the project ends where the body word begins: the office is named after it
    assert "国家大豆行动计划" in found("国家大豆行动计划办公室主任蒋建平表示。", "Project")


@pytest.mark.parametrize("text,label,absent", [
    # a division's reserves are a kind (only a mountain, lake or river names one with its level)
    ("甘肃国家级自然保护区数量居全国前列。", "Place", {"甘肃国家级自然保护区"}),
    # a province before 中小水库 is no lake; a kind of zone listed with a zone is none
    ("加强浙江中小水库安全管理。", "Place", {"浙江中小水库", "中小水库"}),
    ("开展重点工业园区、清水工业园区安全整治。", "Place", {"重点工业园区"}),
    ("三亚湖心岛项目开工。", "Place", {"三亚湖"}),
    # 对 before 口岸 is the preposition; 由 + a place is "from" unless the place is charged
    ("加强对口岸功能提升工程的督导。", "Project", {"对口岸功能提升工程"}),
    ("电子信息产业转移项目由深圳迁往河源。", "Project", {"电子信息产业转移项目"}),
    # a quoted festive phrase is no campaign year
    ("全城“红红火火过大年”氛围浓厚。", "Project", {"“红红火火过大年”"}),
])
def test_reviewed_misfires(text, label, absent):
    assert not absent & found(text, label).keys()


def test_a_joint_body_in_a_list_shares_the_list_prefix():
    agencies = {m.text: (m.name, m.attributes.get("body")) for m in kg.extract(
        "南昌市召开会议。市发改委、纪委监委负责人参加。", date="2023-05-01") if m.label == "Agency"}
    assert agencies["纪委监委"] == ("南昌市纪委监委", "纪委监委") and "纪委" not in agencies


def test_a_river_bank_holds_no_province():
    # 湟水河|北岸: 河北 across a river's name and its bank (Qinghai)
    g = kg.build_texts({"t": "乐都区负责实施湟水河北岸快速通道工程，年底前建成通车12.5公里。"}, date="2024-07-24")
    places = {d["label"] for _, d in g.nx.nodes(data=True) if d.get("kind") == "Place"}
    assert "河北省" not in places and "乐都区" in places
