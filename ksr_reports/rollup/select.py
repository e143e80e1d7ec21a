"""Which inputs count: scope (period, region), validity, versions, duplicates, double counting.

Rules (issue 4, DESIGN §6):
* an input of another period (or, regionally, another województwo) is refused;
* invalid and unreadable inputs never contribute;
* one LSR counts once: exact copies (same SHA-256) are listed as duplicates; of different
  submissions the newest wins — by fill date, then file time (an LSR known only from a
  rollup file has no file time, so a directly given file of the same fill date wins),
  then by path — and the others are listed as superseded;
* at national level an LSR found both directly and inside a rollup file is counted once.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .. import lang
from ..errors import KsrError
from ..indicators.model import REGION_NAMES, Unit, recency
from .inputs import InputRecord
from .layout import MAX_NOTE


@dataclass
class Candidate:
    unit: Unit
    mtime: float
    path: str          # file the LSR was given in (LSR file, or the rollup file carrying it)
    via: str = ""      # rollup file name when the LSR came from a rollup file
    row: dict | None = None   # its quality/lineage row, updated with the decision


@dataclass
class Selection:
    period: str
    region: str | None
    lsrs: list[Unit] = field(default_factory=list)
    quality: list[dict] = field(default_factory=list)
    lineage: list[dict] = field(default_factory=list)


def _majority(values: list[str], what: str, option: str) -> str:
    """The value more than half of the inputs share; KsrError (fatal) when there is none."""
    counts = Counter(v for v in values if v)
    if not counts:
        raise KsrError(f"Żaden z podanych plików nie zawiera czytelnego {what}. Podaj poprawne arkusze LSR "
                       "lub zestawienia (sprawdź je poleceniem ksr validate).")
    value, n = counts.most_common(1)[0]
    if n * 2 <= sum(counts.values()):
        found = ", ".join(f"{v} ({lang.count(c, 'plik', 'pliki', 'plików')})" for v, c in sorted(counts.items()))
        raise KsrError(f"Pliki dotyczą różnych wartości {what}: {found}. Nie można ustalić, którego zestawienie "
                       f"ma dotyczyć – podaj {option} albo oddziel pliki.", exit_code=2)
    return value


def decide_scope(records: list[InputRecord], level: str, period: str | None, region: str | None) -> tuple[str, str | None]:
    """Period and (regionally) województwo of the run: given, or the strict majority of the inputs."""
    period = period or _majority([r.period for r in records], "okresu sprawozdawczego", "--period")
    if level == "region" and not region:
        region = _majority([r.region for r in records if r.kind == "lsr"], "kodu województwa", "--region")
    return period, region if level == "region" else None


def _day(iso: str) -> str:
    return lang.date(iso) if iso else "brak daty"


def _row(rec: InputRecord, decision: str, note: str = "") -> dict:
    return {"file": rec.file, "path": rec.path, "via": "", "kind": rec.kind, "lsr_id": rec.lsr_id,
            "period": rec.period, "region": rec.region, "status": rec.status, "decision": decision,
            "errors": rec.errors, "warnings": rec.warnings, "sha256": rec.sha256, "note": note[:MAX_NOTE]}


def _refusal(rec: InputRecord, level: str, period: str, region: str | None) -> tuple[str, str] | None:
    """(decision, Polish note) for an input that cannot count, None for a candidate."""
    if rec.status == "unreadable":
        return "unreadable", " ".join(rec.messages) or "Plik nieczytelny – zapisz go ponownie jako .xlsx."
    if rec.kind == "rollup" and level == "region":
        return "refused", (f"{rec.file}: to zestawienie, a zestawienie regionalne tworzy się z arkuszy LSR. "
                           "Podaj arkusze LSR albo utwórz z tego pliku zestawienie krajowe.")
    if rec.period and rec.period != period:
        return "refused", (f"{rec.file}: sprawozdanie za {lang.period(rec.period)}, a zestawienie jest sporządzane "
                           f"za {lang.period(period)}. Usuń plik z listy albo sporządź zestawienie za okres tego pliku.")
    if level == "region" and rec.region != region:
        name = REGION_NAMES.get(rec.region, rec.region or "nieznane")
        return "refused", (f"{rec.file}: LSR {rec.lsr_id or '(brak kodu TERYT)'} jest z innego województwa "
                           f"({rec.region or '?'} – {name}), a zestawienie dotyczy województwa {region} – "
                           f"{REGION_NAMES.get(region, region)}. "
                           "Przekaż plik właściwemu ROPS albo usuń go z listy.")
    if rec.status == "invalid":
        errors = lang.count(rec.errors, "błąd", "błędy", "błędów")
        return "invalid", (f"{rec.file}: {errors} – plik nie wchodzi do zestawienia. Popraw go według uwag ze "
                           "sprawdzenia pliku i prześlij ponownie. " + " ".join(rec.messages))
    return None


def _candidates(rec: InputRecord, row: dict, period: str, sel: Selection) -> list[Candidate]:
    if rec.kind == "lsr":
        return [Candidate(rec.unit(), rec.mtime, rec.path, row=row)]
    out = []
    for inner in rec.rollup.quality:       # problems inside a rollup file stay visible at national level
        if inner.get("decision") != "counted":
            sel.quality.append({**inner, "via": inner.get("via") or rec.file})
    for unit in rec.rollup.lsrs:
        lrow = {"file": unit.source, "path": unit.source, "via": rec.file, "kind": "lsr", "lsr_id": unit.unit_id,
                "period": unit.period, "region": unit.region, "status": unit.status, "decision": "counted",
                "errors": 0, "warnings": 0, "sha256": unit.sha256, "note": ""}
        sel.lineage.append(lrow)
        out.append(Candidate(unit, 0.0, rec.path, via=rec.file, row=lrow))
    return out


def _mark(c: Candidate, decision: str, note: str, rollup_row: dict | None) -> None:
    c.row["decision"], c.row["note"] = decision, note[:MAX_NOTE]
    if c.via and rollup_row is not None:   # say it on the rollup file's own quality row too
        rollup_row["note"] = (rollup_row["note"] + " " + note).strip()[:MAX_NOTE]


def _resolve(group: list[Candidate], rows_by_path: dict[str, dict]) -> Unit:
    """The one counted unit of an LSR; duplicates and superseded submissions marked on their rows."""
    by_sha: dict[str, Candidate] = {}
    for c in sorted(group, key=lambda c: (c.via != "", c.path)):
        first = by_sha.setdefault(c.unit.sha256, c)
        if first is not c:
            where = f"{first.unit.source}" + (f" (w zestawieniu {first.via})" if first.via else "")
            _mark(c, "duplicate", f"LSR {c.unit.unit_id}: identyczna kopia pliku {where} (ta sama suma kontrolna "
                                  "SHA-256) – policzono raz.", rows_by_path.get(c.path))
    ranked = sorted(by_sha.values(), key=lambda c: recency(c.unit, c.mtime, c.via, c.path), reverse=True)
    winner = ranked[0]
    for c in ranked[1:]:
        _mark(c, "superseded", f"LSR {c.unit.unit_id}: sprawozdanie zastąpione nowszą wersją {winner.unit.source} "
                               f"(wypełnioną {_day(winner.unit.filled_on)}; ta wersja: {_day(c.unit.filled_on)}).",
              rows_by_path.get(c.path))
    return winner.unit


def select(records: list[InputRecord], *, level: str, period: str | None, region: str | None) -> Selection:
    """Decide what every input contributes; the counted LSRs are returned sorted by TERYT."""
    period, region = decide_scope(records, level, period, region)
    sel = Selection(period, region)
    groups: dict[str, list[Candidate]] = {}
    rows_by_path: dict[str, dict] = {}
    for rec in sorted(records, key=lambda r: r.path):
        refusal = _refusal(rec, level, period, region)
        row = _row(rec, *(refusal or ("counted", "")))
        sel.quality.append(row)
        sel.lineage.append(row)
        rows_by_path[rec.path] = row
        if refusal is None:
            for c in _candidates(rec, row, period, sel):
                groups.setdefault(c.unit.unit_id, []).append(c)
    sel.lsrs = [_resolve(groups[k], rows_by_path) for k in sorted(groups)]
    return sel
