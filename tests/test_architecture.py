"""Imports point one way (ARCHITECTURE.md): walk every module's imports, lazy ones and TYPE_CHECKING ones included.

The stages (ingest, extract, resolve, grade) and the store import only the model, the errors, the registry and the
gazetteer (ingest also the fetching edge); no stage imports another stage or the store. The pipeline imports stages
and store. cli, web, the analyst outputs (export, tally, diff) and the Python API (ledger) import the pipeline and
the store, never a stage; nothing imports the cli. A new top-level module needs its place in ALLOWED below.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "skyledger"

BASE = {"(root)", "model", "errors", "registry"}  # (root): skyledger/__init__.py (the version)
STAGES = {"ingest", "extract", "resolve", "grade"}
OUTPUTS = {"web", "export", "tally", "diff", "ledger"}  # ledger: the Python API
TOP = BASE | {"gazetteer", "fetch", "pipeline", "store", "samples"}

ALLOWED: dict[str, set[str]] = {
    "(root)": {"ledger"},  # skyledger.open(), the Python API's front door, imports it lazily
    "model": set(),
    "errors": set(),
    "registry": {"model", "errors"},
    "fetch": {"(root)", "errors"},
    "samples": set(),
    "gazetteer": {"model", "errors"},
    "ingest": BASE | {"gazetteer", "fetch"},
    "extract": BASE | {"gazetteer"},
    "resolve": BASE | {"gazetteer"},
    "grade": BASE | {"gazetteer"},
    "store": BASE | {"gazetteer"},
    "pipeline": BASE | STAGES | {"gazetteer", "fetch", "store"},
    "cli": TOP | OUTPUTS,
    **{name: TOP | OUTPUTS for name in OUTPUTS},
}


def _component(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts == ("__init__",):
        return "(root)"
    return parts[0]


def _imported(path: Path) -> set[str]:
    """The skyledger components a module imports."""
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return _components_imported(path.read_text(encoding="utf-8"), ["skyledger", *parts[:-1]])


def _components_imported(source: str, package: list[str]) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names = [module]
            if module == "skyledger":  # from skyledger import extract
                names = [f"skyledger.{alias.name}" for alias in node.names]
        for name in names:
            if name == "skyledger" or name.startswith("skyledger."):
                target = name.split(".")[1] if "." in name else "(root)"
                found.add("(root)" if target.startswith("__") else target)
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_component_has_a_place() -> None:
    unplaced = sorted({_component(path) for path in MODULES} - set(ALLOWED))
    assert unplaced == [], f"give these modules their layer in tests/test_architecture.py ALLOWED: {unplaced}"


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_imports_point_one_way(path: Path) -> None:
    component = _component(path)
    allowed = ALLOWED.get(component, set()) | {component}
    assert sorted(_imported(path) - allowed) == [], f"{component} may import only {sorted(allowed)}"


def test_the_rule_sees_every_form_of_import() -> None:
    source = (
        "from skyledger.store import open_store\n"
        "from skyledger import grade\n"
        "def lazy():\n    from ..resolve import link_events\n"
        "import skyledger.web.server\n"
        "from . import numbers\n"
    )
    imported = _components_imported(source, ["skyledger", "extract"])
    assert imported == {"store", "grade", "resolve", "web", "extract"}
    assert imported - ALLOWED["extract"] - {"extract"} == {"store", "grade", "resolve", "web"}
