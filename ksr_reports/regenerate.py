"""One command regenerates every committed generated artefact; ``--check`` lists the stale ones.

    python -m ksr_reports.regenerate            # rewrite what changed, remove what is no longer generated
    python -m ksr_reports.regenerate --check    # compare only; exit 1 and list stale files (CI)

A developer tool (English output). Each artefact is produced by calling its own generator – the
same function the ``ksr`` command or the module's ``__main__`` uses – so there is no second
implementation to drift. Everything is generated into a temporary folder laid out like the
repository and then compared with the committed files: text byte for byte, ``.xlsx``/``.docx``
part by part (zip timestamps and the creation/modification dates in ``docProps/core.xml`` are
ignored: the Word templates carry the time they were built). Only files whose content differs
are written, so an unchanged binary keeps its bytes and git sees no change; and nothing is
written unless every generator succeeded.

``tests/fixtures/v1/`` is deliberately not here: those files stand for workbooks and rollups
already in the field and must never be regenerated (see their README).
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

COMMAND = "python -m ksr_reports.regenerate"
ZIPPED = (".xlsx", ".docx")
SAMPLES_DIR = "workbooks/samples"
ROLLUP_DOC = "docs/rollup.md"


@dataclass(frozen=True)
class Artefact:
    """One generated artefact (or a folder of them) and the generator that writes it.

    ``write(out)`` writes the artefact into the repository-shaped folder ``out``; ``root`` is the
    real repository, for generators that splice into a committed file. ``folder`` marks a
    generated folder: committed files in it that are no longer generated are stale too.
    """
    path: str
    write: Callable[[Path, Path], None]
    folder: bool = False


def _text(rel: str, render: Callable[[], str]) -> Callable[[Path, Path], None]:
    def write(out: Path, root: Path) -> None:
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(), encoding="utf-8")
    return write


def _blank_template(out: Path, root: Path) -> None:
    from .template import build_template  # same call as `ksr template -o workbooks/templates/szablon_LSR.xlsx`
    build_template(out / "workbooks/templates/szablon_LSR.xlsx")


def _samples(out: Path, root: Path) -> None:
    from .samples import write_samples  # same call as `ksr samples -o workbooks/samples`
    write_samples(out / SAMPLES_DIR)


def _report_templates(out: Path, root: Path) -> None:
    from .reports.template_build import write_templates
    write_templates(out / "workbooks/templates")


def _data_dictionary() -> str:
    from .spec.dictionary import render
    return render()


def _validation_catalogue() -> str:
    from .validation.catalogue import markdown  # `python -m ksr_reports.validation` prints it with a newline
    return markdown() + "\n"


def _rules_catalogue() -> str:
    from .recommendations.catalogue import render_catalogue
    return render_catalogue()


def _cli_reference() -> str:
    from .cli.reference import render
    return render()


def _rollup_doc(out: Path, root: Path) -> None:
    """docs/rollup.md with the generated indicator section (between its markers) replaced."""
    from .rollup.docs import BEGIN, END, indicators_markdown
    doc = (root / ROLLUP_DOC).read_text(encoding="utf-8")
    start, end = doc.find(BEGIN), doc.find(END)
    if start < 0 or end < start:
        raise SystemExit(f"{ROLLUP_DOC}: the markers {BEGIN!r} … {END!r} are missing; put them back around "
                         "the indicator section")
    target = out / ROLLUP_DOC
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(doc[:start] + indicators_markdown() + doc[end + len(END):], encoding="utf-8")


ARTEFACTS: tuple[Artefact, ...] = (
    Artefact("workbooks/templates/szablon_LSR.xlsx", _blank_template),
    Artefact(SAMPLES_DIR, _samples, folder=True),
    Artefact("workbooks/templates", _report_templates, folder=True),  # raport_*.docx; the folder is all generated
    Artefact("docs/data-dictionary.md", _text("docs/data-dictionary.md", _data_dictionary)),
    Artefact("docs/validation.md", _text("docs/validation.md", _validation_catalogue)),
    Artefact("docs/recommendations.md", _text("docs/recommendations.md", _rules_catalogue)),
    Artefact("docs/cli.md", _text("docs/cli.md", _cli_reference)),
    Artefact(ROLLUP_DOC, _rollup_doc),
)


@dataclass(frozen=True)
class Stale:
    """A committed path that does not match its generator: ``reason`` is differs, missing or not generated."""
    path: str
    reason: str


def _parts(path: Path) -> dict[str, bytes] | None:
    """The zip parts of an .xlsx/.docx, core.xml without its dates; None when it is not a zip."""
    try:
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
    except (zipfile.BadZipFile, OSError):
        return None
    if "docProps/core.xml" in parts:
        parts["docProps/core.xml"] = re.sub(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>", b"",
                                            parts["docProps/core.xml"])
    return parts


def same_content(committed: Path, generated: Path) -> bool:
    """True when the committed file says what the generator says (see the module docstring)."""
    if committed.suffix in ZIPPED:
        theirs = _parts(committed)
        return theirs is not None and theirs == _parts(generated)
    return committed.read_bytes() == generated.read_bytes()


def _generate(root: Path, out: Path) -> list[str]:
    """Run every generator into ``out``; the relative paths produced, sorted."""
    for artefact in ARTEFACTS:
        artefact.write(out, root)
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())


def _orphans(root: Path, produced: set[str]) -> list[str]:
    """Committed files inside generated folders that the generators no longer produce."""
    found = []
    for artefact in ARTEFACTS:
        if artefact.folder and (root / artefact.path).is_dir():
            found += [p.relative_to(root).as_posix() for p in (root / artefact.path).rglob("*") if p.is_file()]
    return sorted(set(found) - produced)


def compare(root: Path, out: Path) -> list[Stale]:
    """Generate into ``out`` and list what in ``root`` is stale (nothing is written to ``root``)."""
    produced = _generate(root, out)
    stale = []
    for rel in produced:
        if not (root / rel).exists():
            stale.append(Stale(rel, "missing"))
        elif not same_content(root / rel, out / rel):
            stale.append(Stale(rel, "differs"))
    return stale + [Stale(rel, "not generated any more") for rel in _orphans(root, set(produced))]


def find_stale(root: Path) -> list[Stale]:
    """The stale artefacts of the repository at ``root`` (check only)."""
    with tempfile.TemporaryDirectory(prefix="ksr-regenerate-") as tmp:
        return compare(root, Path(tmp))


def regenerate(root: Path) -> list[Stale]:
    """Bring every artefact in ``root`` up to date; return what was written or removed."""
    with tempfile.TemporaryDirectory(prefix="ksr-regenerate-") as tmp:
        out = Path(tmp)
        stale = compare(root, out)
        for item in stale:
            target = root / item.path
            if item.reason == "not generated any more":
                target.unlink()
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(out / item.path, target)
    for artefact in ARTEFACTS:  # drop folders the removals emptied (e.g. a województwo no longer sampled)
        if artefact.folder:
            for d in sorted((root / artefact.path).rglob("*"), reverse=True):
                if d.is_dir() and not any(d.iterdir()):
                    d.rmdir()
    return stale


def default_root() -> Path:
    """The repository this package was installed from (editable install)."""
    return Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=COMMAND, description="Regenerate every committed generated artefact.")
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 listing stale files")
    parser.add_argument("--root", type=Path, default=default_root(), help="repository root (default: %(default)s)")
    args = parser.parse_args(argv)
    if not (args.root / "pyproject.toml").is_file():
        parser.error(f"{args.root} is not the repository root (no pyproject.toml); pass --root")
    if args.check:
        stale = find_stale(args.root)
        if stale:
            print(f"Stale generated artefacts ({len(stale)}); run: {COMMAND}")
            print("\n".join(f"  {s.path}: {s.reason}" for s in stale))
            return 1
        print(f"All generated artefacts are current ({len(ARTEFACTS)} generators).")
        return 0
    changed = regenerate(args.root)
    for s in changed:
        print(f"{'removed' if s.reason == 'not generated any more' else 'wrote'} {s.path} ({s.reason})")
    print(f"{len(changed)} file(s) updated." if changed else "Everything was current; nothing written.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
