"""How the extractor does on the golden reports: cases passed, and claim precision / recall / F1 over the set.

    .venv/bin/python bench/golden_score.py            # the summary, and the failing cases with their -/+ counts
    .venv/bin/python bench/golden_score.py -v         # also each failing case's diff
    .venv/bin/python bench/golden_score.py --lang uk  # one language

Two F1 figures: *strict* counts a claim as found only when every compared field agrees (the golden test's rule, see
tests/golden/README.md); *key* only needs action, weapon class and region to agree (the matching rule of
../shared/bench/score.py). Reuses the golden test's loader and comparison (tests/test_golden.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_golden import GoldenCase, extract_case, find_cases, format_diff, match_claims  # noqa: E402

KEY = ("action", "weapon_class", "region")


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


def f1(found: int, n_expected: int, n_predicted: int) -> tuple[float, float, float]:
    precision = found / n_predicted if n_predicted else 0.0
    recall = found / n_expected if n_expected else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def score(cases: Sequence[GoldenCase], verbose: bool) -> None:
    passed, n_expected, n_predicted, strict, keyed = 0, 0, 0, 0, 0
    failures = []
    for case in cases:
        try:
            predicted = [claim.to_json() for claim in extract_case(case)]
        except Exception as error:  # a crash is a failed case here, not the end of the score
            predicted = []
            failures.append(f"{case.name}: raised {type(error).__name__}: {error}")
        pairs, missing, unexpected = match_claims(case.claims, predicted)
        n_expected += len(case.claims)
        n_predicted += len(predicted)
        strict += len(pairs)
        keyed += key_matches(case.claims, predicted)
        if missing or unexpected:
            failures.append(f"{case.name}: -{len(missing)} +{len(unexpected)}")
            if verbose:
                failures.append(format_diff(missing, unexpected))
        else:
            passed += 1
    for line in failures:
        print(line)
    print(f"golden cases passed: {passed}/{len(cases)}   claims expected {n_expected}, predicted {n_predicted}")
    for name, found in (("strict", strict), ("key", keyed)):
        precision, recall, score_f1 = f1(found, n_expected, n_predicted)
        print(f"{name:6} claims  P {precision:.3f}  R {recall:.3f}  F1 {score_f1:.3f}")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print each failing case's diff")
    parser.add_argument("--lang", choices=("ru", "uk", "en"), help="only the cases of one language")
    args = parser.parse_args(argv)
    cases = [case for case in find_cases() if not args.lang or case.name.startswith(f"{args.lang}/")]
    score(cases, args.verbose)


if __name__ == "__main__":
    main(sys.argv[1:])
