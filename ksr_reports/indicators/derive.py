"""Ratios and shares derived from summed statistics (never averaged across units).

``DERIVED`` lists every derived indicator: key, Polish label, formula (numerator and
denominator keys) and unit. A ratio with a zero denominator is ``None`` (shown as "–").
"""
from __future__ import annotations

from .. import spec as S

L = S.lists


def _sum(st: dict, keys) -> float:
    return sum(st.get(k, 0) for k in keys)


SEXES = [s for s, _ in L.SEX]
EMPLOYMENT_OUTCOMES = ("open_market", "social_coop", "supported", "own_business")


def _ratio(num: float, den: float) -> float | None:
    return None if not den else num / den


# Key lists of the sums below, built once (derive runs for every LSR of a national rollup, twice).
_PARTICIPANT_KEYS = tuple(f"flow.{k}.{s}" for k in ("start", "entered") for s in SEXES)
_COMPLETED_KEYS, _DROPPED_KEYS, _TO_CIS_KEYS, _END_KEYS = (
    tuple(f"flow.{stage}.{s}" for s in SEXES) for stage in ("completed", "dropped", "to_cis", "end"))
_WOMEN_KEYS = tuple(f"flow.{k}.f" for k in ("start", "entered"))
_SHORT_KEYS = tuple(f"duration.{b}" for b in L.SHORT_DURATION_BUCKETS)
_DURATION_KEYS = tuple(f"duration.{b}" for b, _ in L.DURATION_BUCKET)
_SPHERE_KEYS = tuple((f"share.improved.sphere.{x}", f"spheres.{x}.improved", f"spheres.{x}.diagnosed")
                     for x, _ in L.LIFE_SPHERE)
_MEASURE_KEYS = tuple((f"share.improved.measure.{m}", f"measures.{m}.improved", f"measures.{m}.measured")
                      for m, _ in L.NON_EMPLOYMENT_MEASURE)
_EMPLOYED_KEYS = tuple(f"outcomes.{o}.{s}" for o in EMPLOYMENT_OUTCOMES for s in SEXES)
_NEW_PROFILE_HOURS_KEYS = tuple(f"services.area.{a}.hours" for a in L.NEW_PROFILE_AREAS)
_DIAGNOSED_KEYS = tuple(f"spheres.{x}.diagnosed" for x, _ in L.LIFE_SPHERE)
_V2_PARTICIPANT_KEYS = tuple(f"v2.participants.{s}" for s in SEXES)
_PROCESS_KEYS = {r: tuple(f"process.{r}.{s}" for s in SEXES) for r, _ in L.PROCESS}
_FOLLOWUP_WORK_KEYS = ("followup.fu_employed", "followup.fu_social_economy")
_VOLUNTEER_KEYS = tuple(f"volunteers.{s}" for s in SEXES)


def participants(st: dict) -> float:
    """Persons supported in the period (at start + entered): ``derive(st)["participants"]``, alone."""
    return _sum(st, _PARTICIPANT_KEYS)


def derive(st: dict) -> dict[str, float | None]:
    """All derived indicators of a statistics dict (one LSR, a region or the country)."""
    d: dict[str, float | None] = {}
    n_lsr = st.get("lsr.count", 0)
    participants = _sum(st, _PARTICIPANT_KEYS)
    completed = _sum(st, _COMPLETED_KEYS)
    dropped = _sum(st, _DROPPED_KEYS)
    to_cis = _sum(st, _TO_CIS_KEYS)
    leavers = completed + dropped + to_cis
    d["participants"] = participants
    d["participants.women"] = _sum(st, _WOMEN_KEYS)
    d["participants.end"] = _sum(st, _END_KEYS)
    d["leavers"] = leavers
    d["completed"] = completed
    d["share.completion"] = _ratio(completed, leavers)
    d["share.dropout"] = _ratio(dropped, leavers)
    d["share.to_cis"] = _ratio(to_cis, leavers)
    short = _sum(st, _SHORT_KEYS)
    d["share.support_under_12m"] = _ratio(short, _sum(st, _DURATION_KEYS))
    d["share.lsr_social_hours_target"] = _ratio(st.get("lsr.social_hours_target", 0), n_lsr)
    d["share.declarations"] = _ratio(st.get("stakeholders.declaration", 0), st.get("stakeholders", 0))
    d["share.formal_partnerships_with_c"] = _ratio(st.get("partnerships.formal_with_c", 0), st.get("partnerships.formal", 0))
    d["share.lsr_funding_ending_6m"] = _ratio(st.get("lsr.funding_ending_6m", 0), n_lsr)
    d["share.type_c"] = _ratio(st.get("stakeholders.type.C", 0), st.get("stakeholders", 0))
    d["share.lsr_with_type_c"] = _ratio(st.get("lsr.with_type_c", 0), n_lsr)
    d["share.lsr_with_formal_partnership_c"] = _ratio(st.get("lsr.with_formal_partnership_c", 0), n_lsr)
    d["share.lsr_with_case_manager"] = _ratio(st.get("lsr.with_case_manager", 0), n_lsr)
    d["share.lsr_with_core_triad"] = _ratio(st.get("lsr.with_core_triad", 0), n_lsr)
    d["share.lsr_auspices"] = _ratio(st.get("lsr.auspices", 0), n_lsr)
    d["stakeholders.per_lsr"] = _ratio(st.get("stakeholders", 0), n_lsr)
    d["staff.fte.per_lsr"] = _ratio(st.get("staff.fte", 0), n_lsr)
    d["share.staff_own"] = _ratio(st.get("staff.fte.own", 0), st.get("staff.fte", 0))
    d["participants.per_fte"] = _ratio(participants, st.get("staff.fte", 0))
    d["share.social_hours"] = _ratio(st.get("hours.social", 0), st.get("hours.total", 0))
    for key, improved, base in _SPHERE_KEYS + _MEASURE_KEYS:
        d[key] = _ratio(st.get(improved, 0), st.get(base, 0))
    employed = _sum(st, _EMPLOYED_KEYS)
    d["share.employment_outcome"] = _ratio(employed, completed)
    d["share.services_type_c_hours"] = _ratio(st.get("services.hours.type_c", 0), st.get("services.hours", 0))
    d["share.new_profile_hours"] = _ratio(_sum(st, _NEW_PROFILE_HOURS_KEYS), st.get("services.hours", 0))
    d["share.lsr_all_new_areas"] = _ratio(st.get("lsr.all_new_areas", 0), n_lsr)
    d["new_areas.coverage"] = _ratio(st.get("lsr.new_areas_covered", 0), n_lsr * len(L.NEW_PROFILE_AREAS))
    d["share.own_income"] = _ratio(st.get("funding.own_income", 0), st.get("funding.total", 0))
    d["share.time_limited"] = _ratio(st.get("funding.time_limited", 0), st.get("funding.total", 0))
    d["share.ending_6m"] = _ratio(st.get("funding.ending_6m", 0), st.get("funding.total", 0))
    d["funding.per_participant"] = _ratio(st.get("funding.total", 0), participants)
    d["animation.per_lsr"] = _ratio(st.get("animation.events", 0), n_lsr)
    d["share.barriers_without_action"] = _ratio(st.get("barriers.without_action", 0), st.get("barriers", 0))
    d["spheres.diagnosed_per_participant"] = _ratio(_sum(st, _DIAGNOSED_KEYS), participants)
    d["lsr.v2"] = st.get("lsr.v2", 0)
    d.update(_derive_v2(st))
    return d


def _derive_v2(st: dict) -> dict[str, float | None]:
    """Indicators of the items only template 2.0 asks (DESIGN §10). Every denominator counts 2.0 LSRs only
    (``lsr.v2``, ``v2.*``); with no 2.0 LSR in the unit every value is None: "nie raportowano", never 0."""
    n_v2 = st.get("lsr.v2", 0)
    if not n_v2:
        return dict.fromkeys(V2_DERIVED, None)
    d: dict[str, float | None] = {}
    people = _sum(st, _V2_PARTICIPANT_KEYS)
    with_plan = _sum(st, _PROCESS_KEYS["with_plan"])
    d["share.ipr_coverage"] = _ratio(with_plan, people)                     # 001 lines 2683–2744; 002 line 271
    d["share.with_case_manager"] = _ratio(_sum(st, _PROCESS_KEYS["with_case_manager"]), people)
    d["share.with_contract"] = _ratio(_sum(st, _PROCESS_KEYS["with_contract"]), people)
    d["share.plan_reviewed"] = _ratio(_sum(st, _PROCESS_KEYS["plan_reviewed"]), with_plan)
    d["share.co_decided"] = _ratio(_sum(st, _PROCESS_KEYS["co_decided"]), with_plan)   # 001 lines 2476–2486
    # numerator: participants of the LSRs that have case-manager FTE only (an LSR without one adds nothing)
    d["caseload.case_manager"] = _ratio(st.get("v2.participants_with_cm", 0), st.get("v2.staff.fte.case_manager", 0))
    followed = st.get("followup.followed_up", 0)
    d["followup.followed_up"] = followed
    d["share.followup_coverage"] = _ratio(followed, st.get("v2.completed", 0))       # 001 line 2726
    d["share.followup_working"] = _ratio(_sum(st, _FOLLOWUP_WORK_KEYS), followed)
    d["share.formal_partnerships_kis_leads"] = _ratio(st.get("partnerships.formal_kis_leads", 0),
                                                      st.get("v2.partnerships.formal", 0))   # 001 lines 778–780
    d["share.lsr_with_formal_partnership_kis"] = _ratio(st.get("lsr.with_formal_partnership_kis", 0), n_v2)
    d["partnerships.evaluations_per_partnership"] = _ratio(st.get("partnerships.evaluations", 0),
                                                           st.get("v2.partnerships", 0))     # 001 lines 2588–2596
    d["share.lsr_supervision"] = _ratio(st.get("lsr.supervision", 0), n_v2)     # 002 lines 173–177
    d["share.staff_supervised"] = _ratio(st.get("staff.supervised_fte", 0), st.get("v2.staff.fte", 0))
    d["volunteers"] = _sum(st, _VOLUNTEER_KEYS)
    d["volunteers.women"] = st.get("volunteers.f", 0)
    d["volunteers.per_lsr"] = _ratio(d["volunteers"], n_v2)
    d["lsr.meetings.per_lsr"] = _ratio(st.get("lsr.meetings", 0), n_v2)
    d["share.lsr_local_monitoring"] = _ratio(st.get("lsr.local_monitoring", 0), n_v2)   # 004 card 4
    d["share.lsr_konwent"] = _ratio(st.get("lsr.konwent", 0), n_v2)
    return d


# Polish labels of the derived indicators shown in outputs (key -> (label, kind)); kind: "count", "share", "number".
DERIVED = {
    "participants": ("Uczestnicy w okresie", "count"),
    "participants.women": ("w tym kobiety", "count"),
    "participants.end": ("Uczestnicy na koniec okresu", "count"),
    "leavers": ("Zakończyli udział (ukończenia, przerwania, przejścia do CIS)", "count"),
    "completed": ("Ukończyli udział", "count"),
    "share.completion": ("Odsetek ukończeń wśród osób kończących udział", "share"),
    "share.dropout": ("Odsetek przerwań", "share"),
    "share.to_cis": ("Odsetek przejść do CIS", "share"),
    "share.support_under_12m": ("Odsetek osób ze wsparciem krótszym niż 12 miesięcy", "share"),
    "share.type_c": ("Udział interesariuszy typu C", "share"),
    "share.declarations": ("Udział interesariuszy z podpisaną deklaracją współpracy", "share"),
    "share.formal_partnerships_with_c": ("Udział formalnych partnerstw z członkiem typu C", "share"),
    "share.lsr_with_type_c": ("Odsetek LSR z interesariuszem typu C", "share"),
    "share.lsr_with_formal_partnership_c": ("Odsetek LSR z formalnym partnerstwem z udziałem typu C", "share"),
    "share.lsr_with_case_manager": ("Odsetek LSR z case managerem", "share"),
    "share.lsr_with_core_triad": ("Odsetek LSR z pełną triadą kadrową", "share"),
    "share.lsr_auspices": ("Odsetek LSR pod auspicjami samorządu", "share"),
    "stakeholders.per_lsr": ("Interesariusze na LSR", "number"),
    "staff.fte.per_lsr": ("Etaty na LSR", "number"),
    "share.staff_own": ("Udział własnej kadry KIS w etatach", "share"),
    "participants.per_fte": ("Uczestnicy na etat", "number"),
    "share.social_hours": ("Udział godzin reintegracji społecznej (cel: 2/3)", "share"),
    "share.lsr_social_hours_target": ("Odsetek LSR osiągających cel 2/3 godzin reintegracji społecznej", "share"),
    "share.employment_outcome": ("Odsetek ukończeń zakończonych zatrudnieniem", "share"),
    "share.services_type_c_hours": ("Udział godzin usług realizowanych przez partnerów typu C", "share"),
    "share.new_profile_hours": ("Udział godzin usług w czterech nowych obszarach", "share"),
    "share.lsr_all_new_areas": ("Odsetek LSR obejmujących wszystkie cztery nowe obszary", "share"),
    "new_areas.coverage": ("Pokrycie nowych obszarów usług", "share"),
    "share.own_income": ("Udział dochodów własnych w finansowaniu", "share"),
    "share.time_limited": ("Udział środków projektowych (ograniczonych w czasie)", "share"),
    "share.ending_6m": ("Udział środków kończących się w ciągu 6 miesięcy", "share"),
    "share.lsr_funding_ending_6m": ("Odsetek LSR, którym środki kończą się w ciągu 6 miesięcy", "share"),
    "funding.per_participant": ("Finansowanie na uczestnika (zł)", "number"),
    "animation.per_lsr": ("Działania animacyjne na LSR", "number"),
    "share.barriers_without_action": ("Odsetek barier bez podjętego działania", "share"),
}

DERIVED["spheres.diagnosed_per_participant"] = ("Sfery z rozpoznanym deficytem na uczestnika", "number")
DERIVED["lsr.v2"] = ("LSR, które przekazały dane w wersji 2.0 arkusza", "count")

# Only template 2.0 asks these (DESIGN §10): None when no 2.0 LSR reported them ("nie raportowano").
V2_DERIVED = {
    "share.ipr_coverage": ("Odsetek uczestników z indywidualnym planem (IPD/IPR)", "share"),
    "share.with_case_manager": ("Odsetek uczestników z przydzielonym case managerem", "share"),
    "share.with_contract": ("Odsetek uczestników z kontraktem socjalnym", "share"),
    "share.plan_reviewed": ("Odsetek planów przeglądniętych w okresie", "share"),
    "share.co_decided": ("Odsetek osób z planem, które współdecydowały o planie", "share"),
    "caseload.case_manager": ("Uczestnicy na etat case managera", "number"),
    "followup.followed_up": ("Osoby, z którymi skontaktowano się pół roku po wyjściu z KIS", "count"),
    "share.followup_coverage": ("Kontakt pół roku po wyjściu wobec liczby ukończeń w okresie", "share"),
    "share.followup_working": ("Odsetek pracujących pół roku po wyjściu z KIS", "share"),
    "share.formal_partnerships_kis_leads": ("Udział formalnych partnerstw, których liderem jest KIS", "share"),
    "share.lsr_with_formal_partnership_kis": ("Odsetek LSR z formalnym partnerstwem prowadzonym przez KIS", "share"),
    "partnerships.evaluations_per_partnership": ("Ewaluacje na partnerstwo w okresie", "number"),
    "share.lsr_supervision": ("Odsetek LSR z superwizją pracy z uczestnikami", "share"),
    "share.staff_supervised": ("Udział etatów kadry objętych superwizją", "share"),
    "volunteers": ("Wolontariusze (osoby)", "count"),
    "volunteers.women": ("w tym kobiety", "count"),
    "volunteers.per_lsr": ("Wolontariusze na LSR", "number"),
    "lsr.meetings.per_lsr": ("Posiedzenia LSR na sieć", "number"),
    "share.lsr_local_monitoring": ("Odsetek LSR prowadzących lokalny monitoring", "share"),
    "share.lsr_konwent": ("Odsetek LSR uczestniczących w konwencie regionalnym lub RSR", "share"),
}
DERIVED.update(V2_DERIVED)

# Improvement per life sphere (002) and per non-employment measure (001 end of §1.3), from the lists.
for _key, _label in L.LIFE_SPHERE:
    # the list names the sphere in the nominative ("socjalno-bytowa"); after "w sferze" it is locative
    DERIVED[f"share.improved.sphere.{_key}"] = (f"Odsetek osób z poprawą w sferze {_label[:-1]}ej", "share")
for _key, _label in L.NON_EMPLOYMENT_MEASURE:
    DERIVED[f"share.improved.measure.{_key}"] = (f"Odsetek osób z poprawą – {_label}", "share")
