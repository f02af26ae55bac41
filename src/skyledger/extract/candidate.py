"""A Candidate: a claim before its place, claimant and outcomes are read; and the action word a weapon belongs to."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from skyledger.extract.actions import ActionMention
from skyledger.extract.context import ReportContext
from skyledger.model import Action, CountQualifier

_PASSIVE = re.compile(
    r"\s+(?:(?:were|was|have been|has been|had been|are|is|были|был|была|было|були|був|була|було)\s+)+"
)
REACH = 120  # how far an action word may stand from its weapon
NEARBY = 40  # how many sentences back a report-wide rule looks (keeps a 5 MB post linear)


@dataclass
class Candidate:
    action: Action
    weapon_class: str
    model: str | None
    count: int | None
    qualifier: CountQualifier
    anchor: int
    end: int
    segment: int
    kind: str
    distributive: bool = False
    bare: bool = False  # an impact with no weapon named
    subset: bool = False  # "из них четыре": part of a count already given
    orphan: bool = False  # a number standing for a weapon named before it
    header: int | None = None  # the sentence that opened the list this candidate's sentence is an item of
    inherited: bool = False  # its places come from an earlier sentence of the paragraph
    unquantified: bool = False  # a plural with no number at all ("the drones"): may only repeat an earlier claim
    places: list = field(default_factory=list)  # type: ignore[type-arg]
    clause: tuple[int, int] | None = None  # its own clause when one sentence tells impacts at several places


def nearest_action(context: ReportContext, acts: list[ActionMention], start: int, end: int) -> ActionMention | None:
    norm = context.norm
    inside = [a for a in acts if a.start < end and start < a.end and a.kind != "nominal"]
    left = [a for a in acts if a.end <= start and start - a.end <= REACH and norm.find(";", a.end, start) < 0]
    debris = [a for a in left if a.kind == "debris" and start - a.end <= 40]
    if inside and debris and inside[0].kind in ("intercept", "destroy"):
        return debris[-1]  # "debris from a downed drone": the downed drone is what fell, not a claim of its own
    if inside:  # "11 збитих безпілотників", "завдали ракетного удару"
        return inside[0]
    right = [a for a in acts if a.start >= end and a.start - end <= REACH and norm.find(";", end, a.start) < 0]
    before = left[-1] if left else None
    after = right[0] if right else None
    if (
        before is not None
        and after is not None
        and after.kind != "nominal"
        and _PASSIVE.fullmatch(norm, end, after.start)
    ):
        return after  # "launched 143 drones and more than 60 drones were shot down": the weapon's own verb
    if debris and before is not None and before.kind in ("intercept", "destroy") and before.end >= start - 2:
        return debris[-1]  # "debris of a downed drone", "уламки збитого БпЛА": the debris is what fell
    if before is not None and before.kind == "nominal" and after is not None and after.start - end <= 60:
        return after
    if before is not None and after is not None and after.kind in ("intercept", "destroy") and before.kind == "nominal":
        return after
    if (
        before is not None
        and after is not None
        and "," in norm[before.end : start]
        and "," not in norm[end : after.start]
    ):
        return after  # "shot down 87 drones, while another 18 were lost from radar": the clause's own verb
    if before is None and after is None:  # "a drone attack on Zaporizhzhia injured three": the attack it names
        return next((a for a in acts if a.start < end and start < a.end), None)
    return before or after
