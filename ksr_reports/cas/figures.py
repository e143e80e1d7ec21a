"""The figures of the KIS annual report, computed from the typed data of one examined LSR workbook.

What the annual report and the CAS set "dane o klubach integracji społecznej" ask (DESIGN §2, §10):
funding by source, staff, volunteers by sex, participants who started by sex and art. 1 group,
completers by sex and by what they did after leaving, participants in social and vocational
reintegration by service category; the report goes to the wojewoda by 31 March (art. 18a ust. 6 of
the ustawa o zatrudnieniu socjalnym). Each figure is laid out by the workbook's own Polish
categories (``spec.lists``); no official form number or field code is invented.

An item a workbook's template version did not ask (``since`` in the spec; ``V2_FUNDING`` for list entries) is the
text "nie raportowano w arkuszu w wersji 1.0", never 0, and is listed among the gaps (``gaps.py``).
"""
from __future__ import annotations

import datetime as dt

from .. import lang, spec as S
from ..indicators.stats import kis_post
from ..periods import PERIOD_RE
from .gaps import gaps_of
from .model import CasFigures, Facts, Row, Table
from .versions import absent_text, asks, at_least_2, column_spec, form_field, grid_spec

L = S.lists
SEX_HEADERS = tuple(label for _, label in L.SEX) + ("Razem",)
FTE_HEADERS = ("Kadra własna KIS (etaty)", "Pozostała kadra (etaty)", "Razem (etaty)")
SERVICE_HEADERS = ("Liczba usług", "Uczestnicy usług", "Godziny usług")
# Sources added in template 2.0 (issue 13, /tmp brief v2: "FUNDING_SOURCE gets alcohol_program and pfron")
V2_FUNDING = S.lists.FUNDING_SOURCES_SINCE_2
# The vocational side of the services; every other area builds the social side, which the model puts first
# (001 lines 1636–1641: social reintegration is the base of vocational activation; 002 lines 813–817).
VOCATIONAL_AREAS = ("vocational_reintegration",)
# "cis" was an outcome of template 1.0 only (2.0 records the transfer in the flow, issue 13 "one question once")
OUTCOME_LABELS = dict(L.OUTCOME) | {"cis": "centrum integracji społecznej"}


def _exact(values) -> int | float:
    """Sum of counts (int) or of two-place decimals (summed in hundredths, so exact)."""
    values = [v or 0 for v in values]
    if all(isinstance(v, int) for v in values):
        return sum(values)
    return sum(round(v * 100) for v in values) / 100


def _label(choices, key) -> str:
    return dict(choices).get(key, key or lang.DASH)


# ---------------------------------------------------------------- identification

def deadline(period: str) -> str:
    """When the annual report is due, in words; for a half-year, that the annual report needs the year."""
    m = PERIOD_RE.match(period or "")
    if not m:
        return lang.DASH
    year = int(m.group(1))
    due = f"{lang.date(dt.date(year + 1, 3, 31))} r."
    if m.group(2):
        return (f"Sprawozdanie roczne obejmuje cały rok {year}, a ten arkusz – tylko dane zebrane "
                f"{lang.period_in(period)} Do sprawozdania rocznego (termin: {due}) użyj arkusza LSR za cały "
                f"rok {year}.")
    return f"{due} – sprawozdanie roczne KIS dla wojewody (art. 18a ust. 6 ustawy o zatrudnieniu socjalnym)"


def _contact(form: dict) -> str:
    parts = [form.get("coordinator"), form.get("email"), form.get("phone")]
    return ", ".join(str(p) for p in parts if p) or lang.DASH


def _filled(filled_on) -> str:
    """When the workbook was filled in; said so when the form leaves the date empty (never "wypełniony – r.")."""
    return f"wypełniony {lang.date(filled_on)} r." if filled_on else "data wypełnienia nie podana"


def identification(data, version: str, file_name: str) -> Facts:
    form = data.form
    reg = form_field("kis_register_no")
    if not asks(version, reg):
        register = absent_text(version)
    else:
        register = form.get("kis_register_no") or "nie podano w arkuszu"
    source = f"arkusz LSR „{file_name}”, {_filled(form.get('filled_on'))}, wzór arkusza w wersji {version}"
    items = (
        ("Nazwa klubu integracji społecznej", form.get("kis_name") or lang.DASH),
        ("Numer KIS w rejestrze prowadzonym przez wojewodę", str(register)),
        ("Forma organizacyjna KIS", _label(L.KIS_ANCHORING, form.get("kis_anchoring"))),
        ("Lokalna Sieć na rzecz Reintegracji", form.get("lsr_name") or lang.DASH),
        ("Gmina", form.get("gmina") or lang.DASH),
        ("Powiat", form.get("powiat") or lang.DASH),
        ("Województwo", _label(L.VOIVODESHIPS, form.get("voivodeship"))),
        ("Kod TERYT gminy", form.get("teryt") or lang.DASH),
        ("Okres sprawozdawczy", lang.period(form.get("period"))),
        ("Termin sprawozdania rocznego", deadline(form.get("period"))),
        ("Osoba do kontaktu (koordynator LSR)", _contact(form)),
        ("Źródło danych", source),
    )
    return Facts("1. Dane identyfikacyjne", items)


# ---------------------------------------------------------------- funding and staff

def funding(data, version: str) -> Table:
    rows = data.tables["funding"]
    by_source = {k: _exact(r.get("amount") for r in rows if r.get("source") == k) for k, _ in L.FUNDING_SOURCE}
    out = []
    for key, label in L.FUNDING_SOURCE:
        reported = key not in V2_FUNDING or at_least_2(version)
        out.append(Row(label, (by_source[key] if reported else absent_text(version),)))
    total = _exact(r.get("amount") for r in rows)
    limited = _exact(r.get("amount") for r in rows if r.get("time_limited") == "yes")
    out += [Row("Razem", (total,), "total"), Row("w tym środki projektów ograniczonych w czasie", (limited,), "sub")]
    note = (f"Kwoty w złotych z arkusza „{S.table('funding').name}” (finansowanie KIS i LSR łącznie), "
            "według źródła.")
    if not at_least_2(version):
        note += (" Arkusz w tej wersji nie miał osobnych pozycji dla gminnego programu profilaktyki i PFRON: "
                 "kwoty z tych źródeł mogą być ujęte w pozycji „inne”.")
    return Table("2. Finansowanie w okresie według źródła", ("Źródło finansowania", "Kwota (zł)"),
                 tuple(out), ("dec",), note)


def _own_other(rows: list[dict]) -> tuple:
    """FTE of the KIS's own staff, of the rest (partners, volunteers) and in total. "Own" is ``kis_post``, the
    reading of the rules CASE_MANAGER and TRIADA: staff delegated from the OPS count as the KIS's own
    ("przesunięcia kadrowe (np. z OPS)", 001 l. 7011–7016), so the sheet and the rules never disagree."""
    own = _exact(r.get("fte") for r in rows if kis_post(r))
    other = _exact(r.get("fte") for r in rows if not kis_post(r))
    return own, other, _exact([own, other])


def _fte_rows(staff: list[dict], key: str, choices) -> tuple[Row, ...]:
    rows = [Row(label, _own_other([r for r in staff if r.get(key) == k])) for k, label in choices]
    rows.append(Row("Razem", _own_other(staff), "total"))
    return tuple(rows)


def staff(data) -> list[Table]:
    rows = data.tables["staff"]
    note = ("Wymiar etatów z arkusza „{}”. Kadra własna KIS obejmuje osoby zatrudnione przez KIS i osoby "
            "oddelegowane z OPS (przesunięcia kadrowe do KIS), także gdy w arkuszu nie zaznaczono ich jako "
            "kadry własnej. Pozostała kadra to kadra partnerów i wolontariusze.".format(S.table("staff").name))
    return [Table("3. Kadra według roli", ("Rola",) + FTE_HEADERS, _fte_rows(rows, "role", L.STAFF_ROLE),
                  ("dec",) * 3, note),
            Table("4. Kadra według formy zatrudnienia", ("Forma zatrudnienia",) + FTE_HEADERS,
                  _fte_rows(rows, "contract", L.CONTRACT_TYPE), ("dec",) * 3)]


def volunteers(data, version: str) -> Table:
    keys = ("volunteers_women", "volunteers_men")
    if not all(asks(version, form_field(k)) for k in keys):
        values = (absent_text(version),) * 3
        note = "Wolontariat wykazany w kadrze jako etaty pokazuje tabela 4 (forma zatrudnienia: wolontariat)."
    elif any(data.form.get(k) is None for k in keys):
        values = ("nie podano w arkuszu",) * 3
        note = ""
    else:
        f, m = (int(data.form[k]) for k in keys)
        values, note = (f, m, f + m), ""
    return Table("5. Wolontariusze w okresie (osoby)", ("Wolontariusze",) + SEX_HEADERS,
                 (Row("Osoby działające jako wolontariusze w KIS lub LSR", values),), ("int",) * 3, note)


# ---------------------------------------------------------------- participants

def _by_sex(grid: dict, row: str) -> tuple[int, int, int]:
    f, m = (grid.get((row, s), 0) for s, _ in L.SEX)
    return f, m, f + m


def _sum_rows(rows) -> tuple[int, ...]:
    return tuple(sum(col) for col in zip(*rows)) if rows else (0, 0, 0)


def started(data, version: str) -> Table:
    flow = data.grids["flow"]
    entered = _by_sex(flow, "entered")
    title = "6. Uczestnicy, którzy rozpoczęli udział w okresie, według grupy i płci"
    headers = ("Grupa (art. 1 ust. 2 ustawy)",) + SEX_HEADERS
    if asks(version, grid_spec("started")):
        grid = data.grids.get("started", {})
        rows = [Row(label, _by_sex(grid, k)) for k, label in L.ART1_GROUP]
        note = "Jedna główna grupa na osobę; razem równe liczbie przyjętych w okresie."
    else:
        rows = [Row(label, (absent_text(version),) * 3) for _, label in L.ART1_GROUP]
        note = ("Arkusz w tej wersji nie pytał o grupę osób przyjętych w okresie; liczby przyjętych według płci "
                "pochodzą z tabeli przepływu uczestników.")
    rows.append(Row("Razem – przyjęci w okresie", entered, "total"))
    return Table(title, headers, tuple(rows), ("int",) * 3, note)


def in_period(data) -> Table:
    grid = data.grids["groups"]
    rows = [Row(label, _by_sex(grid, k)) for k, label in L.ART1_GROUP]
    rows.append(Row("Razem", _sum_rows([r.values for r in rows]), "total"))
    return Table("7. Uczestnicy w okresie według grupy i płci", ("Grupa (art. 1 ust. 2 ustawy)",) + SEX_HEADERS,
                 tuple(rows), ("int",) * 3,
                 "Osoby uczestniczące w okresie: na początek okresu i przyjęte w okresie.")


def ended(data) -> Table:
    flow = data.grids["flow"]
    labels = dict(L.FLOW_STAGE)
    rows = [Row(labels[k], _by_sex(flow, k)) for k in ("completed", "dropped", "to_cis")]
    rows.append(Row("Razem zakończyli udział", _sum_rows([r.values for r in rows]), "total"))
    return Table("8. Osoby, które zakończyły udział w okresie, według płci", ("Zakończenie udziału",) + SEX_HEADERS,
                 tuple(rows), ("int",) * 3)


def outcomes(data, version: str) -> Table:
    grid = data.grids["outcomes"]
    keys = list(dict.fromkeys(k for k, _ in grid))       # the rows of the workbook's own version, in order
    rows = [Row(OUTCOME_LABELS.get(k, k), _by_sex(grid, k)) for k in keys]
    completed = _by_sex(data.grids["flow"], "completed")
    rest = tuple(c - s for c, s in zip(completed, _sum_rows([r.values for r in rows])))
    if any(rest):
        rows.append(Row("sytuacja niewykazana w arkuszu", rest))
    rows.append(Row("Razem – ukończyli udział", completed, "total"))
    if "cis" in keys:
        note = ("W arkuszu w tej wersji przejście do CIS wykazywano także w przepływie uczestników (tabela 8): "
                "sprawdź, czy nie są to te same osoby.")
    else:
        note = "Przejście do centrum integracji społecznej wykazuje tabela 8 (przeszli do CIS)."
    return Table("9. Osoby, które ukończyły udział, według sytuacji po zakończeniu udziału i płci",
                 ("Sytuacja po zakończeniu udziału",) + SEX_HEADERS, tuple(rows), ("int",) * 3, note)


# ---------------------------------------------------------------- services

def _service_sums(rows: list[dict]) -> tuple:
    return (len(rows), _exact(r.get("participants") for r in rows), _exact(r.get("hours") for r in rows))


def services(data) -> Table:
    rows = data.tables["services"]
    by_area = {k: [r for r in rows if r.get("area") == k] for k, _ in L.SERVICE_AREA}
    social = [(k, label) for k, label in L.SERVICE_AREA if k not in VOCATIONAL_AREAS]
    out = [Row("Reintegracja społeczna", _service_sums([r for k, _ in social for r in by_area[k]]), "group")]
    out += [Row(label, _service_sums(by_area[k]), "sub") for k, label in social]
    vocational = [(k, label) for k, label in L.SERVICE_AREA if k in VOCATIONAL_AREAS]
    out.append(Row("Reintegracja zawodowa", _service_sums([r for k, _ in vocational for r in by_area[k]]), "group"))
    out.append(Row("Razem", _service_sums(rows), "total"))
    note = ("Z arkusza „{}”: usługi według obszaru. Reintegracja zawodowa to obszar „reintegracja zawodowa”, "
            "pozostałe obszary składają się na reintegrację społeczną. Uczestnicy usług to suma uczestników "
            "poszczególnych usług: osoba korzystająca z kilku usług jest liczona przy każdej z nich."
            ).format(S.table("services").name)
    return Table("10. Usługi reintegracji społecznej i zawodowej według obszaru", ("Obszar usług",) + SERVICE_HEADERS,
                 tuple(out), ("int", "int", "dec"), note)


def art18(data, version: str) -> Table:
    """The services art. 18 ust. 2 of the act names for a KIS (001 lines 1920–1933 quote the catalogue:
    prace społecznie użyteczne, roboty publiczne, poradnictwo prawne, działalność samopomocowa)."""
    title = "11. Usługi wymienione w art. 18 ust. 2 ustawy o zatrudnieniu socjalnym"
    kinds = [(k, label) for k, label in L.ART18_SERVICE if k != "none"]
    if asks(version, column_spec("services", "art18")):
        rows = data.tables["services"]
        out = [Row(label, _service_sums([r for r in rows if r.get("art18") == k])) for k, label in kinds]
        out.append(Row("Razem", _service_sums([r for r in rows if r.get("art18") in dict(kinds)]), "total"))
        note = "Usługi, które w arkuszu oznaczono jako jedną z form z art. 18 ust. 2 ustawy."
    else:
        out = [Row(label, (absent_text(version),) * 3) for _, label in kinds]
        note = ""
    return Table(title, ("Forma usługi",) + SERVICE_HEADERS, tuple(out), ("int", "int", "dec"), note)


def hours(data) -> Table:
    grid = data.grids["hours"]
    rows = tuple(Row(label, (grid.get((k, "hours"), 0),), "sub" if k == "social" else "item") for k, label in L.HOURS)
    return Table("12. Godziny udziału uczestników w okresie", ("Czas udziału", "Liczba godzin"), rows, ("dec",))


# ---------------------------------------------------------------- all together

def build_cas(data, version: str, *, file_name: str = "", warnings: int = 0) -> CasFigures:
    """The figures of the annual report from typed ``LsrData`` of a workbook without errors.

    ``version``: the template version of the workbook (what it asked); ``file_name``: shown as the
    source; ``warnings``: the number of validation warnings (the output asks to check them)."""
    figures = CasFigures(kis_name=data.form.get("kis_name") or "", period=data.form.get("period") or "",
                         version=version, warnings=warnings, filled_on=data.form.get("filled_on"),
                         explained=min(warnings, data.explained_warnings))
    figures.sections = [identification(data, version, file_name), funding(data, version), *staff(data),
                        volunteers(data, version), started(data, version), in_period(data), ended(data),
                        outcomes(data, version), services(data), art18(data, version), hours(data)]
    figures.gaps = gaps_of(data, version)
    return figures
