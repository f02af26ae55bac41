"""The progress callback every long pipeline function accepts: ``on_progress(done, total)``; total None if unknown."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int | None], None]
