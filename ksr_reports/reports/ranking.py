"""Rankings that show ties as ties (issue 12: "misleading tables").

Units with the same score share a place, written as a range ("1–4"); a summary names every unit
with the best (or the weakest) score instead of picking one of them, and says so when all tie.
"""
from __future__ import annotations

from typing import Sequence

from ..lang import join


_POLISH = str.maketrans({"ą": "a\x7f", "ć": "c\x7f", "ę": "e\x7f", "ł": "l\x7f", "ń": "n\x7f", "ó": "o\x7f",
                         "ś": "s\x7f", "ź": "z\x7f", "ż": "z\x7f\x7f"})


def polish_key(name: str) -> str:
    """Sort key in Polish alphabetical order ("śląskie" after "pomorskie", before "zachodniopomorskie")."""
    return name.lower().translate(_POLISH)


def shared_ranks(scores: Sequence[float]) -> list[str]:
    """Places of ``scores`` sorted from the best: ``[1, .9, .9, .5]`` → ``["1", "2–3", "2–3", "4"]``."""
    out: list[str] = []
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and scores[j + 1] == scores[i]:
            j += 1
        place = str(i + 1) if i == j else f"{i + 1}–{j + 1}"
        out += [place] * (j - i + 1)
        i = j + 1
    return out


def ties(items: Sequence, key) -> list:
    """The leading items sharing the first item's ``key`` (the list must be sorted by ``key``)."""
    if not items:
        return []
    first = key(items[0])
    return [x for x in items if key(x) == first]


def best_and_worst(scored: Sequence[tuple[float, str, str]], labels: tuple[str, str], every: str) -> str:
    """One sentence on the best and the weakest units, ``scored`` = (share, name, score text), best first.

    ``labels`` name one unit and several units before their names ("województwo", "województwa"; empty
    for LSRs, whose names say it); ``every`` is the phrase for "each of them" when all tie ("Każde
    z 6 województw")."""
    if not scored:
        return ""
    one_label, plural_label = labels

    def one(name: str) -> str:
        return f"{one_label} {name}" if one_label else name

    if len(scored) == 1:
        _, name, score = scored[0]
        return f"{one(name)[:1].upper()}{one(name)[1:]} spełnia {score} kryteriów modelu."
    best = ties(scored, lambda x: x[0])
    if len(best) == len(scored):
        return f"{every} spełnia tyle samo kryteriów modelu ({best[0][2]}); żadna jednostka się nie wyróżnia."
    worst = ties(list(reversed(scored)), lambda x: x[0])

    def names(group) -> str:
        listed = join([name for _, name, _ in group])
        return f"{plural_label} {listed}" if plural_label else listed

    top = (f"Najwięcej kryteriów modelu spełnia {one(best[0][1])} ({best[0][2]})" if len(best) == 1 else
           f"Najwięcej kryteriów modelu ({best[0][2]}) spełniają jednocześnie {names(best)}")
    low = (f"najmniej – {one(worst[0][1])} ({worst[0][2]})" if len(worst) == 1 else
           f"najmniej ({worst[0][2]}) – {names(worst)}")
    return f"{top}; {low}."
