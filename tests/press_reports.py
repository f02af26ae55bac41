"""Sources and helpers shared by the extraction tests of press rewrites: a report of ours through extract_claims."""

from __future__ import annotations

from datetime import datetime

from skyledger.extract import extract_claims
from skyledger.model import Claim, Report, Source, SourceKind

NEWS = Source("news.test", SourceKind.WEBSITE, country="GB")
UA_NEWS = Source("novyny.test", SourceKind.WEBSITE, country="UA")
RU_NEWS = Source("vesti.test", SourceKind.WEBSITE, country="RU")

Key = tuple[str, str, str | None]


def claims_of(source: Source, text: str) -> list[Claim]:
    report = Report(source=source.handle, external_id="t", text=text, published=datetime(2025, 4, 5, 8, 0), id=1)
    return extract_claims(report, source)


def keys_of(source: Source, text: str) -> list[Key]:
    """(action, weapon class, region) of every claim, sorted: what the dev scorer matches on."""
    return sorted(((c.action.value, c.weapon_class.value, c.place.region) for c in claims_of(source, text)), key=str)
