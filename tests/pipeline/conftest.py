"""Pipeline fixtures: ``fake_stages`` puts stand-in stages in place (see tests/stand_in_stages.py)."""

from __future__ import annotations

import pytest

from stand_in_stages import EventCalls, install


@pytest.fixture
def fake_stages(monkeypatch: pytest.MonkeyPatch) -> EventCalls:
    return install(monkeypatch)
