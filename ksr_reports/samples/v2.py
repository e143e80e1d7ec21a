"""The items template 2.0 added (DESIGN §10), filled into a sample's data after everything else.

Drawn after the 1.0 content from the same random stream, so the 1.0 part of a sample does not
change. Each sample LSR also has a *2.0 profile*: "strong" or one deliberate weakness the new
rules look for (issue 13 items 4 and 7), with the seed passage each one mirrors:
"""
from __future__ import annotations

import math
import random

from .. import spec as S

L = S.lists

V2_PROFILES = (
    "strong",
    "low_ipr",            # few participants with an individual plan (001 lines 2683–2744; 002 line 271), and
                          # those plans mostly drawn up without them (001 lines 2474–2486)
    "high_caseload",      # many participants per case-manager FTE (001 §1.3.9)
    "no_followup",        # nobody contacted half a year after leaving (001 line 2726)
    "no_supervision",     # no case supervision of KIS staff (002 lines 173–177) and no part in the konwent or
                          # the RSR: a KIS left alone by the region (001 KIS nr 5, 7070–7077)
    "kis_not_leading",    # partnerships not led by the KIS (001 lines 778–780)
    "no_ops",             # no OPS in the network, no referrals from OPS (001 §3.2 nr 1, 3, 5, 7130–7132)
    "shallow_deficits",   # few participants with the deepest deficits (001 KIS nr 3, 7028–7031)
    "low_own_income",     # no own income (001 table 9 nr 1)
)
# The groups with the deepest deficits, as the DEFICYTY rule counts them (001 KIS nr 3, lines 7028–7046;
# ``recommendations.rules_kis``): a test keeps the two lists equal.
DEEPEST_DEFICIT_GROUPS = ("homeless", "alcohol", "drugs", "mental", "ex_prisoners", "refugees")
# Share of the plans a strong KIS agrees with the participant: above the WSPOLDECYZJA threshold (0.8).
CO_DECIDED = {"strong": (0.82, 1.0), "low_ipr": (0.3, 0.6)}
# OPS referrals a KIS gets at least (the OPS_KIS threshold is 20%; 001 §3.2 nr 5, lines 7130–7132).
MIN_OPS_REFERRALS = 0.25
ART18_BY_SERVICE = {"Pomoc w sprawach formalnych": "legal_advice", "Grupa wsparcia": "self_help"}


def _v(choices, key):
    return dict(choices)[key]


def _split(rng: random.Random, total: int, weights) -> list[int]:
    out = [0] * len(weights)
    for _ in range(total):
        out[rng.choices(range(len(weights)), weights)[0]] += 1
    return out


def _people(grids, sex: str) -> int:
    return grids["flow"][("start", sex)] + grids["flow"][("entered", sex)]


def _groups(rng, grids, profile: str) -> None:
    """Started by group × sex (= entered); a "shallow" profile moves the groups to long-term unemployment."""
    grids["started"] = {}
    for sex, _ in L.SEX:
        if profile == "shallow_deficits":
            weights = [0.05 if g in DEEPEST_DEFICIT_GROUPS else (12 if g == "long_unemployed" else 1)
                       for g, _ in L.ART1_GROUP]
            for (g, _), v in zip(L.ART1_GROUP, _split(rng, _people(grids, sex), weights)):
                grids["groups"][(g, sex)] = v
        weights = [max(grids["groups"][(g, sex)], 0.1) for g, _ in L.ART1_GROUP]
        for (g, _), v in zip(L.ART1_GROUP, _split(rng, grids["flow"][("entered", sex)], weights)):
            grids["started"][(g, sex)] = v


def _shallow_spheres(rng, grids) -> None:
    """Few deficits diagnosed: a KIS serving people who need it least (001 KIS nr 3, 7028–7031)."""
    people = sum(_people(grids, s) for s, _ in L.SEX)
    for k, _ in L.LIFE_SPHERE:
        diagnosed = rng.randint(people // 10, max(1, people // 4))
        grids["spheres"][(k, "diagnosed")] = diagnosed
        grids["spheres"][(k, "improved")] = min(grids["spheres"][(k, "improved")], diagnosed)


def _process(rng, grids, profile: str, has_case_manager: bool) -> None:
    grids["process"] = {}
    for sex, _ in L.SEX:
        n = _people(grids, sex)
        plan = round(n * (rng.uniform(0.15, 0.35) if profile == "low_ipr" else rng.uniform(0.85, 1.0)))
        cells = {"with_plan": plan,
                 "with_case_manager": round(n * rng.uniform(0.8, 1.0)) if has_case_manager else 0,
                 "with_contract": round(n * rng.uniform(0.1, 0.4)),
                 "plan_reviewed": round(plan * rng.uniform(0.6, 0.9)),
                 "co_decided": math.ceil(plan * rng.uniform(*CO_DECIDED.get(profile, CO_DECIDED["strong"])))}
        for key, value in cells.items():
            grids["process"][(key, sex)] = value


def _followup(rng, grids, profile: str) -> None:
    completed = sum(grids["flow"][("completed", s)] for s, _ in L.SEX)
    followed = 0 if profile == "no_followup" else round(completed * rng.uniform(0.5, 0.9))
    grids["followup"] = {("followed_up", "persons"): followed}
    for key, v in zip(L.FOLLOWUP_STATUSES, _split(rng, followed, [4, 1, 1, 2, 2, 1])):
        grids["followup"][(key, "persons")] = v


def _tables(rng, data: dict, profile: str) -> None:
    t = data["tables"]
    for i, p in enumerate(t["partnerships"]):
        p["kis_leads"] = "TAK" if p["leader"] == "I01" and profile != "kis_not_leading" else "NIE"
        if profile == "kis_not_leading" and p["leader"] == "I01":
            p["leader"] = "I02"
        p["evaluations"] = 0 if p["evaluated_on"] is None else rng.choice([1, 2, 2])
    core = {_v(L.STAFF_ROLE, r) for r in ("manager", "case_manager", "psychologist", "social_worker", "pedagogue")}
    for r in t["staff"]:
        r["supervised"] = "NIE" if profile == "no_supervision" else ("TAK" if r["role"] in core else "NIE")
    _case_manager_fte(rng, data, profile)
    for r in t["services"]:
        r["art18"] = _v(L.ART18_SERVICE, ART18_BY_SERVICE.get(r["name"], "none"))
    _funding(rng, t, profile)


def _funding(rng, t: dict, profile: str) -> None:
    """Own income (none for "low_own_income"), the gminny program and PFRON lines (new in 2.0)."""
    own = {_v(L.FUNDING_SOURCE, k) for k in L.OWN_INCOME_SOURCES}
    if profile == "low_own_income":
        t["funding"] = [r for r in t["funding"] if r["source"] not in own]
    elif not all(r["time_limited"] == "TAK" for r in t["funding"]):      # a project-only KIS has no own income
        total = sum(r["amount"] for r in t["funding"])
        if sum(r["amount"] for r in t["funding"] if r["source"] in own) < 0.05 * total:
            t["funding"].append({"source": _v(L.FUNDING_SOURCE, "paid_activity"), "time_limited": "NIE",
                                 "amount": float(round(total * rng.uniform(0.06, 0.12), -2)), "ends_on": None,
                                 "note": "Sprzedaż wyrobów pracowni"})
    if all(r["time_limited"] == "TAK" for r in t["funding"]):    # the "project_only" profile stays so
        return
    if rng.random() < 0.6:
        t["funding"].append({"source": _v(L.FUNDING_SOURCE, "alcohol_program"),
                             "amount": float(rng.randrange(5_000, 40_000, 500)), "time_limited": "NIE",
                             "ends_on": None, "note": "Gminny program profilaktyki"})
    if rng.random() < 0.3:
        t["funding"].append({"source": _v(L.FUNDING_SOURCE, "pfron"), "amount": float(rng.randrange(3_000, 20_000, 500)),
                             "time_limited": "TAK", "ends_on": None, "note": "Dofinansowanie PFRON"})


def _case_manager_fte(rng, data: dict, profile: str) -> None:
    """Case-manager FTE for 15–30 participants per FTE; "high_caseload" keeps one quarter post."""
    t, cm = data["tables"], _v(L.STAFF_ROLE, "case_manager")
    rows = [r for r in t["staff"] if r["role"] == cm]
    if not rows:
        return
    t["staff"] = [r for r in t["staff"] if r["role"] != cm or r is rows[0]]     # one case-manager row, by identity
    if profile == "high_caseload":
        rows[0]["fte"] = 0.25
        return
    people = sum(_people(data["grids"], s) for s, _ in L.SEX)
    fte = max(0.5, round(people / rng.uniform(15, 30) * 4) / 4)
    rows[0]["fte"] = min(fte, 1.0)
    fte -= rows[0]["fte"]
    at = next(i for i, r in enumerate(t["staff"]) if r is rows[0]) + 1
    while fte > 0:
        t["staff"].insert(at, {**rows[0], "fte": min(fte, 1.0)})
        fte -= min(fte, 1.0)


def _no_ops(data: dict, grids) -> None:
    """The OPS row becomes a foundation (same id, so references hold); OPS referrals move to own applications."""
    ops = next(r for r in data["tables"]["stakeholders"] if r["name"].startswith("Ośrodek Pomocy Społecznej"))
    ops.update({"name": "Fundacja „Pomocna Dłoń”", "sector": _v(L.SECTOR, "ngo")})
    grids["referrals"][("self", "persons")] += grids["referrals"][("ops", "persons")]
    grids["referrals"][("ops", "persons")] = 0


def _ops_referrals(ref: dict) -> None:
    """The OPS refers at least a quarter of those admitted (wherever it is in the network): moves persons
    from the largest other source, one at a time, so the total stays."""
    need = math.ceil(MIN_OPS_REFERRALS * sum(ref.values()))
    while ref[("ops", "persons")] < need:
        top = max((k for k in ref if k[0] != "ops"), key=lambda k: ref[k])
        ref[top] -= 1
        ref[("ops", "persons")] += 1


def add_v2(data: dict, rng: random.Random, profile: str, explain_case_manager: bool = False) -> None:
    """Fill the 2.0 items of a sample's data in place (form, grids, new columns, Wyjaśnienia)."""
    grids, form = data["grids"], data["form"]
    for sex, _ in L.SEX:      # 2.0 asks the transfer to CIS once, in the flow (DESIGN §10)
        grids["outcomes"].pop(("cis", sex), None)
    cm_label = _v(L.STAFF_ROLE, "case_manager")
    has_cm = any(r["role"] == cm_label for r in data["tables"]["staff"])
    _groups(rng, grids, profile)
    if profile == "shallow_deficits":
        _shallow_spheres(rng, grids)
    _process(rng, grids, profile, has_cm or explain_case_manager)
    _followup(rng, grids, profile)
    _tables(rng, data, profile)
    if profile == "no_ops":
        _no_ops(data, grids)
    else:
        _ops_referrals(grids["referrals"])
    annual = not form["period"].endswith(("H1", "H2"))
    form.update({
        "kis_register_no": f"KIS/{form['teryt'][:2]}/{rng.randint(1, 40)}/{rng.randint(2012, 2023)}",
        "volunteers_women": rng.randint(1, 6), "volunteers_men": rng.randint(0, 4),
        "lsr_meetings": rng.randint(3, 6) if annual else rng.randint(1, 3),
        "local_monitoring": "TAK" if rng.random() < 0.7 else "NIE",
        "konwent": "NIE" if profile == "no_supervision" else "TAK",
        "supervision": "NIE" if profile == "no_supervision" else "TAK",
    })
    data["tables"]["explanations"] = []
    if explain_case_manager:      # a warning the coordinator explains (the „Wyjaśnienia” sheet, DESIGN §10)
        ref = S.grid("process").cell_of("with_case_manager", "f")
        data["tables"]["explanations"].append({
            "sheet": S.PARTICIPANTS.name, "cell": ref, "code": None,
            "text": "Rolę case managera pełni pracownik socjalny OPS oddelegowany do KIS na podstawie porozumienia; "
                    "jego etat jest w budżecie OPS, więc nie wpisaliśmy go w arkuszu Kadra."})
