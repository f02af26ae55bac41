"""The bundled sample corpus reads cleanly and covers what the demo and the tests rely on."""

from __future__ import annotations

from collections import Counter

from skyledger.model import Report, SourceKind
from skyledger.registry import load_registry
from skyledger.samples import sample_paths, samples_dir


def _reports(read) -> list[Report]:  # type: ignore[no-untyped-def]
    reports: list[Report] = []
    for path in sample_paths():
        _, found, rejections = read(path)
        assert rejections == [], path
        reports.extend(found)
    return reports


def test_sample_paths_name_every_part() -> None:
    paths = sample_paths()
    assert all(path.is_file() for path in paths)
    assert {path.parent.name for path in paths} == {"telegram", "feeds", "pages", "text"}


def test_the_samples_are_about_thirty_reports_in_three_languages(read) -> None:
    reports = _reports(read)
    assert 25 <= len(reports) <= 40
    languages = Counter(report.language for report in reports)
    assert set(languages) == {"ru", "uk", "en"}
    keys = [(report.source, report.external_id) for report in reports]
    assert len(set(keys)) == len(keys)
    assert keys == [(report.source, report.external_id) for report in _reports(read)]
    assert all(report.published is not None for report in reports if not report.source.startswith("file:"))


def test_the_samples_hold_an_edit_a_forward_and_a_cp1251_text(read) -> None:
    reports = _reports(read)
    assert sum(report.edited is not None for report in reports if report.source.startswith("t.me/")) == 2
    [forward] = [report for report in reports if report.forwarded_from]
    assert (forward.source, forward.forwarded_from, forward.forwarded_id) == (
        "t.me/kaluga_governor",
        "t.me/mod_russia",
        "48711",
    )
    assert any("Калужский губернатор сообщил" in report.text for report in reports)  # the Windows-1251 file


def test_every_named_sample_source_is_in_the_registry(read) -> None:
    registry = load_registry()
    handles = {report.source for report in _reports(read) if not report.source.startswith("file:")}
    assert handles and all(registry.lookup(handle) is not None for handle in handles), handles
    kinds = {registry.sources[handle].kind for handle in handles}
    assert SourceKind.TELEGRAM in kinds


def test_the_samples_folder_reads_as_one_input(read) -> None:
    sources, reports, rejections = read(samples_dir())
    assert rejections == []
    assert sorted((report.source, report.external_id) for report in reports) == sorted(
        (report.source, report.external_id) for report in _reports(read)
    )
    assert len({source.handle for source in sources}) == len(sources)
