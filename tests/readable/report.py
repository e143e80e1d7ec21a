"""Print every readable-text problem of a folder of ksr outputs, grouped by output family.

    python -m tests.readable.report OUTDIR            # e.g. a `ksr demo` or `ksr run` output folder
    python -m tests.readable.report --fresh WORKDIR   # run `ksr demo` and the mixed inbox into WORKDIR,
                                                      # add the console texts, check all of it

Exit code 1 when there are problems (0 when none). Spelling needs Debian's hunspell-pl.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

from .checks import Problem, Speller, all_checks, dictionary_missing
from .extract import Snippet, folder_snippets
from .sources import DEMO_INPUT_DIRS, FAMILIES, demo_snippets, family, help_snippets, literal_words, \
    mixed_inbox_snippets


def fresh_snippets(workdir: Path) -> list[Snippet]:
    """Demo outputs, the mixed inbox's outputs and console texts, generated in ``workdir``."""
    workdir.mkdir(parents=True, exist_ok=True)
    return demo_snippets(workdir / "demo") + mixed_inbox_snippets(workdir / "skrzynka") + help_snippets()


def check(snippets: list[Snippet]) -> tuple[dict[str, list[Problem]], Speller | None]:
    """Problems per family (and the speller, for its counts; ``None`` without a dictionary)."""
    speller = None if dictionary_missing() else Speller()
    literal = literal_words()
    by_family: dict[str, list[Snippet]] = defaultdict(list)
    for s in snippets:
        by_family[family(s)].append(s)
    return {f: all_checks(by_family.get(f, []), speller, literal) for f in FAMILIES}, speller


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.readable.report", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--fresh", action="store_true", help="generate demo + mixed inbox outputs into FOLDER first")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    if args.fresh:
        snippets = fresh_snippets(args.folder)
    else:
        snippets = folder_snippets(args.folder, skip_dirs=DEMO_INPUT_DIRS)
    problems, speller = check(snippets)
    total = 0
    for name in FAMILIES:
        found = problems[name]
        total += len(found)
        print(f"=== {name}: {len(found)} problems ===")
        for p in found:
            print(p)
        print()
    missing = dictionary_missing()
    words = f"{speller.checked} words checked ({len(speller.unique)} distinct)" if speller else f"no spelling: {missing}"
    print(f"{total} problems in {len(snippets)} texts; {words}; {time.perf_counter() - start:.1f} s", file=sys.stderr)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
