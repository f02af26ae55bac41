"""skyledger: a corroborated, auditable record of published air-attack and air-defence claims."""

from __future__ import annotations

__version__ = "0.1.0"
