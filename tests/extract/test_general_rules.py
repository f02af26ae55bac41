"""General constructions of real reports: a compound attack adjective, "N of M" counts, a district and its settlement
in one sentence, two impact places in one sentence."""

from __future__ import annotations

from datetime import datetime

import pytest

from skyledger.extract import extract_claims
from skyledger.model import Claim, Report, Source, SourceKind

NEWS = Source("news.test", SourceKind.WEBSITE, country="GB")
UA_NEWS = Source("novyny.test", SourceKind.WEBSITE, country="UA")
RU_NEWS = Source("vesti.test", SourceKind.WEBSITE, country="RU")


def _claims(source: Source, text: str) -> list[Claim]:
    report = Report(source=source.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    return extract_claims(report, source)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (NEWS, "Russia launched a combined missile-and-drone attack on Kyiv overnight, officials said."),
        (UA_NEWS, "Ворог завдав ракетно-дронового удару по Києву."),
    ],
)
def test_a_compound_attack_adjective_is_no_counted_launch(source: Source, text: str) -> None:
    assert [(c.action.value, c.count) for c in _claims(source, text) if c.action.value == "launched"] == []
