"""Score the claim checker on an annotated corpus: what a user meets, per language.

The corpus layout is `DIR/articles/NN.txt` (header lines `URL:`, `LANG:`, `TITLE:`,
a blank line, the text), `DIR/claims.jsonl` (one annotated claim a line) and,
optionally, `DIR/index.tsv` with each article's `pub_date` and `split`. While
annotators work per language, `claims-<lang>.jsonl` and `index-<lang>.tsv` are read
instead (or as well): the reference corpus (`../shared/claims-corpus`) and
Caravan's own (`corpus/claims`) are both read.

A predicted claim *finds* an annotated one when they share the sentence (one text
contains the other) and the value; each is used at most once. On found claims:

* the unit is right when it is the annotated unit;
* the indicator is right when its family (before the first dot) and its kind of
  measure agree — level, change, growth, share, multiple, rank, running total or
  date — because indicator ids below the family are the annotator's own names
  (`rail.trains.xian_terminal_aktau`); the exact-id rate is reported beside it;
* the period is right when both name the same span (an academic year written
  `2023/2024-academic` is `2023/2024`); a stock date or running total
  may be given at day or month precision (`as-of 2020-01` equals `as-of 2020-01-07`),
  a date claim's period may be the date at any precision, but a year-to-date span
  never equals the whole year;
* subject and counterpart are right each in its place (direction matters: Chinese
  students in Kazakhstan are not Kazakh students in China); `parties` counts the
  pair in either order beside them.

With a ledger, every annotated claim that carries a `truth` label (true, false,
undecidable) is also counted in a confusion matrix against the verdict its found
claim received (supported, contradicted, conflicting, outdated — which includes
period mismatch —, unverifiable, or not found); the count that matters most is
true claims called contradicted.

**Perturbation check.** The corpus labels no claim false, so with a ledger the
evaluation also makes false figures: each true claim the checker supports is altered
in the article's text (×1.5 and ×0.6) beyond every tolerance its wording allows, the
article is checked again, and the altered claim's verdict is counted per language
(`caravan.claims.perturb`): "contradicted" is caught, "supported" a miss.

**Split.** `split` is `tune` or `heldout` in the index (else odd article numbers of
three digits are tune, even ones heldout). The reference corpus has no split: it is
all tuning material, kept by `tune` and `all`, left out by `heldout`.
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

from caravan.claims.claim import Claim
from caravan.claims.evidence import CheckedClaim
from caravan.claims.match import LedgerIndex
from caravan.claims.perturb import FACTORS, PerturbationScore, altered_text, beyond_wording, find_altered
from caravan.claims.verify import CONFLICTING, CONTRADICTED, MISMATCH, OUTDATED, SUPPORTED, check_text
from caravan.errors import InputError

FAMILY_ALIASES = {"fdi": "invest", "investment": "invest", "pipeline": "gas"}
SPLITS = ("tune", "heldout", "all")
TRUTHS = ("true", "false", "undecidable")
VERDICT_COLUMNS = ("supported", "contradicted", "conflicting", "outdated", "unverifiable", "not found")


def verdict_column(verdict: str | None) -> str:
    """The confusion-matrix column of a verdict (None: the claim was not found)."""
    if verdict is None:
        return "not found"
    return {
        SUPPORTED: "supported",
        CONTRADICTED: "contradicted",
        CONFLICTING: "conflicting",
        OUTDATED: "outdated",
        MISMATCH: "outdated",
    }.get(verdict, "unverifiable")


@dataclass
class LanguageScore:
    """Scores for one language (or all)."""

    lang: str
    articles: int = 0
    gold: int = 0
    predicted: int = 0
    found: int = 0
    unit_right: int = 0
    indicator_right: int = 0
    indicator_exact: int = 0
    period_right: int = 0
    subject_right: int = 0
    counterpart_right: int = 0
    parties_right: int = 0
    confusion: dict[str, dict[str, int]] = field(
        default_factory=lambda: {t: dict.fromkeys(VERDICT_COLUMNS, 0) for t in TRUTHS}
    )

    @property
    def precision(self) -> float:
        """Share of predicted claims that match an annotated one."""
        return self.found / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of annotated claims found."""
        return self.found / self.gold if self.gold else 0.0

    @property
    def labelled(self) -> int:
        """Annotated claims with a truth label (the confusion matrix's total)."""
        return sum(sum(row.values()) for row in self.confusion.values())

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
            "unit": ratio(self.unit_right),
            "indicator": ratio(self.indicator_right),
            "indicator_exact": ratio(self.indicator_exact),
            "period": ratio(self.period_right),
            "subject": ratio(self.subject_right),
            "counterpart": ratio(self.counterpart_right),
            "parties": ratio(self.parties_right),
            "true_contradicted": self.confusion["true"]["contradicted"],
        }

    def confusion_rows(self) -> list[dict[str, Any]]:
        """The verdict confusion matrix as rows: one per truth label, a column per verdict."""
        return [
            {"lang": self.lang, "truth": t, **self.confusion[t], "total": sum(self.confusion[t].values())}
            for t in TRUTHS
        ]


@dataclass
class Evaluation:
    """The result of an evaluation: scores per language and the claims that failed."""

    scores: dict[str, LanguageScore]
    split: str = "all"
    verdicts: bool = False
    """Whether verdicts were scored (a ledger was given)."""
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    wrong: list[dict[str, Any]] = field(default_factory=list)
    perturbed: dict[str, PerturbationScore] = field(default_factory=dict)
    """The perturbation check per language (`caravan.claims.perturb`); empty without a ledger."""
    altered: list[dict[str, Any]] = field(default_factory=list)
    """Each counted alteration: the figure as altered and the verdict it received."""

    def _order(self) -> list[str]:
        order = [k for k in ("en", "zh", "ru") if k in self.scores] + [
            k for k in self.scores if k not in ("en", "zh", "ru", "all")
        ]
        return [k for k in [*order, "all"] if k in self.scores]

    def rows(self) -> list[dict[str, Any]]:
        """One row per language, then the total."""
        return [self.scores[k].to_row() for k in self._order()]

    def perturbation(self) -> list[dict[str, Any]]:
        """The perturbation check per language, then for all (empty without a ledger)."""
        order = [k for k in self._order() if k in self.perturbed]
        return [self.perturbed[k].to_row() for k in order]

    def confusion(self) -> list[dict[str, Any]]:
        """The verdict confusion matrix per language, then for all (empty without a ledger)."""
        if not self.verdicts:
            return []
        return [row for k in self._order() for row in self.scores[k].confusion_rows()]


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
    p = re.sub(r"^(\d{4}/\d{4})-academic$", r"\1", p)  # the guideline's `2023/2024-academic`, the checker's `2023/2024`
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


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}: not JSON ({exc.msg}); one claim object a line") from exc
    return out


def load_corpus(root: Path) -> tuple[dict[str, Path], list[dict[str, Any]], dict[str, dict[str, str]]]:
    """Article files, annotated claims and index rows (by article) of a corpus folder.

    Claims come from `claims.jsonl`, or where there is none (while annotators work per
    language) from every `claims-<lang>.jsonl`; the index likewise from `index.tsv` or the
    `index-<lang>.tsv` files. A claim listed twice counts once.

    Raises:
        InputError: The folder does not have the corpus layout.
    """
    art_dir = root / "articles"
    claim_files = sorted(root.glob("claims.jsonl")) or sorted(root.glob("claims-*.jsonl"))
    if not art_dir.is_dir() or not claim_files:
        raise InputError(
            f"{root} is not a claims corpus: it needs articles/NN.txt and claims.jsonl (or claims-<lang>.jsonl)"
        )
    articles = {p.stem: p for p in sorted(art_dir.glob("*.txt"))}
    gold: list[dict[str, Any]] = []
    seen: set[str] = set()
    for path in claim_files:
        for claim in _read_jsonl(path):
            key = json.dumps(claim, sort_keys=True, ensure_ascii=False)
            if key not in seen:
                seen.add(key)
                gold.append(claim)
    index: dict[str, dict[str, str]] = {}
    for path in sorted(root.glob("index.tsv")) or sorted(root.glob("index-*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if row.get("article"):
                    index.setdefault(row["article"], row)
    return articles, gold, index


def split_of(article: str, row: dict[str, str] | None) -> str | None:
    """An article's split: the index's, else by its number (odd tune, even heldout); None for the reference corpus."""
    if row and row.get("split") in ("tune", "heldout"):
        return row["split"]
    if re.fullmatch(r"[1-9]\d{2}", article):
        return "tune" if int(article) % 2 else "heldout"
    return None


def in_split(article: str, row: dict[str, str] | None, split: str) -> bool:
    """Whether an article belongs to the split asked for (see the module docstring)."""
    if split == "all":
        return True
    return (split_of(article, row) or "tune") == split


def _pub_date(text: str | None) -> date | None:
    if not text:
        return None
    m = re.match(r"(\d{4})-(\d{2})(?:-(\d{2}))?", text)
    if not m:
        return None
    return date(int(m[1]), int(m[2]), int(m[3] or 15))


def evaluate(root: Path, split: str = "all", ledger: Any = None) -> Evaluation:
    """Check every article of a corpus and score the claims and, with a ledger, the verdicts.

    Args:
        root: The corpus folder.
        split: `tune`, `heldout` or `all` (see the module docstring).
        ledger: An open `Ledger` (or a `LedgerIndex`) to score verdicts; None scores extraction only.

    Raises:
        InputError: The folder is not a corpus, or the split is unknown.
    """
    if split not in SPLITS:
        raise InputError(f"split {split!r} is not one of {', '.join(SPLITS)}")
    articles, gold, index_rows = load_corpus(root)
    index = LedgerIndex.load(ledger) if ledger is not None and not isinstance(ledger, LedgerIndex) else ledger
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold:
        by_article[str(g.get("article"))].append(g)
    scores: dict[str, LanguageScore] = {"all": LanguageScore("all")}
    result = Evaluation(scores, split=split, verdicts=index is not None)
    for name, path in articles.items():
        row = index_rows.get(name)
        if not in_split(name, row, split):
            continue
        text = path.read_text(encoding="utf-8")
        published = _pub_date((row or {}).get("pub_date"))
        try:
            checked = check_text(text, index, published=published)
        except InputError as exc:
            raise InputError(f"{path}: {exc}") from exc
        lang = checked.article.lang
        predicted = [c.claim for c in checked.claims]
        verdicts = [c.verdict.verdict for c in checked.claims]
        golds = by_article.get(name, [])
        score = scores.setdefault(lang, LanguageScore(lang))
        both = (score, scores["all"])
        for s in both:
            s.articles += 1
            s.gold += len(golds)
            s.predicted += len(predicted)
        used: set[int] = set()
        for g in golds:
            match = _find(g, predicted, used)
            truth = g.get("truth")
            if index is not None and truth in TRUTHS:
                column = verdict_column(verdicts[match] if match is not None else None)
                for s in both:
                    s.confusion[truth][column] += 1
                if truth == "true" and column == "supported" and match is not None:
                    _perturb(checked.claims[match], text, lang, index, published, result, name)
            if match is None:
                result.missed.append({"article": name, "lang": lang, **g})
                continue
            used.add(match)
            _score(g, predicted[match], both, result, name, lang)
        for i, p in enumerate(predicted):
            if i not in used:
                result.spurious.append({"article": name, "lang": lang, **p.to_dict()})
    return result


def _perturb(
    item: CheckedClaim, text: str, lang: str, index: LedgerIndex, published: date | None, result: Evaluation, name: str
) -> None:
    """Alter a supported true figure beyond its wording (`caravan.claims.perturb`), re-check, count the verdict."""
    scores = [result.perturbed.setdefault(k, PerturbationScore(k)) for k in (lang, "all")]
    for s in scores:
        s.true_supported += 1
    for factor in FACTORS:
        alteration = altered_text(text, item.claim, factor, lang)
        if alteration is None:
            for s in scores:
                s.skipped += 1
            continue
        if not beyond_wording(item.claim, alteration):
            for s in scores:
                s.within_wording += 1
            continue
        rechecked = check_text(alteration.text, index, published=published).claims
        again = find_altered(rechecked, item.claim, alteration.value)
        verdict = again.verdict if again is not None else None
        column = verdict_column(verdict.verdict if verdict is not None else None)
        for s in scores:
            s.verdicts[column] += 1
        result.altered.append(
            {
                "article": name,
                "lang": lang,
                "factor": factor,
                "original": item.claim.raw,
                "altered": alteration.raw,
                "verdict": column,
                "explanation": verdict.explanation if verdict is not None else None,
            }
        )


def _find(g: dict[str, Any], predicted: list[Claim], used: set[int]) -> int | None:
    """The predicted claim that finds an annotated one: same sentence and value, the unit and subject preferred."""
    gtext = _norm_text(g.get("text") or "")
    best: tuple[int, int] | None = None
    for i, p in enumerate(predicted):
        if i in used or not _value_equal(p, g):
            continue
        ptext = _norm_text(p.sentence)
        if not (gtext in ptext or ptext in gtext):
            continue
        rank = (p.unit != g.get("unit")) * 2 + (p.subject != g.get("subject"))
        if best is None or rank < best[0]:
            best = (rank, i)
    return best[1] if best else None


def _score(
    g: dict[str, Any], p: Claim, scores: tuple[LanguageScore, ...], result: Evaluation, name: str, lang: str
) -> None:
    unit_ok = p.unit == g.get("unit")
    ind_ok = indicator_matches(p.indicator, g.get("indicator"), g.get("unit"))
    per_ok = period_matches(p.period, g.get("period"), g.get("unit"))
    subj_ok = p.subject == g.get("subject")
    cp_ok = p.counterpart == g.get("counterpart")
    parties_ok = {p.subject, p.counterpart} == {g.get("subject"), g.get("counterpart")}
    for s in scores:
        s.found += 1
        s.unit_right += unit_ok
        s.indicator_right += ind_ok
        s.indicator_exact += p.indicator == g.get("indicator")
        s.period_right += per_ok
        s.subject_right += subj_ok
        s.counterpart_right += cp_ok
        s.parties_right += parties_ok
    if not (unit_ok and ind_ok and per_ok and subj_ok and cp_ok):
        result.wrong.append(
            {
                "article": name,
                "lang": lang,
                "text": g.get("text"),
                "value": g.get("quantity"),
                "unit": g.get("unit"),
                "predicted_unit": p.unit,
                "indicator": g.get("indicator"),
                "predicted_indicator": p.indicator,
                "period": g.get("period"),
                "predicted_period": p.period,
                "subject": g.get("subject"),
                "predicted_subject": p.subject,
                "counterpart": g.get("counterpart"),
                "predicted_counterpart": p.counterpart,
            }
        )
