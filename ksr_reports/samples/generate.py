"""Generate filled LSR workbooks with deliberately varied profiles.

Every sample starts from a "strong" LSR (type C partners, a local employer among them, in a
formal partnership; case manager and core triad; 2/3 of hours in social reintegration; over a
third of the leavers supported longer than 18 months; stable funding; non-employment measures
recorded) that meets every recommendation rule, and gets at most one deliberate 1.0 weakness
(and one 2.0 weakness, ``samples.v2``), so that reports and their recommendations differ in
known ways: every rule fires on at least one sample. All balances of the specification hold
by construction.
"""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

from .. import spec as S
from ..periods import period_bounds
from ..template import build_template
from .gminy import PILOT_GMINY
from .v2 import V2_PROFILES, add_v2

L = S.lists

# One deliberate weakness per profile (DESIGN §7 recommendation triggers).
PROFILES = (
    "strong",             # everything the model asks for
    "no_type_c",          # no type C stakeholder at all, so no employer either (001 l. 696–705: local
                          # employers are type C stakeholders)
    "no_case_manager",    # no case manager, incomplete core triad
    "project_only",       # funded only by a time-limited project ending soon
    "low_social_hours",   # social reintegration under 2/3 of hours
    "short_support",      # most participants leave before 12 months
    "no_auspices",        # KIS not under local government auspices
    "no_measures",        # no non-employment measures recorded
    "narrow_profile",     # none of the four new-profile service areas, and the type C stakeholders stay
                          # outside the formal partnership (001 l. 766–776: type C deliver services through it)
    "barriers_unanswered",  # barriers reported with no action taken
    "informal_only",      # partnerships only informal
)


@dataclass(frozen=True)
class SampleLsr:
    teryt: str
    gmina: str
    powiat: str
    voivodeship: str
    profile: str
    v2_profile: str = "strong"     # the 2.0 items' deliberate weakness (``samples.v2.V2_PROFILES``)
    project_cycles: bool = False   # support cut to project cycles: the nationwide pattern (see ``pilot_lsrs``)
    # (persons supported, of them at the start) for women and men instead of the drawn ones: the LSR's size
    # in an earlier period (``samples.history``); None draws them
    sizes: tuple[tuple[int, int], tuple[int, int]] | None = None


def _v(choices, key):
    """Polish value of a list key."""
    return dict(choices)[key]


def _split(rng: random.Random, total: int, parts: int, weights=None) -> list[int]:
    """Split ``total`` into ``parts`` non-negative integers (multinomial, deterministic per rng)."""
    weights = weights or [1.0] * parts
    out = [0] * parts
    for _ in range(total):
        out[rng.choices(range(parts), weights)[0]] += 1
    return out


def _date_in(rng, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


def _stakeholders(rng, lsr: SampleLsr) -> list[dict]:
    g = lsr.gmina
    rows = [
        (f"Klub Integracji Społecznej w gminie {g}", "A", "public", "reintegration", "local"),
        (f"Ośrodek Pomocy Społecznej w gminie {g}", "B", "public", "social_assistance", "local"),
        (f"Powiatowy Urząd Pracy – powiat {lsr.powiat}", "B", "public", "labour_market", "county"),
        (f"Stowarzyszenie na rzecz Wykluczonych „Razem” ({g})", "B", "ngo", "social_assistance", "local"),
    ]
    if rng.random() < 0.6:
        rows.append((f"Centrum Integracji Społecznej ({g})", "A", "public", "reintegration", "county"))
    if rng.random() < 0.5:
        rows.append((f"Spółdzielnia Socjalna „Nowy Start” ({g})", "A", "ngo", "reintegration", "local"))
    if lsr.profile != "no_type_c":
        type_c = [
            (f"Dom Kultury w gminie {g}", "public", "culture"),
            (f"Biblioteka Publiczna w gminie {g}", "public", "culture"),
            (f"Szkoła Podstawowa nr 1 ({g})", "public", "education"),
            (f"Klub Sportowy „Olimpia” ({g})", "ngo", "sport"),
            (f"Przychodnia Zdrowia ({g})", "public", "health"),
            (f"Zakład Usług Komunalnych sp. z o.o. ({g})", "private", "employer"),
            (f"Parafia rzymskokatolicka ({g})", "church", "other"),
        ]
        chosen = rng.sample(type_c, rng.randint(3, len(type_c)))
        if not any(field == "employer" for _, _, field in chosen):
            # a local employer is always among them: a key partner (001 table 9 nr 4, l. 6559–6593)
            chosen[-1] = next(t for t in type_c if t[2] == "employer")
        for name, sector, field in chosen:
            rows.append((name, "C", sector, field, "local"))
    out = []
    for i, (name, typ, sector, field, level) in enumerate(rows):
        out.append({
            "name": name, "type": typ, "sector": _v(L.SECTOR, sector), "field": _v(L.FIELD, field),
            "level": _v(L.LEVEL, level), "joined_on": dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(500)),
            "declaration": "TAK" if i < 3 or rng.random() < 0.8 else "NIE",
            "contact": "TAK" if rng.random() < 0.85 else "NIE",
            "res_staff": "TAK" if rng.random() < 0.6 else "NIE",
            "res_technical": "TAK" if rng.random() < 0.4 else "NIE",
            "res_premises": "TAK" if typ == "C" or rng.random() < 0.3 else "NIE",
            "res_financial": "TAK" if rng.random() < 0.2 else "NIE",
        })
    return out


def _ids(stakeholders, typ=None) -> list[str]:
    return [S.STAKEHOLDERS.prefilled_id(i + 1) for i, s in enumerate(stakeholders) if typ is None or s["type"] == typ]


def _partnerships(rng, lsr, stakeholders, start) -> list[dict]:
    c_ids, others = _ids(stakeholders, "C"), [i for i in _ids(stakeholders) if i != "I01"]
    members = sorted(set(rng.sample(others, min(len(others), rng.randint(3, 5))) + c_ids[:2]))
    if lsr.profile == "narrow_profile":      # no type C member; the OPS and the labour office take part
        members = sorted({m for m in members if m not in c_ids} | {"I02", "I03"})
    form = "informal" if lsr.profile == "informal_only" else "agreement"
    rows = [{"name": f"Partnerstwo na rzecz reintegracji – {lsr.gmina}", "goal": "Wspólne usługi reintegracyjne dla uczestników KIS",
             "leader": "I01", "members": "; ".join(members), "form": _v(L.PARTNERSHIP_FORM, form),
             "signed_on": start - dt.timedelta(days=rng.randrange(30, 400)), "action_plan": "TAK" if form != "informal" else "NIE",
             "evaluated_on": start + dt.timedelta(days=rng.randrange(60, 150)) if rng.random() < 0.6 else None,
             "area": _v(L.SERVICE_AREA, "social_reintegration")}]
    if rng.random() < 0.5:
        rows.append({"name": "Porozumienie o wolontariacie", "goal": "Wolontariat uczestników", "leader": "I02",
                     "members": "; ".join(sorted(rng.sample(others, min(2, len(others))))),
                     "form": _v(L.PARTNERSHIP_FORM, "informal"), "signed_on": None, "action_plan": "NIE",
                     "evaluated_on": None, "area": _v(L.SERVICE_AREA, "culture")})
    return rows


def _staff(rng, lsr) -> list[dict]:
    roles = ["manager", "case_manager", "psychologist", "social_worker", "pedagogue", "career_adviser"]
    if lsr.profile == "no_case_manager":
        roles = ["manager", "social_worker", "career_adviser"]
    roles += rng.sample(["addiction_therapist", "instructor", "lawyer", "family_worker", "it"], rng.randint(1, 3))
    if lsr.profile != "no_case_manager" and rng.random() < 0.5:
        roles.append("case_manager")
    rows = []
    for role in roles:
        own = role in ("manager", "case_manager", "psychologist", "social_worker", "pedagogue") or rng.random() < 0.3
        rows.append({"role": _v(L.STAFF_ROLE, role), "fte": rng.choice([0.25, 0.5, 0.5, 0.75, 1.0, 1.0]),
                     "contract": _v(L.CONTRACT_TYPE, "employment" if own else rng.choice(["civil", "seconded"])),
                     "own": "TAK" if own else "NIE",
                     "funding": _v(L.STAFF_FUNDING, "project" if lsr.profile == "project_only" else rng.choice(["budget", "budget", "mixed"]))})
    return rows


def _participants(rng, lsr) -> dict:
    """All count grids, consistent with every balance of the specification."""
    grids: dict[str, dict] = {k: {} for k in ("groups", "flow", "referrals", "duration", "spheres", "measures", "outcomes", "hours")}
    totals = {}
    scale = 3 if lsr.powiat == lsr.gmina else 1   # city with powiat rights: a larger KIS
    for i, (sex, low, high) in enumerate((("f", 5, 18), ("m", 7, 26))):
        n = rng.randint(low, high) * scale
        start = rng.randint(3, max(4, n // 2))
        if lsr.sizes:
            n, start = lsr.sizes[i]
        entered = max(2, n - start)
        leavers_max = start + entered
        completed = rng.randint(leavers_max // 4, leavers_max // 2)
        dropped = rng.randint(0, max(1, (leavers_max - completed) // 4))
        to_cis = rng.randint(0, max(0, (leavers_max - completed - dropped) // 5))
        end = start + entered - completed - dropped - to_cis
        for stage, value in zip(("start", "entered", "completed", "dropped", "to_cis", "end"),
                                (start, entered, completed, dropped, to_cis, end)):
            grids["flow"][(stage, sex)] = value
        weights = [1, 3, 1, 2, 6, 1, 0.3, 2] if sex == "m" else [0.5, 1.5, 0.5, 2.5, 7, 0.3, 0.3, 2]
        for (g, _), v in zip(L.ART1_GROUP, _split(rng, start + entered, len(L.ART1_GROUP), weights)):
            grids["groups"][(g, sex)] = v
        outcome_total = completed - (1 if completed > 3 and rng.random() < 0.3 else 0)
        for (o, _), v in zip(L.OUTCOME, _split(rng, outcome_total, len(L.OUTCOME), [3, 1, 2, 1, 0.3, 1.5, 3])):
            grids["outcomes"][(o, sex)] = v
        totals[sex] = (start + entered, entered, completed + dropped + to_cis)
    participants = sum(t[0] for t in totals.values())
    entered_all = sum(t[1] for t in totals.values())
    leavers = sum(t[2] for t in totals.values())
    for (k, _), v in zip(L.REFERRAL_SOURCE, _split(rng, entered_all, len(L.REFERRAL_SOURCE), [6, 3, 1, 1, 1, 0.5, 1, 0.3])):
        grids["referrals"][(k, "persons")] = v
    if lsr.profile == "short_support":
        weights = [3, 3, 3, 2, 0.5, 0.2]
    elif lsr.project_cycles:                  # one or two project editions: 9–18 months
        weights = [0.1, 0.2, 0.5, 1.5, 5, 0.7]
    else:
        weights = [0.1, 0.2, 0.5, 1, 3, 4]
    for (k, _), v in zip(L.DURATION_BUCKET, _split(rng, leavers, len(L.DURATION_BUCKET), weights)):
        grids["duration"][(k, "persons")] = v
    if lsr.profile != "short_support":
        _long_support(grids["duration"], leavers, lsr.project_cycles)
    for k, _ in L.LIFE_SPHERE:
        diagnosed = rng.randint(participants // 3, participants)
        grids["spheres"][(k, "diagnosed")] = diagnosed
        grids["spheres"][(k, "improved")] = rng.randint(0, diagnosed * 3 // 4)
    for k, _ in L.NON_EMPLOYMENT_MEASURE:
        measured = 0 if lsr.profile == "no_measures" else rng.randint(participants // 2, participants)
        grids["measures"][(k, "measured")] = measured
        grids["measures"][(k, "improved")] = rng.randint(0, measured * 2 // 3) if measured else 0
    total_hours = participants * rng.randint(120, 320)
    social_share = rng.uniform(0.40, 0.60) if lsr.profile == "low_social_hours" else rng.uniform(0.68, 0.8)
    grids["hours"][("total", "hours")] = total_hours
    grids["hours"][("social", "hours")] = int(total_hours * social_share)
    return grids


def _long_support(duration: dict, leavers: int, project_cycles: bool) -> None:
    """At least 35% of the leavers had more than 18 months of support (001 l. 7079–7085: 9–12 or even
    18 months is too short); moves leavers from the longest shorter buckets, so the total stays.
    With ``project_cycles`` at most 20% did: the excess moves to 12–18 months."""
    if project_cycles:
        excess = duration[("gt18", "persons")] - leavers * 20 // 100
        if excess > 0:
            duration[("gt18", "persons")] -= excess
            duration[("12to18", "persons")] += excess
        return
    missing = -(-leavers * 35 // 100) - duration[("gt18", "persons")]
    for bucket in ("12to18", "9to12", "6to9", "3to6", "lt3"):
        moved = min(max(missing, 0), duration[(bucket, "persons")])
        duration[(bucket, "persons")] -= moved
        duration[("gt18", "persons")] += moved
        missing -= moved


SERVICE_CATALOGUE = (
    # name, area, sphere, form, provider field (a type C stakeholder of this field delivers it)
    ("Akademia zdrowia", "health", "health", "academy", "health"),
    ("Warsztaty profilaktyki uzależnień", "health", "health", "group_workshop", "health"),
    ("Akademia kultury – teatr, muzeum, kino", "culture", "social", "academy", "culture"),
    ("Warsztaty dziedzictwa lokalnego", "culture", "social", "group_workshop", "culture"),
    ("Budżet domowy", "general_education", "living", "general_education", "education"),
    ("Obsługa urządzeń elektronicznych", "general_education", "vocational", "general_education", "education"),
    ("Akademia sportu i rekreacji", "sport", "health", "academy", "sport"),
    ("Trening kompetencji społecznych", "social_reintegration", "social", "group_workshop", None),
    ("Poradnictwo psychologiczne", "social_reintegration", "psychological", "individual_counselling", None),
    ("Grupa wsparcia", "social_reintegration", "psychological", "group_workshop", None),
    ("Doradztwo zawodowe", "vocational_reintegration", "vocational", "individual_counselling", None),
    ("Praktyki u lokalnych pracodawców", "vocational_reintegration", "vocational", "internship", "employer"),
    ("Pomoc w sprawach formalnych", "living_support", "living", "individual_counselling", None),
)


def _services(rng, lsr, stakeholders, participants: int) -> list[dict]:
    by_field = {}
    for i, s in enumerate(stakeholders):
        if s["type"] == "C":
            by_field.setdefault(s["field"], S.STAKEHOLDERS.prefilled_id(i + 1))
    rows = []
    for name, area, sphere, form, field in SERVICE_CATALOGUE:
        if area in L.NEW_PROFILE_AREAS and lsr.profile == "narrow_profile":
            continue
        if area in L.NEW_PROFILE_AREAS and rng.random() < 0.35 and any(r["area"] == _v(L.SERVICE_AREA, area) for r in rows):
            continue
        provider = by_field.get(_v(L.FIELD, field)) if field else None
        people = rng.randint(max(1, participants // 5), max(2, participants * 3 // 4))
        rows.append({"name": name, "area": _v(L.SERVICE_AREA, area), "sphere": _v(L.LIFE_SPHERE, sphere),
                     "form": _v(L.SERVICE_FORM, form), "provider": provider, "participants": people,
                     "hours": float(rng.randint(10, 120)),
                     "in_kind": float(rng.randrange(500, 8000, 100)) if provider else None})
    return rows


def _funding(rng, lsr, end: dt.date) -> list[dict]:
    if lsr.profile == "project_only":
        return [{"source": _v(L.FUNDING_SOURCE, "esf"), "amount": float(rng.randrange(250_000, 600_000, 1000)),
                 "time_limited": "TAK", "ends_on": end + dt.timedelta(days=rng.randint(30, 150)),
                 "note": "Projekt EFS+ „Aktywna integracja”"}]
    rows = [{"source": _v(L.FUNDING_SOURCE, "gmina_budget"), "amount": float(rng.randrange(200_000, 500_000, 1000)),
             "time_limited": "NIE", "ends_on": None, "note": "Dotacja celowa gminy"}]
    if rng.random() < 0.7:
        rows.append({"source": _v(L.FUNDING_SOURCE, "esf"), "amount": float(rng.randrange(40_000, 150_000, 1000)),
                     "time_limited": "TAK", "ends_on": end + dt.timedelta(days=rng.randint(400, 900)), "note": "Projekt EFS+"})
    for key in ("labour_fund", "paid_activity", "donations"):
        if rng.random() < 0.5:
            rows.append({"source": _v(L.FUNDING_SOURCE, key), "amount": float(rng.randrange(2_000, 40_000, 500)),
                         "time_limited": "NIE", "ends_on": None, "note": None})
    return rows


def _animation(rng, lsr, start, end) -> list[dict]:
    rows = []
    for _ in range(rng.randint(3, 8)):
        a, b = rng.randint(1, 3), rng.randint(1, 4)
        c = 0 if lsr.profile == "no_type_c" else rng.randint(0, 4)
        rows.append({"date": _date_in(rng, start, end), "kind": _v(L.ANIMATION_KIND, rng.choice([k for k, _ in L.ANIMATION_KIND])),
                     "institutions": a + b + c, "type_a": a, "type_b": b, "type_c": c,
                     "rops": "TAK" if rng.random() < 0.3 else "NIE"})
    return sorted(rows, key=lambda r: r["date"])


BARRIER_TEXTS = {
    "transport": ("Brak dojazdu z sołectw do siedziby KIS", "Wspólne przejazdy busem OPS"),
    "care_duties": ("Uczestniczki nie mają opieki nad dziećmi w czasie zajęć", "Kącik dla dzieci w trakcie zajęć"),
    "financial": ("Niepewne finansowanie po zakończeniu projektu", "Wniosek o zwiększenie dotacji gminy"),
    "staff": ("Trudno zatrudnić psychologa na część etatu", "Umowa z poradnią psychologiczną"),
    "cooperation": ("Słaba współpraca z powiatowym urzędem pracy", "Spotkanie robocze z dyrekcją PUP"),
    "motivation": ("Niska motywacja uczestników do udziału w zajęciach grupowych", "Indywidualne rozmowy z case managerem"),
}


def _barriers(rng, lsr) -> list[dict]:
    rows = []
    for cat in rng.sample(sorted(BARRIER_TEXTS), rng.randint(1, 3)):
        description, action = BARRIER_TEXTS[cat]
        rows.append({"category": _v(L.BARRIER_CATEGORY, cat), "description": description,
                     "action": None if lsr.profile == "barriers_unanswered" else action,
                     "support": "Szkolenie regionalne i wymiana doświadczeń w RSR" if rng.random() < 0.5 else None})
    return rows


def generate_lsr(lsr: SampleLsr, period: str, rng: random.Random) -> dict:
    """Filled workbook data (see ``build_template``) for one LSR."""
    start, end = period_bounds(period)
    stakeholders = _stakeholders(rng, lsr)
    grids = _participants(rng, lsr)
    participants = sum(grids["flow"][(s, x)] for s in ("start", "entered") for x in ("f", "m"))
    anchoring = "ngo" if lsr.profile == "no_auspices" else rng.choice(["gmina_unit", "gmina_unit", "within_ops"])
    form = {
        "lsr_name": f"Lokalna Sieć na rzecz Reintegracji w gminie {lsr.gmina}", "teryt": lsr.teryt,
        "gmina": lsr.gmina, "powiat": lsr.powiat, "voivodeship": lsr.voivodeship, "period": period,
        "kis_name": f"Klub Integracji Społecznej w gminie {lsr.gmina}", "kis_anchoring": _v(L.KIS_ANCHORING, anchoring),
        "auspices": "NIE" if lsr.profile == "no_auspices" else "TAK",
        "created_on": dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(700)),
        "creation_mode": _v(L.CREATION_MODE, rng.choice([k for k, _ in L.CREATION_MODE])),
        "coordinator": rng.choice(["Anna Nowak", "Katarzyna Wiśniewska", "Marek Zieliński", "Joanna Wójcik", "Piotr Kamiński"]),
        "email": f"lsr.{lsr.teryt}@kis.example.pl", "phone": f"{rng.randint(12, 94)} {rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        "filled_on": end + dt.timedelta(days=rng.randint(5, 25)),
    }
    practices = []
    if lsr.profile == "strong":
        practices.append({"title": "Akademia kultury z domem kultury", "description": "Uczestnicy współtworzą wydarzenia kulturalne gminy razem z domem kultury.",
                          "partners": "; ".join(_ids(stakeholders, "C")[:2])})
    data = {"form": form, "grids": grids, "tables": {
        "stakeholders": stakeholders, "partnerships": _partnerships(rng, lsr, stakeholders, start),
        "staff": _staff(rng, lsr), "services": _services(rng, lsr, stakeholders, participants),
        "funding": _funding(rng, lsr, end), "animation": _animation(rng, lsr, start, end),
        "barriers": _barriers(rng, lsr), "practices": practices}}
    # the 2.0 items last, from the same stream: the 1.0 part of a sample stays what it was
    add_v2(data, rng, lsr.v2_profile, explain_case_manager=lsr.profile == "no_case_manager" and lsr.teryt[:2] == "24")
    return data


def pilot_lsrs() -> list[SampleLsr]:
    """The sample LSRs: four per pilot region; the first of each is strong, the others rotate weaknesses.

    Beside the rotation, the last LSR of each region plans support in project cycles of 9–18 months,
    the practice so far that the seed finds too short (001 l. 7079–7085, KIS nr 6): together with the
    "short_support" profile the weakness is in 7 of 24 LSRs and in every region, a broad, repeated
    pattern, so the national report shows a reform recommendation (001 §1.4, tab. 5, l. 3048–3189).
    """
    names = dict(L.VOIVODESHIPS)
    weak = [p for p in PROFILES if p != "strong"]
    weak_v2 = [p for p in V2_PROFILES if p != "strong"]
    out, k = [], 0
    for woj, gminy in PILOT_GMINY.items():
        for i, (teryt, gmina, powiat) in enumerate(gminy):
            profile = "strong" if i == 0 else weak[k % len(weak)]
            v2_profile = "strong" if i == 0 else weak_v2[(k + 2) % len(weak_v2)]   # offset: no clash with no_case_manager
            k += 0 if i == 0 else 1
            out.append(SampleLsr(teryt, gmina, powiat, names[woj], profile, v2_profile, i == len(gminy) - 1))
    return out


def sample_file_name(lsr: SampleLsr, period: str) -> str:
    return f"LSR_{lsr.teryt}_{period}.xlsx"


def sample_data(lsr: SampleLsr, seed: int = 2025, period: str = "2025") -> dict:
    """Filled workbook data of one sample LSR: its own random stream, keyed by seed, TERYT and period."""
    return generate_lsr(lsr, period, random.Random(f"{seed}:{lsr.teryt}:{period}"))


def write_samples(outdir: str | Path, seed: int = 2025, period: str = "2025") -> list[Path]:
    """Write one filled workbook per sample LSR into ``outdir`` (one folder per województwo)."""
    outdir = Path(outdir)
    paths = []
    for lsr in pilot_lsrs():
        data = sample_data(lsr, seed, period)
        path = outdir / lsr.teryt[:2] / sample_file_name(lsr, period)
        build_template(path, data=data)
        paths.append(path)
    return paths
