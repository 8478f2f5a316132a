"""The words of a briefing in English, Chinese and Russian.

Headings, column names and fixed phrases are here; the ledger's own names and
texts carry their translations, and its closed vocabularies (statuses, kinds,
modes, units, periods) are in `caravan.vocabulary`. Figures and sources stay
as published.
"""

from __future__ import annotations

LANGUAGES = ("en", "zh", "ru")

LABELS: dict[str, dict[str, str]] = {
    "title": {"en": "Briefing", "zh": "简报", "ru": "Справка"},
    "subtitle": {
        "en": "China–Central Asia cooperation, from Caravan's ledger of cited facts",
        "zh": "中国—中亚合作:基于 Caravan 有出处事实账本",
        "ru": "Сотрудничество Китая и Центральной Азии по данным реестра Caravan",
    },
    "generated": {"en": "Generated on", "zh": "生成日期", "ru": "Дата составления"},
    "ledger_built": {"en": "ledger built", "zh": "账本构建于", "ru": "реестр собран"},
    "headlines": {"en": "Headline figures", "zh": "主要数据", "ru": "Ключевые показатели"},
    "old": {"en": "old figure", "zh": "旧数据", "ru": "устаревшие данные"},
    "via": {"en": "via", "zh": "转引自", "ru": "через"},
    "pillar": {"en": "Pillar", "zh": "领域", "ru": "Направление"},
    "figure": {"en": "Figure", "zh": "数据", "ru": "Показатель"},
    "indicator": {"en": "Indicator", "zh": "指标", "ru": "Индикатор"},
    "trade": {"en": "Trade", "zh": "贸易", "ru": "Торговля"},
    "investment": {"en": "Investment", "zh": "投资", "ru": "Инвестиции"},
    "transport": {"en": "Transport", "zh": "交通运输", "ru": "Транспорт"},
    "energy": {"en": "Energy", "zh": "能源", "ru": "Энергетика"},
    "people": {"en": "People", "zh": "人文交流", "ru": "Гуманитарные связи"},
    "institutions": {"en": "Institutions", "zh": "机制", "ru": "Институты"},
    "trade_chart": {
        "en": "Trade turnover with China as each side reports it",
        "zh": "与中国的贸易额(双方各自统计)",
        "ru": "Товарооборот с Китаем по данным каждой из сторон",
    },
    "trade_chart_chn": {
        "en": "China's trade turnover with the five Central Asian states",
        "zh": "中国与中亚五国的贸易额",
        "ru": "Товарооборот Китая с пятью странами Центральной Азии",
    },
    "reported_by": {"en": "reported by", "zh": "统计方", "ru": "по данным"},
    "no_trade": {
        "en": "The ledger holds no annual trade turnover for this country.",
        "zh": "账本中没有该国的年度贸易额。",
        "ru": "В реестре нет годового товарооборота по этой стране.",
    },
    "composition": {"en": "Product composition", "zh": "商品结构", "ru": "Товарная структура"},
    "exports_to": {"en": "China's exports", "zh": "中国出口", "ru": "Экспорт Китая"},
    "imports_from": {"en": "China's imports", "zh": "中国进口", "ru": "Импорт Китая"},
    "no_composition": {
        "en": "No product-level trade data is imported (see `caravan import baci`).",
        "zh": "尚未导入商品层面的贸易数据(见 `caravan import baci`)。",
        "ru": "Данные о торговле по товарам не импортированы (см. `caravan import baci`).",
    },
    "pipelines": {"en": "Pipeline deliveries", "zh": "管道输送量", "ru": "Поставки по трубопроводам"},
    "corridors": {"en": "Corridors through the country", "zh": "过境走廊", "ru": "Коридоры через страну"},
    "corridors_region": {"en": "Corridors through the region", "zh": "过境走廊", "ru": "Коридоры через регион"},
    "places": {"en": "Crossings, lines and ports", "zh": "口岸、线路和港口", "ru": "Переходы, линии и порты"},
    "links": {"en": "Network links", "zh": "网络线段", "ru": "Звенья сети"},
    "mode": {"en": "Mode", "zh": "方式", "ru": "Вид"},
    "link": {"en": "Link", "zh": "线段", "ru": "Звено"},
    "length": {"en": "Length", "zh": "长度", "ru": "Длина"},
    "status": {"en": "Status", "zh": "状态", "ru": "Статус"},
    "capacity": {"en": "Capacity", "zh": "能力", "ru": "Пропускная способность"},
    "kind": {"en": "Kind", "zh": "类别", "ru": "Тип"},
    "name": {"en": "Name", "zh": "名称", "ru": "Название"},
    "no_corridors": {
        "en": "The ledger lists no crossings, lines or ports here yet.",
        "zh": "账本中尚无此处的口岸、线路或港口。",
        "ru": "В реестре пока нет переходов, линий или портов здесь.",
    },
    "people_title": {
        "en": "People-to-people ties since the Xi'an summit",
        "zh": "西安峰会以来的人文交流",
        "ru": "Гуманитарные связи после Сианьского саммита",
    },
    "before": {"en": "Up to the summit", "zh": "峰会前", "ru": "До саммита"},
    "after": {"en": "Latest after", "zh": "峰会后最新", "ru": "Последнее после"},
    "change": {"en": "Change", "zh": "变化", "ru": "Изменение"},
    "not_comparable": {"en": "not comparable", "zh": "不可比", "ru": "несопоставимо"},
    "no_people": {
        "en": "The ledger holds no people-to-people figures for this country.",
        "zh": "账本中没有该国的人文交流数据。",
        "ru": "В реестре нет данных о гуманитарных связях по этой стране.",
    },
    "institutes": {
        "en": "Luban Workshops and Confucius Institutes",
        "zh": "鲁班工坊和孔子学院",
        "ru": "Мастерские Лубаня и Институты Конфуция",
    },
    "opened": {"en": "Opened", "zh": "设立", "ru": "Открыт"},
    "timeline": {"en": "Timeline", "zh": "大事记", "ru": "Хроника"},
    "no_events": {
        "en": "No events in the ledger for these years.",
        "zh": "账本中没有这些年份的事件。",
        "ru": "В реестре нет событий за эти годы.",
    },
    "commitments": {
        "en": "Commitments and their progress",
        "zh": "承诺及其进展",
        "ru": "Обязательства и их выполнение",
    },
    "commitment": {"en": "Commitment", "zh": "承诺", "ru": "Обязательство"},
    "target": {"en": "Target", "zh": "目标", "ru": "Цель"},
    "progress": {"en": "Progress", "zh": "进展", "ru": "Ход выполнения"},
    "no_commitments": {
        "en": "No commitment in the ledger concerns this country.",
        "zh": "账本中没有涉及该国的承诺。",
        "ru": "В реестре нет обязательств, касающихся этой страны.",
    },
    "projection_method": {
        "en": "Projection: compound annual growth between the two latest figures, extended to the deadline.",
        "zh": "预测方法:以最近两个数据的年均复合增长率外推至截止日期。",
        "ru": "Прогноз: среднегодовой темп роста между двумя последними значениями, продолженный до срока.",
    },
    "sources": {"en": "Sources", "zh": "资料来源", "ru": "Источники"},
    "page": {"en": "Page", "zh": "第", "ru": "Стр."},
}


def label(key: str, lang: str) -> str:
    """A fixed phrase in a language (English where a translation is missing)."""
    entry = LABELS.get(key)
    if entry is None:
        return key
    return entry.get(lang) or entry["en"]
