"""Commands of this group are registered on ``skyledger.cli.app.app``."""

from __future__ import annotations

from skyledger.cli.app import app

__all__ = ["app"]
