"""Blocks and ids: where a claim's event is looked for (its region, or its wave's national event), and event ids."""

from __future__ import annotations

from skyledger.model import Claim, Event


def event_id(number: int) -> str:
    return f"E{number:05d}"


def event_number(identifier: str) -> int:
    digits = identifier.lstrip("E")
    return int(digits) if digits.isdigit() else 0


def block_of(claim: Claim) -> str:
    """The region of a claim, or ``N:<country>`` for the national event of its wave."""
    place = claim.place
    region = place.region or (claim.regions[0] if len(claim.regions) == 1 else None)
    if region:
        return region
    return "N:" + (place.country or claim.side or "XX")


def block_of_event(event: Event) -> str:
    return event.region or "N:" + (event.country or "XX")


def block_place(block: str) -> tuple[str | None, str | None]:
    """(country, region) of a block."""
    if block.startswith("N:"):
        return block[2:], None
    return block.split("-", 1)[0], block
