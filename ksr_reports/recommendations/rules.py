"""Recommendation rules: explainable conditions on the indicators of one LSR (DESIGN §7, §10).

Every rule has an id, a Polish title, the condition (in words, with its thresholds read from
``thresholds.toml``), a test on the additive statistics of one LSR, an evidence sentence built
from the actual figures, the recommended action, the source in the model (seed and lines), and,
for the national report, the tasks it implies for gmina / ROPS / ministry with the table-5 task
each serves (001 §1.4, l. 3066–3136). The rules live in three modules by theme:
``rules_network`` (network, partnerships, OPS), ``rules_kis`` (staff, individual process, target
group, service profile) and ``rules_results`` (duration, results, funding, barriers).

Rules are evaluated per LSR. At regional and national level the per-LSR results are counted
("w 2 z 4 LSR …"), because ``lsr.*`` flags are 0/1 per LSR and ratios of sums say nothing about
how many LSRs fall below a threshold. A rule whose data an LSR did not report (``Rule.evaluated``)
is not counted for that LSR at all.

``UNMEASURABLE`` lists the seed recommendations no workbook can measure, with the reason; the
catalogue (docs/recommendations.md) maps every seed recommendation to a rule or to that reason.
"""
from __future__ import annotations

from ._base import TABLE5, Rule
from .rules_kis import KIS_RULES
from .rules_network import NETWORK_RULES
from .rules_results import RESULT_RULES

_ALL = {**NETWORK_RULES, **KIS_RULES, **RESULT_RULES}
# The order of version 1 first (reports and tests list rules in catalogue order), then the rules of 2.0.
ORDER = ("TYP_C", "PARTNERSTWO_FORMALNE", "PARTNERSTWO_TYP_C", "CASE_MANAGER", "TRIADA", "GODZINY_SPOLECZNE",
         "NOWE_OBSZARY", "DLUGOSC_WSPARCIA", "FINANSOWANIE", "AUSPICJE", "MIARY_NIEZATRUDNIENIOWE", "BARIERY",
         "LIDER_KIS", "KLUCZOWI_PARTNERZY", "OPS_KIS", "KONWENT", "OBCIAZENIE_CM", "PLAN_IPR", "WSPOLDECYZJA",
         "SUPERWIZJA", "DEFICYTY", "MONITORING_PO_WYJSCIU")
assert set(ORDER) == set(_ALL), set(ORDER) ^ set(_ALL)

RULES: tuple[Rule, ...] = tuple(_ALL[i] for i in ORDER)
RULES_BY_ID = {r.id: r for r in RULES}

# Seed recommendations (001 §3.1–3.2 and table 9) -> the rules implementing them, or (None, reason).
SEED_RECOMMENDATIONS: tuple[tuple[str, str, tuple[str, ...] | str], ...] = (
    ("KSR nr 1", "001 l. 6932–6944: LSR z trzech grup interesariuszy, typ C krytyczny, KIS węzłem głównym",
     ("TYP_C", "NOWE_OBSZARY", "LIDER_KIS")),
    ("KSR nr 2", "001 l. 6946–6963: sformalizowane partnerstwa, konwent lokalnych instytucji",
     ("PARTNERSTWO_FORMALNE", "PARTNERSTWO_TYP_C", "KONWENT")),
    ("KSR nr 3", "001 l. 6965–6975: Regionalne Sieci na rzecz Reintegracji przy ROPS",
     "dotyczy budowy sieci regionalnej przez ROPS; z arkusza LSR widać tylko udział LSR w RSR (reguła KONWENT)"),
    ("KSR nr 4", "001 l. 6977–6991: Krajowa Sieć Reintegracji i krajowy ośrodek współpracy",
     "dotyczy instytucji szczebla krajowego; arkusz LSR jej nie opisuje"),
    ("KIS nr 1", "001 l. 6999–7007: KIS pod auspicjami władz samorządowych", ("AUSPICJE",)),
    ("KIS nr 2", "001 l. 7011–7026: minimalna kadra własna, obowiązkowo case managerowie",
     ("CASE_MANAGER", "TRIADA", "OBCIAZENIE_CM")),
    ("KIS nr 3", "001 l. 7028–7046: osoby o największych deficytach", ("DEFICYTY",)),
    ("KIS nr 4", "001 l. 7052–7064: oferta oparta na usługach reintegracji społecznej, także od partnerów",
     ("GODZINY_SPOLECZNE", "NOWE_OBSZARY")),
    ("KIS nr 5", "001 l. 7070–7077: KIS liderem i koordynatorem sieci (nadzór nad przypadkami, konwent)",
     ("LIDER_KIS", "SUPERWIZJA", "KONWENT")),
    ("KIS nr 6", "001 l. 7079–7085: wsparcie dłuższe niż 9–12, a nawet 18 miesięcy", ("DLUGOSC_WSPARCIA",)),
    ("KIS nr 7", "001 l. 7087–7089: narzędzia weryfikacji skuteczności reintegracji społecznej",
     ("MIARY_NIEZATRUDNIENIOWE", "MONITORING_PO_WYJSCIU")),
    ("Wdrożeniowa nr 1", "001 l. 7095–7115: staranny wybór obszarów wdrażania (usługi publiczne, NGO, kultura "
     "współpracy, silny KIS, specjaliści)",
     "to decyzja podejmowana przed utworzeniem LSR i dotyczy całej gminy; arkusz pokazuje tylko jej skutki "
     "w sieci (reguły TYP_C, KLUCZOWI_PARTNERZY, TRIADA)"),
    ("Wdrożeniowa nr 2", "001 l. 7117–7121: widoczne poparcie władz lokalnych i lokalnych autorytetów",
     "arkusz mierzy tylko formalne umocowanie KIS (reguła AUSPICJE), nie widoczność poparcia ani zaangażowanie "
     "autorytetów"),
    ("Wdrożeniowa nr 3", "001 l. 7123–7125: kompetencje personelu w budowaniu sieci i case managemencie",
     "kompetencji personelu nie da się odczytać z liczb arkusza; arkusz pokazuje tylko obsadę i superwizję "
     "(reguły CASE_MANAGER, SUPERWIZJA)"),
    ("Wdrożeniowa nr 4", "001 l. 7126–7128: stabilne finansowanie oraz wsparcie techniczne i merytoryczne",
     ("FINANSOWANIE",)),
    ("Wdrożeniowa nr 5", "001 l. 7130–7132: symbiotyczna relacja „nowego” KIS i OPS", ("OPS_KIS",)),
    ("Tabela 9 nr 1", "001 l. 6444–6499: większy udział przychodów z własnej działalności", ("FINANSOWANIE",)),
    ("Tabela 9 nr 2", "001 l. 6505–6529: kluczowi partnerzy zidentyfikowani już przy tworzeniu podmiotu",
     ("KLUCZOWI_PARTNERZY", "OPS_KIS")),
    ("Tabela 9 nr 3", "001 l. 6531–6557: aktywne włączanie organizacji pozarządowych", ("KLUCZOWI_PARTNERZY",)),
    ("Tabela 9 nr 4", "001 l. 6559–6593: aktywne włączanie pracodawców", ("KLUCZOWI_PARTNERZY",)),
    ("Tabela 9 nr 5", "001 l. 6595–6619: upowszechnianie wiedzy o KIS w samorządach (szkolenia, wizyty)",
     "to zadanie ROPS i ministerstwa wobec samorządów; arkusz LSR nie zbiera szkoleń dla samorządów"),
    ("Tabela 9 nr 6", "001 l. 6621–6640: upowszechnianie wiedzy o KIS wśród liderów, programy szkolne",
     "dotyczy edukacji i promocji poza LSR; arkusz tego nie obejmuje"),
    ("Najważniejsza rekomendacja", "001 l. 6870–6881: rozpocząć prace nad koncepcją reformy",
     "nie dotyczy pojedynczej LSR; raport krajowy formułuje ją tylko przy szerokim wzorcu słabości "
     "(zob. rekomendacje reformy)"),
)

__all__ = ["Rule", "RULES", "RULES_BY_ID", "TABLE5", "SEED_RECOMMENDATIONS"]
