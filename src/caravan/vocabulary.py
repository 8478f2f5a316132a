"""The ledger's fixed words in English, Chinese and Russian: units, periods and statuses.

Names and texts of the curated data (indicators, entities, events, commitments)
carry their own translations in the ledger; the words here are the closed
vocabularies every surface shares (the API with `?lang=`, the briefings), so
that no surface keeps a second list of them. Codes that are read as codes in
every language (USD, CNY, %) stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

LANGUAGES = ("en", "zh", "ru")

# One word of a unit label (see `figures.unit_label`) in Chinese and Russian; a word not here stays as it is.
_UNIT_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "thousand": "千", "mn": "百万", "bn": "十亿", "USD": "美元", "CNY": "元", "person": "人", "train": "列",
        "flight": "架次", "vehicle": "辆", "container": "个集装箱", "TEU": "标准箱", "t": "吨", "Mt": "百万吨",
        "km": "公里", "bcm": "十亿立方米", "mcm": "百万立方米", "m³": "立方米", "pair": "对", "route": "条航线",
        "airline": "家航空公司", "institution": "所", "workshop": "所", "visa": "份签证", "year": "年", "day": "日",
        "week": "周",
    },
    "ru": {
        "thousand": "тыс.", "mn": "млн", "bn": "млрд", "USD": "долл. США", "CNY": "юаней", "person": "чел.",
        "train": "поездов", "flight": "рейсов", "vehicle": "автомобилей", "container": "контейнеров", "TEU": "ДФЭ",
        "t": "т", "Mt": "млн т", "km": "км", "bcm": "млрд м³", "mcm": "млн м³", "m³": "м³", "pair": "пар",
        "route": "маршрутов", "airline": "авиакомпаний", "institution": "учреждений", "workshop": "мастерских",
        "visa": "виз", "year": "год", "day": "сутки", "week": "неделю",
    },
}  # fmt: skip

# The closed vocabularies by group and code. The dashboard's messages (static/i18n/<lang>.json) hold the
# same words under `<group>.<code>`, and a test keeps the two equal.
TERMS: dict[str, dict[str, dict[str, str]]] = {
    "period_kind": {
        "year": {"en": "yearly", "zh": "年度", "ru": "за год"},
        "month": {"en": "monthly", "zh": "月度", "ru": "за месяц"},
        "year-to-date": {"en": "year to date", "zh": "年初至今", "ru": "с начала года"},
        "span": {"en": "over several years", "zh": "多年合计", "ru": "за несколько лет"},
        "cumulative-to-date": {"en": "running total", "zh": "累计", "ru": "нарастающим итогом"},
        "as-of": {"en": "as of a date", "zh": "截至某日", "ru": "на дату"},
        "academic-year": {"en": "academic year", "zh": "学年", "ru": "учебный год"},
    },
    "commitment": {
        "announced": {"en": "announced", "zh": "已宣布", "ru": "объявлено"},
        "in-progress": {"en": "in progress", "zh": "进行中", "ru": "выполняется"},
        "done": {"en": "done", "zh": "已完成", "ru": "выполнено"},
        "lapsed": {"en": "lapsed", "zh": "已失效", "ru": "просрочено"},
        "unknown": {"en": "unknown", "zh": "未知", "ru": "неизвестно"},
    },
    "outcome": {
        "met": {"en": "met", "zh": "已达成", "ru": "достигнута"},
        "missed": {"en": "missed", "zh": "未达成", "ru": "не достигнута"},
        "on track": {"en": "on track", "zh": "按计划", "ru": "в графике"},
        "behind": {"en": "behind", "zh": "落后", "ru": "отставание"},
        "split": {"en": "split", "zh": "各方不一", "ru": "расхождение"},
        "no data": {"en": "no data", "zh": "无数据", "ru": "нет данных"},
        "unknown": {"en": "unknown", "zh": "不详", "ru": "неизвестно"},
    },
    "mode": {
        "air": {"en": "Air", "zh": "航空", "ru": "Авиа"},
        "ferry": {"en": "Ferry", "zh": "轮渡", "ru": "Паром"},
        "pipeline": {"en": "Pipeline", "zh": "管道", "ru": "Трубопровод"},
        "rail": {"en": "Rail", "zh": "铁路", "ru": "Железная дорога"},
        "road": {"en": "Road", "zh": "公路", "ru": "Автодорога"},
        "sea": {"en": "Sea and ferry", "zh": "海运与轮渡", "ru": "Море и паром"},
    },
    # How a change between two bounded figures reads: over (+20 %), under (−5 %).
    "change_bound": {
        "lower": {"en": "over", "zh": "超过", "ru": "более"},
        "upper": {"en": "under", "zh": "不足", "ru": "менее"},
    },
    # The sectors of the China Global Investment Tracker (AEI), as it names them
    "sector": {
        "Agriculture": {"en": "Agriculture", "zh": "农业", "ru": "сельское хозяйство"},
        "Chemicals": {"en": "Chemicals", "zh": "化工", "ru": "химия"},
        "Energy": {"en": "Energy", "zh": "能源", "ru": "энергетика"},
        "Entertainment": {"en": "Entertainment", "zh": "娱乐", "ru": "развлечения"},
        "Finance": {"en": "Finance", "zh": "金融", "ru": "финансы"},
        "Health": {"en": "Health", "zh": "医疗", "ru": "здравоохранение"},
        "Logistics": {"en": "Logistics", "zh": "物流", "ru": "логистика"},
        "Metals": {"en": "Metals", "zh": "金属", "ru": "металлы"},
        "Other": {"en": "Other", "zh": "其他", "ru": "прочее"},
        "Real estate": {"en": "Real estate", "zh": "房地产", "ru": "недвижимость"},
        "Technology": {"en": "Technology", "zh": "科技", "ru": "технологии"},
        "Tourism": {"en": "Tourism", "zh": "旅游", "ru": "туризм"},
        "Transport": {"en": "Transport", "zh": "交通运输", "ru": "транспорт"},
        "Utilities": {"en": "Utilities", "zh": "公用事业", "ru": "коммунальные услуги"},
    },
    # The bound of a printed figure, as a word of its own
    "bound_kind": {
        "exact": {"en": "exact", "zh": "确切值", "ru": "точное значение"},
        "lower": {"en": "lower", "zh": "下限", "ru": "нижняя граница"},
        "upper": {"en": "upper", "zh": "上限", "ru": "верхняя граница"},
        "approximate": {"en": "approximate", "zh": "约数", "ru": "приблизительное значение"},
    },
    # The kinds of people-to-people institution, as `caravan.people.institutions` names them.
    "institution_kind": {
        "Luban Workshop": {"en": "Luban Workshop", "zh": "鲁班工坊", "ru": "Мастерская Лубаня"},
        "Confucius Institute": {"en": "Confucius Institute", "zh": "孔子学院", "ru": "Институт Конфуция"},
    },
    # A link's length that is not a published figure.
    "length_method": {
        "computed": {"en": "computed", "zh": "估算", "ru": "расчётная"},
    },
    "linkstatus": {
        "operating": {"en": "operating", "zh": "运营中", "ru": "действует"},
        "building": {"en": "building", "zh": "在建", "ru": "строится"},
        "under-construction": {"en": "under construction", "zh": "在建", "ru": "строится"},
        "planned": {"en": "planned", "zh": "规划中", "ru": "планируется"},
    },
    "entitykind": {
        "country": {"en": "country", "zh": "国家", "ru": "страна"},
        "group": {"en": "group", "zh": "国家组", "ru": "группа стран"},
        "city": {"en": "city", "zh": "城市", "ru": "город"},
        "province": {"en": "province", "zh": "省州", "ru": "провинция"},
        "crossing": {"en": "border crossing", "zh": "口岸", "ru": "пункт пропуска"},
        "station": {"en": "station", "zh": "车站", "ru": "станция"},
        "port": {"en": "port", "zh": "港口", "ru": "порт"},
        "terminal": {"en": "terminal", "zh": "场站", "ru": "терминал"},
        "junction": {"en": "junction", "zh": "枢纽", "ru": "узел"},
        "line": {"en": "line", "zh": "线路", "ru": "линия"},
        "road": {"en": "road", "zh": "公路", "ru": "дорога"},
        "pipeline": {"en": "pipeline", "zh": "管道", "ru": "трубопровод"},
        "field": {"en": "field", "zh": "气田", "ru": "месторождение"},
        "project": {"en": "project", "zh": "项目", "ru": "проект"},
        "organisation": {"en": "organisation", "zh": "组织", "ru": "организация"},
        "mechanism": {"en": "mechanism", "zh": "机制", "ru": "механизм"},
        "institution": {"en": "institution", "zh": "机构", "ru": "учреждение"},
        "workshop": {"en": "workshop", "zh": "工坊", "ru": "мастерская"},
    },
}

# A dated period's leading word, as a pattern around its date.
_DATED = {
    "as-of": {"en": "as of {}", "zh": "截至 {}", "ru": "на {}"},
    "cumulative-to": {"en": "cumulative to {}", "zh": "截至 {} 累计", "ru": "нарастающим итогом на {}"},
}
_DATED_PERIOD = re.compile(r"^(cumulative-to|as-of)\s+(\S+)$")


def term(group: str, code: str | None, lang: str) -> str | None:
    """A code of a closed vocabulary (`commitment`, `outcome`, ...) in a language; unknown codes stay as they are."""
    if code is None:
        return None
    entry = TERMS[group].get(code)
    return (entry.get(lang) or entry["en"]) if entry else code


def period_label(period: str | None, lang: str) -> str | None:
    """A period as written in the ledger, read in a language: `as-of 2023-03-31` is `截至 2023-03-31` in Chinese.

    In English too the code's hyphen goes: `as of 2023-03-31`, `cumulative to 2023-12-31`. The ledger and
    every id keep the code as written; only the label a person reads changes.
    """
    if period is None:
        return period
    found = _DATED_PERIOD.match(period)
    if not found:
        return period  # 2024, 2024-05, 2025-01/2025-06, 2023/2024: numbers only
    return _DATED[found[1]].get(lang, _DATED[found[1]]["en"]).format(found[2])


def unit_words(label: str, lang: str) -> str:
    """A unit label (`bn USD`, `train/day`, `亿 m³`) in a language: `十亿美元`, `поездов/сутки`, `亿立方米`."""
    words = _UNIT_WORDS.get(lang)
    if not words or not label:
        return label
    joiner = "" if lang == "zh" else " "
    parts = []
    for per in label.split("/"):
        tokens = [words.get(w, w) for w in per.split(" ")]
        parts.append(joiner.join(tokens))
    return "/".join(parts)


# The sentences the analyses write (a target's verdict, a change's basis), by key, in three languages.
# A template's fields are filled with the parameters the analysis gave, each in the same language.
PHRASES: dict[str, dict[str, str]] = {
    # the bound of a figure the target tracker cites, before its number
    "target.bound.exact": {
        "en": "",
        "zh": "",
        "ru": "",
    },
    "target.bound.lower": {
        "en": "at least ",
        "zh": "至少 ",
        "ru": "не менее ",
    },
    "target.bound.upper": {
        "en": "at most ",
        "zh": "至多 ",
        "ru": "не более ",
    },
    "target.bound.approximate": {
        "en": "about ",
        "zh": "约 ",
        "ru": "около ",
    },
    # a figure as the target tracker cites it: "over 94.8 bn USD (2024)"
    "figure": {
        "en": "{bound}{number} {unit} ({period})",
        "zh": "{bound}{number} {unit}（{period}）",
        "ru": "{bound}{number} {unit} ({period})",
    },
    "target.no_series": {
        "en": "no data: the ledger has no figure of this series",
        "zh": "无数据：账本中没有这一系列的数据",
        "ru": "нет данных: в реестре нет значений этого ряда",
    },
    "target.last_before": {
        "en": "; the last figure before it is {figure}",
        "zh": "；此前最后一个数据为 {figure}",
        "ru": "; последнее значение до него — {figure}",
    },
    "target.no_year": {
        "en": "no data: the deadline {deadline} has passed and no figure covers {year}{last}",
        "zh": "无数据：截止日期 {deadline} 已过，且没有覆盖 {year} 年的数据{last}",
        "ru": "нет данных: срок {deadline} прошёл, а значений за {year} год нет{last}",
    },
    "target.met": {
        "en": "met: {figure} reaches the target by {deadline}",
        "zh": "已达成：{figure} 在 {deadline} 前达到目标",
        "ru": "достигнута: {figure} достигает цели к {deadline}",
    },
    "target.missed": {
        "en": "missed: the deadline {deadline} has passed and {figure} is below the target",
        "zh": "未达成：截止日期 {deadline} 已过，{figure} 低于目标",
        "ru": "не достигнута: срок {deadline} прошёл, а {figure} ниже цели",
    },
    "target.unknown_deadline": {
        "en": "unknown: the deadline {deadline} has passed and {shortfall}",
        "zh": "不详：截止日期 {deadline} 已过，{shortfall}",
        "ru": "неизвестно: срок {deadline} прошёл, а {shortfall}",
    },
    "target.unknown_latest": {
        "en": "unknown: the latest figure, {shortfall}",
        "zh": "不详：最新数据 {shortfall}",
        "ru": "неизвестно: последнее значение — {shortfall}",
    },
    "target.one_figure": {
        "en": (
            "no data for a trend: only one exact figure of this authority ({figure}) below the target; a "
            "trend needs two"
        ),
        "zh": "无法判断趋势：该机构只有一个低于目标的确切数据（{figure}）；趋势需要两个",
        "ru": (
            "нет данных для тренда: у этого ведомства лишь одно точное значение ниже цели ({figure}); для "
            "тренда нужно два"
        ),
    },
    "target.no_growth": {
        "en": "no data for a trend: growth is undefined for figures that are not positive",
        "zh": "无法判断趋势：非正数数据无法计算增长率",
        "ru": "нет данных для тренда: рост не определён для неположительных значений",
    },
    "target.on_track": {
        "en": "on track: the projection reaches the target by the deadline",
        "zh": "按计划：预测值在截止日期前达到目标",
        "ru": "в графике: прогноз достигает цели к сроку",
    },
    "target.behind": {
        "en": "behind: the projection falls short of the target by the deadline",
        "zh": "落后：预测值在截止日期前达不到目标",
        "ru": "отставание: прогноз не достигает цели к сроку",
    },
    "target.reaches": {
        "en": "{figure} reaches the target",
        "zh": "{figure} 达到目标",
        "ru": "{figure} достигает цели",
    },
    "target.below": {
        "en": "{figure} is below the target",
        "zh": "{figure} 低于目标",
        "ru": "{figure} ниже цели",
    },
    "target.cannot_tell.lower": {
        "en": "{figure} is a lower bound below the target, so it cannot tell",
        "zh": "{figure} 是低于目标的下限，无法判断",
        "ru": "{figure} — нижняя граница ниже цели, поэтому судить нельзя",
    },
    "target.cannot_tell.upper": {
        "en": "{figure} is an upper bound at or above the target, so it cannot tell",
        "zh": "{figure} 是不低于目标的上限，无法判断",
        "ru": "{figure} — верхняя граница не ниже цели, поэтому судить нельзя",
    },
    "target.cannot_tell.approximate": {
        "en": "{figure} is an approximate figure too close to the target, so it cannot tell",
        "zh": "{figure} 是过于接近目标的约数，无法判断",
        "ru": "{figure} — приблизительное значение слишком близко к цели, поэтому судить нельзя",
    },
    "target.by_reporter": {
        "en": "by the figures of {reporter}, {explanation}",
        "zh": "按 {reporter} 的数据，{explanation}",
        "ru": "по данным {reporter}: {explanation}",
    },
    "target.split": {
        "en": "split: the reporters disagree. {each}",
        "zh": "各方不一：各统计方结论不同。{each}",
        "ru": "расхождение: стороны расходятся. {each}",
    },
    "target.summary": {
        "en": "{reporter}: {outcome}{figure}",
        "zh": "{reporter}：{outcome}{figure}",
        "ru": "{reporter}: {outcome}{figure}",
    },
    "target.summary_figure": {
        "en": " ({figure})",
        "zh": "（{figure}）",
        "ru": " ({figure})",
    },
    "target.summary_missing": {
        "en": " (no figure for {year})",
        "zh": "（缺少 {year} 年数据）",
        "ru": " (нет значения за {year} год)",
    },
    "people.only_after": {
        "en": "no figure up to {since}; only after",
        "zh": "{since} 前没有数据；只有此后的数据",
        "ru": "нет значений до {since}; только после",
    },
    "people.none_after": {
        "en": "no figure after {since}",
        "zh": "{since} 后没有数据",
        "ru": "нет значений после {since}",
    },
    "people.baseline_too_old": {
        "en": "no baseline: the latest figure before the summit is of {before}, more than {years} years before it",
        "zh": "没有基准：峰会前最近的数据为 {before}，早于峰会 {years} 年以上",
        "ru": "нет базы сравнения: последнее значение до саммита относится к {before}, "
        "более чем за {years} года до него",
    },
    "people.too_soon_after": {
        "en": "too soon to tell: the latest figure ({after}) ends within three months after {since}",
        "zh": "为时尚早：最新数据（{after}）在 {since} 后三个月内",
        "ru": "рано судить: последнее значение ({after}) относится к первым трём месяцам после {since}",
    },
    "people.not_comparable": {
        "en": "not comparable: {before_kind} ({before}) against {after_kind} ({after})",
        "zh": "不可比：{before_kind}（{before}）对比{after_kind}（{after}）",
        "ru": "несопоставимо: {before_kind} ({before}) и {after_kind} ({after})",
    },
    "people.two_bounds": {
        "en": "{after} against {before}: two bounds ({before_bound} / {after_bound}) give no change",
        "zh": "{after} 对比 {before}：两个界限值（{before_bound} / {after_bound}）无法得出变化",
        "ru": "{after} к {before}: две границы ({before_bound} / {after_bound}) не дают изменения",
    },
    "people.against": {
        "en": "{after} against {before}, in {unit}",
        "zh": "{after} 对比 {before}，单位：{unit}",
        "ru": "{after} к {before}, в единицах: {unit}",
    },
    "people.bounded.over": {
        "en": "{basis}; {bound} bound: the change is over",
        "zh": "{basis}；{bound}：变化至少为此",
        "ru": "{basis}; {bound}: изменение не меньше",
    },
    "people.bounded.under": {
        "en": "{basis}; {bound} bound: the change is under",
        "zh": "{basis}；{bound}：变化至多为此",
        "ru": "{basis}; {bound}: изменение не больше",
    },
    "energy.basis.stated": {
        "en": "{pipeline}, {period}",
        "zh": "{pipeline}，{period}",
        "ru": "{pipeline}, {period}",
    },
    "energy.basis.lines": {
        "en": "sum of lines open: {lines}",
        "zh": "已投运各线之和：{lines}",
        "ru": "сумма действующих линий: {lines}",
    },
    "energy.basis.none": {
        "en": "no capacity stated by then",
        "zh": "当时尚无公布的输气能力",
        "ru": "мощность к тому времени не указана",
    },
    "energy.disagree": {
        "en": "sources disagree at this date: {first} vs {second} bcm",
        "zh": "各来源在该日期的数据不一致：{first} 对 {second} 十亿立方米",
        "ru": "источники расходятся на эту дату: {first} и {second} млрд м³",
    },
    "energy.cannot_check": {
        "en": "cannot check: no delivered volumes cover {start} to {end}; the totals imply {implied} bcm delivered",
        "zh": "无法核对：没有覆盖 {start} 至 {end} 的输送量数据；累计数据推算输送了 {implied} 十亿立方米",
        "ru": "проверить нельзя: нет данных о поставках с {start} по {end}; итоги дают {implied} млрд м³ поставок",
    },
    "energy.agrees": {
        "en": "agrees",
        "zh": "一致",
        "ru": "сходится",
    },
    "energy.gap": {
        "en": "gap of {gap} bcm between the period volumes and the totals",
        "zh": "各期输送量与累计数据相差 {gap} 十亿立方米",
        "ru": "расхождение {gap} млрд м³ между поставками за периоды и итогами",
    },
    "trade.cif_fob": {
        "en": "CIF/FOB factor assumed for the adjusted comparison: {factor}",
        "zh": "调整后比较所假定的 CIF/FOB 系数：{factor}",
        "ru": "Коэффициент CIF/FOB, принятый для скорректированного сравнения: {factor}",
    },
    "trade.far_apart": {
        "en": (
            "in {years} one side's figure is over {factor:g} times the other's for the same flow: "
            "the two likely measure different things (coverage, re-exports, estimates), so neither confirms the other"
        ),
        "zh": (
            "{years} 年同一流向一方的数据是另一方的 {factor:g} 倍以上："
            "两者很可能统计的不是同一事物（范围、转口、估算），不能互相印证"
        ),
        "ru": (
            "в {years} гг. данные одной стороны по тому же потоку более чем в {factor:g} раза "
            "отличаются от данных другой: "
            "вероятно, они измеряют разное (охват, реэкспорт, оценки) и не подтверждают друг друга"
        ),
    },
    "trade.own_reports": {
        "en": "{country}'s own reports: exports FOB, imports CIF",
        "zh": "{country} 自身的统计：出口按 FOB，进口按 CIF",
        "ru": "собственные данные {country}: экспорт FOB, импорт CIF",
    },
    "trade.ledger_figures": {
        "en": (
            "the ledger's cited figures for {country} with each partner, one per year and flow "
            "(the largest where sources differ); turnover as printed, else exports + imports"
        ),
        "zh": (
            "账本中 {country} 与各伙伴的有出处数据，每年每个流向一个（来源不一时取最大值）；"
            "贸易额按公布值，否则为出口加进口"
        ),
        "ru": (
            "цитируемые в реестре данные {country} по каждому партнёру, одно значение на год и поток "
            "(наибольшее при расхождении источников); товарооборот как опубликован, иначе экспорт + импорт"
        ),
    },
    "trade.no_bulk": {
        "en": (
            "no bulk trade data imported: the ledger's cited figures for {country} with each partner, one per year "
            "and flow (the largest where sources differ); turnover as printed, else exports + imports"
        ),
        "zh": (
            "未导入批量贸易数据：账本中 {country} 与各伙伴的有出处数据，每年每个流向一个（来源不一时取最大值）；"
            "贸易额按公布值，否则为出口加进口"
        ),
        "ru": (
            "массовые торговые данные не импортированы: цитируемые в реестре данные {country} по каждому партнёру, "
            "одно значение на год и поток (наибольшее при расхождении источников); товарооборот как опубликован, "
            "иначе экспорт + импорт"
        ),
    },
    "trade.hs_revisions": {
        "en": "several HS revisions ({revisions}); names from HS 1992",
        "zh": "涉及多个 HS 版本（{revisions}）；名称取自 HS 1992",
        "ru": "несколько редакций ТН ВЭД (HS: {revisions}); названия по HS 1992",
    },
    "status.met_not_done": {
        "en": "curated as {status}, but the ledger's figure {figures} meets the target",
        "zh": "整理状态为“{status}”，但账本中的数据 {figures} 已达到目标",
        "ru": "отмечено как «{status}», но значение реестра {figures} достигает цели",
    },
    "status.met_figure": {
        "en": "{figure} ({reporter})",
        "zh": "{figure}（{reporter}）",
        "ru": "{figure} ({reporter})",
    },
    "status.a_figure": {
        "en": "a figure",
        "zh": "某一数据",
        "ru": "одно из значений",
    },
    "status.split": {
        "en": "the reporters disagree on the target: {summary}",
        "zh": "各统计方对目标结论不同：{summary}",
        "ru": "стороны расходятся в оценке цели: {summary}",
    },
    "status.done_below": {
        "en": (
            "curated as done on evidence, but the ledger's figures stay below the target after the deadline {deadline}"
        ),
        "zh": "依据证据整理为已完成，但截止日期 {deadline} 后账本数据仍低于目标",
        "ru": "отмечено как выполненное по свидетельствам, но значения реестра после срока {deadline} ниже цели",
    },
    "status.lapsed": {
        "en": "curated as {status}, but the deadline {deadline} passed with the target unmet",
        "zh": "整理状态为“{status}”，但截止日期 {deadline} 已过且目标未达成",
        "ru": "отмечено как «{status}», но срок {deadline} прошёл, а цель не достигнута",
    },
    "status.not_decided": {
        "en": "curated as {status}, but the ledger's figures put the target {outcome}",
        "zh": "整理状态为“{status}”，但账本数据显示目标{outcome}",
        "ru": "отмечено как «{status}», но по значениям реестра цель: {outcome}",
    },
    "status.no_figure": {
        "en": "curated as {status}, but the ledger has no figure for the target",
        "zh": "整理状态为“{status}”，但账本中没有该目标的数据",
        "ru": "отмечено как «{status}», но в реестре нет значений для цели",
    },
    "status.no_evidence": {
        "en": "in progress without evidence; cite an event or a source",
        "zh": "标为进行中但没有证据；请引用事件或来源",
        "ru": "выполняется, но без свидетельств; укажите событие или источник",
    },
}


class Phrase(str):
    """A sentence an analysis wrote: its English text, and its key and parameters to say it in another language.

    It is a `str` (the English), so every surface that shows it as it is keeps working; a surface
    in Chinese or Russian calls `in_lang` (or `local`) for the same sentence in that language.
    """

    key: str
    params: dict[str, object]

    def __new__(cls, key: str, **params: object) -> Phrase:
        """The phrase `key` with its parameters; its text is the English."""
        phrase = super().__new__(cls, _render(key, "en", params))
        phrase.key, phrase.params = key, params
        return phrase

    def in_lang(self, lang: str, names: Callable[[str], str] | None = None) -> str:
        """The same sentence in a language (English where the phrase has no template in it).

        Args:
            lang: en, zh or ru.
            names: An entity's name in that language, by id (entity ids stay ids without it).
        """
        return _render(self.key, lang, self.params, names)

    def __reduce__(self) -> tuple[object, ...]:
        return (_phrase, (self.key, self.params))

    def __copy__(self) -> Phrase:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Phrase:
        return self  # immutable, like the str it is


def _phrase(key: str, params: dict[str, object]) -> Phrase:
    return Phrase(key, **params)


class Phrases(str):
    """Several phrases in a row, separated by semicolons (or `sep`), each said in the language asked for."""

    items: tuple[str, ...]
    sep: str

    def __new__(cls, items: Sequence[str], sep: str = "; ") -> Phrases:
        """The items in a row; the text is their English."""
        joined = super().__new__(cls, sep.join(items))
        joined.items, joined.sep = tuple(items), sep
        return joined

    def in_lang(self, lang: str, names: Callable[[str], str] | None = None) -> str:
        """The phrases in a language, still separated as they were."""
        return self.sep.join(str(local(item, lang, names)) for item in self.items)

    def __reduce__(self) -> tuple[object, ...]:
        return (Phrases, (self.items, self.sep))

    def __copy__(self) -> Phrases:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Phrases:
        return self


class Term(str):
    """A code of a closed vocabulary in a phrase (`met`): said in the phrase's language (`已达成`)."""

    group: str

    def __new__(cls, group: str, code: str) -> Term:
        """A code of `group`; its text is the code."""
        word = super().__new__(cls, code)
        word.group = group
        return word

    def in_lang(self, lang: str, names: Callable[[str], str] | None = None) -> str:
        """The code's words in a language (the code itself in English)."""
        return str(self) if lang == "en" else str(term(self.group, str(self), lang))

    def __reduce__(self) -> tuple[object, ...]:
        return (Term, (self.group, str(self)))

    def __copy__(self) -> Term:
        return self

    def __deepcopy__(self, memo: dict[int, object]) -> Term:
        return self


class Entity(str):
    """An entity's id in a phrase (`pipeline.cacgp`): its name in the phrase's language, where the surface knows it."""


class Unit(str):
    """A unit in a phrase, as printed (`bn USD`): said in the phrase's language (`十亿美元`).

    With the `amount` it follows, an English count noun is plural unless the amount is one (`13 institutions`).
    """

    amount: float | None

    def __new__(cls, unit: str, amount: float | None = None) -> Unit:
        """The unit `unit`, after the number `amount` where there is one."""
        word = super().__new__(cls, unit)
        word.amount = amount
        return word


class Number(str):
    """A number in a phrase: written in the phrase's language (`40.5` in English, `40,5` in Russian)."""

    value: float

    def __new__(cls, value: float) -> Number:
        """The number `value`; its text is the English."""
        from caravan.figures import format_number  # figures reads this module's words

        word = super().__new__(cls, format_number(value))
        word.value = value
        return word

    def __reduce__(self) -> tuple[object, ...]:
        return (Number, (self.value,))


class Period(str):
    """A period in a phrase, as written (`as-of 2023-03-31`): said in the phrase's language."""


def _render(key: str, lang: str, params: dict[str, object], names: Callable[[str], str] | None = None) -> str:
    templates = PHRASES[key]
    return (templates.get(lang) or templates["en"]).format(**{k: local(v, lang, names) for k, v in params.items()})


def local(value: object, lang: str, names: Callable[[str], str] | None = None) -> object:
    """A value in a language: a `Phrase` said in it, a list of phrases joined by semicolons; anything else as it is.

    Args:
        value: A phrase, a list of them, or anything else.
        lang: en, zh or ru.
        names: An entity's name in that language, by id, for the entities a phrase names (English too:
            a surface that knows the names never shows an id).
    """
    if isinstance(value, Phrase | Phrases | Term):
        return value.in_lang(lang, names)
    if isinstance(value, Entity):
        return names(value) if names else str(value)
    if isinstance(value, Unit):
        from caravan.figures import unit_label  # figures reads this module's words

        return unit_label(str(value), lang, value.amount)
    if isinstance(value, Number):
        from caravan.figures import format_number

        return format_number(value.value, lang=lang)
    if isinstance(value, Period):
        return period_label(value, lang)
    if isinstance(value, list | tuple):
        return "; ".join(str(local(v, lang, names)) for v in value)
    return value
