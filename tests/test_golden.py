"""Golden tests: reports written for skyledger, each beside the claims a careful annotator expects from it.

``tests/golden/<lang>/<case>.txt`` holds the report text; ``<case>.json`` its metadata (outlet, published, language)
and its expected ``claims`` on the CLAIMS.md fields. One parametrised test runs the extractor on every pair and compares
the claims as a multiset of normalised tuples (see ``tests/golden/README.md`` for what is and is not compared).
``pytest tests/test_golden.py --update-golden`` rewrites the expected claims from the current output, for review
in ``git diff``: never commit a rewrite that you have not read claim by claim.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pytest

from skyledger.model import CLAIM_FIELDS, Action, CountQualifier, Damage, Report, Role, SourceKind, WeaponClass
from skyledger.registry import load_registry, normalise_handle

GOLDEN = Path(__file__).resolve().parent / "golden"
LANGUAGES = ("ru", "uk", "en")
MIN_CASES_PER_LANGUAGE = 20

FIELDS = CLAIM_FIELDS  # the CLAIMS.md fields a golden case fixes, in the order they appear in a diff
META_KEYS = {"outlet", "published", "language", "claims"}
_GENERIC_PLACE_WORDS = re.compile(
    r"\b(district|raion|rayon|region|oblast|okrug|municipal|urban|city|town|village|hromada|community)\b"
)
_ADJECTIVE_ENDING = re.compile(r"(skyi|skiy|skii|sky|ski|ska|yi|iy|y|i)$")
PLACE_NAME_FIELDS = ("district", "settlement")
PLACE_SIMILARITY = 0.8


@dataclass(frozen=True)
class GoldenCase:
    name: str  # "<lang>/<case>"
    text_path: Path
    meta_path: Path
    text: str
    meta: dict[str, Any]

    @property
    def claims(self) -> list[dict[str, Any]]:
        return list(self.meta["claims"])


def find_cases(root: Path = GOLDEN) -> list[GoldenCase]:
    """Every ``<lang>/<case>.txt`` with its ``.json`` beside it, in name order."""
    cases = []
    for text_path in sorted(root.glob("*/*.txt")):
        meta_path = text_path.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        name = f"{text_path.parent.name}/{text_path.stem}"
        cases.append(GoldenCase(name, text_path, meta_path, text_path.read_text(encoding="utf-8"), meta))
    return cases


def report_of(case: GoldenCase) -> Report:
    """The report as ingest would store it: source handle normalised, id 1."""
    published = case.meta.get("published")
    return Report(
        source=normalise_handle(case.meta["outlet"]),
        external_id=case.name,
        text=case.text,
        published=datetime.fromisoformat(published) if published else None,
        language=case.meta.get("language"),
        id=1,
    )


def extract_case(case: GoldenCase) -> list[Any]:
    """Run the extractor on a golden case with the registry's source for its outlet."""
    from skyledger.extract import extract_claims

    outlet = case.meta["outlet"]
    kind = SourceKind.TELEGRAM if normalise_handle(outlet).startswith("t.me/") else SourceKind.WEBSITE
    source = load_registry().source_for(outlet, kind)
    return list(extract_claims(report_of(case), source))


def fold_place(name: str | None) -> str:
    """Place names compared loosely: accents, case, 'District'-like words and adjective endings do not count."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z]", "", _GENERIC_PLACE_WORDS.sub(" ", text))
    return _ADJECTIVE_ENDING.sub("", text)


def places_agree(expected: str | None, predicted: str | None) -> bool:
    """Same place name up to romanisation ("Kupiansk" / "Kupyansk", "Grayvoronsky" / "Graivoronsky")."""
    a, b = fold_place(expected), fold_place(predicted)
    return a == b or (bool(a) and bool(b) and SequenceMatcher(None, a, b).ratio() >= PLACE_SIMILARITY)


def fold_model(name: str | None) -> str | None:
    return re.sub(r"[^a-z0-9]", "", name.lower()) if name else None


def claim_key(claim: dict[str, Any]) -> tuple[Hashable, ...]:
    """One claim as a tuple of its normalised CLAIMS.md fields (order of FIELDS); place names folded."""
    casualties = claim.get("casualties")
    values: dict[str, Hashable] = {
        **{field: claim.get(field) for field in FIELDS},
        "weapon_model": fold_model(claim.get("weapon_model")),
        "district": fold_place(claim.get("district")),
        "settlement": fold_place(claim.get("settlement")),
        "casualties": None if casualties is None else (casualties.get("killed"), casualties.get("injured")),
        "cites": tuple(sorted(claim.get("cites") or ())),
    }
    return tuple(values[field] for field in FIELDS)


def _claims_agree(expected: dict[str, Any], predicted: dict[str, Any]) -> bool:
    want, got = claim_key(expected), claim_key(predicted)
    core = [i for i, field in enumerate(FIELDS) if field not in PLACE_NAME_FIELDS]
    return all(want[i] == got[i] for i in core) and all(
        places_agree(expected.get(field), predicted.get(field)) for field in PLACE_NAME_FIELDS
    )


def match_claims(
    expected: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]]
) -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Pair expected with predicted claims that agree on every field (a multiset comparison with loose place names).

    Returns (pairs, missing, unexpected): missing were expected and not predicted; unexpected the reverse.
    """
    unused = list(predicted)
    pairs, missing = [], []
    for claim in expected:
        found = next((other for other in unused if _claims_agree(claim, other)), None)
        if found is None:
            missing.append(claim)
        else:
            unused.remove(found)
            pairs.append((claim, found))
    return pairs, missing, unused


def expected_record(claim: dict[str, Any]) -> dict[str, Any]:
    """A claim cut down to the fields a golden file stores."""
    return {field: claim.get(field) for field in sorted(FIELDS)}


def describe(claim: dict[str, Any]) -> str:
    shown = {field: claim.get(field) for field in FIELDS if claim.get(field) not in (None, "", [], ())}
    return ", ".join(f"{field}={value!r}" for field, value in shown.items())


def format_diff(missing: Iterable[dict[str, Any]], unexpected: Iterable[dict[str, Any]]) -> str:
    lines = [f"  - {describe(claim)}" for claim in missing]
    lines += [f"  + {describe(claim)}" for claim in unexpected]
    return "\n".join(lines)


def write_golden(case: GoldenCase, claims: Sequence[dict[str, Any]]) -> None:
    """Rewrite a case's expected claims (metadata kept), sorted keys, indent 2, Cyrillic unescaped."""
    meta = {**case.meta, "claims": [expected_record(claim) for claim in claims]}
    case.meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


CASES = find_cases()


KEY = ("action", "weapon_class", "region")
FLOORS = GOLDEN / "floors.json"


def key_matches(expected: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]]) -> int:
    """How many expected claims find a predicted claim with the same action, weapon class and region (one-to-one)."""
    unused = [tuple(claim.get(field) for field in KEY) for claim in predicted]
    found = 0
    for claim in expected:
        key = tuple(claim.get(field) for field in KEY)
        if key in unused:
            unused.remove(key)
            found += 1
    return found


def f1(found: int, n_expected: int, n_predicted: int) -> float:
    precision = found / n_predicted if n_predicted else 0.0
    recall = found / n_expected if n_expected else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class GoldenScore:
    """How the extractor does on a set of golden cases."""

    cases: int = 0
    passed: int = 0
    expected: int = 0
    predicted: int = 0
    strict: int = 0  # predicted claims agreeing with an expected one on every field
    keyed: int = 0  # ... on action, weapon class and region (the dev scorer's matching rule)
    failures: dict[str, str] | None = None  # case name -> diff

    @property
    def strict_f1(self) -> float:
        return f1(self.strict, self.expected, self.predicted)

    @property
    def key_f1(self) -> float:
        return f1(self.keyed, self.expected, self.predicted)


def score_golden(cases: Sequence[GoldenCase]) -> GoldenScore:
    score = GoldenScore(cases=len(cases), failures={})
    for case in cases:
        predicted = [claim.to_json() for claim in extract_case(case)]
        pairs, missing, unexpected = match_claims(case.claims, predicted)
        score.expected += len(case.claims)
        score.predicted += len(predicted)
        score.strict += len(pairs)
        score.keyed += key_matches(case.claims, predicted)
        if missing or unexpected:
            assert score.failures is not None
            score.failures[case.name] = format_diff(missing, unexpected)
        else:
            score.passed += 1
    return score


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_golden_case_evidence(case: GoldenCase, request: pytest.FixtureRequest) -> None:
    claims = extract_case(case)
    for claim in claims:  # the evidence of every claim is its own span of the text, and carries provenance
        start, end = claim.evidence_span
        assert 0 <= start < end <= len(case.text), f"evidence span {claim.evidence_span} outside the text"
        assert case.text[start:end] == claim.evidence
        assert claim.report_id == 1 and claim.rule_set
    if request.config.getoption("--update-golden"):
        write_golden(case, [claim.to_json() for claim in claims])


def test_golden_claims_meet_their_floors() -> None:
    """The golden set is a gate with floors that may only rise (tests/golden/floors.json), as the dev corpus is.

    Every case is compared claim by claim; a case passes when its claims agree on every field. The cases that still
    fail are listed with their diffs in the failure message and by ``bench/golden_score.py -v``.
    """
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    score = score_golden(CASES)
    measured = {"cases_passed": score.passed, "strict_f1": score.strict_f1, "key_f1": score.key_f1}
    below = {name: (round(value, 3), floors[name]) for name, value in measured.items() if value < floors[name]}
    failures = "\n".join(f"{name}:\n{diff}" for name, diff in (score.failures or {}).items())
    assert not below, f"below the golden floors (measured, floor): {below}\nfailing cases:\n{failures}"


def test_golden_set_has_enough_reports_in_each_language() -> None:
    counts = Counter(case.text_path.parent.name for case in CASES)
    short = {language: counts[language] for language in LANGUAGES if counts[language] < MIN_CASES_PER_LANGUAGE}
    assert not short, f"fewer than {MIN_CASES_PER_LANGUAGE} golden reports: {short}"


def _check_claim_record(claim: dict[str, Any]) -> None:
    assert set(claim) == set(FIELDS), f"fields {sorted(set(claim) ^ set(FIELDS))} wrong"
    Action(claim["action"])  # each raises ValueError on a value outside CLAIMS.md
    WeaponClass(claim["weapon_class"])
    CountQualifier(claim["count_qualifier"])
    if claim["damage"] is not None:
        Damage(claim["damage"])
    role, _, jurisdiction = claim["claimant"].partition(":")
    assert Role(role) and re.fullmatch(r"[A-Z]{2}(-[A-Z0-9]{2,3})?", jurisdiction), claim["claimant"]
    assert claim["count"] is None or (isinstance(claim["count"], int) and claim["count"] >= 0)
    assert (claim["count"] is None) == (claim["count_qualifier"] == "unspecified"), "a count needs a qualifier"
    if claim["region"]:
        assert claim["region"].startswith(f"{claim['country']}-"), "region outside its country"
    if claim["action"] == "launched":
        assert claim["casualties"] is None and claim["damage"] is None, "launched claims carry no outcomes"


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_golden_file_is_well_formed(case: GoldenCase) -> None:
    assert case.meta_path.exists(), f"{case.meta_path} is missing"
    stored = case.meta_path.read_text(encoding="utf-8")  # read again: --update-golden may have just rewritten it
    meta = json.loads(stored)
    assert set(meta) == META_KEYS
    assert meta["language"] == case.text_path.parent.name
    assert datetime.fromisoformat(meta["published"]).utcoffset() is not None, "published needs an offset"
    for claim in meta["claims"]:
        _check_claim_record(claim)
    canonical = json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert stored == canonical, "not in canonical form (sorted keys, indent 2)"


def test_comparison_is_loose_on_place_spelling_and_strict_on_figures() -> None:
    expected = {field: None for field in FIELDS} | {
        "action": "impact",
        "weapon_class": "guided_bomb",
        "count": 1,
        "count_qualifier": "exact",
        "country": "UA",
        "region": "UA-63",
        "settlement": "Kupiansk",
        "claimant": "regional_authority:UA-63",
        "cites": [],
    }
    respelt = expected | {"settlement": "Kupyansk", "event": "E1", "evidence": "x"}
    assert match_claims([expected], [respelt])[1:] == ([], [])
    for field, wrong in (("count", 2), ("settlement", "Kharkiv"), ("claimant", "media:XX"), ("cites", ["mod:RU"])):
        _, missing, unexpected = match_claims([expected], [expected | {field: wrong}])
        assert missing == [expected] and len(unexpected) == 1, field
    assert match_claims([expected, expected], [expected])[1] == [expected]  # a multiset: duplicates count
