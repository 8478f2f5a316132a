"""The ledger's fixed words in English, Chinese and Russian: units, periods and statuses.

Names and texts of the curated data (indicators, entities, events, commitments)
carry their own translations in the ledger; the words here are the closed
vocabularies every surface shares (the API with `?lang=`, the briefings), so
that no surface keeps a second list of them. Codes that are read as codes in
every language (USD, CNY, %) stay as they are.
"""

from __future__ import annotations

import re

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
    },
    "linkstatus": {
        "operating": {"en": "operating", "zh": "运营中", "ru": "действует"},
        "building": {"en": "building", "zh": "在建", "ru": "строится"},
        "planned": {"en": "planned", "zh": "规划中", "ru": "планируется"},
    },
    "entitykind": {
        "country": {"en": "country", "zh": "国家", "ru": "страна"},
        "group": {"en": "group", "zh": "国家组", "ru": "группа стран"},
        "city": {"en": "city", "zh": "城市", "ru": "город"},
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
    "as-of": {"en": "as-of {}", "zh": "截至 {}", "ru": "на {}"},
    "cumulative-to": {"en": "cumulative-to {}", "zh": "截至 {} 累计", "ru": "нарастающим итогом на {}"},
}
_DATED_PERIOD = re.compile(r"^(cumulative-to|as-of)\s+(\S+)$")


def term(group: str, code: str | None, lang: str) -> str | None:
    """A code of a closed vocabulary (`commitment`, `outcome`, ...) in a language; unknown codes stay as they are."""
    if code is None:
        return None
    entry = TERMS[group].get(code)
    return (entry.get(lang) or entry["en"]) if entry else code


def period_label(period: str | None, lang: str) -> str | None:
    """A period as written in the ledger, read in a language: `as-of 2023-03-31` is `截至 2023-03-31` in Chinese."""
    if period is None or lang == "en":
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
