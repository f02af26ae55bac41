from __future__ import annotations

import pytest

from skyledger.gazetteer import Gazetteer, load_gazetteer


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return load_gazetteer()
