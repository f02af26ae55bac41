"""Helpers for the ingest tests: read an input into its sources, reports and rejections."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from skyledger.ingest import read_input
from skyledger.model import Rejection, Report, Source

Collected = tuple[list[Source], list[Report], list[Rejection]]


def collect(target: object, **options: Any) -> Collected:
    sources: list[Source] = []
    reports: list[Report] = []
    rejections: list[Rejection] = []
    for item in read_input(str(target), **options):
        if isinstance(item, Source):
            sources.append(item)
        elif isinstance(item, Report):
            reports.append(item)
        else:
            assert isinstance(item, Rejection)
            rejections.append(item)
    return sources, reports, rejections


@pytest.fixture
def read() -> Callable[..., Collected]:
    return collect
