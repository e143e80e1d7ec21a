"""Data dictionary of the LSR workbook (Markdown), generated from the specification.

``python -m ksr_reports.spec.dictionary > docs/data-dictionary.md``; a test keeps the
committed file current.
"""
from __future__ import annotations

from . import workbook as W

TYPE_NAMES = {
    "text": "tekst", "int": "liczba całkowita ≥ 0", "decimal": "liczba ≥ 0 (przecinek dozwolony)",
    "date": "data RRRR-MM-DD", "yesno": "TAK/NIE", "choice": "lista zamknięta", "ref": "identyfikator interesariusza",
    "ref_list": "identyfikatory interesariuszy (oddzielone średnikiem)", "teryt": "kod TERYT gminy (7 cyfr)",
    "period": "okres (RRRR, RRRR-H1, RRRR-H2)", "email": "adres e-mail", "phone": "telefon", "id": "identyfikator (nadany)",
}


def _esc(text: str) -> str:
    return text.replace("|", "\\|")


def _columns(cols, where) -> list[str]:
    out = ["| komórka | klucz | etykieta | typ | wymagane | od wersji | lista wartości | objaśnienie |",
           "|---|---|---|---|---|---|---|---|"]
    for i, c in enumerate(cols):
        values = "; ".join(c.values) if c.choices else ""
        out.append(f"| {where(i, c)} | `{c.key}` | {_esc(c.label)} | {TYPE_NAMES[c.type]} | {'tak' if c.required else ''} | "
                   f"{c.since} | {_esc(values)} | {_esc(c.help)} |")
    return out


def render() -> str:
    """The whole data dictionary as Markdown."""
    lines = [f"# Data dictionary of the LSR workbook ({W.TEMPLATE_ID} {W.TEMPLATE_VERSION})", "",
             "Generated from `ksr_reports/spec/` by `python -m ksr_reports.spec.dictionary`; do not edit by hand.",
             "User-facing labels are Polish, keys are what the code uses.", ""]
    lines += [f"Sheets in order: {', '.join(W.ALL_SHEET_NAMES)} (the last two are hidden).", ""]
    lines += [f"Supported template versions: {', '.join(W.SUPPORTED_VERSIONS)}. Cells below are those of "
              f"{W.TEMPLATE_VERSION}; a file of an older version is read with that version's own layout "
              "(`spec.layout(version)`): it lacks the items marked with a later version in „od wersji”, so its form "
              "rows and count tables sit higher up. Version 2.0 dropped the completers' outcome „centrum integracji "
              "społecznej” (the transfer to CIS is asked once, in the flow); 1.0 files keep that row and it is still read.",
              "", "| version | sheets | form fields | count tables |", "|---|---|---|---|"]
    for v in W.SUPPORTED_VERSIONS:
        lay = W.layout(v)
        lines.append(f"| {v} | {len(lay.input_sheets)} | {len(lay.form.fields)} | "
                     f"{', '.join(g.key + ' (' + str(g.top) + ')' for g in lay.participants.grids)} |")
    lines.append("")
    form = W.FORM
    lines += [f"## {form.name} — {form.title}", "", form.help, ""]
    lines += _columns(form.fields, lambda i, c: form.cell_of(c.key))
    for t in W.TABLES:
        lines += ["", f"## {t.name} — {t.title}" + (f" (od wersji {t.since})" if t.since != "1.0" else ""), "", t.help, "",
                  f"Header row {W.TABLE_HEADER_ROW}, data rows {W.TABLE_FIRST_DATA_ROW}–{t.last_data_row} "
                  f"({t.capacity} rows){', ids ' + t.prefilled_id(1) + '… prefilled' if t.id_prefix else ''}"
                  f"{', at least ' + str(t.min_rows) + ' filled row(s) required' if t.min_rows else ''}.", ""]
        lines += _columns(t.columns, lambda i, c: f"{W.col_letter(i)}{W.TABLE_FIRST_DATA_ROW}:{W.col_letter(i)}{t.last_data_row}")
    gs = W.PARTICIPANTS
    lines += ["", f"## {gs.name} — {gs.title}", "", gs.help, "", "All cells: whole numbers ≥ 0 (empty = 0).", ""]
    for g in gs.grids:
        lines += [f"### {g.title} (`{g.key}`, od wersji {g.since})", "", g.help, "",
                  "| wiersz | klucz | " + " | ".join(f"{lab} (`{k}`)" for k, lab in g.columns) + " |",
                  "|---|---|" + "---|" * len(g.columns)]
        for rk, rl in g.rows:
            lines.append(f"| {_esc(rl)} | `{rk}` | " + " | ".join(g.cell_of(rk, ck) for ck, _ in g.columns) + " |")
        lines.append("")
    lines += ["## Balances", "", "| kod | reguła | od wersji |", "|---|---|---|"]
    lines += [f"| `{k}` | {_esc(v)} | {W.BALANCE_SINCE.get(k, '1.0')} |" for k, v in W.BALANCES]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(), end="")
