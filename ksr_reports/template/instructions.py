"""Polish text of the "Instrukcja" sheet (DESIGN §4, seeds 001 §1.2.2 and 004 part II)."""
from __future__ import annotations

TITLE = "Sprawozdanie monitoringowe Lokalnej Sieci na rzecz Reintegracji (LSR)"

PARAGRAPHS: tuple[tuple[str, str], ...] = (
    ("h", "Po co jest ten arkusz"),
    ("p", "Arkusz służy do monitorowania działania Lokalnej Sieci na rzecz Reintegracji (LSR) w modelu Krajowej "
          "Sieci Reintegracji (KSR). Dane z gmin są zbierane przez ROPS (Regionalny Ośrodek Polityki Społecznej), "
          "a następnie przez ministerstwo. Na ich podstawie powstają raporty i rekomendacje."),
    ("h", "Kto wypełnia i do kiedy"),
    ("p", "Wypełnia koordynator LSR w Klubie Integracji Społecznej (KIS), który jest głównym węzłem sieci. "
          "Arkusz za rok przekaż do ROPS do 31 marca następnego roku – w tym terminie KIS składa wojewodzie "
          "sprawozdanie roczne (art. 18a ust. 6 ustawy o zatrudnieniu socjalnym), a dane z arkusza je zasilają. "
          "Arkusz za półrocze przekaż w ciągu 30 dni od jego końca (o ile ROPS nie wskaże innego terminu). "
          "Jeden plik = jedna LSR i jeden okres."),
    ("h", "Jak wypełniać"),
    ("p", "Wypełniaj tylko białe komórki. Przy każdej kolumnie po zaznaczeniu komórki pojawia się podpowiedź. "
          "Tam, gdzie jest lista rozwijana, wybierz wartość z listy. Daty wpisuj jako RRRR-MM-DD, kwoty i etaty "
          "jako liczby (przecinek dziesiętny jest dozwolony). Nie zmieniaj nazw arkuszy ani nagłówków kolumn."),
    ("p", "Arkusz „Kontrola” na bieżąco pokazuje bilanse i brakujące sekcje. Zanim wyślesz plik, upewnij się, że "
          "wszystkie wiersze mają status OK. Po otrzymaniu pliku ROPS sprawdza go jeszcze raz, w całości."),
    ("h", "Wyjaśnienia do ostrzeżeń"),
    ("p", "Ostrzeżenie z walidacji nie blokuje pliku, ale ROPS o nie zapyta. Jeśli wartość jest poprawna, wyjaśnij ją "
          "w arkuszu „Wyjaśnienia”: wybierz arkusz, wpisz adres komórki (np. D14) albo kod ostrzeżenia z kopii z uwagami "
          "i krótko napisz dlaczego. Wyjaśnienie trafia razem z plikiem do raportów regionalnego i krajowego."),
    ("h", "Jak wybrać typ interesariusza"),
    ("p", "Typ A – reintegracja jest głównym celem statutowym: KIS, CIS, spółdzielnia socjalna, organizacja "
          "pozarządowa zajmująca się reintegracją."),
    ("p", "Typ B – reintegracja jest jednym z celów: ośrodek pomocy społecznej (OPS/MOPS/GOPS), PCPR, "
          "powiatowy urząd pracy, organizacja pozarządowa działająca na rzecz osób wykluczonych."),
    ("p", "Typ C – reintegracja nie jest celem, ale instytucja oferuje usługi, z których mogą korzystać "
          "uczestnicy: dom kultury, biblioteka, szkoła, klub sportowy, ośrodek zdrowia, lokalny pracodawca, "
          "organizacja kulturalna, edukacyjna, zdrowotna lub ekologiczna. Obecność interesariuszy typu C jest "
          "warunkiem krytycznym modelu (Biała Księga KSR §1.2.2): to oni wnoszą „nowe” usługi."),
    ("h", "Ochrona danych osobowych"),
    ("p", "W arkuszu podajesz wyłącznie liczby. Nie wpisuj imion, nazwisk, numerów PESEL ani żadnych informacji "
          "o konkretnych uczestnikach. Dane o osobach pozostają w KIS. Plik z danymi osobowymi zostanie odrzucony."),
    ("h", "Arkusze"),
)
