"""Human corrections of machine-extracted claims, stored beside the machine's value, and applied when claims are read.

A correction names one field of one claim (``count``, ``region``, ``claimant`` ...), the corrected value, the value the
extractor had given, who made it and when. Claims themselves are never edited: re-extraction replaces claim rows, and
the corrections are laid over whatever the extractor produces now. That is what makes them survive ``process``.

**How a correction finds its claim again.** Claim ids change when a report is re-extracted, so a correction is keyed by
the report and a fingerprint of the machine's claim, ``claim_key`` = ``action|weapon_class|start-end`` (the machine's
action and weapon class and the evidence span), with the claim's position in the report (``claim_seq``) beside it:

1. a claim of the same report with the same fingerprint (the nearest in position if several share it);
2. else the claim at the same position whose action and weapon class match (a new rule set moved the span);
3. else nothing: the correction is *unmatched*. It is kept and listed (``export --what corrections``), never put on a
   claim it may not belong to.

Several corrections of one field: the newest wins; all stay in the table as the history.

Readers (exports, the Python API, the dashboard) call :func:`apply_corrections` on claim rows read from the ``claims``
table (dicts with its column names): corrected fields take the human value, and each row gains ``corrected`` (bool),
``corrected_fields`` (list of names) and ``corrections`` (list of dicts: field, value, machine_value, author,
created_at, note). Code that works on model claims read from the store (linking and grading events) calls
:func:`correct_claims`: the claims as corrected, those a human marked as not a claim left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from skyledger.errors import NotFoundError, UsageError
from skyledger.model import Action, Casualties, Claim, CountQualifier, Damage, WeaponClass
from skyledger.store.core import Store
from skyledger.store.schema import claims as claims_table
from skyledger.store.schema import corrections as corrections_table

# field -> kind; the names are those of CLAIMS.md (casualties as killed / injured) plus ``rejected`` (not a claim)
FIELDS: dict[str, str] = {
    "action": "enum:action",
    "weapon_class": "enum:weapon_class",
    "weapon_model": "text",
    "count": "int",
    "count_qualifier": "enum:count_qualifier",
    "country": "code",
    "region": "code",
    "regions": "list",
    "district": "text",
    "settlement": "text",
    "water": "text",
    "killed": "int",
    "injured": "int",
    "damage": "enum:damage",
    "claimant": "claimant",
    "cites": "list",
    "time_start": "time",
    "time_end": "time",
    "rejected": "bool",
}
_ENUMS: dict[str, tuple[str, ...]] = {
    "action": tuple(item.value for item in Action),
    "weapon_class": tuple(item.value for item in WeaponClass),
    "count_qualifier": tuple(item.value for item in CountQualifier),
    "damage": tuple(item.value for item in Damage),
}
_JSON_COLUMNS = {"cites", "regions"}  # stored as JSON text in the claims table
_NULLS = {"", "null", "none"}
_IN_LIST = 500  # more report ids than this: read every correction (a small table) and filter here


@dataclass(frozen=True, slots=True)
class Correction:
    id: int
    report_id: int
    claim_seq: int
    claim_key: str | None
    field: str
    value: Any
    machine_value: Any
    author: str
    created_at: str
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "value": self.value,
            "machine_value": self.machine_value,
            "author": self.author,
            "created_at": self.created_at,
            "note": self.note,
        }


def claim_key(row: Mapping[str, Any]) -> str:
    """The fingerprint of a machine claim row: ``action|weapon_class|start-end``."""
    return f"{row['action']}|{row['weapon_class']}|{row['evidence_start']}-{row['evidence_end']}"


def parse_value(field: str, text: str) -> Any:
    """The typed value of ``field`` written as text: ``count=12``, ``cites=mod:RU,armed_forces:RU``, ``damage=null``."""
    kind = _kind(field)
    raw = text.strip()
    if raw.lower() in _NULLS and kind not in {"bool", "list"}:
        return None
    if kind == "list":
        return [] if raw.lower() in _NULLS else [part.strip() for part in raw.split(",") if part.strip()]
    if kind == "bool":
        if raw.lower() not in {"true", "false", "yes", "no", "1", "0"}:
            raise UsageError(f"{field} takes true or false, not {text!r}")
        return raw.lower() in {"true", "yes", "1"}
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            raise UsageError(f"{field} takes a whole number or null, not {text!r}") from None
    return raw


def validate(field: str, value: Any) -> Any:
    """``value`` checked against the field's kind (as :func:`parse_value` returns it); a UsageError if wrong."""
    kind = _kind(field)
    if value is None:
        if kind in {"bool", "list"} or field in {"action", "weapon_class", "count_qualifier", "claimant"}:
            raise UsageError(f"{field} cannot be null")
        return None
    if kind.startswith("enum:"):
        allowed = _ENUMS[kind.removeprefix("enum:")]
        if value not in allowed:
            raise UsageError(f"{field} must be one of {', '.join(allowed)}, not {value!r}")
    elif kind == "int" and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        raise UsageError(f"{field} takes a whole number >= 0 or null, not {value!r}")
    elif kind == "bool" and not isinstance(value, bool):
        raise UsageError(f"{field} takes true or false, not {value!r}")
    elif kind == "list" and not (isinstance(value, list) and all(isinstance(item, str) for item in value)):
        raise UsageError(f"{field} takes a list of strings, not {value!r}")
    elif kind == "claimant" and (not isinstance(value, str) or ":" not in value):
        raise UsageError(f"claimant is ROLE:JURISDICTION (mod:RU, regional_authority:RU-KLU), not {value!r}")
    elif kind == "time":
        return _normalise_time(field, value)
    elif kind in {"text", "code"} and not isinstance(value, str):
        raise UsageError(f"{field} takes text, not {value!r}")
    return value.upper() if kind == "code" else value


def correct_claim(
    store: Store,
    claim_id: int,
    changes: Mapping[str, Any],
    *,
    author: str,
    note: str | None = None,
    now: datetime | None = None,
) -> list[Correction]:
    """Store a human correction of the claim ``claim_id``: one row per changed field, beside the machine's value."""
    if not changes:
        raise UsageError("nothing to correct: give at least one field=value")
    if not author.strip():
        raise UsageError("a correction needs an author")
    checked = {field: validate(field, value) for field, value in changes.items()}
    stamp = (now or datetime.now(UTC)).isoformat()
    made: list[Correction] = []
    with store.begin() as connection:
        found = connection.execute(select(claims_table).where(claims_table.c.id == claim_id)).mappings().first()
        if found is None:
            raise NotFoundError(f"no claim with id {claim_id}")
        row = dict(found)
        for field, value in checked.items():
            record = {
                "report_id": row["report_id"],
                "claim_seq": row["seq"],
                "claim_key": claim_key(row),
                "field": field,
                "value": json.dumps(value, ensure_ascii=False),
                "machine_value": json.dumps(_machine_value(row, field), ensure_ascii=False),
                "author": author.strip(),
                "created_at": stamp,
                "note": note,
            }
            new_id = connection.execute(insert(corrections_table).values(**record)).inserted_primary_key
            made.append(_correction({**record, "id": new_id[0] if new_id else 0}))
    return made


def list_corrections(connection: Connection, report_ids: Iterable[int] | None = None) -> list[Correction]:
    """Every correction (of these reports), oldest first."""
    query = select(corrections_table).order_by(corrections_table.c.created_at, corrections_table.c.id)
    wanted = None if report_ids is None else set(report_ids)
    if wanted is not None and not wanted:
        return []
    if wanted is not None and len(wanted) <= _IN_LIST:
        query = query.where(corrections_table.c.report_id.in_(sorted(wanted)))
    result = connection.execute(query)
    keys = list(result.keys())
    found = [_correction(dict(zip(keys, row, strict=True))) for row in result]
    return found if wanted is None else [item for item in found if item.report_id in wanted]


def apply_corrections(connection: Connection, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lay the stored corrections over claim rows (dicts with the ``claims`` table's columns) in place; returns them."""
    by_report: dict[int, list[dict[str, Any]]] = {}
    for row in rows:
        row.setdefault("corrected", False)
        row.setdefault("corrected_fields", [])
        row.setdefault("corrections", [])
        row.setdefault("rejected", False)
        by_report.setdefault(row["report_id"], []).append(row)
    for correction in list_corrections(connection, by_report):
        target = match_claim(correction, by_report.get(correction.report_id, []))
        if target is not None:
            _overlay(target, correction)
    return list(rows)


def match_claim(correction: Correction, candidates: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The claim row (among one report's) that ``correction`` belongs to, or None (see the module's rules)."""
    if correction.claim_key:
        same = [row for row in candidates if claim_key(row) == correction.claim_key]
        if same:
            return min(same, key=lambda row: abs(int(row["seq"]) - correction.claim_seq))
        action, weapon_class = correction.claim_key.split("|")[:2]
        for row in candidates:
            if row["seq"] == correction.claim_seq and (row["action"], row["weapon_class"]) == (action, weapon_class):
                return row
        return None
    return next((row for row in candidates if row["seq"] == correction.claim_seq), None)


def matched_claim_ids(connection: Connection) -> dict[int, int | None]:
    """Correction id -> the id of the claim it now applies to (None: unmatched)."""
    corrections = list_corrections(connection)
    report_ids = sorted({item.report_id for item in corrections})
    rows: dict[int, list[dict[str, Any]]] = {}
    for start in range(0, len(report_ids), _IN_LIST):
        query = select(claims_table).where(claims_table.c.report_id.in_(report_ids[start : start + _IN_LIST]))
        for row in connection.execute(query).mappings():
            rows.setdefault(row["report_id"], []).append(dict(row))
    matched: dict[int, int | None] = {}
    for item in corrections:
        target = match_claim(item, rows.get(item.report_id, []))
        matched[item.id] = int(target["id"]) if target is not None else None
    return matched


def corrected_rows(connection: Connection, claim_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Claim id -> its ``claims`` row with the corrections laid over it (see :func:`apply_corrections`)."""
    rows: list[dict[str, Any]] = []
    ids = list(claim_ids)
    for start in range(0, len(ids), _IN_LIST):
        query = select(claims_table).where(claims_table.c.id.in_(ids[start : start + _IN_LIST]))
        rows.extend(dict(row) for row in connection.execute(query).mappings())
    return {row["id"]: row for row in apply_corrections(connection, rows)}


def correct_claims(connection: Connection, claims: Sequence[Claim]) -> list[Claim]:
    """Stored model claims (with ids) as corrected; the ones a human marked as not a claim are left out."""
    ids = [claim.id for claim in claims if claim.id is not None]
    if not ids:
        return list(claims)
    by_id = corrected_rows(connection, ids)
    out = []
    for claim in claims:
        row = by_id.get(claim.id) if claim.id is not None else None
        if row is None or not row["corrected"]:
            out.append(claim)
        elif not row["rejected"]:
            out.append(_corrected_claim(claim, row))
    return out


def _corrected_claim(claim: Claim, row: dict[str, Any]) -> Claim:
    fields = set(row["corrected_fields"])
    place = replace(
        claim.place,
        **{key: row[key] for key in ("country", "region", "district", "settlement", "water") if key in fields},
    )
    time = claim.time
    if "time_start" in fields:
        time = replace(time, start=datetime.fromisoformat(row["time_start"]) if row["time_start"] else None)
    if "time_end" in fields:
        time = replace(time, end=datetime.fromisoformat(row["time_end"]) if row["time_end"] else None)
    changes: dict[str, Any] = {"place": place, "time": time}
    simple = {"action": Action, "weapon_class": WeaponClass, "count_qualifier": CountQualifier}
    for key, kind in simple.items():
        if key in fields:
            changes[key] = kind(row[key])
    for key in ("weapon_model", "count", "claimant"):
        if key in fields:
            changes[key] = row[key]
    if "damage" in fields:
        changes["damage"] = Damage(row["damage"]) if row["damage"] else None
    for key in ("cites", "regions"):
        if key in fields:
            changes[key] = tuple(json.loads(row[key]) if row[key] else ())
    if fields & {"killed", "injured"}:
        changes["casualties"] = Casualties(killed=row["killed"], injured=row["injured"])
    return replace(claim, **changes)


def _overlay(row: dict[str, Any], correction: Correction) -> None:
    field, value = correction.field, correction.value
    if field == "rejected":
        row["rejected"] = bool(value)
    elif field in _JSON_COLUMNS:
        row[field] = json.dumps(value, ensure_ascii=False)
    else:
        row[field] = value
    if field in {"killed", "injured"}:
        row["casualties_stated"] = True
    if field not in row["corrected_fields"]:
        row["corrected_fields"].append(field)
    row["corrections"].append(correction.as_dict())
    row["corrected"] = True


def _machine_value(row: Mapping[str, Any], field: str) -> Any:
    if field == "rejected":
        return False
    value = row[field]
    if field in _JSON_COLUMNS:
        return json.loads(value) if value else []
    return value


def _correction(row: Mapping[str, Any]) -> Correction:
    return Correction(
        id=int(row["id"]),
        report_id=int(row["report_id"]),
        claim_seq=int(row["claim_seq"]),
        claim_key=row.get("claim_key"),
        field=row["field"],
        value=json.loads(row["value"]) if row["value"] is not None else None,
        machine_value=json.loads(row["machine_value"]) if row["machine_value"] is not None else None,
        author=row["author"],
        created_at=row["created_at"],
        note=row.get("note"),
    )


def _kind(field: str) -> str:
    try:
        return FIELDS[field]
    except KeyError:
        raise UsageError(f"{field!r} cannot be corrected; fields: {', '.join(FIELDS)}") from None


def _normalise_time(field: str, value: Any) -> str:
    """ISO 8601 as the store keeps it: in UTC where the value has an offset."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"{field} takes an ISO 8601 time (2024-05-12T03:00+03:00), not {value!r}") from None
    return (moment.astimezone(UTC) if moment.tzinfo else moment).isoformat()
