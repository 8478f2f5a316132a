"""Benchmark the HTTP claim check: CPU seconds for a 50,000-character article, per language.

Builds the ledger from `data/` into a temporary folder, starts the real application
in-process (FastAPI's TestClient, so the server's CPU is this process's), and posts
50,000-character articles in English, Chinese and Russian made by repeating the
reference corpus's articles (`../shared/claims-corpus`; templates where it is absent).

Printed per language: CPU seconds of the first check (which reads the ledger for
matching) and the median of the following ones, against a baseline run in the same
script on the same text — a bare regular-expression scan for digits — as a ratio.

Usage: uv run python benchmarks/bench_check_endpoint.py [--repeat 3]
Target (issue #13): at most 2 s of CPU for a 50,000-character article.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "claims-corpus" / "articles"
CHARS = 50_000
TEMPLATES = {
    "en": "Trade between China and Kazakhstan reached $43.8 billion in 2024, up 6.8 percent. ",
    "zh": "2024年中国与哈萨克斯坦贸易额达到438亿美元,同比增长6.8%。",
    "ru": "В 2024 году товарооборот Казахстана и Китая составил 30,1 миллиарда долларов. ",
}


def articles() -> dict[str, str]:
    """One 50,000-character article per language."""
    from caravan.claims.article import read_article

    bodies: dict[str, list[str]] = {}
    for path in sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []:
        art = read_article(path.read_text(encoding="utf-8"))
        bodies.setdefault(art.lang, []).append(art.body)
    out = {}
    for lang, template in TEMPLATES.items():
        text = "\n\n".join(bodies.get(lang) or [template])
        while len(text) < CHARS:
            text += "\n\n" + text
        out[lang] = text[:CHARS]
    return out


def baseline(text: str) -> float:
    """CPU seconds of a bare scan for digits over the text (ten times, so it is measurable)."""
    start = time.process_time()
    for _ in range(10):
        sum(1 for _ in re.finditer(r"\d+(?:[.,]\d+)?", text))
    return (time.process_time() - start) / 10


def main() -> None:
    """Run the benchmark and print one line per language."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from caravan.ledger.build import build
    from caravan.settings import Settings
    from caravan.web.app import create_app

    texts = articles()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(ledger=Path(tmp) / "caravan.duckdb", data=ROOT / "data")
        build(settings, force=True)
        with TestClient(create_app(settings, cache=False)) as client:
            print(
                f"{'lang':4} {'first s':>8} {'median s':>9} {'baseline s':>11} {'ratio':>8} {'claims':>7} target ≤ 2 s"
            )
            for lang, text in texts.items():
                times = []
                claims = 0
                for _ in range(1 + args.repeat):
                    start = time.process_time()
                    response = client.post("/api/claims/check", json={"text": text, "lang": lang})
                    times.append(time.process_time() - start)
                    response.raise_for_status()
                    claims = len(response.json()["claims"])
                base = baseline(text)
                median = statistics.median(times[1:])
                ok = "ok" if max(times[1:]) <= 2.0 else "OVER"
                print(
                    f"{lang:4} {times[0]:8.2f} {median:9.2f} {base:11.5f} {median / base:8.0f} {claims:7d} {ok}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
