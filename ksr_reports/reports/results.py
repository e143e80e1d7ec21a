"""Report sections of what the workbook collects beyond the network (issue 13 item 6).

Life spheres and non-employment measures, completers' outcomes by sex, and the items only template
2.0 asks: the individual process (IPD/IPR, case manager, kontrakt socjalny, plan reviews,
co-decision), follow-up six months after leaving, participants who started by group. Every function
takes the counted LSRs (``Unit`` with ``stats``) and ``protect``: regional and national reports pass
participant counts through disclosure control (``disclosure.py``), the LSR card shows them as
reported (it goes back to the LSR that reported them).

"Nie raportowano" rule (DESIGN §10, /tmp v2 decisions): an item only 2.0 asks is "nie raportowano"
when no LSR of the unit used template 2.0 (``lsr.v2`` = 0), never 0; its shares use 2.0-only
denominators (``v2.participants``); with a mix the text says "dane z N z M LSR".
"""
from __future__ import annotations

from .. import spec as S
from ..indicators import add_stats, derive
from ..lang import NOT_REPORTED, count, num, pct
from . import disclosure
from .disclosure import Cell

L = S.lists
SEXES = tuple(s for s, _ in S.lists.SEX)

# Rows of the 2.0 grids (keys binding, issue 13 decisions). Seeds: the service card, 001 lines 2683–2744
# (IPD/IPR, case manager, monitoring "pół roku po wyjściu z KIS", line 2726); co-decision 001 lines 2476–2486.
PROCESS_ROWS = (
    ("with_plan", "z indywidualnym planem działania lub reintegracji (IPD/IPR)"),
    ("with_case_manager", "z przydzielonym case managerem"),
    ("with_contract", "z kontraktem socjalnym"),
    ("plan_reviewed", "z planem przeglądniętym w okresie"),
    ("co_decided", "współdecydujący o swoim planie"),
)
FOLLOWUP = L.FOLLOWUP          # labels of the workbook's own grid (spec lists), so the report reads like the sheet
BOUNDED_BY_PLAN = L.PROCESS_BOUNDED_BY_PLAN


def v2_count(lsrs) -> int:
    """LSRs that reported the 2.0 items (``lsr.v2`` summed)."""
    return int(sum(u.stats.get("lsr.v2", 0) for u in lsrs))


def lsr_total(lsrs) -> int:
    return int(sum(u.stats.get("lsr.count", 1) for u in lsrs))


def coverage_note(lsrs) -> str:
    """"" when every LSR reported the 2.0 items, "nie raportowano" when none, else "dane z N z M LSR"."""
    n, m = v2_count(lsrs), lsr_total(lsrs)
    if n >= m:
        return ""
    return NOT_REPORTED if not n else f"dane z {n} z {m} LSR"


def coverage_sentence(lsrs, card: bool = False) -> str:
    """The coverage note as a sentence for a section's text ("" when every LSR reported); ``card``: the
    sentence of the LSR card, about its own workbook."""
    n, m = v2_count(lsrs), lsr_total(lsrs)
    if n >= m:
        return ""
    if card:
        return ("Skoroszyt wypełniono w wersji 1.0, która nie zawierała tych pytań; dane oznaczono "
                "„nie raportowano”.")
    if not n:
        return ("Żadna LSR nie wypełniła skoroszytu w wersji 2.0, która zawiera te pytania; dane oznaczono "
                "„nie raportowano”.")
    return (f"Te pytania zawiera dopiero skoroszyt w wersji 2.0: dane z {n} z {m} LSR (pozostałe wypełniły "
            "wcześniejszą wersję skoroszytu); odsetki liczono tylko z danych tych LSR.")


def not_reported_row(*fields: str) -> list[dict]:
    """The one row of a table no LSR of the unit could fill (template 1.0 did not ask it)."""
    return [{"label": "nie raportowano (pytanie dopiero w skoroszycie w wersji 2.0)", **dict.fromkeys(fields, "")}]


def _cell(lsrs, keys, protect: bool) -> Cell:
    parts = [sum(u.stats.get(k, 0) for k in keys) for u in lsrs]
    cell = Cell(sum(parts), parts if len(lsrs) > 1 or protect else None)
    return cell


def _share(cell: Cell, base: Cell) -> str:
    """A share shown only when both counts are shown (a share and a visible count reveal the hidden one)."""
    if cell.mark or base.mark:
        return "X"
    return pct(cell.value / base.value if base.value else None)


def _protect_each(cells: list[Cell], protect: bool) -> None:
    if protect:
        for c in cells:
            disclosure.primary(c)


def improvement_rows(lsrs, prefix: str, row_list, base_col: str, protect: bool) -> list[dict]:
    """Spheres (``spheres``/``diagnosed``) or measures (``measures``/``measured``): base, improved, share.

    One person may be counted in several rows, so the table has no totals row."""
    rows = []
    for key, label in row_list:
        base = _cell(lsrs, (f"{prefix}.{key}.{base_col}",), protect)
        improved = _cell(lsrs, (f"{prefix}.{key}.improved",), protect)
        _protect_each([base, improved], protect)
        if protect and bool(base.mark) != bool(improved.mark) and base.value and improved.value:
            (improved if not improved.mark else base).mark = "X"     # improved ≤ base: one recovers the other
        rows.append({"label": label, "base": base.text(), "improved": improved.text(),
                     "share": _share(improved, base) if base.value else "–"})
    return rows


def sphere_rows(lsrs, protect: bool) -> list[dict]:
    """The five life spheres (002 line 219: support chosen for each sphere of life): diagnosed, improved, share."""
    return improvement_rows(lsrs, "spheres", L.LIFE_SPHERE, "diagnosed", protect)


def measure_rows(lsrs, protect: bool) -> list[dict]:
    """The nine non-employment measures (001 §1.3.12, lines 2883ff.; KIS nr 7): measured, improved, share."""
    return improvement_rows(lsrs, "measures", L.NON_EMPLOYMENT_MEASURE, "measured", protect)


def sex_rows(lsrs, row_list, key_fmt: str, protect: bool, totals: bool = True) -> tuple[list[dict], list[list[Cell]]]:
    """Rows × (women, men, total), with a "Razem" row when ``totals``; protected in published reports."""
    matrix = []
    for key, _ in row_list:
        f = [u.stats.get(key_fmt.format(key, "f"), 0) for u in lsrs]
        m = [u.stats.get(key_fmt.format(key, "m"), 0) for u in lsrs]
        matrix.append([Cell(sum(f), f), Cell(sum(m), m), Cell(sum(f) + sum(m), [a + b for a, b in zip(f, m)])])
    labels = [label for _, label in row_list]
    if totals:
        matrix.append([Cell(sum(r[i].value for r in matrix), [sum(p) for p in zip(*(r[i].parts for r in matrix))])
                       for i in range(3)])
        labels.append("Razem")
    if protect:
        (disclosure.protect_table if totals else disclosure.protect_rows)(matrix)
    return [{"label": lab, "f": r[0].text(), "m": r[1].text(), "total": r[2].text()}
            for lab, r in zip(labels, matrix)], matrix


def outcome_list(lsrs) -> list[tuple[str, str]]:
    """What completers did after leaving (CAS list). Template 2.0 records a transfer to CIS only in the
    flow (one question once); the "cis" row of 1.0 workbooks is shown only when the unit has one."""
    rows = [r for r in L.OUTCOME if r[0] != "cis"]
    if any(not u.stats.get("lsr.v2", 0) for u in lsrs):
        rows.insert(2, ("cis", "centrum integracji społecznej (tylko skoroszyty w wersji 1.0)"))
    return rows


def outcome_rows(lsrs, protect: bool) -> list[dict]:
    return sex_rows(lsrs, outcome_list(lsrs), "outcomes.{}.{}", protect)[0]


def _v2(lsrs):
    return [u for u in lsrs if u.stats.get("lsr.v2", 0)]


def process_rows(lsrs, protect: bool) -> list[dict]:
    """IPD/IPR coverage and the other rows of the individual process (2.0 only), by sex, with the share of
    participants of the LSRs that reported them (``v2.participants``)."""
    mine = _v2(lsrs)
    if not mine:
        return not_reported_row("f", "m", "total", "share")
    rows, matrix = sex_rows(mine, PROCESS_ROWS, "process.{}.{}", protect, totals=False)
    base = _cell(mine, tuple(f"v2.participants.{s}" for s in SEXES), protect)
    _protect_each([base], protect)
    planned = matrix[[k for k, _ in PROCESS_ROWS].index("with_plan")][2]
    for (key, _), row, cells in zip(PROCESS_ROWS, rows, matrix):
        of = planned if key in BOUNDED_BY_PLAN else base        # reviews and co-decision: of the plans
        row["share"] = _share(cells[2], of) if of.value else "–"
    return rows


def followup_rows(lsrs, protect: bool) -> list[dict]:
    """Status six months after leaving the KIS (001 line 2726), 2.0 only; shares of those followed up."""
    mine = _v2(lsrs)
    if not mine:
        return [{"label": lab, "value": NOT_REPORTED, "share": NOT_REPORTED} for _, lab in FOLLOWUP]
    cells = [[_cell(mine, (f"followup.{k}",), protect)] for k, _ in FOLLOWUP]
    if protect:                        # statuses add up to the first row: the totals line of the table
        disclosure.protect_table(cells[1:] + cells[:1])
    total = cells[0][0]
    return [{"label": lab, "value": c[0].text(), "share": _share(c[0], total) if total.value else "–"}
            for (_, lab), c in zip(FOLLOWUP, cells)]


def started_rows(lsrs, protect: bool) -> list[dict]:
    """Participants who started in the period by art. 1 group × sex (CAS item), 2.0 only."""
    mine = _v2(lsrs)
    if not mine:
        return not_reported_row("f", "m", "total")
    return sex_rows(mine, L.ART1_GROUP, "started.{}.{}", protect)[0]


def results_text(lsrs, d: dict, spheres: list[dict]) -> list[str]:
    """What the results tables count, and the headline figures in words. The best sphere is chosen among
    the shares the (protected) table shows: a share of hidden counts would reveal them."""
    shown = {row["label"] for row in spheres if row["share"] not in ("X", "–")}
    best = max(((d.get(f"share.improved.sphere.{k}"), lab) for k, lab in L.LIFE_SPHERE
                if d.get(f"share.improved.sphere.{k}") is not None and lab in shown), default=None)
    measured = sum(1 for k, _ in L.NON_EMPLOYMENT_MEASURE
                   if any(u.stats.get(f"measures.{k}.measured", 0) for u in lsrs))
    out = ["Poprawę w sferach życia liczy się wśród osób, u których zdiagnozowano deficyt w danej sferze "
           "(002, diagnoza w sferach życia), a poprawę w miarach innych niż zatrudnienie – wśród osób objętych "
           "pomiarem (001 §1.3.12, KIS nr 7). Jedna osoba może mieć deficyt w kilku sferach, dlatego wierszy tabel nie sumuje się."]
    measures = (f"Pomiarem objęto {num(measured)} z {len(L.NON_EMPLOYMENT_MEASURE)} miar efektów innych niż "
                "zatrudnienie.")
    if best:
        out.append(f"Największy odsetek osób z poprawą dotyczył sfery {best[1][:-1]}ej ({pct(best[0])}). {measures}")
    elif any(row["base"] not in ("–", "0") for row in spheres):
        out.append("Odsetków poprawy w sferach nie podano, bo ukrywa je zasada ochrony małych liczebności. " + measures)
    else:
        out.append("Nie zgłoszono osób z deficytem zdiagnozowanym w żadnej sferze, więc odsetków poprawy nie "
                   "obliczono. " + measures)
    return out


def process_text(lsrs, protect: bool, card: bool = False) -> list[str]:
    """The individual process in words: coverage of the 2.0 items and the case-manager caseload."""
    mine = _v2(lsrs)
    out = ["Proces indywidualny opisuje karta usługi reintegracyjnej (001 §1.3.9): plan działania lub "
           "reintegracji, case manager prowadzący uczestnika, przegląd planu i monitoring pół roku po wyjściu "
           "z KIS; uczestnik współdecyduje o swoim planie (001 §1.3.6)."]
    note = coverage_sentence(lsrs, card)
    if note:
        out.append(note)
    if mine:
        fte = sum(u.stats.get("v2.staff.fte.case_manager", 0) for u in mine)
        # the derived caseload: participants of the LSRs with case-manager FTE only (indicators/derive.py)
        caseload = derive(add_stats(u.stats for u in mine))["caseload.case_manager"]
        base = _cell(mine, ("v2.participants_with_cm",), protect)
        _protect_each([base], protect)
        if fte and base.mark:          # the caseload times the FTE would give the hidden number of participants
            out.append("Liczby uczestników na etat case managera nie podano, bo ukrywa ją zasada ochrony małych "
                       "liczebności.")
        elif fte:
            posts = count(fte, "etat", "etaty", "etatów", "etatu", decimals=0 if float(fte).is_integer() else 2)
            where = "" if card or len(mine) == len(lsrs) else " w LSR, które podały te dane"
            out.append(f"Na jeden etat case managera przypadało średnio {num(caseload, 1)} uczestnika "
                       f"w okresie ({posts} case managera{where}, w kadrze KIS lub partnera).")
        else:
            out.append(("Skoroszyt nie wykazuje" if card else "LSR, które podały te dane, nie wykazały") +
                       " etatu case managera, więc liczby uczestników na etat nie obliczono.")
    return out
