"""What the KIS annual report asks and a workbook cannot supply ("Czego arkusz nie zawiera").

Three kinds of gap, each stated in Polish with its reason:
- what no version of the workbook asks in the report's terms (persons in reintegration counted
  once and by sex; staff as persons; the KIS's own funding apart from the LSR's);
- the items template 2.0 added for the report (DESIGN §10 "Official KIS reporting"), for a
  workbook of an earlier version: "nie raportowano w arkuszu w wersji 1.0", never 0;
- for a half-year workbook, the whole year; for a 2.0 workbook, an optional item left empty.
"""
from __future__ import annotations

from .. import spec as S
from ..periods import PERIOD_RE
from .model import Gap
from .versions import absent_text, asks, at_least_2, column_spec, form_field, grid_spec

# The report's items that template 2.0 added (issue 13, DESIGN §10), with the spec item that holds each:
# ("form", "key[,key…]"), ("grid", key), ("column", "table.key") or ("funding", source key).
V2_ITEMS = (
    ("Numer KIS w rejestrze prowadzonym przez wojewodę", ("form", "kis_register_no")),
    ("Wolontariusze w okresie według płci (osoby, nie etaty)", ("form", "volunteers_women,volunteers_men")),
    ("Uczestnicy, którzy rozpoczęli udział w okresie, według grupy (art. 1 ust. 2 ustawy) i płci",
     ("grid", "started")),
    ("Usługi wymienione w art. 18 ust. 2 ustawy (prace społecznie użyteczne, roboty publiczne, poradnictwo "
     "prawne, działalność samopomocowa)", ("column", "services.art18")),
    ("Finansowanie z gminnego programu profilaktyki i rozwiązywania problemów alkoholowych",
     ("funding", "alcohol_program")),
    ("Finansowanie z PFRON", ("funding", "pfron")),
)


def _always() -> list[Gap]:
    services, staff, funding = (S.table(k).name for k in ("services", "staff", "funding"))
    return [
        Gap("Liczba osób objętych reintegracją społeczną i zawodową (każda osoba liczona raz) oraz ich podział "
            "według płci",
            f"Arkusz „{services}” podaje uczestników każdej usługi osobno i bez podziału na płeć; osoba "
            "korzystająca z kilku usług jest liczona przy każdej z nich (tabela 10)."),
        Gap("Liczba osób zatrudnionych w KIS",
            f"Arkusz „{staff}” podaje wymiar etatów według ról, nie liczbę osób (tabele 3 i 4)."),
        Gap("Finansowanie samego KIS, bez innych działań LSR",
            f"Arkusz „{funding}” podaje finansowanie KIS i LSR łącznie (tabela 2)."),
    ]


def _has_item(data, version: str, where: tuple[str, str]) -> tuple[bool, bool]:
    """(the workbook's version asks the item, the item is filled in)."""
    kind, key = where
    if kind == "form":
        keys = key.split(",")
        return (all(asks(version, form_field(k)) for k in keys),
                all(data.form.get(k) not in (None, "") for k in keys))
    if kind == "grid":
        return asks(version, grid_spec(key)), True
    if kind == "column":
        table, column = key.split(".")
        return asks(version, column_spec(table, column)), True
    return at_least_2(version), True


def gaps_of(data, version: str) -> list[Gap]:
    """Every item of the annual report this workbook cannot supply, with the reason."""
    gaps = _always()
    m = PERIOD_RE.match(data.form.get("period") or "")
    if m and m.group(2):
        gaps.append(Gap(f"Dane za cały rok {m.group(1)}",
                        "Arkusz dotyczy półrocza; sprawozdanie roczne wymaga arkusza LSR za cały rok (liczb osób "
                        "z dwóch półroczy nie można dodać: ta sama osoba mogła uczestniczyć w obu)."))
    for item, where in V2_ITEMS:
        asked, filled = _has_item(data, version, where)
        if not asked:
            gaps.append(Gap(item, f"{absent_text(version).capitalize()} (pytanie dodano w wersji 2.0 wzoru "
                                  "arkusza); uzupełnij z dokumentacji KIS."))
        elif not filled:
            gaps.append(Gap(item, "Pole puste w arkuszu; uzupełnij z dokumentacji KIS."))
    return gaps
