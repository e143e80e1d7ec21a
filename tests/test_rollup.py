"""Rollup from hand-made LSR workbooks: indicators recomputed by hand, versions, duplicates,
refusals, formula safety, round trip, hostile rollup files, completeness."""
from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from ksr_reports.indicators.model import REGION_NAMES

from ksr_reports.errors import KsrError
from ksr_reports.indicators import derive, empty_stats, lsr_stats
from ksr_reports.rollup import (build_rollup, is_rollup_workbook, load_rollup, read_register,
                                write_register_template, write_rollup)
from ksr_reports.template import build_template
from ksr_reports.validation import validate_file

D = dt.date


def lsr_data(teryt: str, *, name: str | None = None, period: str = "2025", filled_on=D(2026, 1, 10),
             women=(3, 2, 1, 1, 0), men=(4, 3, 2, 0, 1), services=None, funding=None, stakeholders=None) -> dict:
    """A small, valid LSR workbook as ``build_template`` data. Flow tuples: start, entered, completed,
    dropped, to CIS (end is derived so the balance holds); every participant is long-term unemployed."""
    flow, groups, outcomes = {}, {}, {}
    for sex, (start, entered, completed, dropped, to_cis) in (("f", women), ("m", men)):
        end = start + entered - completed - dropped - to_cis
        for stage, v in zip(("start", "entered", "completed", "dropped", "to_cis", "end"),
                            (start, entered, completed, dropped, to_cis, end)):
            flow[(stage, sex)] = v
        groups[("long_unemployed", sex)] = start + entered
        outcomes[("open_market", sex)] = completed
    entered = women[1] + men[1]
    leavers = sum(women[2:]) + sum(men[2:])
    started = {("long_unemployed", "f"): women[1], ("long_unemployed", "m"): men[1]}   # 2.0: == entered by sex
    grids = {"flow": flow, "groups": groups, "outcomes": outcomes, "started": started,
             "referrals": {("ops", "persons"): entered}, "duration": {("12to18", "persons"): leavers},
             "spheres": {("health", "diagnosed"): 4, ("health", "improved"): 2},
             "measures": {("motivation", "measured"): 5, ("motivation", "improved"): 3},
             "hours": {("total", "hours"): 300, ("social", "hours"): 200}}
    stakeholders = stakeholders or [
        {"name": "Klub Integracji Społecznej", "type": "A", "sector": "publiczny", "field": "reintegracja",
         "level": "lokalny", "declaration": "TAK", "contact": "TAK", "res_staff": "TAK"},
        {"name": "Ośrodek Pomocy Społecznej", "type": "B", "sector": "publiczny", "field": "pomoc społeczna",
         "level": "lokalny", "declaration": "TAK", "contact": "NIE"},
        {"name": "Dom Kultury", "type": "C", "sector": "publiczny", "field": "kultura i dziedzictwo narodowe",
         "level": "lokalny", "declaration": "NIE", "contact": "TAK", "res_premises": "TAK"},
    ]
    services = services if services is not None else [
        {"name": "Akademia kultury", "area": "kultura i dziedzictwo narodowe", "sphere": "społeczna",
         "form": "akademia", "provider": "I03", "participants": 6, "hours": 20.5, "in_kind": 1500.25},
        {"name": "Trening kompetencji", "area": "reintegracja społeczna", "sphere": "psychologiczna",
         "form": "warsztaty grupowe", "provider": None, "participants": 8, "hours": 40.0, "in_kind": None},
    ]
    funding = funding if funding is not None else [
        {"source": "budżet gminy", "amount": 100000.10, "time_limited": "NIE"},
        {"source": "EFS+/projekty UE", "amount": 50000.0, "time_limited": "TAK", "ends_on": D(2026, 3, 31)},
        {"source": "darowizny", "amount": 1000.0, "time_limited": "NIE"},
    ]
    form = {"lsr_name": name or f"LSR {teryt}", "teryt": teryt, "gmina": f"Gmina {teryt}", "powiat": "powiat",
            "voivodeship": REGION_NAMES[teryt[:2]], "period": period, "kis_name": "KIS",
            "kis_anchoring": "jednostka organizacyjna gminy", "auspices": "TAK", "created_on": D(2023, 1, 1),
            "creation_mode": "obywatelski – oddolny", "coordinator": "Anna Nowak", "email": "a@b.pl",
            "phone": "56 123 45 67", "filled_on": filled_on}
    return {"form": form, "grids": grids, "tables": {
        "stakeholders": stakeholders,
        "partnerships": [{"name": "Partnerstwo", "leader": "I01", "members": "I02; I03", "form": "umowa partnerska",
                          "action_plan": "TAK"}],
        "staff": [{"role": "case manager", "fte": 1.0, "contract": "umowa o pracę", "own": "TAK", "funding": "budżet"},
                  {"role": "psycholog", "fte": 0.5, "contract": "umowa cywilnoprawna", "own": "NIE", "funding": "projekt"}],
        "services": services, "funding": funding,
        "animation": [{"date": D(2025, 3, 1), "kind": "spotkanie animacyjne", "institutions": 3, "type_a": 1,
                       "type_b": 1, "type_c": 1, "rops": "TAK"}],
        "barriers": [{"category": "dojazd", "description": "Brak autobusu", "action": None, "support": "Szkolenie"}],
        "practices": []}}


def make(tmp_path: Path, teryt: str, file: str | None = None, **kw) -> Path:
    return build_template(tmp_path / (file or f"LSR_{teryt}.xlsx"), data=lsr_data(teryt, **kw))


@pytest.fixture
def two_lsrs(tmp_path) -> list[Path]:
    return [make(tmp_path, "0404011"), make(tmp_path, "0402032", women=(5, 0, 2, 0, 0), men=(0, 2, 0, 1, 0))]


# ---------------------------------------------------------------- indicators recomputed by hand

def test_lsr_stats_every_key_by_hand(tmp_path):
    report = validate_file(make(tmp_path, "0404011"))
    assert report.status == "valid", [f.message for f in report.issues]
    want = empty_stats()
    want.update({
        "lsr.count": 1, "lsr.auspices": 1, "lsr.with_type_c": 1, "lsr.with_formal_partnership": 1,
        "lsr.with_formal_partnership_c": 1, "lsr.with_case_manager": 1, "lsr.with_core_triad": 0,
        "lsr.with_measures": 1, "lsr.all_new_areas": 0, "lsr.funding_ending_6m": 1, "lsr.project_only": 0,
        "lsr.barriers_without_action": 1, "lsr.new_areas_covered": 1, "lsr.anchoring.gmina_unit": 1,
        "lsr.creation.civic": 1, "lsr.area_covered.culture": 1, "lsr.area_covered.social_reintegration": 1,
        "lsr.social_hours_target": 1,           # 200 * 3 >= 300 * 2
        "stakeholders": 3, "stakeholders.declaration": 2, "stakeholders.contact": 2,
        "stakeholders.resource.staff": 1, "stakeholders.resource.premises": 1,
        "stakeholders.type.A": 1, "stakeholders.type.B": 1, "stakeholders.type.C": 1, "stakeholders.sector.public": 3,
        "stakeholders.field.reintegration": 1, "stakeholders.field.social_assistance": 1,
        "stakeholders.field.culture": 1, "stakeholders.level.local": 3,
        "partnerships": 1, "partnerships.formal": 1, "partnerships.formal_with_c": 1, "partnerships.action_plan": 1,
        "staff.rows": 2, "staff.fte": 1.5, "staff.fte.own": 1.0, "staff.fte.project": 0.5,
        "staff.fte.role.case_manager": 1.0, "staff.fte.role.psychologist": 0.5,
        "participants.group.long_unemployed.f": 5, "participants.group.long_unemployed.m": 7,
        "flow.start.f": 3, "flow.entered.f": 2, "flow.completed.f": 1, "flow.dropped.f": 1, "flow.to_cis.f": 0,
        "flow.end.f": 3, "flow.start.m": 4, "flow.entered.m": 3, "flow.completed.m": 2, "flow.dropped.m": 0,
        "flow.to_cis.m": 1, "flow.end.m": 4, "referrals.ops": 5, "duration.12to18": 5,
        "spheres.health.diagnosed": 4, "spheres.health.improved": 2,
        "measures.motivation.measured": 5, "measures.motivation.improved": 3,
        "outcomes.open_market.f": 1, "outcomes.open_market.m": 2, "hours.total": 300, "hours.social": 200,
        "services": 2, "services.participants": 14, "services.hours": 60.5, "services.count.type_c": 1,
        "services.hours.type_c": 20.5, "services.in_kind": 1500.25,
        "services.area.culture.count": 1, "services.area.culture.participants": 6, "services.area.culture.hours": 20.5,
        "services.area.social_reintegration.count": 1, "services.area.social_reintegration.participants": 8,
        "services.area.social_reintegration.hours": 40.0,
        "services.sphere.social.count": 1, "services.sphere.social.participants": 6, "services.sphere.social.hours": 20.5,
        "services.sphere.psychological.count": 1, "services.sphere.psychological.participants": 8,
        "services.sphere.psychological.hours": 40.0,
        "funding.total": 151000.1, "funding.own_income": 1000.0, "funding.time_limited": 50000.0,
        "funding.ending_6m": 50000.0, "funding.source.gmina_budget": 100000.1, "funding.source.esf": 50000.0,
        "funding.source.donations": 1000.0,
        "animation.events": 1, "animation.institutions": 3, "animation.type_a": 1, "animation.type_b": 1,
        "animation.type_c": 1, "animation.with_rops": 1, "animation.kind.meeting": 1,
        "barriers": 1, "barriers.without_action": 1, "barriers.with_support_request": 1,
        "barriers.category.transport": 1,
        # template 2.0 (issue 13): flagged as reported; 2.0-only denominators; started == entered by sex
        "lsr.v2": 1, "v2.participants.f": 5, "v2.participants.m": 7, "v2.staff.fte.case_manager": 1.0,
        "v2.completed": 3, "v2.partnerships": 1, "v2.partnerships.formal": 1, "v2.staff.fte": 1.5,
        "v2.participants_with_cm": 12, "v2.funding.total": 151000.1,      # it has case-manager FTE: all 5 + 7
        "started.long_unemployed.f": 2, "started.long_unemployed.m": 3,
    })
    # rules v2 keys, counted from any workbook: the case manager is the KIS's own, the psychologist a partner's
    want.update({k: v for k, v in {"lsr.counted_v2": 1, "lsr.with_kis_case_manager": 1, "barriers.participation": 1,
                                   "barriers.participation_without_action": 1}.items() if k in want})
    assert lsr_stats(report.data) == want


def test_region_totals_and_ratios_by_hand(two_lsrs):
    r = build_rollup(two_lsrs, level="region")
    assert [u.unit_id for u in r.lsrs] == ["0402032", "0404011"]
    t = r.totals
    # second LSR: women start 5, completed 2 (end 3); men entered 2, dropped 1 (end 1)
    assert t["flow.completed.f"] + t["flow.completed.m"] == (1 + 2) + (2 + 0)
    assert t["flow.dropped.f"] + t["flow.dropped.m"] == (1 + 0) + (0 + 1)
    assert t["staff.fte"] == 1.5 + 1.5
    assert t["funding.total"] == 151000.1 + 151000.1
    d = derive(t)
    leavers = (1 + 1 + 0 + 2 + 0 + 1) + (2 + 0 + 0 + 0 + 1 + 0)
    assert d["share.completion"] == (3 + 2) / leavers
    assert d["share.dropout"] == (1 + 1) / leavers
    assert d["share.type_c"] == 2 / 6
    assert d["participants"] == (3 + 2 + 4 + 3) + (5 + 0 + 0 + 2)
    assert d["share.social_hours"] == 400 / 600
    assert d["share.lsr_with_case_manager"] == 1.0 and d["share.lsr_with_core_triad"] == 0.0


def test_funding_ending_within_six_calendar_months(tmp_path):
    funding = [{"source": "EFS+/projekty UE", "amount": 10.0, "time_limited": "TAK", "ends_on": D(2025, 12, 31)},
               {"source": "EFS+/projekty UE", "amount": 20.0, "time_limited": "TAK", "ends_on": D(2026, 1, 1)},
               {"source": "budżet gminy", "amount": 40.0, "time_limited": "NIE"}]
    data = validate_file(make(tmp_path, "0404011", period="2025-H1", filled_on=D(2025, 7, 5), funding=funding)).data
    st = lsr_stats(data)
    assert (st["funding.ending_6m"], st["funding.time_limited"], st["funding.total"]) == (10.0, 30.0, 70.0)


# ---------------------------------------------------------------- what counts

def test_invalid_file_never_contributes(tmp_path, two_lsrs):
    bad = lsr_data("0405011")
    bad["grids"]["flow"][("end", "f")] += 1          # balance broken → error
    bad_path = build_template(tmp_path / "bad.xlsx", data=bad)
    r = build_rollup(two_lsrs + [bad_path], level="region")
    assert [u.unit_id for u in r.lsrs] == ["0402032", "0404011"]
    row = next(q for q in r.quality if q["file"] == "bad.xlsx")
    assert row["decision"] == "invalid" and row["errors"] >= 1 and "uwag ze sprawdzenia pliku" in row["note"]
    assert re.match(r"bad\.xlsx: (1 błąd|\d*[2-4] błędy|\d+ błędów) – ", row["note"]), row["note"]
    assert r.totals == build_rollup(two_lsrs, level="region").totals


def test_newer_fill_date_wins_and_older_is_superseded(tmp_path):
    old = make(tmp_path, "0404011", file="z_old.xlsx", filled_on=D(2026, 1, 5))
    new = make(tmp_path, "0404011", file="a_new.xlsx", filled_on=D(2026, 1, 20), women=(9, 1, 1, 0, 0))
    r = build_rollup([old, new], level="region")
    assert len(r.lsrs) == 1 and r.lsrs[0].source == "a_new.xlsx" and r.totals["flow.start.f"] == 9
    decisions = {q["file"]: q["decision"] for q in r.quality}
    assert decisions == {"a_new.xlsx": "counted", "z_old.xlsx": "superseded"}
    assert "a_new.xlsx" in next(q["note"] for q in r.quality if q["file"] == "z_old.xlsx")


def test_same_fill_date_file_time_decides(tmp_path):
    a = make(tmp_path, "0404011", file="a.xlsx")
    b = make(tmp_path, "0404011", file="b.xlsx", women=(9, 1, 1, 0, 0))
    os.utime(a, (2_000_000_000, 2_000_000_000))
    os.utime(b, (1_000_000_000, 1_000_000_000))
    r = build_rollup([a, b], level="region")
    assert r.lsrs[0].source == "a.xlsx"
    assert {q["file"]: q["decision"] for q in r.quality}["b.xlsx"] == "superseded"


def test_exact_duplicate_counted_once(tmp_path, two_lsrs):
    copy = tmp_path / "copy" / "kopia.xlsx"
    copy.parent.mkdir()
    shutil.copy(two_lsrs[0], copy)
    r = build_rollup(two_lsrs + [copy], level="region")
    assert r.totals == build_rollup(two_lsrs, level="region").totals
    row = next(q for q in r.quality if q["file"] == "kopia.xlsx")
    assert row["decision"] == "duplicate" and "SHA-256" in row["note"]


def test_other_region_and_period_refused_with_file_named(tmp_path, two_lsrs):
    other = make(tmp_path, "0663011")
    old = make(tmp_path, "0405011", period="2024", filled_on=D(2025, 1, 10))
    r = build_rollup(two_lsrs + [other, old], level="region")
    assert r.region == "04" and len(r.lsrs) == 2
    notes = {q["file"]: (q["decision"], q["note"]) for q in r.quality}
    assert notes["LSR_0663011.xlsx"][0] == "refused"
    assert notes["LSR_0663011.xlsx"][1].startswith("LSR_0663011.xlsx: LSR 0663011 jest z innego województwa (06 – lubelskie)")
    assert notes["LSR_0405011.xlsx"] == ("refused", "LSR_0405011.xlsx: sprawozdanie za 2024, a zestawienie jest "
                                         "sporządzane za 2025. Usuń plik z listy albo sporządź zestawienie za okres "
                                         "tego pliku.")


def test_mixed_regions_without_majority_is_fatal(tmp_path):
    paths = [make(tmp_path, "0404011"), make(tmp_path, "0663011")]
    with pytest.raises(KsrError, match=r"różnych wartości kodu województwa: 04 \(1 plik\), 06 \(1 plik\)"):
        build_rollup(paths, level="region")
    assert len(build_rollup(paths, level="region", region="06").lsrs) == 1


# ---------------------------------------------------------------- output workbook

INJECTION = ["=HYPERLINK(\"http://x\",\"y\")", "+SUM(1,2)", "-2+3", "@SUM(A1)"]


def test_input_text_never_becomes_formula(tmp_path):
    paths = [make(tmp_path, f"04040{i}1", file=f"{t[:2]}plik{i}.xlsx", name=t) for i, t in enumerate(INJECTION)]
    out = write_rollup(build_rollup(paths, level="region"), tmp_path / "out.xlsx")
    with zipfile.ZipFile(out) as zf:
        sheets = [zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/sheet")]
        strings = zf.read("xl/sharedStrings.xml").decode() + "".join(sheets)   # shared or inline strings
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)
    for text in INJECTION:
        escaped = text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        assert f">{escaped}</t>" in strings or f">{text}</t>" in strings
    assert not any("hyperlink" in n.lower() for n in zipfile.ZipFile(out).namelist())


def test_round_trip_is_lossless_and_output_deterministic(tmp_path, two_lsrs):
    r = build_rollup(two_lsrs, level="region")
    a, b = write_rollup(r, tmp_path / "a.xlsx"), write_rollup(build_rollup(two_lsrs, level="region"), tmp_path / "b.xlsx")
    assert a.read_bytes() == b.read_bytes()
    back = load_rollup(a)
    assert is_rollup_workbook(a) and not is_rollup_workbook(two_lsrs[0])
    assert back.lsrs == r.lsrs and back.quality == r.quality and back.lineage == r.lineage
    assert (back.level, back.period, back.region, back.generated_on) == ("region", "2025", "04", "2026-01-10")


def test_statistics_sheet_text_and_numbers_round_trip(tmp_path, two_lsrs):
    """The statistics rows are written as XML by hand: odd text must stay text and survive exactly,
    decimals keep their value, and strict readers (openpyxl) open the file."""
    import openpyxl

    r = build_rollup(two_lsrs, level="region")
    odd = "  LSR <Gmina> & \"Syn\" =SUMA(A1)\x07 ąę A_x0041_B  "
    r.lsrs[0].name = odd
    r.lsrs[0].source = "=HYPERLINK(\"http://x\")_x000D_\r\n.xlsx"
    r.lsrs[0].stats["staff.fte"] = 1234.57
    path = write_rollup(r, tmp_path / "dziwne.xlsx")
    back = load_rollup(path)
    assert back.lsrs[0].name == odd.replace("\x07", "").strip()
    assert back.lsrs[0].source == r.lsrs[0].source and back.lsrs[0].stats["staff.fte"] == 1234.57
    assert [u.stats for u in back.lsrs] == [u.stats for u in r.lsrs]
    ws = openpyxl.load_workbook(path)["Statystyki"]
    assert ws["D2"].data_type == "s" and ws["F2"].data_type == "s" and ws["F2"].value.startswith("=HYPERLINK")
    assert ws.max_row == 3 and ws.max_column == len(ws[1])


def test_hostile_rollup_inputs_listed_others_processed(tmp_path, two_lsrs):
    regional = write_rollup(build_rollup(two_lsrs, level="region"), tmp_path / "rsr" / "RSR_04.xlsx")
    corrupt = tmp_path / "rsr" / "zepsuty.xlsx"
    corrupt.write_bytes(b"PK\x03\x04 not really a zip")
    tampered = tmp_path / "rsr" / "edytowany.xlsx"
    import openpyxl
    wb = openpyxl.load_workbook(regional)
    wb["Statystyki"].cell(row=2, column=9).value = 2       # lsr.count of the first LSR
    wb.save(tampered)
    with pytest.raises(KsrError, match="sumą kontrolną"):
        load_rollup(tampered)
    # A value at the last cell of the hidden meta sheet: calamine would allocate the whole grid.
    far = tmp_path / "rsr" / "daleka_komorka.xlsx"
    wb = openpyxl.load_workbook(regional)
    wb["_rollup_meta"]["XFD1048576"] = "x"
    wb.save(far)
    with pytest.raises(KsrError, match="XFD1048576"):
        load_rollup(far)
    r = build_rollup([tmp_path / "rsr"], level="national")
    decisions = {q["file"]: q["decision"] for q in r.quality if not q["via"]}
    assert decisions == {"RSR_04.xlsx": "counted", "zepsuty.xlsx": "unreadable", "edytowany.xlsx": "unreadable",
                         "daleka_komorka.xlsx": "unreadable"}
    assert len(r.lsrs) == 2
    note = next(q["note"] for q in r.quality if q["file"] == "edytowany.xlsx")
    assert note.startswith("edytowany.xlsx, arkusz „Statystyki”: statystyki nie zgadzają się z sumą kontrolną")
    assert "Zestawień nie poprawia się ręcznie: utwórz zestawienie ponownie" in note
    # Read in a child during the national rollup: refused with the cell named, as in-process; the hidden meta
    # sheet is named by what it holds, not by its internal name.
    note = next(q["note"] for q in r.quality if q["file"] == "daleka_komorka.xlsx")
    assert note.startswith("daleka_komorka.xlsx, ukryty arkusz z opisem zestawienia: ")
    assert "XFD1048576" in note and "_rollup_meta" not in note


# ---------------------------------------------------------------- register and completeness

def _fill_register(path: Path, codes: list) -> Path:
    import openpyxl
    wb = openpyxl.load_workbook(path)
    ws = wb["Rejestr LSR"]
    for i, code in enumerate(codes, start=5):
        ws.cell(row=i, column=1).value = code
        ws.cell(row=i, column=3).value = f"LSR {code}"
    wb.save(path)
    return path


def test_register_completeness(tmp_path, two_lsrs):
    bad = lsr_data("0405011")
    bad["grids"]["flow"][("end", "m")] += 2
    paths = two_lsrs + [build_template(tmp_path / "bad.xlsx", data=bad)]
    reg = _fill_register(write_register_template(tmp_path / "rejestr.xlsx", region="04"),
                         ["0404011", 402032, "0405011", "0401011"])    # a number that lost its leading zero
    assert [e.lsr_id for e in read_register(reg)] == ["0404011", "0402032", "0405011", "0401011"]
    c = build_rollup(paths, level="region", register=reg).completeness
    assert {k: c[k] for k in ("expected", "received", "valid", "warnings", "invalid", "missing", "rate")} == \
        {"expected": 4, "received": 3, "valid": 1, "warnings": 1, "invalid": 1, "missing": 1, "rate": 2 / 4}
    # (0402032 has a plausibility warning: a service with more participants than the LSR had)
    assert c["missing_units"] == [{"lsr_id": "0401011", "name": "LSR 0401011"}]


def test_register_bad_code_names_the_cell(tmp_path):
    reg = _fill_register(write_register_template(tmp_path / "r.xlsx"), ["0404011", "12345"])
    with pytest.raises(KsrError) as e:
        read_register(reg)
    assert str(e.value) == ("Rejestr r.xlsx, arkusz „Rejestr LSR”, komórka A6: „12345” nie jest kodem TERYT gminy "
                            "(7 cyfr, ostatnia 1, 2 albo 3). Popraw kod albo usuń wiersz.")
    assert e.value.code == "REGISTER_CODE"


def _summary(path) -> tuple[list, dict[str, list]]:
    """Header row and the indicator rows (by label) of the summary sheet."""
    import python_calamine as pc
    rows = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Podsumowanie").to_python()
    return rows[3], {r[0]: r for r in rows[4:] if r[0]}


def test_summary_indicators_as_rows_total_from_sums(tmp_path, two_lsrs):
    out = write_rollup(build_rollup(two_lsrs, level="region"), tmp_path / "o.xlsx")
    header, rows = _summary(out)
    assert header[:2] == ["Wskaźnik", "Razem"] and len(header) == 2 + len(two_lsrs)
    assert all(re.search(r"\n\d{7}$", h) for h in header[2:])          # LSR name, then its TERYT code
    assert rows["Udział interesariuszy typu C"][1] == pytest.approx(2 / 6, abs=0)
    assert rows["Liczba LSR"][1:] == [2, 1, 1]
    assert rows["Odsetek osób z poprawą w sferze zdrowotnej"][1] == pytest.approx(4 / 8, abs=0)
    assert "Sieć i interesariusze" in rows and "Finansowanie działań" in rows       # thematic section rows


def test_summary_sections_list_every_derived_indicator_once():
    from ksr_reports.indicators import DERIVED, STAT_KEYS
    from ksr_reports.rollup.layout import SUMMARY_SECTIONS
    keys = [(source, key) for _, rows in SUMMARY_SECTIONS for source, key, _, _ in rows]
    assert sorted(k for s, k in keys if s == "derived") == sorted(DERIVED)
    assert all(k in STAT_KEYS for s, k in keys if s == "stat") and len(set(keys)) == len(keys)


def test_hand_written_rows_keep_their_styles(tmp_path, two_lsrs):
    """Summary, quality and lineage rows are written as XML by hand with the style numbers xlsxwriter
    gave the style probe: numbers keep their formats, the total column is bold, notes wrap, and openpyxl
    reads them."""
    import openpyxl

    out = write_rollup(build_rollup(two_lsrs, level="region"), tmp_path / "o.xlsx")
    wb = openpyxl.load_workbook(out)
    ws = wb["Podsumowanie"]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=5)}
    count, share = rows["Liczba interesariuszy"], rows["Udział interesariuszy typu C"]
    assert count[2].number_format == "#,##0" and share[2].number_format == "0.0%"
    assert count[1].font.b and not count[2].font.b and count[1].number_format == "#,##0"
    assert count[2].border.left.style == "thin" and rows["w tym typu C"][0].alignment.indent == 2
    assert rows["Kadra"][0].font.b and rows["Kadra"][1].value is None
    quality = wb["Jakość danych"]
    last = [c.value for c in quality[quality.max_row]]
    assert "uwzględniony" in last and "poprawny" in last and "2025" in last
    assert quality[quality.max_row][0].alignment.wrap_text
    assert wb["Pochodzenie danych"].max_row == 4 + len(two_lsrs)


def test_visible_text_cells_stay_text_and_drop_what_xml_cannot_hold(tmp_path, two_lsrs):
    """Hand-written quality and lineage texts: a formula-like name stays text, Excel's own escapes survive
    literally, characters XML cannot hold are dropped; the same rollup gives the same bytes."""
    import python_calamine as pc

    r = build_rollup(two_lsrs, level="region")
    r.lineage[0]["file"] = "=SUMA(A1) A_x0041_B\x07\ufffe <&>\r.xlsx"
    a, b = write_rollup(r, tmp_path / "a.xlsx"), write_rollup(r, tmp_path / "b.xlsx")
    assert a.read_bytes() == b.read_bytes()
    rows = pc.CalamineWorkbook.from_path(str(a)).get_sheet_by_name("Pochodzenie danych").to_python()
    assert [c for row in rows for c in row if "SUMA" in str(c)] == ["=SUMA(A1) A_x0041_B <&>\r.xlsx"]
    with zipfile.ZipFile(a) as zf:
        assert not any(b"<f>" in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))


def _private_uses(source: str) -> list[str]:
    """``object._name`` accesses (not ``self``/``cls``, not dunders) in Python ``source``."""
    import ast

    return [f"{ast.unparse(n.value)}.{n.attr} (line {n.lineno})" for n in ast.walk(ast.parse(source))
            if isinstance(n, ast.Attribute) and n.attr.startswith("_") and not n.attr.startswith("__")
            and ast.unparse(n.value) not in ("self", "cls")]


def test_no_private_xlsxwriter_internals():
    """Issue 16 §5: modules that write with xlsxwriter use only its public API (an xlsxwriter release
    may change anything private, e.g. ``Format._get_xf_index``)."""
    import ksr_reports.rollup

    assert _private_uses("idx = fmt.xf_index or fmt._get_xf_index()\nself._x = v.__class__")  # the check can fail
    root = Path(ksr_reports.rollup.__file__).parent.parent
    writers = [p for p in sorted(root.rglob("*.py"))
               if re.search(r"xlsxwriter|add_worksheet|add_format|write_string", p.read_text(encoding="utf-8"))]
    assert {root / "rollup" / name for name in ("writer.py", "cells.py", "summary.py", "charts.py")} <= set(writers)
    found = {str(p.relative_to(root)): uses for p in writers if (uses := _private_uses(p.read_text(encoding="utf-8")))}
    assert found == {}


def test_rows_and_style_probe_found_as_a_reader_finds_sheets(tmp_path):
    """The rows find their sheets as a reader does (workbook.xml and its relationships, not the writer's
    part names); placeholders become the style numbers of the probe cells, the probe row goes; a sheet
    without ``</sheetData>`` or dimension, or a probe row missing a cell, is refused."""
    import io

    import xlsxwriter

    from ksr_reports.rollup.cells import Formats
    from ksr_reports.rollup.writer import _put_rows

    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' \
         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    book = f'<workbook {ns}><sheets><sheet name="Dane" sheetId="1" r:id="rId2"/>' \
           '<sheet name="Wzorce" sheetId="2" r:id="rId1"/></sheets></workbook>'
    rels = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' \
           '<Relationship Id="rId1" Type="t" Target="/xl/worksheets/wzorce.xml"/>' \
           '<Relationship Id="rId2" Type="t" Target="worksheets/sheet7.xml"/></Relationships>'
    data = f'<worksheet {ns}><dimension ref="A1:C1"/><sheetData><row r="1"/></sheetData></worksheet>'
    styles = Formats(xlsxwriter.Workbook(io.BytesIO())).styles
    probe = "".join(f'<c r="{chr(65 + i)}2" s="{40 + i}"/>' for i in range(len(styles.formats)))
    probed = data.replace("</sheetData>", f'<row r="2" spans="1:19">{probe}</row></sheetData>')

    def package(sheet: str, probe_sheet: str) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zf:
            for name, text in (("xl/workbook.xml", book), ("xl/_rels/workbook.xml.rels", rels),
                               ("xl/worksheets/sheet7.xml", sheet), ("xl/worksheets/wzorce.xml", probe_sheet)):
                zf.writestr(name, text)
        return buf.getvalue()

    second = styles.token[id(styles.formats[1])]
    row = f'<row r="2"><c r="A2" s="{second}"><v>7</v></c></row>'
    out = tmp_path / "o.xlsx"
    _put_rows(package(data, probed), {"Dane": (row, 2), "Wzorce": ("", 1)}, styles, "Wzorce", out)
    with zipfile.ZipFile(out) as zf:
        assert zf.read("xl/worksheets/sheet7.xml").decode() == data.replace("A1:C1", "A1:C2").replace(
            "</sheetData>", '<row r="2"><c r="A2" s="41"><v>7</v></c></row></sheetData>')
        assert zf.read("xl/worksheets/wzorce.xml").decode() == data
    for sheet, probe_sheet in ((data.replace('<dimension ref="A1:C1"/>', ""), probed),
                               (data.replace("</sheetData>", ""), probed), (data, data),
                               (data, probed.replace('<c r="B2" s="41"/>', ""))):
        with pytest.raises(ValueError, match="sheet7.xml|wiersz 2"):
            _put_rows(package(sheet, probe_sheet), {"Dane": (row, 2)}, styles, "Wzorce", tmp_path / "x.xlsx")
