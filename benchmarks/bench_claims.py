"""Benchmark the claim checker: articles per second on one core, and start-up time.

Writes a batch of ~800-word articles in English, Chinese and Russian from
templates (figures, countries and years vary), builds the ledger from `data/`
into a temporary folder, and times

* a baseline in the same run: a bare regular-expression scan for digits;
* extraction alone, and extraction plus matching against the ledger (`check_text`);
* start-up: `python -c pass`, importing `caravan.claims.verify`, and a whole
  `caravan check` process on a small file.

Usage: uv run python benchmarks/bench_claims.py [--articles 300] [--words 800] [--lang en]
(`--lang en` times English articles only, the language of issue #16's target.)
Targets (issue #5): at least 50 articles/s for extraction and matching; start-up under 1 s.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

EN = [
    "Trade between China and {c_en} reached ${v:.1f} billion in {y}, according to customs data.",
    "That was up ${d:.1f} billion on {py}, when the total stood at ${pv:.1f} billion.",
    "{c_en} accounted for {p:.1f} percent of China's trade with the Central Asian states.",
    "Rail freight between {c_en} and China climbed to more than {t} million tons in {y}.",
    "The pipeline delivered over {g:.1f} billion cubic meters of gas to China in {y}.",
    "By the end of {y}, Chinese investment in {c_en} had reached over ${i} billion.",
    "From January through {m_en} {y}, turnover came to ${v:.1f} billion, {p:.1f} percent less than a year earlier.",
    "Officials said the two sides would deepen cooperation in energy, logistics and agriculture.",
    "More than {n} container trains ran on the route in {y}, a {k}-fold rise on {py}.",
    "The two countries now have {n} pairs of sister cities, and {f} flights per week connect them.",
]
ZH = [
    "{y}年中国与{c_zh}贸易额达到{v:.1f}亿美元,同比增长{p:.1f}%。",
    "截至{y}年{mo}月底,中国对{c_zh}直接投资存量已超过{i}亿美元。",
    "今年1—{mo}月,经霍尔果斯铁路口岸进出的中欧班列已突破{n}列,运输货物{t}万吨。",
    "双方表示将继续深化能源、物流和农业领域的合作。",
    "中亚天然气管道{y}年向中国输送天然气{g:.1f}亿立方米。",
]
RU = [
    "В {y} году товарооборот Китая и {c_ru} составил {vr} миллиарда долларов.",
    "Это на {pr} процента больше, чем годом ранее.",
    "По газопроводу в {y} г. в Китай поступило {gr} млрд куб. м газа.",
    "Стороны договорились развивать сотрудничество в сфере энергетики и логистики.",
    "За январь–{m_ru} {y} года по железной дороге перевезено {t} млн тонн грузов.",
]
COUNTRIES = [
    ("Kazakhstan", "哈萨克斯坦", "Казахстана"),
    ("Uzbekistan", "乌兹别克斯坦", "Узбекистана"),
    ("Kyrgyzstan", "吉尔吉斯斯坦", "Кыргызстана"),
    ("Turkmenistan", "土库曼斯坦", "Туркменистана"),
    ("Tajikistan", "塔吉克斯坦", "Таджикистана"),
]
MONTHS_EN = ["March", "June", "September", "November"]
MONTHS_RU = ["март", "июнь", "сентябрь", "ноябрь"]


def _fill(template: str, rng: random.Random) -> str:
    c = rng.choice(COUNTRIES)
    y = rng.randint(2015, 2024)
    v = rng.uniform(2, 95)
    return template.format(
        c_en=c[0],
        c_zh=c[1],
        c_ru=c[2],
        y=y,
        py=y - 1,
        v=v,
        d=rng.uniform(0.1, 6),
        pv=v * 0.9,
        p=rng.uniform(1, 40),
        t=rng.randint(2, 40),
        g=rng.uniform(20, 50),
        i=rng.randint(2, 20),
        n=rng.randint(60, 9000),
        k=rng.randint(2, 30),
        f=rng.randint(10, 90),
        mo=rng.randint(2, 11),
        m_en=rng.choice(MONTHS_EN),
        m_ru=rng.choice(MONTHS_RU),
        vr=f"{v:.1f}".replace(".", ","),
        pr=f"{rng.uniform(1, 30):.1f}".replace(".", ","),
        gr=f"{rng.uniform(20, 50):.1f}".replace(".", ","),
    )


def make_article(lang: str, words: int, rng: random.Random) -> str:
    """An article of about `words` words (Chinese: 1.6 characters a word) from the templates."""
    templates = {"en": EN, "zh": ZH, "ru": RU}[lang]
    parts: list[str] = []
    size = 0.0
    while size < words:
        para = " ".join(_fill(rng.choice(templates), rng) for _ in range(4))
        parts.append(para)
        size += len(para) / 1.6 if lang == "zh" else len(para.split())
    return "\n\n".join(parts)


def _median_wall(cmd: list[str], env: dict[str, str], runs: int = 5) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of a command run in a child process."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, capture_output=True)
        walls.append(time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300, help="articles in the batch (default 300)")
    parser.add_argument("--words", type=int, default=800, help="words per article (default 800)")
    parser.add_argument(
        "--lang", choices=["all", "en", "zh", "ru"], default="all", help="one language only (default: all in turn)"
    )
    args = parser.parse_args()

    from caravan.claims.article import read_article
    from caravan.claims.extract import extract
    from caravan.claims.match import LedgerIndex
    from caravan.claims.verify import check_text
    from caravan.ledger.build import build
    from caravan.ledger.store import Ledger
    from caravan.settings import Settings

    rng = random.Random(5)
    langs = ["en", "zh", "ru"] if args.lang == "all" else [args.lang]
    batch = [
        (langs[i % len(langs)], make_article(langs[i % len(langs)], args.words, rng)) for i in range(args.articles)
    ]
    words = statistics.mean(len(t) / 1.6 if lang == "zh" else len(t.split()) for lang, t in batch)
    print(
        f"batch: {len(batch)} articles ({', '.join(langs)}{' in turn' if len(langs) > 1 else ''}), "
        f"~{words:.0f} words each"
    )

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(ledger=Path(tmp) / "caravan.duckdb", data=ROOT / "data")
        build(settings, force=True)
        with Ledger(settings.ledger) as ledger:
            t = time.perf_counter()
            index = LedgerIndex.load(ledger)
            load_s = time.perf_counter() - t
        print(
            f"ledger read once: {sum(len(v) for v in index.observations.values())} observations "
            f"in {load_s * 1000:.0f} ms"
        )

        # Warm the lazily compiled patterns and the Russian/Chinese lexicons once.
        for lang, text in batch[:3]:
            check_text(text, index, lang=lang, published=date(2025, 6, 1))

        t, c = time.perf_counter(), time.process_time()
        digits = sum(len(re.findall(r"\d[\d,.]*", text)) for _, text in batch)
        base_s, base_cpu = time.perf_counter() - t, time.process_time() - c

        places = {lang: index.places(lang) for lang in langs}
        t, c = time.perf_counter(), time.process_time()
        n_claims = 0
        for lang, text in batch:
            art = read_article(text, lang=lang, published=date(2025, 6, 1))
            n_claims += len(extract(art.body, lang, art.published, places[lang]))
        extract_s, extract_cpu = time.perf_counter() - t, time.process_time() - c

        t, c = time.perf_counter(), time.process_time()
        verdicts = 0
        for lang, text in batch:
            verdicts += len(check_text(text, index, lang=lang, published=date(2025, 6, 1)).claims)
        check_s, check_cpu = time.perf_counter() - t, time.process_time() - c

        n = len(batch)
        print("articles/s on one core — wall clock | CPU time of this process (the machine may be shared):")
        print(f"  baseline regex digit scan: {n / base_s:,.0f} | {n / max(base_cpu, 1e-9):,.0f} ({digits} numbers)")
        print(
            f"  extraction only:           {n / extract_s:,.1f} | {n / extract_cpu:,.1f} ({n_claims} claims; "
            f"{base_cpu / extract_cpu:.4f} of baseline speed)"
        )
        print(
            f"  extraction + matching:     {n / check_s:,.1f} | {n / check_cpu:,.1f} ({verdicts} verdicts; "
            f"{base_cpu / check_cpu:.4f} of baseline speed)  target >= 50"
        )
        print(
            f"CPU time per article: extraction {extract_cpu / n * 1000:.2f} ms, "
            f"extraction + matching {check_cpu / n * 1000:.2f} ms (target <= 20 ms)"
        )

        small = Path(tmp) / "small.txt"
        small.write_text("Trade between China and Kazakhstan reached $43.8 billion in 2024.\n", encoding="utf-8")
        env = {**os.environ, "CARAVAN_LEDGER": str(settings.ledger)}
        py = sys.executable
        bare = _median_wall([py, "-c", "pass"], env)
        imp = _median_wall([py, "-c", "import caravan.claims.verify"], env)
        script = Path(py).parent / "caravan"
        cmd = [str(script)] if script.exists() else [py, "-c", "from caravan.cli import main; main()"]
        cli = _median_wall([*cmd, "check", str(small), "-f", "json"], env)
        print("start-up, median of 5 — wall clock | CPU time:")
        print(f"  python alone:                       {bare[0]:.3f} s | {bare[1]:.3f} s")
        print(f"  import caravan.claims.verify:       {imp[0]:.3f} s | {imp[1]:.3f} s")
        print(f"  `caravan check` on a small file:    {cli[0]:.3f} s | {cli[1]:.3f} s  target < 1 s")


if __name__ == "__main__":
    main()
