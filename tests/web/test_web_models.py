"""Response models made from the domain types keep their fields, order, defaults and documentation."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from caravan.corridors.loads import CorridorLoads
from caravan.corridors.network import Node
from caravan.corridors.route import Leg
from caravan.corridors.route import Route as DomainRoute
from caravan.corridors.route import UnknownWait as DomainWait
from caravan.corridors.seaways import DrawingSource
from caravan.energy.pipelines import CumulativeCheck as DomainCheck
from caravan.energy.pipelines import YearUtilisation as DomainYear
from caravan.institutions.commitments import Commitment, EvidenceItem
from caravan.institutions.commitments import SummitTally as DomainTally
from caravan.people.figures import Change, PeopleFigure
from caravan.people.institutions import Institution
from caravan.results import Column
from caravan.search import Hit
from caravan.web import models
from caravan.web.models import Added, attribute_docs, from_domain

DERIVED = [
    (models.SearchHit, Hit, {}),
    (models.SummitTally, DomainTally, {}),
    (models.UnknownWait, DomainWait, {}),
    (models.YearUtilisation, DomainYear, {}),
    (models.CumulativeCheck, DomainCheck, {}),
    (models.PeopleInstitution, Institution, {"kind_label": "kind"}),
    (models.ColumnMeaning, Column, {"unit_label": "unit"}),
    (models.CorridorLoadsBody, CorridorLoads, {}),
    (models.Evidence, EvidenceItem, {}),
    (
        models.PeopleFigure,
        PeopleFigure,
        {name: None for name in ("shown", "unit_label", "printed", "attribution", "period_label")},
    ),
    (models.PeopleChange, Change, {}),
    (models.NetworkNode, Node, {}),
    (models.RouteLeg, Leg, {"coords": "sources", "path": "sources", "drawn_km": "sources"}),
    (models.DrawingSource, DrawingSource, {}),
    (models.Route, DomainRoute, {"total_days": "total_h", "total_days_high": "total_high_h", "point_days": "point_h"}),
    (
        models.Commitment,
        Commitment,
        {"status_label": "assessed_status", "assessed_status_label": "assessed_status", "target_text": None},
    ),
]


@pytest.mark.parametrize(("model", "domain", "added"), DERIVED, ids=lambda v: getattr(v, "__name__", ""))
def test_a_derived_model_has_its_domain_types_fields_in_order(model: type, domain: type, added: dict) -> None:
    expected = []
    for f in dataclasses.fields(domain):
        if f.name in ("decimals", "indicator_name_zh", "indicator_name_ru", "entity"):  # fields an answer leaves out
            continue
        expected.append(f.name)
        expected += [name for name, after in added.items() if after == f.name]
    expected += [name for name, after in added.items() if after is None]
    assert list(model.model_fields) == expected
    _, docs = attribute_docs(domain.__doc__)
    for name, described in docs.items():
        if name in model.model_fields:
            assert model.model_fields[name].description == described


def test_docs_defaults_and_validation_come_from_the_dataclass() -> None:
    @dataclasses.dataclass
    class Crossing:
        """A border crossing.

        Attributes:
            name: What it is called,
                on both sides.
            wait_h: The cited wait, in hours.
        """

        name: str
        wait_h: float | None
        lanes: list[str] = dataclasses.field(default_factory=list)

    model = from_domain(Crossing, "CrossingModel", opened=Added(date | None, "When it opened.", after="name"))
    assert model.__name__ == "CrossingModel"
    assert model.__doc__ == "A border crossing."
    assert list(model.model_fields) == ["name", "opened", "wait_h", "lanes"]
    assert model.model_fields["name"].description == "What it is called, on both sides."
    assert model.model_fields["name"].is_required()
    assert not model.model_fields["wait_h"].is_required()  # optional without a default: None
    assert model.model_fields["lanes"].default == []
    answer = model.model_validate(dataclasses.asdict(Crossing("Khorgos", 6.5)) | {"extra": 1})
    assert answer.model_dump() == {"name": "Khorgos", "opened": None, "wait_h": 6.5, "lanes": []}
    with pytest.raises(ValueError):
        model.model_validate({"wait_h": "long"})
