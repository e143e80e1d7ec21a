"""Additive sufficient statistics of one LSR workbook.

Keys are dotted names; every value is a sum or a count, so statistics of any set of
LSRs are the key-wise sum of their statistics. Flags of the form ``lsr.*`` are 0/1 per
LSR and become "number of LSRs with …" when summed. ``STAT_KEYS`` fixes the order of
the machine-readable rollup sheet.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterable

from .. import spec as S
from ..periods import period_bounds

L = S.lists
# "Funding ending within 6 months of period end" (issue 4): calendar months, so an H1 period
# (ending 30 June) counts money ending on 31 December. (A 183-day window missed that day.)
FUNDING_ENDS_WITHIN_MONTHS = 6
SOCIAL_HOURS_TARGET = (2, 3)  # 002 element 2: 2/3 of participation hours in social reintegration
RESOURCES = ("staff", "technical", "premises", "financial")  # stakeholder columns res_<x>
CORE_TRIAD = (("psychologist", "psychotherapist"), ("social_worker",), ("pedagogue",))  # 001 §1.3.9
# Barriers that keep PARTICIPANTS from attending (001 §1.3.13, l. 2903–2950; tabela 4, zasada jedenasta):
# dojazd, obowiązki opiekuńcze uczestników, motywacja – not the institution's own problems (rules v2).
PARTICIPATION_BARRIERS = ("transport", "care_duties", "motivation")
# Keys of rules v2 computed from every workbook (any template version). ``lsr.counted_v2`` = 1 says an LSR's
# statistics were computed by this release; an LSR read from a format-1 rollup file has all of them 0, so
# the rules know the own-staff flags and participation barriers were not counted (not "none found").
RULES_V2_KEYS = ("lsr.counted_v2", "lsr.with_kis_case_manager", "lsr.with_kis_core_triad",
                 "barriers.participation", "barriers.participation_without_action")


def _keys() -> tuple[str, ...]:
    k = ["lsr.count", "lsr.auspices", "lsr.with_type_c", "lsr.with_formal_partnership", "lsr.with_formal_partnership_c",
         "lsr.with_case_manager", "lsr.with_core_triad", "lsr.with_measures", "lsr.all_new_areas",
         "lsr.funding_ending_6m", "lsr.project_only", "lsr.barriers_without_action", "lsr.new_areas_covered"]
    k += [f"lsr.anchoring.{a}" for a, _ in L.KIS_ANCHORING] + [f"lsr.creation.{a}" for a, _ in L.CREATION_MODE]
    k += [f"lsr.area_covered.{a}" for a, _ in L.SERVICE_AREA]
    k += ["lsr.social_hours_target"]
    k += ["stakeholders", "stakeholders.declaration", "stakeholders.contact"]
    k += [f"stakeholders.resource.{r}" for r in RESOURCES]
    k += [f"stakeholders.type.{t}" for t, _ in L.STAKEHOLDER_TYPE] + [f"stakeholders.sector.{s}" for s, _ in L.SECTOR]
    k += [f"stakeholders.field.{f}" for f, _ in L.FIELD] + [f"stakeholders.level.{x}" for x, _ in L.LEVEL]
    k += ["partnerships", "partnerships.formal", "partnerships.formal_with_c", "partnerships.action_plan"]
    k += ["staff.rows", "staff.fte", "staff.fte.own", "staff.fte.project"] + [f"staff.fte.role.{r}" for r, _ in L.STAFF_ROLE]
    k += [f"participants.group.{g}.{s}" for g, _ in L.ART1_GROUP for s, _ in L.SEX]
    k += [f"flow.{f}.{s}" for f, _ in L.FLOW_STAGE for s, _ in L.SEX]
    k += [f"referrals.{r}" for r, _ in L.REFERRAL_SOURCE] + [f"duration.{d}" for d, _ in L.DURATION_BUCKET]
    k += [f"spheres.{x}.{c}" for x, _ in L.LIFE_SPHERE for c, _ in L.SPHERE_MEASURE]
    k += [f"measures.{m}.{c}" for m, _ in L.NON_EMPLOYMENT_MEASURE for c, _ in L.MEASURE_COLUMNS]
    k += [f"outcomes.{o}.{s}" for o, _ in L.OUTCOME for s, _ in L.SEX]
    k += ["hours.total", "hours.social"]
    k += ["services", "services.participants", "services.hours", "services.count.type_c", "services.hours.type_c",
          "services.in_kind"]
    for a, _ in L.SERVICE_AREA:
        k += [f"services.area.{a}.count", f"services.area.{a}.participants", f"services.area.{a}.hours"]
    for x, _ in L.LIFE_SPHERE:
        k += [f"services.sphere.{x}.count", f"services.sphere.{x}.participants", f"services.sphere.{x}.hours"]
    k += ["funding.total", "funding.own_income", "funding.time_limited", "funding.ending_6m"]
    k += [f"funding.source.{f}" for f, _ in L.FUNDING_SOURCE]
    k += ["animation.events", "animation.institutions", "animation.type_a", "animation.type_b", "animation.type_c",
          "animation.with_rops"] + [f"animation.kind.{a}" for a, _ in L.ANIMATION_KIND]
    k += ["barriers", "barriers.without_action", "barriers.with_support_request", "practices"]
    k += [f"barriers.category.{b}" for b, _ in L.BARRIER_CATEGORY]
    k += V2_KEYS
    k += RULES_V2_KEYS
    return tuple(k)


def _v2_keys() -> list[str]:
    """Keys of the items template 2.0 added (DESIGN §10, issue 13). A 1.0 workbook has them all 0 and
    ``lsr.v2`` = 0: outputs show "nie raportowano" for them, and shares use the 2.0-only denominators
    (``v2.participants.*``, ``v2.staff.fte.case_manager``), never all LSRs."""
    k = ["lsr.v2"] + [f"v2.participants.{s}" for s, _ in L.SEX] + ["v2.staff.fte.case_manager"]
    # further 2.0-only denominators: completers, partnerships and staff FTE of 2.0 LSRs only
    k += ["v2.completed", "v2.partnerships", "v2.partnerships.formal", "v2.staff.fte"]
    # participants of the 2.0 LSRs that have case-manager FTE: the caseload's numerator, so people of an LSR
    # without a case manager are not spread over other LSRs' case managers; funding of the 2.0 LSRs only
    k += ["v2.participants_with_cm", "v2.funding.total"]
    k += [f"started.{g}.{s}" for g, _ in L.ART1_GROUP for s, _ in L.SEX]
    k += [f"process.{r}.{s}" for r, _ in L.PROCESS for s, _ in L.SEX]
    k += [f"followup.{r}" for r, _ in L.FOLLOWUP]
    k += [f"volunteers.{s}" for s, _ in L.SEX]
    k += ["lsr.meetings", "lsr.local_monitoring", "lsr.konwent", "lsr.supervision", "staff.supervised_fte"]
    k += ["partnerships.kis_leads", "partnerships.formal_kis_leads", "partnerships.evaluations",
          "lsr.with_formal_partnership_kis"]
    for x, _ in L.ART18_SERVICE:
        k += [f"services.art18.{x}.count", f"services.art18.{x}.participants", f"services.art18.{x}.hours"]
    k += ["explanations", "warnings.explained"]
    return k


V2_KEYS = _v2_keys()


STAT_KEYS = _keys()


def empty_stats() -> dict[str, float]:
    return dict.fromkeys(STAT_KEYS, 0)


def _add(a, b):
    """Exact, order-independent addition: counts are ints, decimals (FTE, hours, PLN) have 2 places."""
    if isinstance(a, int) and isinstance(b, int):
        return a + b
    return round(a + b, 2)


def add_stats(items: Iterable[dict[str, float]]) -> dict[str, float]:
    """Key-wise sum of statistics (the only aggregation of the LSR → RSR → KSR chain).

    Exact and order-independent: counts are ints and sum exactly; a key holding decimals (FTE,
    hours, PLN: two places) is summed in hundredths, so any order of the same items gives the
    same float (the one nearest the exact decimal sum, as a running ``_add`` would give)."""
    items = list(items)
    total = empty_stats()
    keys = list(total)
    if all(list(st) == keys for st in items):          # the usual case: every key, in STAT_KEYS order
        columns = zip(*(st.values() for st in items)) if items else ([] for _ in keys)
    else:
        keys += sorted({k for st in items for k in st} - total.keys())
        columns = ([st.get(k, 0) for st in items] for k in keys)
    for k, values in zip(keys, columns):
        s = sum(values)
        if type(s) is not int:            # some decimal: sum in hundredths, exactly
            s = sum(round(v * 100) for v in values) / 100
        total[k] = s
    return total


def _flag(cond: bool) -> int:
    return 1 if cond else 0


def _network(st: dict, data, types: dict) -> None:
    rows = data.tables["stakeholders"]
    st["stakeholders"] = len(rows)
    for r in rows:
        for group, key in (("type", "type"), ("sector", "sector"), ("field", "field"), ("level", "level")):
            if r.get(key):
                st[f"stakeholders.{group}.{r[key]}"] += 1
        st["stakeholders.declaration"] += r.get("declaration") == "yes"
        st["stakeholders.contact"] += r.get("contact") == "yes"
        for res in RESOURCES:
            st[f"stakeholders.resource.{res}"] += r.get(f"res_{res}") == "yes"
    st["lsr.with_type_c"] = _flag(st["stakeholders.type.C"] > 0)
    parts = data.tables["partnerships"]
    st["partnerships"] = len(parts)
    for p in parts:
        formal = p.get("form") in L.FORMAL_PARTNERSHIP_FORMS
        ids = set(p.get("members") or ()) | ({p["leader"]} if p.get("leader") else set())
        with_c = any(types.get(i) == "C" for i in ids)
        st["partnerships.formal"] += formal
        st["partnerships.formal_with_c"] += formal and with_c
        st["partnerships.action_plan"] += p.get("action_plan") == "yes"
    st["lsr.with_formal_partnership"] = _flag(st["partnerships.formal"] > 0)
    st["lsr.with_formal_partnership_c"] = _flag(st["partnerships.formal_with_c"] > 0)


def kis_post(row: dict) -> bool:
    """A post of the KIS's OWN staff: "Własna kadra KIS" = TAK, or delegated from the OPS ("oddelegowanie
    z OPS": the seed names "przesunięcia kadrowe (np. z OPS)" as the way to the KIS's own staff, 001
    l. 7011–7016; own staff l. 2096–2104, 2303–2311). A partner's staff and volunteers are not."""
    if row.get("contract") == "volunteer":
        return False
    return row.get("own") == "yes" or row.get("contract") == "seconded"


def _staff(st: dict, data) -> None:
    """Staff sums. ``lsr.with_case_manager``/``with_core_triad``: posts held by anyone (the KIS or a partner);
    ``lsr.with_kis_*``: the KIS's own posts only (``kis_post``), as the rules CASE_MANAGER and TRIADA read."""
    roles, kis_roles = set(), set()
    for r in data.tables["staff"]:
        fte = r.get("fte") or 0
        st["staff.rows"] += 1
        st["staff.fte"] += fte
        if r.get("role"):
            st[f"staff.fte.role.{r['role']}"] += fte
            if fte > 0:
                roles.add(r["role"])
                if kis_post(r):
                    kis_roles.add(r["role"])
        st["staff.fte.own"] += fte if r.get("own") == "yes" else 0
        st["staff.fte.project"] += fte if r.get("funding") == "project" else 0
    st["lsr.with_case_manager"] = _flag("case_manager" in roles)
    st["lsr.with_core_triad"] = _flag(all(any(x in roles for x in alt) for alt in CORE_TRIAD))
    st["lsr.with_kis_case_manager"] = _flag("case_manager" in kis_roles)
    st["lsr.with_kis_core_triad"] = _flag(all(any(x in kis_roles for x in alt) for alt in CORE_TRIAD))


def _participants(st: dict, data) -> None:
    g = data.grids
    for key, prefix in (("groups", "participants.group"), ("flow", "flow"), ("outcomes", "outcomes"),
                        ("spheres", "spheres"), ("measures", "measures")):
        for (rk, ck), v in g[key].items():
            st[f"{prefix}.{rk}.{ck}"] += v
    for (rk, _), v in g["referrals"].items():
        st[f"referrals.{rk}"] += v
    for (rk, _), v in g["duration"].items():
        st[f"duration.{rk}"] += v
    st["hours.total"] = g["hours"].get(("total", "hours"), 0)
    st["hours.social"] = g["hours"].get(("social", "hours"), 0)
    num, den = SOCIAL_HOURS_TARGET
    st["lsr.social_hours_target"] = _flag(st["hours.total"] > 0 and st["hours.social"] * den >= st["hours.total"] * num)
    st["lsr.with_measures"] = _flag(any(v for (_, c), v in g["measures"].items() if c == "measured"))


def _services(st: dict, data, types: dict) -> None:
    for r in data.tables["services"]:
        area, hours, people = r.get("area"), r.get("hours") or 0, r.get("participants") or 0
        st["services"] += 1
        st["services.participants"] += people
        st["services.hours"] += hours
        st["services.in_kind"] += r.get("in_kind") or 0
        if types.get(r.get("provider")) == "C":
            st["services.count.type_c"] += 1
            st["services.hours.type_c"] += hours
        if area:
            st[f"services.area.{area}.count"] += 1
            st[f"services.area.{area}.participants"] += people
            st[f"services.area.{area}.hours"] += hours
            st[f"lsr.area_covered.{area}"] = 1
        if r.get("sphere"):
            st[f"services.sphere.{r['sphere']}.count"] += 1
            st[f"services.sphere.{r['sphere']}.participants"] += people
            st[f"services.sphere.{r['sphere']}.hours"] += hours
    covered = sum(st[f"lsr.area_covered.{a}"] for a in L.NEW_PROFILE_AREAS)
    st["lsr.new_areas_covered"] = covered
    st["lsr.all_new_areas"] = _flag(covered == len(L.NEW_PROFILE_AREAS))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months; the last day of a month stays the last day."""
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    is_last = (day + dt.timedelta(days=1)).month != day.month
    return dt.date(year, month, last if is_last else min(day.day, last))


def _funding(st: dict, data, period_end: dt.date | None) -> None:
    """Funding sums; "ending within 6 months" = time-limited money whose end date is on or before
    period end + 6 calendar months (money that already ended in the period included: it is gone too)."""
    rows = data.tables["funding"]
    limit = add_months(period_end, FUNDING_ENDS_WITHIN_MONTHS) if period_end else None
    for r in rows:
        amount = r.get("amount") or 0
        st["funding.total"] += amount
        if r.get("source"):
            st[f"funding.source.{r['source']}"] += amount
            st["funding.own_income"] += amount if r["source"] in L.OWN_INCOME_SOURCES else 0
        if r.get("time_limited") == "yes":
            st["funding.time_limited"] += amount
            if limit and r.get("ends_on") and r["ends_on"] <= limit:
                st["funding.ending_6m"] += amount
    st["lsr.funding_ending_6m"] = _flag(st["funding.ending_6m"] > 0)
    st["lsr.project_only"] = _flag(bool(rows) and st["funding.time_limited"] == st["funding.total"] > 0)


def _activity(st: dict, data) -> None:
    for r in data.tables["animation"]:
        st["animation.events"] += 1
        st["animation.institutions"] += r.get("institutions") or 0
        for t in ("a", "b", "c"):
            st[f"animation.type_{t}"] += r.get(f"type_{t}") or 0
        st["animation.with_rops"] += r.get("rops") == "yes"
        if r.get("kind"):
            st[f"animation.kind.{r['kind']}"] += 1
    for r in data.tables["barriers"]:
        st["barriers"] += 1
        if r.get("category"):
            st[f"barriers.category.{r['category']}"] += 1
        st["barriers.without_action"] += not (r.get("action") or "").strip()
        if r.get("category") in PARTICIPATION_BARRIERS:
            st["barriers.participation"] += 1
            st["barriers.participation_without_action"] += not (r.get("action") or "").strip()
        st["barriers.with_support_request"] += bool((r.get("support") or "").strip())
    st["lsr.barriers_without_action"] = _flag(st["barriers.without_action"] > 0)
    st["practices"] = len(data.tables["practices"])


_VOLUNTEER_FIELDS = {"f": "volunteers_women", "m": "volunteers_men"}


def _v2(st: dict, data) -> None:
    """The 2.0 items (001 lines 778–780, 2476–2486, 2588–2596, 2683–2744; 002 lines 173–177; 004 card 4).
    Called only for a 2.0 workbook: a 1.0 file leaves them 0 with ``lsr.v2`` = 0 (= not reported)."""
    form, g = data.form, data.grids
    st["lsr.v2"] = 1
    for s, _ in L.SEX:
        st[f"v2.participants.{s}"] = st[f"flow.start.{s}"] + st[f"flow.entered.{s}"]
        st[f"volunteers.{s}"] = form.get(_VOLUNTEER_FIELDS[s]) or 0
    st["v2.staff.fte.case_manager"] = st["staff.fte.role.case_manager"]
    if st["v2.staff.fte.case_manager"] > 0:
        st["v2.participants_with_cm"] = sum(st[f"v2.participants.{s}"] for s, _ in L.SEX)
    st["v2.funding.total"] = st["funding.total"]
    st["v2.completed"] = sum(st[f"flow.completed.{s}"] for s, _ in L.SEX)
    st["v2.partnerships"], st["v2.partnerships.formal"] = st["partnerships"], st["partnerships.formal"]
    st["v2.staff.fte"] = st["staff.fte"]
    for key, prefix in (("started", "started"), ("process", "process")):
        for (rk, ck), v in g.get(key, {}).items():
            st[f"{prefix}.{rk}.{ck}"] += v
    for (rk, _), v in g.get("followup", {}).items():
        st[f"followup.{rk}"] += v
    st["lsr.meetings"] = form.get("lsr_meetings") or 0
    for flag in ("local_monitoring", "konwent", "supervision"):
        st[f"lsr.{flag}"] = _flag(form.get(flag) == "yes")
    for r in data.tables.get("staff", []):
        st["staff.supervised_fte"] += (r.get("fte") or 0) if r.get("supervised") == "yes" else 0
    for p in data.tables.get("partnerships", []):
        leads = p.get("kis_leads") == "yes"
        st["partnerships.kis_leads"] += leads
        st["partnerships.formal_kis_leads"] += leads and p.get("form") in L.FORMAL_PARTNERSHIP_FORMS
        st["partnerships.evaluations"] += p.get("evaluations") or 0
    st["lsr.with_formal_partnership_kis"] = _flag(st["partnerships.formal_kis_leads"] > 0)
    for r in data.tables.get("services", []):
        if r.get("art18"):
            st[f"services.art18.{r['art18']}.count"] += 1
            st[f"services.art18.{r['art18']}.participants"] += r.get("participants") or 0
            st[f"services.art18.{r['art18']}.hours"] += r.get("hours") or 0
    st["explanations"] = len(data.tables.get("explanations", []))
    st["warnings.explained"] = getattr(data, "explained_warnings", 0)


def is_v2(data) -> bool:
    """True for a workbook of template 2.0 or later (``LsrData.version``; data without one is current)."""
    return S.version_key(getattr(data, "version", S.TEMPLATE_VERSION)) >= (2, 0)


def lsr_stats(data) -> dict[str, float]:
    """Sufficient statistics of one LSR (typed data of a workbook without errors)."""
    st = empty_stats()
    st["lsr.count"] = 1
    st["lsr.counted_v2"] = 1            # the rules-v2 keys below are counted (RULES_V2_KEYS)
    form = data.form
    st["lsr.auspices"] = _flag(form.get("auspices") == "yes")
    if form.get("kis_anchoring"):
        st[f"lsr.anchoring.{form['kis_anchoring']}"] = 1
    if form.get("creation_mode"):
        st[f"lsr.creation.{form['creation_mode']}"] = 1
    types = {r.get("id"): r.get("type") for r in data.tables["stakeholders"]}
    _network(st, data, types)
    _staff(st, data)
    _participants(st, data)
    _services(st, data, types)
    try:
        period_end = period_bounds(form.get("period") or "")[1]
    except ValueError:
        period_end = None
    _funding(st, data, period_end)
    _activity(st, data)
    if is_v2(data):
        _v2(st, data)
    for k, v in st.items():
        st[k] = int(v) if isinstance(v, bool) else (round(v, 2) if isinstance(v, float) else v)
    return st
