"""Gminy of the KSR pilot regions used by the bundled samples.

Codes and names were looked up in the official GUS TERC register (state of 2022-01-01,
``shared/data/TERC_Urzedowy_2022-01-01.csv``); only these few rows are embedded, the
register itself is not part of the package. Each entry: (TERYT, gmina, powiat).
"""
from __future__ import annotations

PILOT_GMINY: dict[str, tuple[tuple[str, str, str], ...]] = {
    "04": (("0404011", "Chełmno", "chełmiński"), ("0463011", "Toruń", "Toruń"),
           ("0402032", "Brodnica", "brodnicki"), ("0405011", "Golub-Dobrzyń", "golubsko-dobrzyński")),
    "06": (("0663011", "Lublin", "Lublin"), ("0664011", "Zamość", "Zamość"),
           ("0614011", "Puławy", "puławski"), ("0602032", "Biłgoraj", "biłgorajski")),
    "22": (("2261011", "Gdańsk", "Gdańsk"), ("2263011", "Słupsk", "Słupsk"),
           ("2206042", "Kościerzyna", "kościerski"), ("2202011", "Chojnice", "chojnicki")),
    "24": (("2469011", "Katowice", "Katowice"), ("2462011", "Bytom", "Bytom"),
           ("2411011", "Racibórz", "raciborski"), ("2416021", "Zawiercie", "zawierciański")),
    "26": (("2661011", "Kielce", "Kielce"), ("2609011", "Sandomierz", "sandomierski"),
           ("2607011", "Ostrowiec Świętokrzyski", "ostrowiecki"), ("2601013", "Busko-Zdrój", "buski")),
    "32": (("3262011", "Szczecin", "Szczecin"), ("3261011", "Koszalin", "Koszalin"),
           ("3217011", "Wałcz", "wałecki"), ("3204023", "Goleniów", "goleniowski")),
}
