"""Excel data-validation dictionaries (dropdowns, number/date rules, Polish messages) per column type."""
from __future__ import annotations

import datetime as dt

from .. import spec as S


def _clip(text: str, n: int) -> str:
    """``text`` shortened to ``n`` characters at a word boundary (Excel limits prompt titles to 32)."""
    if len(text) <= n:
        return text
    cut = text[: n - 1].rsplit(" ", 1)[0].rstrip(" ,;–(")
    return cut + "…"


def validation_for(col: S.Column, first_cell: str, period_list: str | None = None) -> dict | None:
    """The xlsxwriter data_validation options for one input column (None when free text is fine)."""
    msg = {"input_title": _clip(col.label, 32), "input_message": _clip(col.help, 255), "error_type": "stop"}
    t = col.type
    if t in ("choice", "yesno"):
        return {**msg, "validate": "list", "source": "=" + S.list_name(col.choices),
                "error_title": "Wartość spoza listy",
                "error_message": "Wybierz wartość z listy rozwijanej (kliknij strzałkę obok komórki)."}
    if t == "ref":
        ids = S.STAKEHOLDERS
        rng = f"=Interesariusze!$A${S.TABLE_FIRST_DATA_ROW}:$A${ids.last_data_row}"
        return {**msg, "validate": "list", "source": rng, "ignore_blank": True,
                "error_title": "Nieznany identyfikator",
                "error_message": "Wybierz identyfikator interesariusza (I01, I02…) z arkusza Interesariusze."}
    if t == "int":
        return {**msg, "validate": "integer", "criteria": ">=", "value": 0, "error_title": "Niepoprawna liczba",
                "error_message": "Wpisz liczbę całkowitą większą lub równą 0, bez tekstu (np. 0, 5, 12)."}
    if t == "decimal":
        return {**msg, "validate": "decimal", "criteria": ">=", "value": 0, "error_title": "Niepoprawna liczba",
                "error_message": "Wpisz liczbę większą lub równą 0 (np. 0,5 albo 12000), bez tekstu i jednostek."}
    if t == "date":
        return {**msg, "validate": "date", "criteria": "between", "minimum": dt.date(2000, 1, 1),
                "maximum": dt.date(2100, 12, 31), "error_title": "Niepoprawna data",
                "error_message": "Wpisz datę w formacie RRRR-MM-DD, np. 2025-03-31."}
    if t == "teryt":
        return {**msg, "validate": "length", "criteria": "==", "value": 7, "error_title": "Niepoprawny kod TERYT",
                "error_message": "Kod TERYT gminy ma 7 cyfr, np. 0404011 (wpisz jako tekst, z zerem na początku)."}
    if t == "period" and period_list:
        return {**msg, "validate": "list", "source": "=" + period_list, "error_title": "Niepoprawny okres",
                "error_message": "Wybierz okres z listy: rok (2025) albo półrocze (2025-H1, 2025-H2)."}
    if t == "email":
        return {**msg, "validate": "custom", "value": f'=ISNUMBER(FIND("@",{first_cell}))',
                "error_title": "Niepoprawny e-mail", "error_message": "Adres e-mail musi zawierać znak @."}
    return {**msg, "validate": "length", "criteria": "<=", "value": 1000, "error_type": "warning",
            "error_title": "Za długi tekst", "error_message": "Tekst nie może być dłuższy niż 1000 znaków."}
