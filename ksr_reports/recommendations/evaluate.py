"""Evaluating the rules on one LSR, on the LSRs of a rollup, and across regions (reform).

``for_lsr(stats)`` gives the recommendations of one LSR with its own figures.
``for_units(units)`` counts, per rule, the LSRs showing the weakness and names them.
``reform(units)`` turns weaknesses found in many województwa into reform recommendations
addressed to gmina, ROPS and the ministry (001 §1.4, tab. 5).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import spec as S
from ..indicators import derive
from .config import Thresholds, load_thresholds
from ..lang import num, pct, plural
from .rules import RULES, Rule

REGION_NAMES = dict(S.lists.VOIVODESHIPS)
REFORM_LEVELS = (("gmina", "Gmina (szczebel lokalny – „nowy” KIS)"),
                 ("rops", "ROPS (szczebel regionalny)"),
                 ("ministerstwo", "Ministerstwo (szczebel centralny – MRPiPS)"))


@dataclass
class Recommendation:
    """A rule that fired, explained: the condition, the figures, the threshold, the action, the source."""

    rule: Rule
    evidence: str
    threshold: str
    units: list[str] = field(default_factory=list)   # names of LSRs concerned (aggregate level)
    count: int = 1
    total: int = 1

    def as_dict(self) -> dict:
        r = self.rule
        return {"id": r.id, "title": r.title, "evidence": self.evidence, "threshold": self.threshold,
                "action": r.action, "source": r.source, "count": self.count, "total": self.total,
                "units": self.units}


@dataclass
class ReformRecommendation:
    """A weakness that recurs across województwa, with the tasks table 5 assigns to each level."""

    rule: Rule
    regions: list[str]
    lsr_count: int
    lsr_total: int
    region_total: int

    def as_dict(self) -> dict:
        return {"id": self.rule.id, "title": self.rule.title, "regions": ", ".join(self.regions),
                "evidence": (f"Słabość „{self.rule.pattern}” występuje w {len(self.regions)} z {self.region_total} "
                             f"województw ({', '.join(self.regions)}) – łącznie w {self.lsr_count} z "
                             f"{self.lsr_total} LSR."),
                "tasks": [{"level": label, "task": self.rule.reform[key]} for key, label in REFORM_LEVELS],
                "source": f"001 §1.4, tab. 5; {self.rule.source}"}


def for_lsr(stats: dict, thresholds: Thresholds | None = None) -> list[Recommendation]:
    """Recommendations for one LSR, with the evidence in its own figures."""
    th = thresholds or load_thresholds()
    d = derive(stats)
    return [Recommendation(r, r.evidence(stats, d, th), r.condition(stats, d, th))
            for r in RULES if r.check(stats, d, th)]


def flagged_units(units, thresholds: Thresholds | None = None) -> dict[str, list]:
    """Rule id -> the LSR units (``indicators.model.Unit``) in which the rule fires.

    Reports evaluate the rules once with this and pass the result to ``for_units``, ``reform``
    and ``criteria_met`` (each rule check needs the derived indicators of the unit)."""
    th = thresholds or load_thresholds()
    out: dict[str, list] = {r.id: [] for r in RULES}
    for u in units:
        d = derive(u.stats)
        for r in RULES:
            if r.check(u.stats, d, th):
                out[r.id].append(u)
    return out


def for_units(units, thresholds: Thresholds | None = None, flagged: dict[str, list] | None = None) -> list[Recommendation]:
    """Aggregated recommendations: "w N z M LSR …" with the names, most frequent weakness first."""
    th = thresholds or load_thresholds()
    units = list(units)
    flagged = flagged if flagged is not None else flagged_units(units, th)
    out = []
    for r in RULES:
        hit = flagged[r.id]
        if not hit:
            continue
        names = [u.name for u in sorted(hit, key=lambda u: u.unit_id)]
        evidence = (f"W {len(hit)} z {len(units)} LSR {r.pattern} ({pct(len(hit) / len(units), 0)} LSR): "
                    f"{'; '.join(names)}.")
        out.append(Recommendation(r, evidence, r.condition({}, {}, th), names, len(hit), len(units)))
    return sorted(out, key=lambda x: -x.count)


def reform(units, thresholds: Thresholds | None = None, flagged: dict[str, list] | None = None) -> list[ReformRecommendation]:
    """Reform recommendations from weaknesses present in enough województwa (001 §1.4, tab. 5)."""
    th = thresholds or load_thresholds()
    units = list(units)
    regions_all = sorted({u.region for u in units})
    flagged = flagged if flagged is not None else flagged_units(units, th)
    t = th["reform"]
    out = []
    for r in RULES:
        regions = sorted({u.region for u in flagged[r.id]})
        if regions and len(regions) >= t["min_regions"] and len(regions) / len(regions_all) >= t["min_share_regions"]:
            out.append(ReformRecommendation(r, [REGION_NAMES.get(c, c) for c in regions], len(flagged[r.id]),
                                            len(units), len(regions_all)))
    return sorted(out, key=lambda x: (-len(x.regions), -x.lsr_count))


def criteria_met(stats: dict, thresholds: Thresholds | None = None) -> tuple[int, int]:
    """(rules not fired, rules evaluated) for one LSR: a simple, explainable model-conformity score."""
    th = thresholds or load_thresholds()
    d = derive(stats)
    fired = sum(bool(r.check(stats, d, th)) for r in RULES)
    return len(RULES) - fired, len(RULES)


def criteria_met_all(flagged: dict[str, list]) -> dict[int, tuple[int, int]]:
    """``criteria_met`` of every unit at once, from ``flagged_units`` (keyed by ``id(unit)``; units in
    which no rule fires are absent and score ``(len(RULES), len(RULES))``)."""
    fired: dict[int, int] = {}
    for hits in flagged.values():
        for u in hits:
            fired[id(u)] = fired.get(id(u), 0) + 1
    return {key: (len(RULES) - n, len(RULES)) for key, n in fired.items()}


def reform_condition(thresholds: Thresholds) -> str:
    """The reform threshold in words."""
    t = thresholds["reform"]
    n = int(t["min_regions"])
    return (f"słabość występuje w co najmniej {n} {plural(n, 'województwie', 'województwach', 'województwach')} "
            f"i w co najmniej {pct(t['min_share_regions'], 0)} województw objętych raportem")


__all__ = ["Recommendation", "ReformRecommendation", "for_lsr", "for_units", "reform", "flagged_units",
           "criteria_met", "criteria_met_all", "reform_condition", "REFORM_LEVELS", "num"]
