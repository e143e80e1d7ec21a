"""docs/architecture.md: the package map names every package and module that exists, and the commands."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ksr_reports"
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
MAP = DOC[DOC.index("## Package map"):DOC.index("## Key design decisions")]


def _row(first_cell: str) -> str:
    return next(line for line in MAP.splitlines() if line.startswith(f"| {first_cell}"))


def test_every_top_level_module_is_in_the_map():
    for f in sorted(PACKAGE.glob("*.py")):
        if f.name != "__init__.py":
            assert f"`{f.name}`" in MAP, f.name


def test_every_package_and_its_modules_are_in_its_row():
    for pkg in sorted(p for p in PACKAGE.iterdir() if (p / "__init__.py").exists()):
        row = _row(f"`{pkg.name}/`")
        for f in sorted(pkg.glob("*.py")):
            if f.name != "__init__.py":
                assert f"`{f.name}`" in row or f"`{f.stem}`" in row, (pkg.name, f.name)


def test_stages_diagram_lists_the_commands_with_a_chain():
    stages = DOC[DOC.index("## Stages and flow"):DOC.index("## Package map")]
    for command in ("run", "demo", "cas"):
        assert f"\n{command} " in stages, command
