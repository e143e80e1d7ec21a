"""Abbreviations and source codes explained at the start of every report (before their first use).

The reports cite the model's documents by short codes ("001 §3.1"); the glossary says what each
code is. Titles are those of the documents themselves (seed 002, footnote 2, names 001 "Założenia
i uwarunkowania Modelu KSR, Biała Księga"; seed 002 opens with its own title). A test checks that
every abbreviation written in capitals in a report is listed here.
"""
from __future__ import annotations

ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("CIS", "Centrum Integracji Społecznej"),
    ("EFS+", "Europejski Fundusz Społeczny Plus"),
    ("GOPS", "gminny ośrodek pomocy społecznej"),
    ("GUS", "Główny Urząd Statystyczny"),
    ("IPD", "indywidualny plan działania uczestnika KIS"),
    ("IPR", "indywidualny plan reintegracji uczestnika KIS"),
    ("KIS", "Klub Integracji Społecznej – w modelu KSR główny węzeł lokalnej sieci"),
    ("KSR", "Krajowa Sieć Reintegracji"),
    ("LSR", "Lokalna Sieć na rzecz Reintegracji (sieć gminna)"),
    ("MOPS", "miejski ośrodek pomocy społecznej"),
    ("MRPiPS", "Ministerstwo Rodziny, Pracy i Polityki Społecznej"),
    ("OPS", "ośrodek pomocy społecznej (także MOPS i GOPS)"),
    ("PCPR", "powiatowe centrum pomocy rodzinie"),
    ("PFRON", "Państwowy Fundusz Rehabilitacji Osób Niepełnosprawnych"),
    ("PUP", "powiatowy urząd pracy"),
    ("RODO", "rozporządzenie Parlamentu Europejskiego i Rady (UE) 2016/679 (ogólne rozporządzenie o ochronie "
             "danych)"),
    ("ROPS", "Regionalny Ośrodek Polityki Społecznej"),
    ("RSR", "Regionalna Sieć na rzecz Reintegracji (sieć wojewódzka)"),
    ("TERYT", "krajowy rejestr urzędowy podziału terytorialnego kraju, prowadzony przez GUS"),
    ("UE", "Unia Europejska"),
    ("typ A, B, C", "typy interesariuszy LSR: A – reintegracja jest głównym celem (KIS, CIS, spółdzielnie "
                    "socjalne), B – reintegracja jest jednym z celów (OPS, PCPR, PUP), C – reintegracja nie jest "
                    "celem, ale usługi są dostępne dla uczestników (kultura, edukacja, zdrowie, sport, pracodawcy)"),
)

SOURCES: tuple[tuple[str, str], ...] = (
    ("001", "A. Karwacki, T. Kaźmierczak, „Założenia i uwarunkowania Modelu KSR. Biała Księga” – opis modelu "
            "Krajowej Sieci Reintegracji i „nowego” KIS wraz z rekomendacjami"),
    ("002", "„Nowy profil usług reintegracyjnych – testowanie wzorca przez Kluby Integracji Społecznej”"),
)

SOURCE_NOTE = ("Zapis „001 §3.1” wskazuje opracowanie i jego podrozdział, „tab.” – tabelę w opracowaniu, "
               "„art. 1 ust. 2 ustawy” – ustawę z dnia 13 czerwca 2003 r. o zatrudnieniu socjalnym.")

KNOWN = {a.rstrip("+") for a, _ in ABBREVIATIONS if " " not in a}
