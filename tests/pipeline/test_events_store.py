"""update_events over a store (SQLite and PostgreSQL): stable ids across runs, merges and the changelog recorded,
grades stored, provenance written, event_detail for ``show``. Extraction is replaced by hand-built claims."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from sqlalchemy import select

from resolve.builders import at, claim
from skyledger import extract
from skyledger.errors import NotFoundError
from skyledger.model import Claim, LinkKind, Report, Source
from skyledger.pipeline import process
from skyledger.pipeline.events import event_detail
from skyledger.store import Store
from skyledger.store import events as event_store
from skyledger.store.reports import write_reports
from skyledger.store.schema import claims as claims_table
from skyledger.store.schema import event_changes, events
from skyledger.store.sources import upsert_source

GOVERNOR = "regional_authority:RU-KLU"
POST = "Этой ночью над Козельским районом уничтожены семь беспилотников. Пострадавших нет."


def _claims_by_text(table: dict[str, list[Claim]]) -> Callable[[Report, Source | None], list[Claim]]:
    def extract_claims(report: Report, source: Source | None = None) -> list[Claim]:
        found = []
        for item in table.get(report.external_id, []):
            copy = replace(item, report_id=report.id)
            start = report.text.find(str(item.count)) if item.count is not None else -1
            copy.evidence_span = (start, start + len(str(item.count))) if start >= 0 else (0, len(report.text))
            found.append(copy)
        return found

    return extract_claims


def _add(store: Store, items: list[tuple[str, str, str, object]]) -> None:
    with store.begin() as connection:
        for handle, external_id, text, published in items:
            source_id = upsert_source(connection, Source(handle))
            write_reports(connection, [(source_id, Report(handle, external_id, text, published=published))], None)  # type: ignore[arg-type]


def _labels(store: Store) -> dict[tuple[int, int], str]:
    with store.connect() as connection:
        rows = connection.execute(select(claims_table.c.report_id, claims_table.c.seq, claims_table.c.event_id))
        return {(row.report_id, row.seq): row.event_id for row in rows}


@pytest.fixture
def claims_for(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Claim]]:
    table: dict[str, list[Claim]] = {}
    monkeypatch.setattr(extract, "extract_claims", _claims_by_text(table), raising=False)
    return table


def test_process_add_process_keeps_earlier_ids_and_records_the_changes(
    store: Store, claims_for: dict[str, list[Claim]]
) -> None:
    claims_for["p1"] = [claim(None, 7, region="RU-KLU", claimant=GOVERNOR, district="Kozelsky")]
    claims_for["p2"] = [claim(None, 11, region="RU-BRY", claimant="regional_authority:RU-BRY")]
    _add(store, [("t.me/gov_kaluga", "p1", POST, at(10, 2)), ("t.me/gov_bryansk", "p2", "Сбиты 11 БПЛА.", at(10, 6))])
    first = process(store)
    before = _labels(store)
    assert len(set(before.values())) == 2 and first.changelog.added == sorted(set(before.values()))

    claims_for["p3"] = [
        claim(None, 7, region="RU-KLU"),
        claim(None, 10, region="RU-BRY"),
        claim(None, 4, region="RU-ORL"),
    ]
    claims_for["p4"] = [claim(None, 7, region="RU-KLU", claimant=GOVERNOR, district="Kozelsky")]
    _add(
        store,
        [
            (
                "t.me/mod_russia",
                "p3",
                "За ночь уничтожены: 7 над Калужской, 10 над Брянской, 4 над Орловской.",
                at(10, 7),
            ),
            ("kaluga-news.example", "p4", "Губернатор сообщил: " + POST, at(10, 9)),
        ],
    )
    second = process(store)
    after = _labels(store)
    assert all(after[key] == label for key, label in before.items())
    new_ids = set(after.values()) - set(before.values())
    assert len(new_ids) == 1 and second.changelog.added == sorted(new_ids)
    assert set(second.changelog.changed) == set(before.values()) and not second.changelog.merged
    with store.connect() as connection:
        changes = event_store.changes_of_run(connection, second.run_id)
        grades = {row.id: row for row in connection.execute(select(events))}
    assert sorted((e, c) for e, c, _ in changes) == sorted(
        [(e, "added") for e in new_ids] + [(e, "changed") for e in set(before.values())]
    )
    kaluga = grades[before[(1, 0)]]
    assert (kaluga.article_count, kaluga.independent_sources, kaluga.credibility) == (3, 2, 2)
    bryansk = grades[before[(2, 0)]]
    assert bryansk.conflict and (bryansk.count_low, bryansk.count_high) == (10, 11)


def test_a_bridging_claim_merges_two_events_and_the_old_id_still_resolves(
    store: Store, claims_for: dict[str, list[Claim]]
) -> None:
    claims_for["a"] = [claim(None, 2, region="RU-BEL", window=(at(10, 17, 20), at(10, 17, 20)))]
    claims_for["b"] = [claim(None, 1, region="RU-BEL", window=(at(10, 18, 40), at(10, 18, 40)))]
    _add(
        store,
        [
            ("t.me/mod_russia", "a", "В 17.20 сбиты 2 БПЛА.", at(10, 17, 30)),
            ("t.me/mod_russia", "b", "В 18.40 сбит 1 БПЛА.", at(10, 18, 50)),
        ],
    )
    process(store)
    older, younger = sorted(set(_labels(store).values()))
    claims_for["c"] = [
        claim(None, 3, region="RU-BEL", window=(at(10, 17), at(10, 19)), claimant="regional_authority:RU-BEL")
    ]
    _add(store, [("t.me/gov_belgorod", "c", "С 17 до 19 часов сбиты 3 беспилотника.", at(10, 19, 30))])
    run = process(store)
    assert run.changelog.merged == {younger: older}
    assert set(_labels(store).values()) == {older}
    with store.connect() as connection:
        merged = connection.execute(select(events.c.merged_into).where(events.c.id == younger)).scalar()
        rows = connection.execute(select(event_changes.c.change).where(event_changes.c.event_id == younger)).scalars()
        assert merged == older and "merged" in list(rows)
        assert event_store.next_event_number(connection) > int(younger[1:])
    detail = event_detail(store, younger)
    assert detail.event.id == older and detail.merged_from == [younger]
    assert len(detail.claims) == 3 and detail.event.grade.article_count == 3


def test_event_detail_has_claims_with_evidence_reports_and_provenance(
    store: Store, claims_for: dict[str, list[Claim]]
) -> None:
    claims_for["p1"] = [claim(None, 7, region="RU-KLU", claimant=GOVERNOR)]
    claims_for["p2"] = [claim(None, 7, region="RU-KLU", claimant=GOVERNOR)]
    text = "Над областью уничтожены 7 беспилотников, сообщил губернатор. Пострадавших нет, разрушений нет."
    _add(
        store, [("t.me/gov_kaluga", "p1", text, at(10, 2)), ("kaluga-news.example", "p2", "Срочно: " + text, at(10, 3))]
    )
    process(store)
    (label,) = set(_labels(store).values())
    detail = event_detail(store, label)
    assert [claim.evidence for claim in detail.claims] == ["7", "7"]
    assert [report.external_id for report, _ in detail.reports] == ["p1", "p2"]
    (link,) = detail.links
    assert link.kind is LinkKind.REWRITE and link.child == detail.reports[1][0].id
    assert detail.event.grade.independent_sources == 1 and detail.event.grade.article_count == 2
    with pytest.raises(NotFoundError):
        event_detail(store, "E99999")


def test_an_edited_report_keeps_its_event(store: Store, claims_for: dict[str, list[Claim]]) -> None:
    claims_for["p1"] = [claim(None, 5, region="RU-KRS")]
    _add(store, [("t.me/mod_russia", "p1", "Над Курской областью сбиты 5 БПЛА.", at(10, 7))])
    process(store)
    (label,) = set(_labels(store).values())
    claims_for["p1"] = [claim(None, 6, region="RU-KRS")]
    _add(store, [("t.me/mod_russia", "p1", "Над Курской областью сбиты 6 БПЛА (уточнено).", at(10, 7))])
    run = process(store)
    assert set(_labels(store).values()) == {label} and run.changelog.added == []
    with store.connect() as connection:
        assert connection.execute(select(events.c.count_best).where(events.c.id == label)).scalar() == 6
