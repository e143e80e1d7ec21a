"""How many recommendation rules were actually checked, in words, for the reports' recommendation sections.

A rule is checked only for an LSR that reported the data it needs (``Rule.evaluated``): a rule on an
item only template 2.0 asks is not checked for a 1.0 workbook, and a rule on keys a format-1 regional
file lacks is not checked for the LSRs read from it (issue 13, "nie raportowano"). The reports say so
instead of claiming that every rule was checked ("Sprawdzono 15 z 22 reguł modelu; 7 wymaga danych
z arkusza w wersji 2.0").
"""
from __future__ import annotations

from ..lang import count, num, plural
from ..recommendations import RULES
from ..recommendations._base import reported_v2

OLDER_FILE = "danych, których nie ma w zestawieniu regionalnym w starszym formacie"
NO_POST = "nie dotyczy LSR bez etatu case managera"      # OBCIAZENIE_CM (needs case-manager FTE)


def unchecked(st: dict) -> tuple[int, int, int]:
    """Rules not checked for one LSR: (they need a 2.0 workbook, they need keys an older rollup file lacks,
    they need a case-manager post the LSR does not have)."""
    v2 = older = no_post = 0
    for rule in RULES:
        if not rule.evaluated(st):
            if rule.since == "2.0" and not reported_v2(st):
                v2 += 1
            elif any(st.get(k, 0) <= 0 for k in rule.needs if k != "lsr.counted_v2") and st.get("lsr.counted_v2"):
                no_post += 1
            else:
                older += 1
    return v2, older, no_post


def why_unchecked(v2: int, older: int, no_post: int = 0) -> str:
    """Why rules were not checked: "7 wymaga danych z arkusza w wersji 2.0, a 1 – danych, których nie ma …"."""
    parts = []
    if v2:
        parts.append(f"{num(v2)} {plural(v2, 'wymaga', 'wymagają', 'wymaga')} danych z arkusza w wersji 2.0")
    if older:
        parts.append(f"{num(older)} – {OLDER_FILE}" if parts else
                     f"{num(older)} {plural(older, 'wymaga', 'wymagają', 'wymaga')} {OLDER_FILE}")
    if no_post:
        parts.append(f"{num(no_post)} {NO_POST}")
    return ", a ".join(parts)


def lsr_sentence(checked: int, st: dict, fired: int) -> str:
    """The LSR card: how many rules were checked (``criteria_met(...)[1]``), why not all, how many fired."""
    total = len(RULES)
    if checked == total:
        return (f"Sprawdzono {count(total, 'regułę', 'reguły', 'reguł')} modelu; "
                + (f"{fired} z nich {plural(fired, 'wskazała', 'wskazały', 'wskazało')} obszary do poprawy."
                   if fired else "żadna nie wskazała słabości."))
    return (f"Sprawdzono {num(checked)} z {count(total, 'reguły', 'reguł', 'reguł')} modelu; {why_unchecked(*unchecked(st))}. "
            + (f"Spośród sprawdzonych reguł {fired} {plural(fired, 'wskazała', 'wskazały', 'wskazało')} obszary do "
               "poprawy." if fired else "Żadna ze sprawdzonych reguł nie wskazała słabości."))


def lsr_none_fired(checked: int, st: dict) -> str:
    """The LSR card's summary when no rule fired."""
    total = len(RULES)
    if checked == total:
        return (f"Żadna z {total} reguł modelu nie wskazała słabości: LSR spełnia wszystkie sprawdzane kryteria "
                "modelu KSR.")
    return (f"Żadna ze sprawdzonych {num(checked)} z {total} reguł modelu nie wskazała słabości: LSR spełnia "
            f"wszystkie sprawdzane kryteria modelu KSR ({why_unchecked(*unchecked(st))}).")


def rollup_sentence(lsrs, scores: dict[int, tuple[int, int]]) -> str:
    """The regional/national report: in how many LSRs every rule was checked, and in how many fewer and why.

    ``scores`` is ``criteria_met_all(flagged)``: (rules not fired, rules checked) by ``id(unit)``."""
    total, n = len(RULES), len(lsrs)
    groups: dict[tuple[int, int, int], int] = {}
    for u in lsrs:
        checked = scores.get(id(u), (total, total))[1]
        key = (checked, *unchecked(u.stats)) if checked < total else (total, 0, 0, 0)
        groups[key] = groups.get(key, 0) + 1
    full = groups.pop((total, 0, 0, 0), 0)
    if full == n:
        return f"Każdą z {total} reguł sprawdzono dla każdej z {n} LSR."
    parts = [f"Każdą z {total} reguł sprawdzono w {full} z {n} LSR"] if full else []
    for (checked, v2, older, no_post), k in sorted(groups.items(), reverse=True):
        parts.append(f"w {num(k)} LSR sprawdzono {num(checked)} z {count(total, 'reguły', 'reguł', 'reguł')} "
                     f"({why_unchecked(v2, older, no_post)})")
    text = "; ".join(parts) + "."
    return text[:1].upper() + text[1:]
