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

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_golden import GoldenCase, f1, find_cases, score_golden  # noqa: E402


def report(cases: Sequence[GoldenCase], verbose: bool) -> None:
    score = score_golden(cases)
    for name, diff in (score.failures or {}).items():
        print(f"{name}:\n{diff}" if verbose else name)
    claims = f"claims expected {score.expected}, predicted {score.predicted}"
    print(f"golden cases passed: {score.passed}/{score.cases}   {claims}")
    for name, found in (("strict", score.strict), ("key", score.keyed)):
        precision = found / score.predicted if score.predicted else 0.0
        recall = found / score.expected if score.expected else 0.0
        print(
            f"{name:6} claims  P {precision:.3f}  R {recall:.3f}  F1 {f1(found, score.expected, score.predicted):.3f}"
        )


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="print each failing case's diff")
    parser.add_argument("--lang", choices=("ru", "uk", "en"), help="only the cases of one language")
    args = parser.parse_args(argv)
    cases = [case for case in find_cases() if not args.lang or case.name.startswith(f"{args.lang}/")]
    report(cases, args.verbose)


if __name__ == "__main__":
    main(sys.argv[1:])
