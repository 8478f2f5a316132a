"""Score the claim extractor on an annotated corpus: precision, recall, indicator and period accuracy.

The corpus layout is `DIR/articles/NN.txt` (header lines `URL:`, `LANG:`, `TITLE:`,
a blank line, the text), `DIR/claims.jsonl` (one annotated claim a line) and,
optionally, `DIR/index.tsv` with each article's `pub_date` for relative dates.

A predicted claim *finds* an annotated one when they share the sentence (one text
contains the other), the value and the unit; each is used at most once. On found
claims:

* the indicator is right when its family (before the first dot) and its kind of
  measure agree — level, change, growth, share, multiple, rank, running total or
  date — because indicator ids below the family are the annotator's own names
  (`rail.trains.xian_terminal_aktau`); the exact-id rate is reported beside it;
* the period is right when both name the same span; a stock date or running total
  may be given at day or month precision (`as-of 2020-01` equals `as-of 2020-01-07`),
  a date claim's period may be the date at any precision, but a year-to-date span
  never equals the whole year.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from caravan.claims.article import read_article
from caravan.claims.extract import Claim, build_places, extract
from caravan.errors import InputError

FAMILY_ALIASES = {"fdi": "invest", "investment": "invest", "pipeline": "gas"}


@dataclass
class LanguageScore:
    """Scores for one language (or all)."""

    lang: str
    articles: int = 0
    gold: int = 0
    predicted: int = 0
    found: int = 0
    indicator_right: int = 0
    indicator_exact: int = 0
    period_right: int = 0

    @property
    def precision(self) -> float:
        """Share of predicted claims that match an annotated one."""
        return self.found / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of annotated claims found."""
        return self.found / self.gold if self.gold else 0.0

    def to_row(self) -> dict[str, Any]:
        """The scores as a table row."""

        def ratio(n: int) -> float:
            return round(n / self.found, 3) if self.found else 0.0

        return {
            "lang": self.lang,
            "articles": self.articles,
            "claims": self.gold,
            "predicted": self.predicted,
            "found": self.found,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "indicator": ratio(self.indicator_right),
            "indicator_exact": ratio(self.indicator_exact),
            "period": ratio(self.period_right),
        }


@dataclass
class Evaluation:
    """The result of an evaluation: scores per language and the claims that failed."""

    scores: dict[str, LanguageScore]
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    wrong: list[dict[str, Any]] = field(default_factory=list)

    def rows(self) -> list[dict[str, Any]]:
        """One row per language, then the total."""
        order = [k for k in ("en", "zh", "ru") if k in self.scores] + [
            k for k in self.scores if k not in ("en", "zh", "ru", "all")
        ]
        return [self.scores[k].to_row() for k in [*order, "all"] if k in self.scores]


def _norm_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().rstrip(".。").lower()


def measure_kind(indicator: str | None, unit: str | None) -> str:
    """The kind of measure an indicator id names (level, change, growth, share, ...)."""
    if unit == "date":
        return "date"
    if unit == "rank":
        return "rank"
    if unit == "times":
        return "multiple"
    tokens = set(re.split(r"[._]", (indicator or "").lower()))
    for kind, words in (
        ("share", {"share"}),
        ("growth", {"growth", "yoy"}),
        ("change", {"change"}),
        ("multiple", {"multiple", "ratio"}),
        ("rank", {"rank"}),
        ("cumulative", {"cumulative"}),
    ):
        if tokens & words:
            return kind
    return "level"


def family_of(indicator: str | None) -> str:
    """The family of an indicator id (before the first dot), with common aliases folded."""
    fam = (indicator or "").split(".")[0].lower()
    return FAMILY_ALIASES.get(fam, fam)


def indicator_matches(predicted: str, gold: str | None, unit: str | None) -> bool:
    """Whether two indicator ids agree on family and kind of measure."""
    return family_of(predicted) == family_of(gold) and measure_kind(predicted, unit) == measure_kind(gold, unit)


def _period_parts(period: str) -> tuple[str, list[str]]:
    p = re.sub(r"\(.*?\)", "", period).strip()
    if p.startswith("from "):
        p = "as-of " + p[5:]
    for prefix in ("as-of", "cumulative-to"):
        if p.startswith(prefix):
            return prefix, [p[len(prefix) :].strip()]
    if "->" in p:
        return "change", p.split("->")
    if re.fullmatch(r"\d{4}/\d{4}", p):
        return "academic", [p]
    return "plain", p.split("/")


def _compatible(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a)


def period_matches(predicted: str | None, gold: str | None, unit: str | None = None) -> bool:
    """Whether two periods name the same span (see the module docstring for the precision rules)."""
    if not predicted or not gold:
        return not predicted and not gold
    pk, pv = _period_parts(predicted)
    gk, gv = _period_parts(gold)
    if unit == "date":
        ps, pe = pv[0], pv[-1]
        gs, ge = gv[0], gv[-1]
        return (
            (_compatible(ps, gs) and _compatible(pe, ge))
            or (ps.startswith(gs) and pe.startswith(gs))
            or (gs.startswith(ps) and ge.startswith(ps))
        )
    if pk in ("as-of", "cumulative-to") or gk in ("as-of", "cumulative-to"):
        if pk != gk and "plain" not in (pk, gk):
            return False
        if "plain" in (pk, gk) and (len(pv) > 1 or len(gv) > 1 or len(pv[0]) == 4 or len(gv[0]) == 4):
            return False
        return _compatible(pv[0], gv[0])
    if pk != gk or len(pv) != len(gv):
        return False
    if len(pv) == 1:
        return pv[0] == gv[0] or (len(pv[0]) > 4 and len(gv[0]) > 4 and _compatible(pv[0], gv[0]))
    return all((_compatible(x, y) and min(len(x), len(y)) >= 7) or x == y for x, y in zip(pv, gv, strict=True))


def _value_equal(pred: Claim, gold: dict[str, Any]) -> bool:
    q = gold.get("quantity")
    if isinstance(q, str) or isinstance(pred.value, str):
        return str(q).strip() == str(pred.value).strip()
    try:
        g = float(q)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    v = float(pred.value)
    return abs(v - g) <= 1e-6 * max(1.0, abs(g))


def load_corpus(root: Path) -> tuple[dict[str, Path], list[dict[str, Any]], dict[str, str]]:
    """Article files, annotated claims and publication dates of a corpus folder.

    Raises:
        InputError: The folder does not have the corpus layout.
    """
    art_dir = root / "articles"
    claims_path = root / "claims.jsonl"
    if not art_dir.is_dir() or not claims_path.is_file():
        raise InputError(f"{root} is not a claims corpus: it needs articles/NN.txt and claims.jsonl")
    articles = {p.stem: p for p in sorted(art_dir.glob("*.txt"))}
    gold: list[dict[str, Any]] = []
    for n, line in enumerate(claims_path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            gold.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(f"{claims_path}:{n}: not JSON ({exc.msg}); one claim object a line") from exc
    dates: dict[str, str] = {}
    index = root / "index.tsv"
    if index.is_file():
        with index.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if row.get("article") and row.get("pub_date"):
                    dates[row["article"]] = row["pub_date"]
    return articles, gold, dates


def _pub_date(text: str | None) -> date | None:
    if not text:
        return None
    m = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not m:
        return None
    return date(int(m[1]), int(m[2]), int(m[3] or 15))


def evaluate(root: Path) -> Evaluation:
    """Extract claims from every article of a corpus and score them against the annotations.

    Raises:
        InputError: The folder is not a corpus.
    """
    articles, gold, dates = load_corpus(root)
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold:
        by_article[str(g.get("article"))].append(g)
    scores: dict[str, LanguageScore] = {"all": LanguageScore("all")}
    result = Evaluation(scores)
    places: dict[str, Any] = {}
    for name, path in articles.items():
        art = read_article(path.read_text(encoding="utf-8"), published=_pub_date(dates.get(name)))
        if art.lang not in places:
            places[art.lang] = build_places(art.lang)
        predicted = extract(art.body, art.lang, art.published, places[art.lang], title=art.title)
        golds = by_article.get(name, [])
        score = scores.setdefault(art.lang, LanguageScore(art.lang))
        for s in (score, scores["all"]):
            s.articles += 1
            s.gold += len(golds)
            s.predicted += len(predicted)
        used: set[int] = set()
        for g in golds:
            gtext = _norm_text(g.get("text") or "")
            match = None
            for i, p in enumerate(predicted):
                if i in used or p.unit != g.get("unit") or not _value_equal(p, g):
                    continue
                ptext = _norm_text(p.sentence)
                if gtext in ptext or ptext in gtext:
                    match = i
                    if p.subject == g.get("subject"):
                        break
            if match is None:
                result.missed.append({"article": name, "lang": art.lang, **g})
                continue
            used.add(match)
            p = predicted[match]
            ind_ok = indicator_matches(p.indicator, g.get("indicator"), g.get("unit"))
            per_ok = period_matches(p.period, g.get("period"), g.get("unit"))
            for s in (score, scores["all"]):
                s.found += 1
                s.indicator_right += ind_ok
                s.indicator_exact += p.indicator == g.get("indicator")
                s.period_right += per_ok
            if not (ind_ok and per_ok):
                result.wrong.append(
                    {
                        "article": name,
                        "lang": art.lang,
                        "text": g.get("text"),
                        "value": g.get("quantity"),
                        "indicator": g.get("indicator"),
                        "predicted_indicator": p.indicator,
                        "period": g.get("period"),
                        "predicted_period": p.period,
                    }
                )
        for i, p in enumerate(predicted):
            if i not in used:
                result.spurious.append({"article": name, "lang": art.lang, **p.to_dict()})
    return result
