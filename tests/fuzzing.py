"""A byte mutator for the importers and the curated loader, shared by the fuzz tests and `bench_fuzz.py`.

Each case takes a valid seed file, damages it in one of the ways files are
damaged (bytes flipped, cut short, bytes inserted or deleted, lines repeated
or swapped, and for workbooks a member of the zip changed and zipped again
with a correct CRC, so that the sheet XML itself is read damaged), then runs
the real reader on it. A case passes when the reader either succeeds or raises
a `CaravanError` whose message is one line; anything else is a traceback.
"""

from __future__ import annotations

import io
import random
import shutil
import sys
import tempfile
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "trade"))

from samples import DOTS, write_baci, write_comtrade, write_dots_workbook, write_wdi, write_wdi_wide

from caravan.errors import CaravanError
from caravan.sources.curated import load_curated
from caravan.sources.importer import InputFile, Staging, expand, file_checksum, formats

TARGETS = ("imf-dots", "baci", "wdi", "comtrade", "curated")
_NASTY = [b"\x00", b"\xff", b"\xfe\xff", b'"', b",", b"\n", b"\r", b"\r\n", b"-", b"e", b"9" * 400, b"NaN", b"inf"]
_NASTY += [
    b"x" * 140_000,
    b"1e308",
    b"&amp;",
    b"<",
    b"</row>",
    b'<c r="Z99">',
    b"&#0;",
    b"\xc3",
    b"*a",
    b"&a ",
    b"!!int ",
    b": ",
]


@dataclass
class Outcome:
    """What a run of cases found."""

    cases: int = 0
    accepted: int = 0
    tracebacks: Counter[str] = field(default_factory=Counter)
    """Unexpected exceptions by kind (type and where raised), with counts."""
    errors: Counter[str] = field(default_factory=Counter)
    """`CaravanError` kinds (the problem with numbers and quoted values taken out), with counts."""
    multiline: int = 0
    examples: dict[str, str] = field(default_factory=dict)


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """One to four random damages to a byte string."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        how = rng.randrange(8)
        at = rng.randrange(len(out) + 1) if out else 0
        if how == 0 and out:  # flip bits
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        elif how == 1:  # cut short
            del out[at:]
        elif how == 2:  # insert something nasty
            out[at:at] = rng.choice(_NASTY)
        elif how == 3:  # delete a range
            del out[at : at + rng.randint(1, 64)]
        elif how == 4:  # a random byte
            out[at:at] = bytes([rng.randrange(256)])
        elif how == 5 and out:  # overwrite a range with random bytes
            n = rng.randint(1, 16)
            out[at : at + n] = bytes(rng.randrange(256) for _ in range(n))
        else:  # repeat or swap lines
            lines = bytes(out).split(b"\n")
            if len(lines) > 2:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                if how == 6:
                    lines.insert(i, lines[j])
                else:
                    lines[i], lines[j] = lines[j], lines[i]
                out = bytearray(b"\n".join(lines))
    return bytes(out)


def mutate_workbook(data: bytes, rng: random.Random) -> bytes:
    """Damage a workbook: its raw bytes (CRC errors, truncation) or one member, zipped again intact."""
    if rng.random() < 0.3:
        return mutate_bytes(data, rng)
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        members = [(info, book.read(info)) for info in book.infolist()]
    sheets = [i for i, (info, _) in enumerate(members) if info.filename.startswith("xl/worksheets/")]
    pick = rng.choice(sheets) if sheets and rng.random() < 0.7 else rng.randrange(len(members))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for i, (info, body) in enumerate(members):
            if i == pick:
                body = mutate_bytes(body, rng)
            if i != pick or rng.random() < 0.97:  # now and then a member goes missing
                book.writestr(info.filename, body)
    return out.getvalue()


def refusals(
    victim: Path, seed: bytes, mutate: Callable[[bytes, random.Random], bytes], read: Callable[[], object], cases: int
) -> set[type[BaseException]]:
    """Read `cases` damaged copies of `seed` written at `victim`: each is read, or refused in one line naming it.

    Returns:
        The kinds of error behind the refusals (each `CaravanError`'s cause).
    """
    causes: set[type[BaseException]] = set()
    rng = random.Random(len(seed))
    for case in range(cases):
        victim.write_bytes(mutate(seed, rng))
        try:
            read()
        except CaravanError as exc:
            message = str(exc)
            assert "\n" not in message and victim.name in message, (case, message)
            if exc.__cause__ is not None:
                causes.add(type(exc.__cause__))
    return causes


def seeds(target: str, folder: Path) -> list[Path]:
    """Valid seed files (or, for `curated`, the files of a valid data folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    if target == "imf-dots":
        return [write_dots_workbook(folder / f"seed{i}.xlsx", r, s) for i, (r, s) in enumerate(DOTS.items())]
    if target == "baci":
        write_baci(folder / "baci")
        return sorted((folder / "baci").glob("*.csv"))
    if target == "wdi":
        return [write_wdi(folder / "gdp.csv"), write_wdi_wide(folder / "wide.csv")]
    if target == "comtrade":
        return [write_comtrade(folder / "comtrade.csv")]
    from conftest import write_tiny_data

    data = write_tiny_data(folder)
    return sorted(p for p in data.rglob("*") if p.is_file())


def _run_import(target: str, files: list[Path], scratch: Path) -> None:
    handler = formats()[target]
    data_files, context = handler.prepare(expand(files, handler.suffixes))
    for path in data_files:
        staging = Staging(Path(tempfile.mkdtemp(dir=scratch)))
        handler.stage(InputFile(path, file_checksum(path), path.stat().st_size), staging, context, lambda n: None)


def _kind(exc: CaravanError) -> str:
    import re

    text = getattr(exc, "problem", str(exc))
    text = re.sub(r"'[^']*'|\"[^\"]*\"|\d+(\.\d+)?", "_", text)
    return f"{type(exc).__name__}: {text[:90]}"


def run(target: str, cases: int, seed: int = 0, *, on_case: Callable[[int], None] | None = None) -> Outcome:
    """Run `cases` mutated inputs through one importer (or the curated loader) and tally what happened."""
    rng = random.Random(seed)
    outcome = Outcome()
    root = Path(tempfile.mkdtemp(prefix="caravan-fuzz-"))
    try:
        originals = seeds(target, root / "seeds")
        blobs = {p: p.read_bytes() for p in originals}
        for case in range(cases):
            work = root / "case"
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir()
            if target == "curated":
                data = root / "seeds" / "data"
                copy = shutil.copytree(data, work / "data")
                victim = rng.choice(originals)
                target_file = copy / victim.relative_to(data)
                target_file.write_bytes(mutate_bytes(blobs[victim], rng))
                call: Callable[[], object] = lambda copy=copy: load_curated(copy)  # noqa: E731
            else:
                victim = rng.choice(originals)
                files = []
                for original in originals:
                    path = work / original.name
                    body = blobs[original]
                    if original == victim:
                        mutate = mutate_workbook if target == "imf-dots" else mutate_bytes
                        body = mutate(body, rng)
                    path.write_bytes(body)
                    files.append(path)
                scratch = work / "staging"
                scratch.mkdir()
                call = lambda files=files, scratch=scratch: _run_import(target, files, scratch)  # noqa: E731
            outcome.cases += 1
            try:
                call()
                outcome.accepted += 1
            except CaravanError as exc:
                kind = _kind(exc)
                outcome.errors[kind] += 1
                if "\n" in str(exc):
                    outcome.multiline += 1
                    outcome.examples.setdefault("multiline: " + kind, str(exc)[:400])
            except Exception as exc:  # a traceback is what the fuzzer looks for
                frame = traceback.extract_tb(exc.__traceback__)[-1]
                kind = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}"
                outcome.tracebacks[kind] += 1
                outcome.examples.setdefault(kind, "".join(traceback.format_exception(exc))[-1500:])
            if on_case:
                on_case(case)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return outcome
