"""Barriers, support requested from the RSR/KSR, good practices and explanations of warnings in the reports.

Counts come from the statistics (every level); the texts themselves (``Unit.texts``, see
``rollup/texts.py``) are quoted in the regional report and the LSR card only, shortened, and escaped
by docxtpl (autoescape). Barriers: 001 §1.3.13 (lines 2903ff.), "Bariery i potrzeby" sheet; good
practices: 001 line 3249 (resources "w tym dobrych praktyk"); explanations: the "Wyjaśnienia" sheet of
template 2.0 (DESIGN §10).
"""
from __future__ import annotations

from .. import spec as S
# Barriers that keep participants from attending (001 §1.3.13; rules v2, BARIERY), the others are the
# institutions' own problems: both shown, the participation ones marked
from ..indicators.stats import PARTICIPATION_BARRIERS as PARTICIPATION
from ..lang import count, num, pct, plural
from .sections import cut, short_name

L = S.lists
CATEGORY = dict(L.BARRIER_CATEGORY)
SHEETS = dict(L.INPUT_SHEET)       # sheet key → the name the coordinator sees
QUOTE = 300            # characters of one quoted text in a table cell


def barrier_rows(st: dict) -> list[dict]:
    total = st.get("barriers", 0)
    rows = [{"label": label + (" (bariera uczestnictwa)" if k in PARTICIPATION else ""),
             "count": num(st.get(f"barriers.category.{k}", 0)),
             "share": pct(st.get(f"barriers.category.{k}", 0) / total if total else None)}
            for k, label in L.BARRIER_CATEGORY]
    rows.append({"label": "Razem", "count": num(total), "share": pct(1 if total else None)})
    return rows


def barriers_text(st: dict) -> list[str]:
    n, asked, none = st.get("barriers", 0), st.get("barriers.with_support_request", 0), st.get("barriers.without_action", 0)
    if not n:
        return ["Nie zgłoszono barier (001 §1.3.13: bariery uczestnictwa i działania sieci)."]
    asked_text = (f"o wsparcie RSR lub KSR poproszono przy {count(asked, 'barierze', 'barierach', 'barierach')}"
                  if asked else "o wsparcie RSR ani KSR nie poproszono")
    done = (f"przy {num(none)} nie podjęto jeszcze działania" if none else
            "przy każdej podjęto już działanie" if n > 1 else "przy niej podjęto już działanie")
    part = sum(st.get(f"barriers.category.{k}", 0) for k in PARTICIPATION)
    kinds = (", w tym " + count(part, "barierę uczestnictwa, która utrudnia", "bariery uczestnictwa, które utrudniają",
                                "barier uczestnictwa, które utrudniają") +
             " uczestnikom udział w zajęciach (001 §1.3.13)" if part else " (001 §1.3.13)")
    return [f"Zgłoszono {count(n, 'barierę', 'bariery', 'barier')}{kinds}; {asked_text}, a {done}."]


def _name(u, with_lsr: bool) -> str:
    return cut(short_name(u.name), 40) if with_lsr else ""


def request_rows(lsrs, *, with_lsr: bool) -> list[dict]:
    """Support requested from the RSR/KSR, one row per barrier that asks for it (texts shortened)."""
    rows = []
    for u in lsrs:
        for b in (u.texts or {}).get("barriers", []):
            rows.append({"lsr": _name(u, with_lsr), "category": CATEGORY.get(b.get("category"), b.get("category") or "–"),
                         "description": cut(b.get("description") or "–", QUOTE),
                         "support": cut(b.get("support") or "–", QUOTE)})
    return rows or [{"lsr": "–", "category": "–", "description": "Żadna bariera nie zawiera prośby o wsparcie.",
                     "support": "–"}]


def practice_rows(lsrs, *, with_lsr: bool) -> list[dict]:
    rows = [{"lsr": _name(u, with_lsr), "title": cut(p.get("title") or "–", 120),
             "description": cut(p.get("description") or "–", QUOTE)}
            for u in lsrs for p in (u.texts or {}).get("practices", [])]
    return rows or [{"lsr": "–", "title": "–", "description": "Nie opisano dobrych praktyk."}]


def practices_text(st: dict, *, quoted: bool) -> list[str]:
    n = st.get("practices", 0)
    if not n:
        return ["Nie opisano dobrych praktyk."]
    return [f"Opisano {count(n, 'dobrą praktykę', 'dobre praktyki', 'dobrych praktyk')} "
            "warte upowszechnienia w sieci regionalnej i krajowej" + ("; tabela przytacza ich opisy (skrócone)."
                                                                     if quoted else ".")]


def explanation_rows(lsrs) -> list[dict]:
    """Explanations of warnings written by the coordinator (2.0 sheet "Wyjaśnienia")."""
    rows = []
    for u in lsrs:
        for e in (u.texts or {}).get("explanations", []):
            sheet = SHEETS.get(e.get("sheet"), e.get("sheet"))
            where = ", ".join(x for x in (sheet and f"arkusz {sheet}", e.get("cell") and f"komórka {e['cell']}",
                                          not e.get("cell") and e.get("code") and "ostrzeżenie wskazane kodem") if x)
            rows.append({"where": where or "–", "text": cut(e.get("text") or "–", QUOTE)})
    return rows


def explanations_sentence(st: dict, lsrs) -> str:
    """Explanations in the quality section: "nie raportowano" without 2.0 workbooks (the sheet is new)."""
    from .results import coverage_note, v2_count
    if not v2_count(lsrs):
        return ("Wyjaśnień ostrzeżeń nie raportowano: arkusz wyjaśnień ma dopiero skoroszyt w wersji 2.0.")
    n, explained = st.get("explanations", 0), st.get("warnings.explained", 0)
    note = coverage_note(lsrs)
    tail = f"; {note}." if note else "."
    if not n:
        return "Do ostrzeżeń nie dopisano wyjaśnień" + tail
    which = (f"wyjaśnienie {plural(explained, 'ma', 'mają', 'ma')} "
             f"{count(explained, 'ostrzeżenie', 'ostrzeżenia', 'ostrzeżeń')} (wyjaśnione ostrzeżenie nadal jest "
             "ostrzeżeniem, ale ma uzasadnienie)" if explained else "żadne nie odpowiada ostrzeżeniu z kontroli")
    return f"Do ostrzeżeń dopisano {count(n, 'wyjaśnienie', 'wyjaśnienia', 'wyjaśnień')}; {which}" + tail
