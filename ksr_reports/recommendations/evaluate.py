"""Evaluating the rules on one LSR, on the LSRs of a rollup, and across regions (reform).

``for_lsr(stats)`` gives the recommendations of one LSR with its own figures.
``for_units(units)`` counts, per rule, the LSRs showing the weakness and names them.
``reform(units)`` turns weaknesses found in many LSRs of several województwa into reform
recommendations addressed to gmina, ROPS and the ministry (001 §1.4, tab. 5, l. 3048–3189);
``reform_intro`` is the section's opening (with the sentence for a period whose evidence does not
justify any) and ``reform_headline`` the seed's headline recommendation (l. 6870–6881) when the
pattern across regions supports it.

A rule an LSR did not report the data for (``Rule.evaluated`` False: a 2.0-only item in a 1.0
workbook) is left out for that LSR: it neither fires nor counts in "n z N LSR".
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .. import spec as S
from ..indicators import derive
from ..lang import count, num, pct, plural
from .config import Thresholds, load_thresholds
from .rules import RULES, Rule

REGION_NAMES = dict(S.lists.VOIVODESHIPS)
REFORM_LEVELS = (("gmina", "Gmina (szczebel lokalny – „nowy” KIS)"),
                 ("rops", "ROPS (szczebel regionalny)"),
                 ("ministerstwo", "Ministerstwo (szczebel centralny – MRPiPS)"))
TABLE5_SOURCE = "001 §1.4, tab. 5 (l. 3048–3189)"
HEADLINE_SOURCE = "001 l. 6870–6881 (najważniejsza rekomendacja: rozpoczęcie prac nad koncepcją reformy)"


@dataclass
class Recommendation:
    """A rule that fired, explained: the condition, the figures, the threshold, the action, the source.

    At aggregate level ``count`` is the number of LSRs where it fired and ``total`` the number of LSRs
    that reported the data the rule needs (``lsr_all``: all LSRs of the report)."""

    rule: Rule
    evidence: str
    threshold: str
    units: list[str] = field(default_factory=list)   # names of LSRs concerned (aggregate level)
    count: int = 1
    total: int = 1
    lsr_all: int | None = None

    def as_dict(self) -> dict:
        """Template row: id, title, evidence, threshold, action, source, count, total, units; added in
        rules v2: ``lsr_all`` (all LSRs of the report; ``total`` may be smaller when some did not report
        the data), ``since`` (template version that first asks the data) and ``note`` (how the rule reads
        the workbook)."""
        r = self.rule
        return {"id": r.id, "title": r.title, "evidence": self.evidence, "threshold": self.threshold,
                "action": r.action, "source": r.source, "count": self.count, "total": self.total,
                "units": self.units, "lsr_all": self.total if self.lsr_all is None else self.lsr_all,
                "since": r.since, "note": r.note}


def _task_rows(reform: dict[str, str], basis: dict[str, str]) -> list[dict]:
    return [{"level": label, "task": f"{reform[key]} (zadanie z tab. 5: {basis[key]})", "text": reform[key],
             "table5": basis[key]} for key, label in REFORM_LEVELS]


@dataclass
class ReformRecommendation:
    """A weakness broad and repeated enough for a reform recommendation, with the tasks of each level."""

    rule: Rule
    regions: list[str]
    lsr_count: int
    lsr_total: int
    region_total: int
    lsr_all: int = 0         # all LSRs of the country, evaluated or not (0: the same as lsr_total)

    def as_dict(self) -> dict:
        """Template row: id, title, regions, evidence ("n z N LSR, k z K województw"), tasks (level, task –
        the task text ending with the table-5 task it serves; added: ``text`` and ``table5`` separately),
        source; added: lsr_count, lsr_total, region_count, region_total, headline (False)."""
        k, n = len(self.regions), self.lsr_count
        return {"id": self.rule.id, "title": self.rule.title, "regions": ", ".join(self.regions),
                "evidence": (f"Słabość „{self.rule.pattern}” występuje w {n} z {self.lsr_total} LSR "
                             f"({pct(n / self.lsr_total, 0)}) i w {k} z {self.region_total} "
                             f"{plural(self.region_total, 'województwa', 'województw', 'województw')} "
                             f"({', '.join(self.regions)}).{self._coverage()}"),
                "tasks": _task_rows(self.rule.reform, self.rule.reform_basis),
                "source": f"{TABLE5_SOURCE}; {self.rule.source}",
                "lsr_count": n, "lsr_total": self.lsr_total, "region_count": k, "region_total": self.region_total,
                "headline": False}

    def _coverage(self) -> str:
        """" Dane częściowe: …" when the rule was evaluated in fewer than all LSRs, else ""."""
        if not self.lsr_all or self.lsr_total >= self.lsr_all:
            return ""
        rest = self.lsr_all - self.lsr_total
        return (f" Dane częściowe: regułę sprawdzono w {self.lsr_total} z {self.lsr_all} LSR "
                f"({pct(self.lsr_total / self.lsr_all, 0)}); " + plural(
                    rest, f"pozostała {rest} nie podała", f"pozostałe {rest} nie podały",
                    f"pozostałych {rest} nie podało") + " potrzebnych danych.")


class Flagged(dict):
    """Rule id -> LSR units in which the rule fires (a dict, as before), plus what was evaluated:
    ``evaluated[rule id]`` – the units that reported the rule's data; ``scores[id(unit)]`` –
    (rules not fired, rules evaluated) of every unit."""

    def __init__(self):
        super().__init__()
        self.evaluated: dict[str, list] = {}
        self.scores: dict[int, tuple[int, int]] = {}


def flagged_units(units, thresholds: Thresholds | None = None) -> Flagged:
    """Rule id -> the LSR units (``indicators.model.Unit``) in which the rule fires.

    Reports evaluate the rules once with this and pass the result to ``for_units``, ``reform``
    and ``criteria_met_all`` (each rule check needs the derived indicators of the unit)."""
    th = thresholds or load_thresholds()
    out = Flagged()
    for r in RULES:
        out[r.id], out.evaluated[r.id] = [], []
    for u in units:
        d = u.derived
        fired = evaluated = 0
        for r in RULES:
            if not r.evaluated(u.stats):
                continue
            evaluated += 1
            out.evaluated[r.id].append(u)
            if r.check(u.stats, d, th):
                out[r.id].append(u)
                fired += 1
        out.scores[id(u)] = (evaluated - fired, evaluated)
    return out


def _flagged(units, th, flagged) -> Flagged:
    return flagged if isinstance(flagged, Flagged) else flagged_units(units, th)


def for_lsr(stats: dict, thresholds: Thresholds | None = None) -> list[Recommendation]:
    """Recommendations for one LSR, with the evidence in its own figures (rules it reported data for)."""
    th = thresholds or load_thresholds()
    d = derive(stats)
    return [Recommendation(r, r.evidence(stats, d, th), r.condition(stats, d, th))
            for r in RULES if r.evaluated(stats) and r.check(stats, d, th)]


def for_units(units, thresholds: Thresholds | None = None, flagged: dict[str, list] | None = None) -> list[Recommendation]:
    """Aggregated recommendations: "w N z M LSR …" with the names, most frequent weakness first."""
    th = thresholds or load_thresholds()
    units = list(units)
    flagged = _flagged(units, th, flagged)
    out = []
    for r in RULES:
        hit = flagged[r.id]
        if not hit:
            continue
        total = len(flagged.evaluated[r.id])
        names = [u.name for u in sorted(hit, key=lambda u: u.unit_id)]
        rest = len(units) - total
        among = "" if not rest else (f" (spośród {total} LSR, które podały te dane; " + plural(
            rest, f"pozostała {rest} nie raportowała", f"pozostałe {rest} nie raportowały",
            f"pozostałych {rest} nie raportowało") + ")")
        evidence = (f"W {len(hit)} z {total} LSR{among} {r.pattern} ({pct(len(hit) / total, 0)} LSR): "
                    f"{'; '.join(names)}.")
        out.append(Recommendation(r, evidence, r.condition({}, {}, th), names, len(hit), total, len(units)))
    return sorted(out, key=lambda x: -x.count)


def reform(units, thresholds: Thresholds | None = None, flagged: dict[str, list] | None = None) -> list[ReformRecommendation]:
    """Reform recommendations from weaknesses that are broad (share of LSRs nationally) AND repeated
    (number of województwa), both thresholds in ``[reform]`` of the TOML (001 §1.4, tab. 5). A rule
    evaluated in fewer than ``min_evaluated_share`` of all LSRs (2.0-only data reported by a few) gives
    none: its share would rest on thin evidence."""
    th = thresholds or load_thresholds()
    units = list(units)
    flagged = _flagged(units, th, flagged)
    t = th["reform"]
    out = []
    for r in RULES:
        hit, base = flagged[r.id], flagged.evaluated[r.id]
        regions = sorted({u.region for u in hit})
        if not hit or len(hit) / len(base) < t["min_share_lsrs"] or len(regions) < t["min_regions"]:
            continue
        if len(base) < t["min_evaluated_share"] * len(units):
            continue
        out.append(ReformRecommendation(r, [REGION_NAMES.get(c, c) for c in regions], len(hit), len(base),
                                        len({u.region for u in base}), len(units)))
    return sorted(out, key=lambda x: (-len(x.regions), -x.lsr_count))


def _lower_first(title: str) -> str:
    """A title inside a sentence: first letter lower-case unless it begins an acronym ("LSR i KIS …")."""
    return title if title[1:2].isupper() else title[:1].lower() + title[1:]


def reform_headline(reform_recs: list[ReformRecommendation], thresholds: Thresholds | None = None) -> dict | None:
    """The seed's headline recommendation – start work on a concept of reform (001 l. 6870–6881) – as a
    row shaped like ``ReformRecommendation.as_dict()`` (``headline`` True), or None when fewer than
    ``reform.headline_min_weaknesses`` weaknesses meet the reform thresholds."""
    th = thresholds or load_thresholds()
    need = int(th["reform"]["headline_min_weaknesses"])
    if len(reform_recs) < need:
        return None
    regions = sorted({x for r in reform_recs for x in r.regions})
    names = "; ".join(f"{_lower_first(r.rule.title)} ({r.lsr_count} z {r.lsr_total} LSR, {len(r.regions)} z "
                      f"{r.region_total} {plural(r.region_total, 'województwa', 'województw', 'województw')})"
                      for r in reform_recs)
    return {"id": "REFORMA", "title": "Rozpocząć prace nad koncepcją reformy systemu reintegracji",
            "regions": ", ".join(regions),
            "evidence": (f"Warunek rekomendacji reformy {plural(len(reform_recs), 'spełnia', 'spełniają', 'spełnia')} "
                         f"{count(len(reform_recs), 'słabość', 'słabości', 'słabości')} (wymagane co najmniej "
                         f"{need}): {names}. Słabości te występują łącznie w {len(regions)} "
                         f"{plural(len(regions), 'województwie', 'województwach', 'województwach')}, więc nie są "
                         "problemem pojedynczych LSR, lecz obecnego układu instytucji i przepisów."),
            "tasks": _task_rows({"gmina": "przygotować się do roli „nowego” KIS jako jednostki organizacyjnej gminy",
                                 "rops": "zebrać doświadczenia RSR i LSR jako materiał do koncepcji reformy",
                                 "ministerstwo": "rozpocząć prace nad koncepcją reformy i nowych regulacji ustawowych"},
                                {"gmina": "planowanie lokalne", "rops": "badania i analizy regionalne",
                                 "ministerstwo": "ustalanie kierunków polityki reintegracji"}),
            "source": f"{HEADLINE_SOURCE}; {TABLE5_SOURCE}",
            "lsr_count": None, "lsr_total": None, "region_count": len(regions), "region_total": None,
            "headline": True}


def reform_intro(reform_recs: list[ReformRecommendation], thresholds: Thresholds | None = None) -> str:
    """Opening of the reform section: the condition, how many weaknesses meet it, and – when none does –
    that the evidence of this period does not justify reform recommendations."""
    th = thresholds or load_thresholds()
    text = f"Rekomendację reformy formułuje się, gdy {reform_condition(th)}."
    if not reform_recs:
        return (text + " Żadna słabość nie spełniła tego warunku: zebrane w tym okresie dane nie uzasadniają "
                "rekomendacji reformy instytucjonalnej. Słabości pojedynczych LSR opisuje rozdział z rekomendacjami.")
    text += (f" Warunek {plural(len(reform_recs), 'spełniła', 'spełniły', 'spełniło')} "
             f"{count(len(reform_recs), 'słabość', 'słabości', 'słabości')}.")
    if reform_headline(reform_recs, th) is None:
        need = int(th["reform"]["headline_min_weaknesses"])
        text += (f" Najważniejszą rekomendację źródła – rozpoczęcie prac nad koncepcją reformy – formułuje się przy "
                 f"co najmniej {count(need, 'takiej słabości', 'takich słabościach', 'takich słabościach')}; "
                 "w tym okresie dane jej nie uzasadniają.")
    return text


def criteria_met(stats: dict, thresholds: Thresholds | None = None) -> tuple[int, int]:
    """(rules not fired, rules evaluated) for one LSR: a simple, explainable model-conformity score."""
    th = thresholds or load_thresholds()
    d = derive(stats)
    rules = [r for r in RULES if r.evaluated(stats)]
    fired = sum(bool(r.check(stats, d, th)) for r in rules)
    return len(rules) - fired, len(rules)


def criteria_met_all(flagged: dict[str, list]) -> dict[int, tuple[int, int]]:
    """``criteria_met`` of every unit at once, from ``flagged_units`` (keyed by ``id(unit)``; every unit
    evaluated is present, its total counting only the rules it reported data for)."""
    if isinstance(flagged, Flagged):
        return dict(flagged.scores)
    fired: dict[int, int] = {}
    for hits in flagged.values():
        for u in hits:
            fired[id(u)] = fired.get(id(u), 0) + 1
    return {key: (len(RULES) - n, len(RULES)) for key, n in fired.items()}


def reform_condition(thresholds: Thresholds) -> str:
    """The reform threshold in words."""
    t = thresholds["reform"]
    n = int(t["min_regions"])
    return (f"słabość występuje w co najmniej {pct(t['min_share_lsrs'], 0)} LSR w kraju (wśród LSR, które podały "
            f"potrzebne dane) i w co najmniej {n} {plural(n, 'województwie', 'województwach', 'województwach')}, "
            f"a potrzebne dane podało co najmniej {pct(t['min_evaluated_share'], 0)} wszystkich LSR")


__all__ = ["Recommendation", "ReformRecommendation", "Flagged", "for_lsr", "for_units", "reform", "reform_headline",
           "reform_intro", "flagged_units", "criteria_met", "criteria_met_all", "reform_condition", "REFORM_LEVELS",
           "num"]
