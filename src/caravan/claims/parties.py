"""Parties with direction: who the figure is about and who the counterpart is.

Flows run from origin to destination: "Kazakhstan's exports to China" is KAZ→CHN,
"imports from China" by Kazakhstan is CHN→KAZ, "gas from Turkmenistan" is TKM→CHN,
"Chinese students in Kazakhstan" is CHN→KAZ, "Kazakh students in China" KAZ→CHN.
Turnover, summits and projects have no direction: the reporting side is the subject
where the sentence cites whose statistics, else the country the sentence names first;
a partner's rank reads China → partner; a share names first whose share it is ("China accounts
for 21 % of Uzbekistan's trade": CHN → UZB; "Kazakhstan took 46 % of China's trade with the
region": KAZ → CHN); gas without a stated direction runs to China; transit through a country
("across Kazakhstan", «через Казахстан», 经哈萨克斯坦过境) is that country's, KAZ → CHN; a summit
reads China first, and the China–Central Asia format is CHN → C5 wherever it meets; a partner's
rank reads China → partner unless China owns the partners ("China's largest partner": partner → CHN).
"The country" (республика, 该国) is the partner spoken of; a place owning a share's total ("of Uzbekistan's
trade") does not own the share; grants run from the recipients to China; a crossing's figure is the partner's
where the article names the partner's authority; a route is China's with the member it is bound for, not
the one it passes through; China–Europe trains have no Central Asian counterpart.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache

from caravan.claims.discourse import Discourse
from caravan.claims.lexicon import C5_MEMBERS, OTHER, cue
from caravan.claims.mentions import CROSSING
from caravan.claims.prefilter import prefiltered, prefiltered_table

_DEMONYM = prefiltered_table(
    {
        "en": re.compile(
            r"\b(?P<who>Chinese|Kazakh(?:stani)?|Kyrgyz|Tajik|Turkmen|Uzbek|Central Asian)\s+(?:[a-z-]+\s+){0,2}?"
            r"(?P<noun>students|tourists|visitors|travell?ers|citizens|nationals|workers)\b"
        ),
        "ru": re.compile(
            r"(?P<who>китайск|казахстанск|казахск|кыргызстанск|киргизск|кыргызск|таджикск|туркменск|узбекск|узбекистанск)"
            r"\w*\s+(?P<noun>студент|турист|граждан|посетител|путешественник)",
            re.I,
        ),
        "zh": re.compile(
            r"(?P<who>中国|哈萨克斯坦|吉尔吉斯斯坦|塔吉克斯坦|土库曼斯坦|乌兹别克斯坦|哈|吉|塔|土|乌)(?:籍)?"
            r"(?P<noun>留学生|学生|游客|旅客|公民)"
        ),
    }
)
_WHO = {
    "chinese": "CHN", "kazakh": "KAZ", "kazakhstani": "KAZ", "kyrgyz": "KGZ", "tajik": "TJK",
    "turkmen": "TKM", "uzbek": "UZB", "central asian": "C5",
    "китайск": "CHN", "казахстанск": "KAZ", "казахск": "KAZ", "кыргызстанск": "KGZ", "киргизск": "KGZ",
    "кыргызск": "KGZ", "таджикск": "TJK", "туркменск": "TKM", "узбекск": "UZB", "узбекистанск": "UZB",
    "中国": "CHN", "哈萨克斯坦": "KAZ", "吉尔吉斯斯坦": "KGZ", "塔吉克斯坦": "TJK", "土库曼斯坦": "TKM",
    "乌兹别克斯坦": "UZB", "哈": "KAZ", "吉": "KGZ", "塔": "TJK", "土": "TKM", "乌": "UZB",
}  # fmt: skip
# Families whose undirected figures still run toward China (gas from Central Asia).
_TOWARD_CHINA = {"gas", "oil"}
# Families whose figures are one country's statistics of its exchange with the other: whose statistics
# the sentence cites says whose side the figure is from. Elsewhere (a route, a flight) the text's own
# direction holds, whoever reports it.
_REPORTED_FLOWS = {"trade", "trade_invest", "invest", "contracting"}
# Families whose figures are people of one country in another.
_PEOPLE = {"students", "visitors", "tourists", "visa", "labour"}
# Goods sold to a country are exports to it ("goods sold to China", «товаров, проданных в Китай», 销往中国).
_EXPORT = {
    "en": r"\bexport\w*|\bsold\s+to\b|\bsales\s+to\b",
    "ru": r"экспорт\w*|вывоз\w*|выв[её]з\w*|проданн\w*|продаж\w*",
    "zh": r"出口|销往",
}
_IMPORT = {"en": r"\bimport\w*", "ru": r"импорт\w*|ввоз\w*|вв[её]з\w*|зав[её]з\w*", "zh": r"进口"}
_TURNOVER = {
    "en": r"\bimports? and exports?\b|\bexports? and imports?\b|\bturnover\b|\btwo-way\b",
    "ru": r"товарооборот|внешнеторгов\w+ оборот|экспорт\w* и импорт\w*|импорт\w* и экспорт\w*",
    "zh": r"进出口|贸易额|双边贸易",
}
_FROM = {"en": r"\bfrom\s+(?:the\s+)?$", "ru": r"(?:\bиз|\bот)\s+$", "zh": r"(?:从|自)$"}
_IN = {"en": r"\b(?:in|at|to|into)\s+(?:the\s+)?$", "ru": r"(?:\bв|\bна)\s+$", "zh": r"(?:在|赴|到|来)$"}
_TO = {"en": r"\b(?:to|into)\s+(?:the\s+)?$", "ru": r"(?:\bв|\bна)\s+$", "zh": r"(?:向|对|往|到)$"}


@cache
def _rx(pattern: str) -> re.Pattern[str]:
    """A cue of the tables above, compiled once (case-insensitive, prefiltered)."""
    return prefiltered(re.compile(pattern, re.IGNORECASE))


@dataclass(frozen=True)
class Parties:
    """Subject and counterpart of a figure.

    Attributes:
        subject: The subject (for flows, the origin), or None.
        counterpart: The counterpart (for flows, the destination), or None.
        found: Whether the sentence itself names them (else they come from the discourse).
    """

    subject: str | None
    counterpart: str | None
    found: bool = True


def find_parties(
    sentence: str,
    pos: int,
    place_hits: tuple[tuple[int, int, str], ...] | list[tuple[int, int, str]],
    fam: str,
    disc: Discourse,
    indicator: str = "",
    reporter: str | None = None,
) -> Parties:
    """The parties of the figure at `pos`, with direction for exports, imports and people.

    `reporter` is whose statistics the sentence cites (`Mentions.reporter`): of trade and
    investment, a partner's own statistics make the partner the subject, China's make China
    the subject.
    """
    all_hits = list(place_hits)
    hits = _five_as_group(sentence, [h for h in all_hits if h[2] != OTHER and not h[2].startswith(CROSSING)])
    lang = disc.lang
    crossing = next((h[2][len(CROSSING) :] for h in all_hits if h[2].startswith(CROSSING)), None)
    members = {eid for *_, eid in hits if eid in C5_MEMBERS}
    if indicator and fam == "rail" and _TO_EUROPE[lang].search(sentence):
        # China–Europe trains (中欧班列, «поезда Китай – Европа», "transit to Europe") are China's with no
        # member of the five, even through Horgos, unless a member is where a train is bound.
        bound = next((h[2] for h in hits if h[2] in C5_MEMBERS and _bound_for(sentence, h, lang)), None)
        return Parties("CHN", bound)
    if crossing and (not members or (members == {crossing} and fam not in _TOWARD_CHINA)):
        # Trains through Horgos run between China and Kazakhstan, also where the sentence names the border
        # the crossing is on ("через КПП Хоргос на границе с Казахстаном"). The partner's own figures of
        # its side of the crossing (its railway's, its statistics office's) are the partner's, as a
        # turnover is the reporting side's: «через станцию Достык передано 7,4 млн тонн», by KTZ.
        if (reporter or disc.reporter or disc.source) == crossing:
            return Parties(crossing, "CHN")
        return Parties("CHN", crossing)
    paired = respective(sentence, pos, hits, lang)
    if paired is not None:
        # "imports from Kazakhstan and Uzbekistan rose 12.5 % and 8.1 % respectively": the list's
        # first place carries the direction ("from"); each figure takes its own place of the list.
        head = next(h for h in hits if h[2] != "CHN")
        one = [h for h in hits if h == head or h[2] == "CHN"]
        if not any(eid == "CHN" for *_, eid in one):
            one.append((10**6, 10**6, "CHN"))
        found = find_parties(sentence, pos, one, fam, disc, indicator, reporter)

        def own(eid: str | None) -> str | None:
            return paired[2] if eid == head[2] else eid

        return Parties(own(found.subject), own(found.counterpart))
    if fam == "trade" and indicator.endswith("share") and attached_place(sentence, pos, all_hits) == "CHN":
        # «Импорт … из следующих стран: Россия — 26,6%, Китай — 19,8%»: China's share of the partner's trade,
        # the partner being the one spoken of (the list's other members are its partners too).
        partner = disc.partner or next((eid for eid in (disc.subject, disc.counterpart) if eid in C5_MEMBERS), None)
        if partner is not None:
            return Parties("CHN", partner)
    if indicator and _CONFUCIUS[lang].search(sentence, pos, pos + 40):
        # Confucius Institutes (the figure counts them) are China's, in the partner («В Кыргызстане открылись
        # три Института Конфуция»).
        host = next((eid for *_, eid in _with_discourse(hits, disc) if eid != "CHN"), None)
        if host is not None:
            return Parties("CHN", host, found=False)  # China's institutes say nothing of the pair spoken of
    carrier = _carrier(sentence, pos, lang) if fam == "flights" else None
    if carrier is not None:
        # "16 рейсов китайскими авиакомпаниями": flights run by a country's airlines are that country's.
        partner = next((eid for *_, eid in _with_discourse(hits, disc) if eid not in ("CHN", carrier)), None)
        if carrier != "CHN":
            return Parties(carrier, "CHN")
        if partner is not None:
            return Parties("CHN", partner)
    transit = _transit_country(sentence, pos, hits, lang)
    if transit is not None:
        # "from China to Uzbekistan through Kazakhstan", 途经哈萨克斯坦,最终到达乌兹别克斯坦: a train bound for
        # a member beyond the transit country is China's with that member.
        bound = next(
            (
                eid
                for s, e, eid in hits
                if eid in C5_MEMBERS and eid != transit and _bound_for(sentence, (s, e, eid), lang)
            ),
            None,
        )
        if bound is not None:
            return Parties("CHN", bound)
        return Parties(transit, "CHN")  # the transit country's figure of China's cargo crossing it
    if fam == "summit" and any(eid == "CHN" for *_, eid in hits):
        # A summit of China and a partner reads China first; the China–Central Asia format is the group's,
        # wherever it meets ("the second China–Central Asia Summit in Astana").
        if any(eid == "C5" for *_, eid in hits):
            return Parties("CHN", "C5")
        partner = next((eid for *_, eid in hits if eid != "CHN"), None)
        if partner is not None:
            return Parties("CHN", partner)
    directed = _directed(sentence, pos, _with_discourse(hits, disc), lang, fam, indicator)
    if directed:
        return Parties(*directed, found=bool(hits))
    if re.search(r"\.grants(?:\.|$)", indicator) and any(eid == "CHN" for *_, eid in hits):
        # Grants, scholarships and training places are for the partner's people, in China ("China will
        # provide 1,500 training places to the five countries", «Китай предоставит пяти странам … квот»,
        # 向中亚五国提供…名额): the people the figure counts run from the partner to China.
        recipient = next((eid for *_, eid in hits if eid != "CHN"), None)
        if recipient is not None:
            return Parties(recipient, "CHN")
    share = indicator.endswith(("share", "share_of_group")) or (
        indicator.endswith("pp_change") and cue("SHARE", lang).search(sentence) is not None
    )
    if fam == "trade" and share:
        owner = _share_owner(sentence, pos, hits, lang)
        if owner is not None:
            return Parties(owner, "CHN")
    others = [(s, e, eid) for s, e, eid in hits if eid != "CHN"]
    passed = [h for h in others if h[2] in C5_MEMBERS and _VIA_BEFORE[lang].search(sentence, max(0, h[0] - 12), h[0])]
    if passed and len(passed) < len(others):
        # "from China to Uzbekistan through Kazakhstan", 途经哈萨克斯坦,最终到达乌兹别克斯坦: the country a route
        # passes through is not the one it serves.
        others = [h for h in others if h not in passed]
    has_china = any(eid == "CHN" for _, _, eid in hits)
    subject: str | None = None
    if others:
        before = [h for h in others if h[0] <= pos]
        subject_hit = _compound_head(sentence, hits, before[-1]) if before else others[0]
        subject = subject_hit[2]
        if fam in ("rail", "road") and _bound_for(sentence, subject_hit, lang):
            # "最终到达乌兹别克斯坦", "the route to Uzbekistan": a train bound for a member runs from China to it.
            return Parties("CHN", subject)
    if subject is None:
        if has_china or not hits:
            if disc.subject and not has_china:
                return Parties(disc.subject, disc.counterpart, found=False)
            if fam == "gas":
                subject = "C5"
            elif has_china and _partner(disc):
                return Parties(disc.subject, disc.counterpart, found=False)  # the partner spoken of
            elif has_china:
                return Parties("CHN", "C5", found=False)
            else:
                return Parties(disc.subject, disc.counterpart, found=False)
        else:
            return Parties(disc.subject, disc.counterpart, found=False)
    if indicator.endswith("partner_rank"):
        # China's rank among the partner's partners, whoever speaks ("Ташкент видит в Пекине крупнейшего
        # торгового партнёра"); the partner's rank among China's ("Kazakhstan is China's largest partner
        # in Central Asia": the region is the scope, the member the partner) where China owns the partners.
        cs, ce = _clause(sentence, pos, lang)
        partner = next((eid for s, _, eid in others if eid in C5_MEMBERS and cs <= s < ce), subject)
        return Parties(partner, "CHN") if _CHINAS_PARTNER[lang].search(sentence) else Parties("CHN", partner)
    if subject == "C5":
        return Parties(*(("C5", "CHN") if fam == "gas" else ("CHN", "C5")))
    said = reporter if fam in _REPORTED_FLOWS else None
    if fam in _TOWARD_CHINA or said not in (None, "CHN"):
        return Parties(subject, "CHN")  # gas flows to China; a partner's own statistics make it the subject
    if indicator.endswith(("share", "share_of_group")):
        # Whose share it is: the place nearest before the figure ("на долю Кыргызстана … 5,8 %",
        # "China's share of Uzbekistan's trade, 21.3 %").
        near = [h[2] for h in hits if h[0] <= pos and h[2] in ("CHN", subject) and not _owns_total(sentence, h, lang)]
        owner = near[-1] if near else subject
        return Parties(owner, subject if owner == "CHN" else "CHN")
    if indicator.endswith("partner_rank") or said == "CHN":
        return Parties("CHN", subject)  # China's rank among a partner's partners; China's statistics
    # Otherwise the country the sentence is about: the one it names first ("Trade between China and …");
    # a sentence naming only the partner of the pair spoken of keeps the pair's order (a project, route or
    # event of China and the partner); trade keeps the guideline's "the country the sentence is about".
    if not has_china and {disc.subject, disc.counterpart} == {subject, "CHN"} and fam != "trade":
        return Parties(disc.subject, disc.counterpart)
    first = next((eid for _, _, eid in hits if eid in ("CHN", subject)), subject)
    return Parties(first, subject if first == "CHN" else "CHN")


_CHINAS_PARTNER = prefiltered_table(
    {
        "en": re.compile(r"\bChina's\s+(?:[\w-]+\s+){0,3}partners?\b", re.I),
        "ru": re.compile(r"партн[её]р\w*\s+(?:Китая|КНР|Поднебесной)", re.I),
        "zh": re.compile(r"(?:中国|我国)(?:的)?[^，,。]{0,6}(?:贸易)?伙伴"),
    }
)
"""China owns the partners ("China's largest partner in the region"): the rank is the partner's among China's."""

_CARRIER = prefiltered_table(
    {
        # The demonym before the airlines, or before a list that ends with them ("11 by Kazakh and 16 by
        # Chinese carriers", «11 рейсов казахстанскими и 16 рейсов китайскими авиакомпаниями»).
        "en": re.compile(
            r"\b(?P<who>Chinese|Kazakh(?:stani)?|Kyrgyz|Tajik|Turkmen|Uzbek)\b"
            r"(?=\s+(?:airlines?|carriers?)\b|[^.;:]{0,40}?\b(?:airlines|carriers)\b)"
        ),
        "ru": re.compile(
            r"(?P<who>китайск|казахстанск|казахск|кыргызстанск|киргизск|кыргызск|таджикск|туркменск|узбекск|"
            r"узбекистанск)\w*(?=[^.;:]{0,40}?(?:авиакомпани|авиаперевозчик|перевозчик))",
            re.I,
        ),
        "zh": re.compile(
            r"(?P<who>中国|中方|哈萨克斯坦|吉尔吉斯斯坦|塔吉克斯坦|土库曼斯坦|乌兹别克斯坦)(?=[^，,。；]{0,12}?(?:航空公司|航司|承运人))"
        ),
    }
)


def _carrier(sentence: str, pos: int, lang: str) -> str | None:
    """The country whose airlines fly the figure's flights (the nearest such phrase in the figure's clause)."""
    cs, ce = _clause(sentence, pos, lang)
    near = [m for m in _CARRIER[lang].finditer(sentence, cs, ce) if pos - 40 <= m.start() <= pos + 60]
    if not near:
        return None
    who = min(near, key=lambda m: abs(m.start() - pos)).group("who")
    return "CHN" if who == "中方" else _who(who)


_TRANSIT = prefiltered_table(
    {
        "en": re.compile(r"\btransit\w*\b[^.;:]{0,60}?\b(?:through|across|via)\s+(?:the\s+)?$", re.I),
        "ru": re.compile(r"транзит\w*[^.;:]{0,60}?(?:через|по территории)\s+$", re.I),
        "zh": re.compile(r"(?:经|途经|过境)$"),
    }
)
_CONFUCIUS = {
    "en": re.compile(r"\bConfucius\b", re.I),
    "ru": re.compile(r"Конфуци", re.I),
    "zh": re.compile(r"孔子学院|孔子课堂"),
}
_TO_EUROPE = prefiltered_table(
    {
        "en": re.compile(r"\bChina\s*[-–—]\s*Europe\b|\bto Europe\b", re.I),
        "ru": re.compile(r"Кита\w*\s*[-–—]\s*Европ|(?<![А-Яа-яЁё])(?:на|в)\s+Европу", re.I),
        "zh": re.compile(r"中欧班列|至欧洲|往欧洲|到欧洲"),
    }
)
_VIA_BEFORE = {
    "en": re.compile(r"\b(?:through|via|across|transiting)\s+(?:the\s+)?$", re.I),
    "ru": re.compile(r"(?<![А-Яа-яЁё])(?:через|по территории)\s+$", re.I),
    "zh": re.compile(r"(?:途经|经由|经过|经)$"),
}
_DEST_BEFORE = {
    "en": re.compile(r"\b(?:to|into|for)\s+(?:the\s+)?$", re.I),
    "ru": re.compile(r"(?<![А-Яа-яЁё])(?:в|во|до)\s+$", re.I),
    "zh": re.compile(r"(?:到达|抵达|到|至|前往|驶往|开往)$"),
}


def _bound_for(sentence: str, hit: tuple[int, int, str], lang: str) -> bool:
    """Whether a place is named as a destination ("to Uzbekistan", 到达乌兹别克斯坦, «до Ташкента», «в Ташкент»).

    Russian «в» with the locative («в Казахстане», "in Kazakhstan") names where, not whither.
    """
    s, e, _ = hit
    m = _DEST_BEFORE[lang].search(sentence, max(0, s - 12), s)
    if m is None:
        return False
    return not (
        lang == "ru" and m.group(0).strip().lower() in ("в", "во") and sentence[e - 1 : e].lower() in ("е", "и")
    )


_ZH_TRANSIT_AFTER = re.compile(r"[^，,。；]{0,4}过境")


def _transit_country(sentence: str, pos: int, hits: list[tuple[int, int, str]], lang: str) -> str | None:
    """The country China's cargo transits in the figure's clause, else None.

    "transit across Kazakhstan", «транзит через Казахстан», 经哈萨克斯坦过境.
    """
    cs, ce = _clause(sentence, pos, lang)
    for s, e, eid in hits:
        if eid in ("CHN", "C5") or not cs <= s < ce:
            continue
        before = sentence[max(cs, s - 80) : s]
        if _TRANSIT[lang].search(before) and (lang != "zh" or _ZH_TRANSIT_AFTER.match(sentence, e)):
            return eid
    return None


_RESPECTIVELY = {
    "en": re.compile(r"\brespectively\b", re.I),
    "ru": re.compile(r"соответственно", re.I),
    "zh": re.compile(r"分别"),
}
_NUMBER = re.compile(r"\d(?:[\d.,\u00a0]*\d)?")


def respective(sentence: str, pos: int, hits: list[tuple[int, int, str]], lang: str) -> tuple[int, int, str] | None:
    """The place a figure is paired with by "respectively" (соответственно, 分别), else None.

    "imports from Kazakhstan, Uzbekistan and Kyrgyzstan rose by 202.1 %, 153.7 % and 10.9
    times, respectively": the figures after the last place pair in order with the places
    (China aside) before them, when there are as many of each.
    """
    cue_at = _RESPECTIVELY[lang].search(sentence)
    if cue_at is None:
        return None
    partners = [h for h in hits if h[2] != "CHN" and h[1] <= pos]
    if len(partners) < 2:
        return None
    last_place = partners[-1][1]
    # Chinese writes 分别 before the figures, the others "respectively" after them.
    lo, hi = (cue_at.end(), len(sentence)) if lang == "zh" and cue_at.start() < pos else (last_place, cue_at.start())
    numbers = [m.start() for m in _NUMBER.finditer(sentence, max(lo, last_place), hi)]
    if pos not in numbers or len(numbers) != len(partners):
        return None
    return partners[numbers.index(pos)]


_LIST_JOINER = re.compile(r"\s*(?:,|;|、|，|和|与|及|\band\b|\bи\b)\s*", re.I)


def _five_as_group(sentence: str, hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """All five states in one list ("the five countries - Kazakhstan, …, Uzbekistan") are the group.

    Only a list: names joined by commas or "and" alone. Five names spread over a breakdown
    ("46 % to Kazakhstan, 24 % to Kyrgyzstan …") each keep their own figure.
    """
    members = sorted(h for h in hits if h[2] in C5_MEMBERS)
    for i in range(len(members) - 4):
        run = members[i : i + 5]
        if {eid for *_, eid in run} == set(C5_MEMBERS) and all(
            _LIST_JOINER.fullmatch(sentence[a[1] : b[0]]) for a, b in itertools.pairwise(run)
        ):
            inside = set(run)
            return [h for h in hits if h not in inside] + [(run[0][0], run[-1][1], "C5")]
    return hits


_COMPOUND_JOINER = re.compile(r"\s?[-–—]\s?")


def _compound_head(sentence: str, hits: list[tuple[int, int, str]], hit: tuple[int, int, str]) -> tuple[int, int, str]:
    """The first partner of a compound name the place stands in, else the place itself.

    "the China-Kyrgyzstan-Uzbekistan railway" is China's with Kyrgyzstan first: the partner
    named last in the compound is not the one the figure is about.
    """
    ordered = sorted(hits)
    i = ordered.index(hit)
    while i > 0 and _COMPOUND_JOINER.fullmatch(sentence[ordered[i - 1][1] : ordered[i][0]]):
        if ordered[i - 1][2] == "CHN":
            break
        i -= 1
    head = ordered[i]
    return head if head[2] != "CHN" else hit


def _share_owner(sentence: str, pos: int, hits: list[tuple[int, int, str]], lang: str) -> str | None:
    """The one member of the five whose share of trade with China the figure's clause gives, else None.

    "46 % of China's trade with the region went to Kazakhstan", «почти 24 % составила доля
    Кыргызстана»: the member named in the figure's own clause, before or after it, not one of
    an earlier clause of a breakdown. Where China is named before both ("China's share of
    Uzbekistan's trade, 21.3 %") the share is China's, and this gives None; members named
    together give the group (the figure is theirs together, never one member's).
    """
    cs, ce = _clause(sentence, pos, lang)
    if len(sentence[cs:ce].strip(" .–—-")) <= 12 and ce < len(sentence):
        _, ce = _clause(sentence, ce + 1, lang)  # «– 70 % – пришлась на …»: the figure set off by dashes
    members = [h for h in hits if cs <= h[0] < ce and h[2] in C5_MEMBERS]
    named = {eid for *_, eid in members}
    if len(named) > 1 and all(_LIST_JOINER.fullmatch(sentence[a[1] : b[0]]) for a, b in itertools.pairwise(members)):
        return "C5"  # «70 % пришлось на Казахстан и Кыргызстан»: members together, never one member's share
    if len(named) != 1:
        return None
    china_first = any(eid == "CHN" and cs <= s < min(pos, members[0][0]) for s, _, eid in hits)
    return None if china_first else members[0][2]


_ANAPHOR = prefiltered_table(
    {
        # One country spoken of, named again by a common noun: "the country's trade", «в республику»,
        # 该国. Russian «республики» is also the plural, so only where no plural word stands before it
        # («эти республики») and no region follows («республики Центральной Азии»); a capital
        # («Республика Казахстан») begins a name, which the places already read.
        "en": re.compile(r"\bthe (?:country|republic)(?:'s|’s)?(?!\s+of\b)\b"),
        "ru": re.compile(r"(?<![А-Яа-яЁё])[Рр]еспублик(?:а|у|е|ой|и)(?![А-Яа-яЁё])(?!\s+(?:Центральн|Средн|[А-ЯЁ]))"),
        "zh": re.compile(r"该国|这个国家"),
    }
)


_PLURAL_BEFORE = re.compile(
    r"(?<![А-Яа-яЁё])(?:эти|все|обе|две|три|пять|пяти|наши|соседние|другие|бывшие|союзные)(?:\s+же)?\s+$", re.I
)


def with_anaphors(
    sentence: str, hits: tuple[tuple[int, int, str], ...], lang: str, disc: Discourse
) -> tuple[tuple[int, int, str], ...]:
    """The sentence's places with each "the country" (республика, 该国) read as the country it stands for.

    That is the member of the five the sentence names before it, else the one member the last sentence
    naming members named (`Discourse.partner`), else the one partner of China the discourse's last figure
    was about; with none, the words stay unread.
    """
    found = list(_ANAPHOR[lang].finditer(sentence))
    if not found:
        return hits
    partner = disc.partner or next((eid for eid in (disc.subject, disc.counterpart) if eid in C5_MEMBERS), None)
    if disc.partner is None and {disc.subject, disc.counterpart} - {partner, "CHN", None}:
        partner = None  # the discourse is about two partners: "the country" could be either
    out = list(hits)
    for m in found:
        if any(s < m.end() and m.start() < e for s, e, _ in out) or _PLURAL_BEFORE.search(sentence, 0, m.start()):
            continue
        named = [eid for s, e, eid in hits if e <= m.start() and eid in C5_MEMBERS]
        eid = named[-1] if named else partner
        if eid is not None:
            out.append((m.start(), m.end(), eid))
    return tuple(sorted(out))


_TOTAL_BEFORE = {
    "en": re.compile(r"\bof\s+(?:the\s+)?$", re.I),
    "ru": re.compile(
        r"(?:внешн\w+\s+торговл\w+|внешнеторгов\w+\s+оборот\w*|товарооборот\w*|торговл\w+|импорт\w*|экспорт\w*)\s+$",
        re.I,
    ),
    "zh": re.compile(r"(?:在|占)$"),
}
_TOTAL_AFTER = {
    "en": re.compile(
        r"\s*(?:total\s+|overall\s+)?(?:foreign\s+|external\s+)?(?:trade|imports|exports|turnover)\b", re.I
    ),
    "ru": re.compile(r""),
    "zh": re.compile(r"(?:的)?(?:对外贸易|外贸|进出口|贸易|进口|出口)"),
}


def _owns_total(sentence: str, hit: tuple[int, int, str], lang: str) -> bool:
    """Whether a place is named as the owner of the total a share is taken of.

    "… share of Uzbekistan's foreign trade", «доля Китая во внешней торговле Узбекистана»,
    中国在乌兹别克斯坦对外贸易总额中所占比重: the share is the other side's.
    """
    s, e, _ = hit
    return bool(_TOTAL_BEFORE[lang].search(sentence[max(0, s - 40) : s]) and _TOTAL_AFTER[lang].match(sentence, e))


def _partner(disc: Discourse) -> bool:
    """Whether the discourse names China and one partner (the pair a sentence naming only China is about)."""
    pair = {disc.subject, disc.counterpart}
    return "CHN" in pair and len(pair - {"CHN", None}) == 1


def _with_discourse(hits: list[tuple[int, int, str]], disc: Discourse) -> list[tuple[int, int, str]]:
    """The sentence's places, or the discourse's partner where the sentence names none but China."""
    if any(eid != "CHN" for *_, eid in hits):
        return hits
    partner = next((p for p in (disc.subject, disc.counterpart) if p and p != "CHN"), None) or disc.partner
    return [*hits, (10**6, 10**6, partner)] if partner else hits


def _directed(
    sentence: str, pos: int, hits: list[tuple[int, int, str]], lang: str, fam: str, indicator: str, depth: int = 0
) -> tuple[str, str] | None:
    """Origin and destination where the sentence gives a direction, else None."""
    if fam in _PEOPLE:
        return _people(sentence, pos, hits, lang)
    if fam in ("invest", "loan"):
        return _investment(sentence, hits, lang)
    if fam != "trade":
        return None
    cs, ce = _clause(sentence, pos, lang)
    clause = sentence[cs:ce]
    if _rx(_TURNOVER[lang]).search(clause):
        return None
    exp = _rx(_EXPORT[lang]).search(clause)
    imp = _rx(_IMPORT[lang]).search(clause)
    if not exp and not imp and depth == 0:
        # "its imports … reached 98.24 billion yuan, up 21 percent": a clause naming no flow is
        # the growth of the flow named just before it.
        prior = _last_flow_cue(sentence[:cs], lang)
        if prior is not None:
            return _directed(sentence, prior, hits, lang, fam, indicator, depth=1)
    if not exp and not imp:
        if _rx(_TURNOVER[lang]).search(sentence):
            return None
        exp = _rx(_EXPORT[lang]).search(sentence)
        imp = _rx(_IMPORT[lang]).search(sentence)
    if bool(exp) == bool(imp):
        return None
    cue_at = (exp or imp).start()  # type: ignore[union-attr]
    places = [h for h in hits if h[2] != "C5" or len(hits) > 1]
    in_clause = [h for h in places if cs <= h[0] < ce]
    if in_clause:  # "…, while its imports from China reached …": the clause's own places first
        places = in_clause + [h for h in places if h not in in_clause]
    if not places:
        return None
    if not in_clause and depth < 2:
        # "China's exports to the five countries reached …, and its imports from them …": a clause
        # naming no place runs the other way round from the opposite flow of the clause before.
        # Likewise before a clause of the opposite flow that names it ("$1.9 bn were exports, and the other
        # $4.5 bn imports from China").
        opposite = _IMPORT[lang] if exp else _EXPORT[lang]
        other_at = next((m.start() for m in _rx(opposite).finditer(sentence[:cs])), None)
        if other_at is None and depth == 0:
            later = _rx(opposite).search(sentence, ce)
            other_at = later.start() if later is not None else None
        if other_at is not None:
            flipped = _directed(sentence, other_at, hits, lang, fam, indicator, depth=2)
            if flipped is not None:
                return flipped[1], flipped[0]
    origin = dest = None
    for s, _, eid in in_clause or places:
        left = sentence[max(0, s - 12) : s]
        if _rx(_FROM[lang]).search(left):
            origin = origin or eid
        elif _rx(_TO[lang]).search(left):
            dest = dest or eid
    # The possessor: "Uzbekistan's exports", «экспорт Казахстана», 中国对哈出口 — the place nearest the cue.
    owner = min((h for h in places if h[2] not in (origin, dest)), key=lambda h: abs(h[0] - cue_at), default=None)
    owner_id = owner[2] if owner else None
    if exp:
        origin = origin or owner_id
    else:
        dest = dest or owner_id
    if origin is None and dest is not None:
        origin = "CHN" if dest != "CHN" else next((e for *_, e in places if e != "CHN"), None)
    if dest is None and origin is not None:
        dest = "CHN" if origin != "CHN" else next((e for *_, e in places if e != "CHN"), None)
    if origin and dest and origin != dest:
        return origin, dest
    return None


def _last_flow_cue(text: str, lang: str) -> int | None:
    """Where the last flow cue (turnover, exports or imports) in `text` starts, else None."""
    starts = [
        m.start() for pattern in (_TURNOVER[lang], _EXPORT[lang], _IMPORT[lang]) for m in _rx(pattern).finditer(text)
    ]
    return max(starts, default=None)


def _investment(sentence: str, hits: list[tuple[int, int, str]], lang: str) -> tuple[str, str] | None:
    """Investment and loans run from the investor: "Chinese investment in Kyrgyzstan" is CHN→KGZ."""
    if not any(eid == "CHN" for *_, eid in hits):
        return None
    into_china = re.search(
        {"en": r"investment\w* in China", "ru": r"инвестиц\w* в Кита", "zh": r"对华投资|在华投资"}[lang], sentence, re.I
    )
    host = next((eid for *_, eid in hits if eid != "CHN"), None)
    if host is None:
        return None
    return (host, "CHN") if into_china else ("CHN", host)


def _clause(sentence: str, pos: int, lang: str) -> tuple[int, int]:
    from caravan.claims.segment import clause_bounds

    return clause_bounds(sentence, lang, pos)


def _people(sentence: str, pos: int, hits: list[tuple[int, int, str]], lang: str) -> tuple[str, str] | None:
    """People of one country in another: the demonym or "from X" nearest the figure, then "in Y"."""
    named = list(_DEMONYM[lang].finditer(sentence))
    near = [m for m in named if pos - 30 <= m.start() <= pos + 40]
    if not near and len(named) == 1 and named[0].start() < pos:
        near = named  # the sentence's only people ("Chinese citizens, …, will enter without a visa for 7 days")
    origin = None
    after = pos
    if near:
        m = min(near, key=lambda m: abs(m.start() - pos))
        origin, after = _who(m.group("who")), m.end()
    window = [h for h in hits if after <= h[0] <= after + 60]
    dest = None
    for s, _, eid in window:
        left = sentence[max(0, s - 10) : s]
        if origin is None and _rx(_FROM[lang]).search(left):
            origin = eid
        elif _rx(_IN[lang]).search(left) and eid != origin:
            dest = dest or eid
    if origin and not dest:
        dest = next((eid for _, _, eid in window if eid != origin), None)
    if origin and not dest and origin != "CHN":
        dest = "CHN"  # "students from Kyrgyzstan" with no place of stay named: the relation's other side
    if origin == "CHN" and not dest:
        # "Chinese citizens will be able to enter without a visa": they go to the partner named or spoken of.
        dest = next((eid for _, _, eid in hits if eid not in ("CHN", OTHER)), None)
    if origin and dest and origin != dest:
        return origin, dest
    return None


def _who(word: str) -> str | None:
    low = word.lower()
    return _WHO.get(low) or _WHO.get(word)


_ATTACHED_GAP = re.compile(r"\s*(?:[(（]|[—–:：-])\s*(?:[$€¥£]|US\$)?\s*")


def attached_place(
    sentence: str, pos: int, hits: tuple[tuple[int, int, str], ...] | list[tuple[int, int, str]]
) -> str | None:
    """The place a figure is set against in a list ("Китай — 19,8%", "Kazakhstan (6.0%)"), else None."""
    before = [h for h in hits if h[1] <= pos]
    if not before:
        return None
    _, e, eid = before[-1]
    return eid if _ATTACHED_GAP.fullmatch(sentence, e, pos) else None


def about_other_country(sentence: str, pos: int, place_hits: tuple[tuple[int, int, str], ...], lang: str) -> bool:
    """Whether the figure at `pos` is attached to a country outside the relation (`Russia ($5.6 bn)`)."""
    before = [h for h in place_hits if h[1] <= pos and pos - h[1] <= 25]
    if not before:
        return False
    _, e, eid = before[-1]
    gap = sentence[e:pos]
    return eid == OTHER and not re.search(r"[.;!?。；]", gap)


def split_coordinated(
    subject: str | None, sentence: str, fig_start: int, place_hits: list[tuple[int, int, str]], lang: str
) -> tuple[str, str] | None:
    """`For Kazakhstan and Uzbekistan ... 20–22 percent`: the two countries named together, else None."""
    joiner = {"en": r"\s+and\s+", "ru": r"\s+и\s+", "zh": r"(?:和|与|、)"}[lang]
    members = [h for h in _five_as_group(sentence, place_hits) if h[2] in C5_MEMBERS and h[0] < fig_start]
    for (_, e1, a), (s2, e2, b) in itertools.pairwise(members):
        if a != b and re.fullmatch(joiner, sentence[e1:s2]):
            if re.search(r"\d", sentence[e2:fig_start]) and lang != "ru":
                return None
            return a, b
    return None


__all__ = ["Parties", "about_other_country", "attached_place", "find_parties", "split_coordinated", "with_anaphors"]
