"""Resubmission diffs (DESIGN §11, issue 14 §3): what changed between two submissions of one LSR.

When a newer submission replaces an older one (in the same inbox, or the archive's current submission for
the period), the ROPS sees the correction before accepting it: the statistics a person recognises
(participants and their flow, outcomes, stakeholders by type, partnerships, staff, hours, services, funding
…) and the key indicators, old → new, formatted by the language layer.

How ``ksr run`` calls it, after the selection::

    result.resubmissions = resubmissions(rollup.lsrs, superseded, archived)
    outcome = dataclasses.replace(outcome, **outcome_fields(result.resubmissions[lsr_id]))   # counted file

``superseded[lsr_id]``: the newest superseded unit of that LSR in this inbox; ``archived[lsr_id]``: the
archive's current submission for the run's period when its SHA-256 differs from the counted file's. The
in-inbox version is preferred when both exist (``Resubmission.source`` says which: "inbox" | "archive").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .. import lang
from .. import spec as S
from ..indicators.derive import DERIVED, derive, participants
from ..indicators.model import Unit
from ..indicators.stats import STAT_KEYS

L = S.lists
MAX_LINES = 12          # change lines shown in feedback and the run summary; the rest is "i N innych zmian"
SEXES = [s for s, _ in L.SEX]


@dataclass(frozen=True)
class Change:
    label: str          # Polish name of the statistic or indicator
    old: str            # values as people read them (lang): "18", "2,5", "120 000 zł", "45,0%", "nie raportowano"
    new: str

    def __str__(self) -> str:
        return f"{self.label}: {self.old} → {self.new}"


@dataclass
class Resubmission:
    lsr_id: str
    name: str
    old: Unit
    new: Unit
    source: str                                        # "inbox" | "archive": where the older version is
    changes: list[Change] = field(default_factory=list)
    details: int = 0                                   # statistics that differ in all (detail tables included)

    @property
    def identical(self) -> bool:
        """No statistic differs ("bez zmian w danych liczbowych")."""
        return not self.changes and not self.details


def _sum(prefix: str) -> Callable[[dict], float]:
    keys = [f"{prefix}.{s}" for s in SEXES]
    return lambda st: sum(st.get(k, 0) for k in keys)


def _key(key: str) -> Callable[[dict], float]:
    return lambda st: st.get(key, 0)


def _number(v) -> str:
    return lang.num(v, 0 if float(v).is_integer() else 2)


# (label, value from statistics, format, asked only by template 2.0)
ITEMS: tuple[tuple[str, Callable[[dict], float], Callable, bool], ...] = (
    ("Uczestnicy w okresie", participants, _number, False),
    ("Uczestnicy na początek okresu", _sum("flow.start"), _number, False),
    ("Przyjęci w okresie", _sum("flow.entered"), _number, False),
    ("Ukończyli udział", _sum("flow.completed"), _number, False),
    ("Przerwali udział", _sum("flow.dropped"), _number, False),
    ("Przeszli do CIS", _sum("flow.to_cis"), _number, False),
    ("Uczestnicy na koniec okresu", _sum("flow.end"), _number, False),
) + tuple((f"Po ukończeniu: {label}", _sum(f"outcomes.{key}"), _number, False) for key, label in L.OUTCOME) + (
    ("Liczba interesariuszy", _key("stakeholders"), _number, False),
) + tuple((f"Interesariusze typu {t}", _key(f"stakeholders.type.{t}"), _number, False)
          for t, _ in L.STAKEHOLDER_TYPE) + (
    ("Liczba partnerstw", _key("partnerships"), _number, False),
    ("Formalne partnerstwa", _key("partnerships.formal"), _number, False),
    ("Etaty kadry", _key("staff.fte"), _number, False),
    ("Godziny udziału uczestników", _key("hours.total"), _number, False),
    ("Godziny reintegracji społecznej", _key("hours.social"), _number, False),
    ("Liczba usług", _key("services"), _number, False),
    ("Godziny usług", _key("services.hours"), _number, False),
    ("Finansowanie ogółem", _key("funding.total"), lang.pln, False),
    ("Działania animacyjne", _key("animation.events"), _number, False),
    ("Liczba barier", _key("barriers"), _number, False),
    ("Osoby z indywidualnym planem", _sum("process.with_plan"), _number, True),
    ("Wolontariusze (osoby)", _sum("volunteers"), _number, True),
    ("Posiedzenia LSR", _key("lsr.meetings"), _number, True),
    ("Wyjaśnienia do ostrzeżeń", _key("explanations"), _number, True),
)
# Derived indicators shown when they changed (labels and kinds from ``derive.DERIVED``).
INDICATORS = ("share.completion", "share.employment_outcome", "share.type_c", "share.social_hours",
              "participants.per_fte", "funding.per_participant")


def _indicator_text(key: str, value) -> str:
    if value is None:
        return lang.DASH
    if DERIVED[key][1] == "share":
        return lang.pct(value)
    return lang.pln(value) if key == "funding.per_participant" else lang.num(value, 1)


def changes(old: dict, new: dict) -> list[Change]:
    """The recognisable statistics and key indicators that differ as people read them, in ``ITEMS`` order."""
    out = []
    v2 = (bool(old.get("lsr.v2")), bool(new.get("lsr.v2")))
    for label, value, show, v2_only in ITEMS:
        if v2_only and not any(v2):
            continue
        texts = [show(value(st)) if (has or not v2_only) else lang.NOT_REPORTED for st, has in zip((old, new), v2)]
        if texts[0] != texts[1]:
            out.append(Change(label, *texts))
    d_old, d_new = derive(old), derive(new)
    for key in INDICATORS:
        a, b = _indicator_text(key, d_old.get(key)), _indicator_text(key, d_new.get(key))
        if a != b:
            out.append(Change(DERIVED[key][0].removesuffix(" (zł)"), a, b))    # the value says "zł"
    return out


def differing(old: dict, new: dict) -> int:
    """How many statistics differ (every key of the rollup's statistics sheet)."""
    return sum(1 for k in STAT_KEYS if old.get(k, 0) != new.get(k, 0))


def compare(old: Unit, new: Unit, source: str) -> Resubmission:
    """The resubmission of ``new`` replacing ``old``."""
    return Resubmission(new.unit_id, new.name, old, new, source, changes(old.stats, new.stats),
                        differing(old.stats, new.stats))


def resubmissions(lsrs: list[Unit], superseded: dict[str, Unit], archived: dict[str, Unit]) -> dict[str, Resubmission]:
    """lsr_id -> the diff of each counted LSR that replaces an earlier version: of the newest version this inbox
    superseded and the archive's current submission, the one filled later (the inbox's on the same day: it is
    the version the ROPS has just seen). An archived version filled after the counted file is not replaced by
    it and is not compared; exact copies (same SHA-256) are not resubmissions."""
    out = {}
    for unit in lsrs:
        earlier = [(older.filled_on, source == "inbox", source, older)
                   for source, older in (("inbox", superseded.get(unit.unit_id)), ("archive", archived.get(unit.unit_id)))
                   if older is not None and not (older.sha256 and older.sha256 == unit.sha256)
                   and older.filled_on <= unit.filled_on]
        if earlier:
            *_, source, older = max(earlier, key=lambda e: e[:2])
            out[unit.unit_id] = compare(older, unit, source)
    return out


def change_lines(res: Resubmission, limit: int = MAX_LINES) -> list[str]:
    """The changes as lines, at most ``limit`` and "i N innych zmian"; empty when nothing differs."""
    if not res.changes:
        if not res.details:
            return []
        return ["zmieniły się tylko szczegółowe dane tabel (" +
                lang.count(res.details, "wartość", "wartości", "wartości") + ")"]
    lines = [str(c) for c in res.changes[:limit]]
    rest = len(res.changes) - limit
    if rest > 0:
        lines.append("i " + lang.count(rest, "inna zmiana", "inne zmiany", "innych zmian"))
    return lines


def outcome_fields(res: Resubmission) -> dict:
    """The ``validation.feedback.Outcome`` fields of the counted file that replaces an earlier version."""
    return {"previous_file": res.old.source, "previous_filled_on": res.old.filled_on,
            "previous_source": res.source, "changes": tuple(change_lines(res))}
