"""Values to explain (DESIGN §11, issue 14 §4): warnings „do wyjaśnienia”, never errors.

Two comparisons, thresholds in ``recommendations/thresholds.toml`` ``[outliers]``:

* against the LSR's own history: its most recent earlier period of the same kind (years with years,
  half-years with half-years) in the archive's ``History``; a jump is a value at least ``history_ratio``
  times larger or smaller AND a change of at least ``min_change_<measure>`` (small counts jump: 3 → 7
  persons is not news). Counts the LSR itself reports: participants, new entrants, staff FTE, type C
  stakeholders, funding.
* against the region's LSRs in the same run: the robust z-score 0.6745·(x − median)/MAD of Iglewicz and
  Hoaglin, |z| > ``region_z``, only with at least ``region_min_units`` LSRs and MAD > 0. Size-free measures
  only (staff per 10 participants, hours and funding per participant), so a big city is not flagged for
  being big; they need ``region_min_participants``. Not the share of type C stakeholders: 0 % is a real
  weakness of the model (the type C rules report it), not an implausible value – compared, it flagged every
  LSR without type C (19 of 24 warnings in a 213-LSR region of the benchmark).

Each warning is a catalogue ``Finding`` (``OUTLIER_HISTORY``, ``OUTLIER_REGION``) added to the record, so
feedback, the annotated copy, the quality sheet and the run summary show it; a „Wyjaśnienia” row explains it
by the same matching as validation (``check_v2.explained``).

How ``ksr run`` calls it: after ``examine_all`` and before the selection (``rollup_records``)::

    outliers = flag_outliers(records, history, thresholds, region=region)   # records gain warnings in place
    rollup.outliers = outliers                               # after the selection

``history`` is ``History.empty(period)`` without an archive (then only the region comparison runs);
``thresholds`` is what ``run_inbox`` got (None, a TOML path or a loaded dict); ``region`` the run's
województwo in a regional run (records of other województwa, refused by the selection, are then neither
checked nor reported), None at the ministry. Every valid LSR record of the run's period (``history.period``)
(and ``region``) is checked, superseded and duplicate files too (their feedback shows the
warnings); the returned dicts (``Rollup.outliers`` shape) are those of each LSR's current file only (newest by
fill date, file time, path, as ``rollup/select.py`` decides), sorted by TERYT. Besides the keys ``Rollup.outliers``
lists, each dict has ``value_text``: the value as people read it ("38 osób", "1,3 etatu", "12 875 zł").
"""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Callable

from .. import lang
from .. import spec as S
from ..indicators.derive import participants
from ..indicators.model import recency
from ..periods import period_kind
from ..recommendations.config import outlier_thresholds
from ..validation.catalogue import Code, finding
from ..validation.check_v2 import explained, explanation_targets
from .history import History

# The codes of these warnings. A file whose only findings are these gets no annotated copy (its feedback text
# says everything): they are questions about a figure, not cells to correct, and an annotated copy costs an
# openpyxl load and save of the whole workbook – with them ``ksr run`` of the national benchmark took 2× longer.
CODES = ("OUTLIER_HISTORY", "OUTLIER_REGION")
MAD_SCALE = 0.6745       # Iglewicz–Hoaglin: makes MAD comparable with the standard deviation of a normal sample
L = S.lists


def _entrants(st: dict) -> float:
    return sum(st.get(f"flow.entered.{s}", 0) for s, _ in L.SEX)


def _per_participant(key: str, per: float = 1.0) -> Callable[[dict], float | None]:
    def value(st: dict) -> float | None:
        n = participants(st)
        return st.get(key, 0) / n * per if n else None
    return value


def _decimals(v: float) -> int:
    return 0 if float(v).is_integer() else 1 if float(v * 10).is_integer() else 2


def _persons(v: float) -> str:
    return lang.count(v, "osoba", "osoby", "osób")


def _fte(v: float, decimals: int | None = None) -> str:
    return lang.count(v, "etat", "etaty", "etatów", "etatu", decimals=_decimals(v) if decimals is None else decimals)


# Where a value is entered (spec layout of the file's version): sheet name, cell ("" = the whole sheet), label.
def _sheet(key: str) -> Callable[[S.Layout], tuple[str, str, str]]:
    return lambda lay: (lay.table(key).name, "", "")


def _groups_title(lay: S.Layout) -> tuple[str, str, str]:
    g = lay.grid("groups")
    return lay.participants.name, S.a1(g.top, 0), g.title


def _entered_total(lay: S.Layout) -> tuple[str, str, str]:
    g = lay.grid("flow")
    return lay.participants.name, S.a1(g.row_of("entered"), len(g.columns) + 1), dict(L.FLOW_STAGE)["entered"]


def _hours_total(lay: S.Layout) -> tuple[str, str, str]:
    g = lay.grid("hours")
    return lay.participants.name, g.cell_of("total", "hours"), dict(L.HOURS)["total"]


@dataclass(frozen=True)
class Measure:
    key: str                                   # history: the suffix of its ``min_change_*`` threshold
    label: str                                 # Polish name, the subject of "… wynosi …"
    value: Callable[[dict], float | None]      # from an LSR's statistics
    show: Callable[[float], str]               # a value as people read it (lang)
    place: Callable[[S.Layout], tuple[str, str, str]]
    check: str                                 # what to check: the fix says "Sprawdź {check}."
    per_participant: bool = False              # region: only LSRs with region_min_participants


HISTORY = (
    Measure("participants", "Liczba uczestników w okresie", participants, _persons, _groups_title,
            "tabele uczestników: czy liczby dotyczą tego okresu i czy każdą osobę wpisano raz"),
    Measure("entrants", "Liczba osób przyjętych w okresie", _entrants, _persons, _entered_total,
            "wiersz przyjętych w tabeli przepływu uczestników: czy wpisano tylko osoby przyjęte w tym okresie"),
    Measure("staff_fte", "Łączny wymiar etatów kadry", lambda st: st.get("staff.fte", 0), _fte, _sheet("staff"),
            "wymiar etatów w arkuszu kadry: czy etat wpisano jako ułamek (np. 0,5), a nie w godzinach"),
    Measure("type_c", "Liczba interesariuszy typu C", lambda st: st.get("stakeholders.type.C", 0),
            lambda v: lang.count(v, "instytucja", "instytucje", "instytucji"), _sheet("stakeholders"),
            "kolumnę typu w arkuszu interesariuszy: czy typ C nadano instytucjom, dla których reintegracja "
            "nie jest celem"),
    Measure("funding", "Łączna kwota finansowania", lambda st: st.get("funding.total", 0), lang.pln,
            _sheet("funding"),
            "kwoty w arkuszu finansowania: czy dotyczą tego okresu i czy wpisano je w złotych, bez pomyłki "
            "o rząd wielkości"),
)

REGION = (
    Measure("staff_per_10", "Kadra na 10 uczestników", _per_participant("staff.fte", 10),
            lambda v: _fte(v, 1), _sheet("staff"),
            "wymiar etatów w arkuszu kadry i liczby uczestników w okresie", per_participant=True),
    Measure("hours_per_participant", "Liczba godzin udziału na uczestnika", _per_participant("hours.total"),
            lambda v: lang.count(round(v), "godzina", "godziny", "godzin"), _hours_total,
            "łączną liczbę godzin udziału (suma godzin wszystkich uczestników w okresie)",
            per_participant=True),
    Measure("funding_per_participant", "Finansowanie na uczestnika", _per_participant("funding.total"), lang.pln,
            _sheet("funding"), "kwoty w arkuszu finansowania i liczby uczestników w okresie",
            per_participant=True),
)

_EXPLANATION_SHEETS = dict(S.EXPLANATIONS.column("sheet").choices)


def _layout(st: dict) -> S.Layout:
    """The layout of the file's template version: 2.0 statistics say so (``lsr.v2``), else 1.0."""
    return S.layout(S.TEMPLATE_VERSION if st.get("lsr.v2") else "1.0")


def _how(st: dict, sheet: str, cell: str) -> str:
    if not st.get("lsr.v2"):
        return ("ten arkusz jest w aktualnym szablonie LSR; w pliku ze starszego szablonu przekaż wyjaśnienie "
                "Regionalnemu Ośrodkowi Polityki Społecznej")
    target = f"komórkę {cell}" if cell else "kod ostrzeżenia z kopii z uwagami"
    return f"wybierz arkusz „{sheet}” i wpisz {target}"


def _change(m: Measure, old: float, new: float) -> str:
    up = new > old
    text = f"{'wzrost' if up else 'spadek'} o {m.show(abs(new - old))}"
    if old and new:
        factor = round(max(new, old) / min(new, old), 1)
        text += f", {lang.count(factor, 'raz', 'razy', 'razy', 'raza', decimals=_decimals(factor))} " \
                f"{'więcej' if up else 'mniej'}"
    return text


def _is_jump(old: float, new: float, ratio: float, min_change: float) -> bool:
    return abs(new - old) >= min_change and (new >= ratio * old or new * ratio <= old)


def _latest_earlier(history: History) -> list[str]:
    """Earlier periods of the run's kind, most recent first (never the other kind, never the run's period)."""
    kind = period_kind(history.period)
    return [p for p in reversed(history.periods) if period_kind(p) == kind and p < history.period]


def _current(records: list) -> list:
    """Each LSR's current record: exact copies once (first path), then the newest by fill date, file time, path."""
    by_sha: dict[str, object] = {}
    for r in sorted(records, key=lambda r: r.path):
        by_sha.setdefault(r.sha256 or r.path, r)
    best: dict[str, object] = {}
    for r in by_sha.values():
        b = best.get(r.lsr_id)
        if b is None or recency(r, r.mtime, "", r.path) > recency(b, b.mtime, "", b.path):
            best[r.lsr_id] = r
    return [best[k] for k in sorted(best)]


@dataclass
class _Hit:
    measure: Measure
    kind: str           # "history" | "region"
    value: float
    compared: str
    params: dict


def _history_hits(rec, earlier: dict, order: list[str], th: dict) -> list[_Hit]:
    for p in order:
        unit = earlier.get((p, rec.lsr_id))
        if unit is None:
            continue
        out = []
        for m in HISTORY:
            old, new = m.value(unit.stats), m.value(rec.stats)
            if _is_jump(old, new, th["history_ratio"], th[f"min_change_{m.key}"]):
                out.append(_Hit(m, "history", new, f"{lang.period_in(p)}: {m.show(old)}",
                                {"change": _change(m, old, new)}))
        return out
    return []


@dataclass(frozen=True)
class _Spread:
    """One measure over the region's current LSRs: how many, their median and median absolute deviation."""
    n: int
    median: float
    mad: float


def _spread(values: list[float]) -> _Spread:
    med = statistics.median(values)
    return _Spread(len(values), med, statistics.median(abs(v - med) for v in values))


def _reference(current: list, th: dict) -> dict[tuple[str, str], _Spread]:
    """(region, measure key) -> the spread of the region's current LSRs on the measures they can be compared
    on, computed once per region and measure (not once per LSR)."""
    values: dict[tuple[str, str], list[float]] = {}
    for r in current:
        for m in REGION:
            v = _region_value(m, r.stats, th)
            if v is not None:
                values.setdefault((r.region, m.key), []).append(v)
    return {key: _spread(vals) for key, vals in values.items()}


def _region_value(m: Measure, st: dict, th: dict) -> float | None:
    if m.per_participant and participants(st) < th["region_min_participants"]:
        return None
    return m.value(st)


def robust_z(x: float, values: list[float] | _Spread) -> float | None:
    """0.6745·(x − median)/MAD of ``values`` (Iglewicz–Hoaglin); None when MAD is 0 (no spread to compare)."""
    spread = values if isinstance(values, _Spread) else _spread(values)
    return None if spread.mad == 0 else MAD_SCALE * (x - spread.median) / spread.mad


def _region_hits(rec, reference: dict, th: dict) -> list[_Hit]:
    out = []
    for m in REGION:
        spread = reference.get((rec.region, m.key))
        x = _region_value(m, rec.stats, th)
        if x is None or spread is None or spread.n < th["region_min_units"]:
            continue
        z = robust_z(x, spread)
        if z is not None and abs(z) > th["region_z"]:
            out.append(_Hit(m, "region", x, f"mediana {spread.n} LSR województwa: {m.show(spread.median)}",
                            {"direction": "wysoka" if z > 0 else "niska"}))
    return out


def _warn(rec, hit: _Hit, targets) -> dict:
    """Add the hit's warning to the record (explained when a „Wyjaśnienia” row names it); its outlier dict."""
    m, st = hit.measure, rec.stats
    sheet, cell, label = m.place(_layout(st))
    code = Code.OUTLIER_HISTORY if hit.kind == "history" else Code.OUTLIER_REGION
    f = finding(code, sheet, cell, label, indicator=m.label[:1].lower() + m.label[1:], value=m.show(hit.value), compared=hit.compared,
                check=m.check, how=_how(st, sheet, cell), **hit.params)
    marked = explained(f, *targets)
    if marked is not None:
        f = marked
        if "warnings.explained" in st:
            st["warnings.explained"] += 1
    rec.issues.append(f)
    rec.warnings += 1
    if rec.status == "valid":
        rec.status = "warnings"
    return {"lsr_id": rec.lsr_id, "name": rec.name, "file": rec.file, "code": f.code, "kind": hit.kind,
            "label": m.label, "value": round(hit.value, 4), "value_text": m.show(hit.value), "compared": hit.compared, "message": f.message,
            "explanation": f.explanation}


def flag_outliers(records: list, history: History, thresholds=None, *, region: str | None = None) -> list[dict]:
    """Warn about values to explain in every valid LSR record of the run's period (``history.period``) and,
    when ``region`` is given, of that województwo (``rec.region``; a regional run refuses the others); the
    records gain the warnings in place (issues, warnings, status, ``warnings.explained``). Returns the outliers
    of each LSR's current record, in the ``Rollup.outliers`` shape. See the module docstring for the call."""
    th = outlier_thresholds(thresholds)
    checked = [r for r in records if r.kind == "lsr" and r.stats is not None and r.lsr_id
               and r.period == history.period and (region is None or r.region == region)]
    current = _current(checked)
    reference = _reference(current, th)
    order = _latest_earlier(history)
    earlier = {(p, u.unit_id): u for p in order for u in history.of_period(p)}
    out: dict[int, list[dict]] = {}
    for rec in checked:
        hits = _history_hits(rec, earlier, order, th) + _region_hits(rec, reference, th)
        if hits:
            targets = explanation_targets(rec.texts.get("explanations", []), _EXPLANATION_SHEETS)
            out[id(rec)] = [_warn(rec, h, targets) for h in hits]
    return [o for r in current for o in out.get(id(r), [])]


def outlier_text(o: dict) -> str:
    """One outlier dict as people read it (run summary, quality sheet), with the coordinator's explanation or
    that there is none."""
    said = (f"wyjaśnienie koordynatora: „{o['explanation']}”" if o.get("explanation")
            else "bez wyjaśnienia koordynatora")
    return f"{o['label']}: {o.get('value_text') or o['value']}; {o['compared']} – {said}"
