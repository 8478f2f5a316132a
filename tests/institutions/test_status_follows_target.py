"""A commitment's assessed status never contradicts its own target's measured outcome."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from typing import Any

import pytest

from caravan.institutions.commitments import assess_status
from caravan.institutions.targets import Outcome


def _target(outcome: Outcome, *, latest: bool = True, passed: bool = False) -> Any:
    by = date(2030, 12, 31)
    reporter = SimpleNamespace(reporter="CHN", met_by=None, latest=object() if latest else None)
    return SimpleNamespace(
        outcome=outcome,
        by=by,
        assessed_on=date(2031, 6, 1) if passed else date(2026, 6, 1),
        reporters=[reporter],
        latest=reporter.latest,
        by_reporter="CHN: behind",
    )


@pytest.mark.parametrize(
    ("curated", "outcome", "latest", "passed", "shown"),
    [
        ("done", Outcome.BEHIND, True, False, "in-progress"),
        ("done", Outcome.ON_TRACK, True, False, "in-progress"),
        ("done", Outcome.MISSED, True, True, "lapsed"),
        ("lapsed", Outcome.ON_TRACK, True, False, "in-progress"),
        ("done", Outcome.NO_DATA, False, False, "unknown"),
        ("lapsed", Outcome.NO_DATA, False, True, "unknown"),
    ],
)
def test_status_follows_measured_progress(
    curated: str, outcome: Outcome, latest: bool, passed: bool, shown: str
) -> None:
    status, note = assess_status(curated, [], _target(outcome, latest=latest, passed=passed))
    assert status == shown
    assert note


def test_status_agreeing_with_target_is_kept() -> None:
    assert assess_status("in-progress", [object()], _target(Outcome.BEHIND)) == ("in-progress", None)  # type: ignore[list-item]
