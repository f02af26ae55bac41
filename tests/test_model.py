from __future__ import annotations

import json

from skyledger.model import Action, Claim, Claimant, CountQualifier, Role, WeaponClass, side_of

CLAIM = {
    "action": "intercepted",
    "weapon_class": "uav",
    "weapon_model": None,
    "count": 1,
    "count_qualifier": "exact",
    "country": "RU",
    "region": "RU-KLU",
    "district": "Dzerzhinsky",
    "settlement": None,
    "casualties": {"killed": 0, "injured": 0},
    "damage": "none",
    "claimant": "regional_authority:RU-KLU",
    "cites": ["mod:RU"],
    "event": "E0007",
}


def test_claim_round_trips_the_claims_md_record() -> None:
    claim = Claim.from_json(CLAIM)
    assert claim.action is Action.INTERCEPTED and claim.weapon_class is WeaponClass.UAV
    assert claim.count_qualifier is CountQualifier.EXACT
    data = claim.to_json()
    assert {key: data[key] for key in CLAIM} == CLAIM
    assert json.loads(json.dumps(data)) == data
    assert Claim.from_json(data).to_json() == data


def test_claim_without_casualties_or_damage_keeps_null() -> None:
    claim = Claim.from_json({**CLAIM, "casualties": None, "damage": None, "district": None})
    data = claim.to_json()
    assert data["casualties"] is None and data["damage"] is None
    assert data["place_precision"] == "region"


def test_claimant_side() -> None:
    assert Claimant.parse("regional_authority:UA-30") == Claimant(Role.REGIONAL_AUTHORITY, "UA-30")
    assert Claimant.parse("regional_authority:UA-30").side == "UA"
    assert side_of("mod:RU") == "RU"
    assert side_of(None) is None
