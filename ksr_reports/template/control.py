"""The "Kontrola" sheet: live formulas that show balances and missing sections while the coordinator types.

The validator never relies on these formulas (it recomputes everything); they only make
problems visible in Excel/LibreOffice before the file is sent.
"""
from __future__ import annotations

import re

from .. import spec as S
from .printing import REGULAR, print_setup, row_height

WIDTHS = (72, 12, 12, 12)    # description, value, expected, status: a portrait A4 page

P = f"'{S.PARTICIPANTS.name}'!"
_SUM = re.compile(r"SUM\(" + re.escape(P) + r"([A-Z]+)(\d+):([A-Z]+)(\d+)\)")
_REF = re.compile(re.escape(P) + r"([A-Z]+\d+)")


def _grid_values(data: dict) -> dict[str, int]:
    """A1 reference -> filled count, for the cached results of the formulas."""
    out = {}
    for g in S.PARTICIPANTS.grids:
        for (rk, ck), v in data.get("grids", {}).get(g.key, {}).items():
            numeric = isinstance(v, (int, float)) and not isinstance(v, bool)
            out[g.cell_of(rk, ck)] = v if numeric else 0   # text in a count cell counts as 0 in Excel
    return out


def _cached(formula: str, values: dict[str, float]) -> float:
    """Value of one of our own generated formulas (sums and +/- of count cells) for the given data."""
    def total(m):
        col, first, last = m.group(1), int(m.group(2)), int(m.group(4))
        return str(sum(values.get(f"{col}{r}", 0) for r in range(first, last + 1)))
    expr = _SUM.sub(total, formula)
    expr = _REF.sub(lambda m: str(values.get(m.group(1), 0)), expr)
    terms = re.findall(r"[+-]?-?\d+(?:\.\d+)?(?:e[+-]?\d+)?", expr.replace(" ", ""))
    if "".join(terms) != expr.replace(" ", ""):
        raise ValueError(f"unexpected control formula: {formula} -> {expr}")
    total = sum(float(t) for t in terms)
    return int(total) if total.is_integer() else total


def _g(grid: str, row: str, col: str) -> str:
    return P + S.grid(grid).cell_of(row, col)


def _sum_col(grid: str, col: str, first: str | None = None) -> str:
    """SUM of a grid column, from row ``first`` (default: the first row) to the last row."""
    g = S.grid(grid)
    first, last = first or g.rows[0][0], g.rows[-1][0]
    return f"SUM({P}{g.cell_of(first, col)}:{g.cell_of(last, col)})"


def _v2_checks() -> list[tuple[str, str, str, str]]:
    """The live checks of the 2.0 grids (spec ``BALANCE_SINCE``): started, individual process, follow-up."""
    out = []
    L = S.lists
    for sex, sex_label in L.SEX:
        sl = sex_label.lower()
        people = f"{_g('flow', 'start', sex)}+{_g('flow', 'entered', sex)}"
        out.append((f"Rozpoczęli udział według grup ({sl}) = przyjęci w okresie",
                    _sum_col("started", sex), _g("flow", "entered", sex), "="))
        for key, label in L.PROCESS:
            out.append((f"Proces ({sl}): {label} ≤ uczestnicy w okresie", _g("process", key, sex), people, "<="))
        for key in L.PROCESS_BOUNDED_BY_PLAN:
            label = dict(L.PROCESS)[key]
            out.append((f"Proces ({sl}): {label} ≤ osoby z planem", _g("process", key, sex),
                        _g("process", "with_plan", sex), "<="))
    out.append(("Pół roku po wyjściu: suma sytuacji = osoby, z którymi się skontaktowano",
                _sum_col("followup", "persons", L.FOLLOWUP_STATUSES[0]), _g("followup", "followed_up", "persons"), "="))
    return out


def _balance_checks() -> list[tuple[str, str, str, str]]:
    """(description, left formula, right formula, comparison) for each balance of the spec."""
    out = []
    for sex, sex_label in S.lists.SEX:
        f = lambda stage: _g("flow", stage, sex)  # noqa: E731
        out.append((f"Bilans przepływu ({sex_label.lower()}): początek + przyjęci − ukończyli − przerwali − do CIS = koniec",
                    f"{f('start')}+{f('entered')}-{f('completed')}-{f('dropped')}-{f('to_cis')}", f("end"), "="))
        out.append((f"Suma grup art. 1 ({sex_label.lower()}) = na początek + przyjęci",
                    _sum_col("groups", sex), f"{f('start')}+{f('entered')}", "="))
        out.append((f"Sytuacja po zakończeniu ({sex_label.lower()}) ≤ ukończyli",
                    _sum_col("outcomes", sex), f("completed"), "<="))
    entered = "+".join(_g("flow", "entered", s) for s, _ in S.lists.SEX)
    left_flow = "+".join(f"{_g('flow', st, s)}" for st in ("completed", "dropped", "to_cis") for s, _ in S.lists.SEX)
    out.append(("Suma źródeł skierowania = przyjęci w okresie", _sum_col("referrals", "persons"), entered, "="))
    out.append(("Suma przedziałów czasu udziału = ukończyli + przerwali + do CIS",
                _sum_col("duration", "persons"), left_flow, "="))
    for key, label in S.lists.LIFE_SPHERE:
        out.append((f"Sfera {label}: poprawa ≤ diagnoza",
                    _g("spheres", key, "improved"), _g("spheres", key, "diagnosed"), "<="))
    for key, label in S.lists.NON_EMPLOYMENT_MEASURE:
        out.append((f"Miara „{label}”: poprawa ≤ objęci pomiarem",
                    _g("measures", key, "improved"), _g("measures", key, "measured"), "<="))
    out.append(("Godziny reintegracji społecznej ≤ łączna liczba godzin",
                _g("hours", "social", "hours"), _g("hours", "total", "hours"), "<="))
    return out + _v2_checks()


def write_control_sheet(wb, fmt, data: dict | None = None) -> None:
    """Write the "Kontrola" sheet; with ``data`` (filled samples) the cached results match the data."""
    data = data or {}
    values = _grid_values(data)
    ws = wb.add_worksheet(S.CONTROL_SHEET)
    ws.write_string(0, 0, "Kontrola wypełnienia (aktualizuje się podczas wpisywania)", fmt.title)
    ws.merge_range(1, 0, 1, 3, "Wiersze ze statusem innym niż OK wskazują, co poprawić przed wysłaniem. "
                   "Po otrzymaniu pliku ROPS sprawdza go jeszcze raz, w całości.", fmt.help)
    ws.set_row(1, 32)
    for c, width in enumerate(WIDTHS):
        ws.set_column(c, c, width)
    for c, text in enumerate(("Sprawdzenie", "Wartość", "Powinno być", "Status")):
        ws.write_string(3, c, text, fmt.header)
    ok = wb.add_format({"bg_color": "#C6EFCE", "font_color": "#006100", "border": 1})
    bad = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006", "border": 1, "bold": True})
    r = 4
    for desc, left, right, op in _balance_checks():
        ws.write_string(r, 0, desc, fmt.label)
        ws.set_row(r, row_height([(desc, WIDTHS[0] * REGULAR)]))
        lv, rv = _cached(left, values), _cached(right, values)
        ws.write_formula(r, 1, f"={left}", fmt.label, lv)
        ws.write_formula(r, 2, f"={right}", fmt.label, rv)
        cond = f"B{r + 1}=C{r + 1}" if op == "=" else f"B{r + 1}<=C{r + 1}"
        good = lv == rv if op == "=" else lv <= rv
        ws.write_formula(r, 3, f'=IF({cond},"OK","POPRAW")', fmt.label, "OK" if good else "POPRAW")
        r += 1
    r += 1
    ws.write_string(r, 0, "Obowiązkowe pola i sekcje", fmt.header)
    r += 1
    form = S.FORM
    for f in form.fields:
        if not f.required:
            continue
        ref = f"'{form.name}'!{form.cell_of(f.key)}"
        ws.write_string(r, 0, f"{form.name}: {f.label}", fmt.label)
        filled = data.get("form", {}).get(f.key) not in (None, "")
        ws.write_formula(r, 3, f'=IF(LEN({ref})=0,"BRAK","OK")', fmt.label, "OK" if filled else "BRAK")
        r += 1
    for t in S.TABLES:
        if not t.min_rows:
            continue
        key_col = 1 if t.id_prefix else 0
        col = S.col_letter(key_col)
        rng = f"'{t.name}'!{col}{S.TABLE_FIRST_DATA_ROW}:{col}{t.last_data_row}"
        ws.write_string(r, 0, f"{t.name}: wypełnione wiersze (co najmniej {t.min_rows})", fmt.label)
        key = t.columns[key_col].key
        count = sum(1 for row in data.get("tables", {}).get(t.key, []) if row.get(key) not in (None, ""))
        ws.write_formula(r, 1, f"=COUNTA({rng})", fmt.label, count)
        ws.write_number(r, 2, t.min_rows, fmt.label)
        ws.write_formula(r, 3, f'=IF(B{r + 1}>=C{r + 1},"OK","BRAK")', fmt.label, "OK" if count >= t.min_rows else "BRAK")
        r += 1
    ws.conditional_format(4, 3, r - 1, 3, {"type": "cell", "criteria": "==", "value": '"OK"', "format": ok})
    ws.conditional_format(4, 3, r - 1, 3, {"type": "cell", "criteria": "!=", "value": '"OK"', "format": bad})
    ws.freeze_panes(4, 0)
    ws.protect("", {"format_columns": True})
    print_setup(ws, (3, 3), r, 3, sum(WIDTHS))
