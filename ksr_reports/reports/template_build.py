"""Word templates of the three reports, built in code (python-docx) so every docxtpl tag is one run.

``build_template(kind)`` returns the document for ``kind`` in ``KINDS`` ("lsr", "region",
"national"); ``write_templates(dir)`` writes ``raport_LSR.docx``, ``raport_RSR.docx`` and
``raport_KSR.docx`` (committed to ``workbooks/templates/``; a test checks they match this
generator). The templates use Word styles only (Title, Subtitle, Heading 1/2, Caption, List
Bullet, a table style), A4 pages, a title page and page numbers in the footer, so the ministry
can restyle or reword them in Word without touching code.

What a ministry expects of a Polish document (issue 12): Polish language on every style, Word's own
chapter numbering, a glossary of abbreviations and of the source codes on page 2 (before any of
them is used), a table of contents, a methodology note, and annex tables per compared unit in the
regional and national reports (low-level XML in ``docx_setup.py``). The core properties (title,
subject, author, time of creation) are set again on every rendered report (``describe``).
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import docx_setup, glossary

KINDS = ("lsr", "region", "national")
TEMPLATE_FILES = {"lsr": "raport_LSR.docx", "region": "raport_RSR.docx", "national": "raport_KSR.docx"}
TABLE_STYLE = "Light List Accent 1"
PERIOD_COLUMNS = 5          # the most periods a trend table shows (monitoring.trends: the run's and four earlier)


class _Builder:
    """Small helper that numbers headings, tables and figures while writing the template."""

    def __init__(self) -> None:
        self.doc = Document()
        self.chapter = self.table_no = self.figure_no = 0
        self.contents: list[tuple[str, str, str | None]] = []   # (line of the contents, bookmark, condition)
        self.toc_here = None                           # the paragraph the table of contents replaces
        # context numbers added to every later chapter, table and figure number: a section shown only with
        # some data (the trends: ``trend_chapters`` …) shifts the numbers after it only when it is there
        self.offsets: dict[str, list[str]] = {"chapter": [], "table": [], "figure": []}
        _setup_styles(self.doc)
        _setup_page(self.doc)

    def number(self, kind: str, n: int) -> str:
        """``n`` as written in a caption or the contents: a template expression after a conditional section."""
        extra = self.offsets[kind]
        return str(n) if not extra else "{{ " + " + ".join([str(n)] + [f"({v} or 0)" for v in extra]) + " }}"

    def heading(self, text: str, numbered: bool = True, when: str | None = None) -> None:
        """A chapter (Heading 1): Word numbers it; it gets a bookmark and a line in the contents (shown only
        when the context value ``when`` is true, for a chapter the caller wraps in the same condition)."""
        p = self.doc.add_paragraph(text, style="Heading 1")
        if numbered:
            self.chapter += 1
            line = f"{self.number('chapter', self.chapter)}. {text}"
        else:
            docx_setup.unnumbered(p)
            line = text
        # a conditional chapter's bookmark is numbered apart, so the others are the same with or without it
        number = len([c for c in self.contents if not c[2]]) + 1 if not when else 100 + len(self.contents)
        name = f"_Toc_ksr_{number}"
        docx_setup.bookmark(p, number, name)
        self.contents.append((line, name, when))

    def finish(self):
        """The document with its table of contents filled in (it lists the chapters written)."""
        if self.toc_here is not None:
            docx_setup.toc(self.toc_here, self.contents)
        return self.doc

    def para(self, *runs: str, style: str | None = None, bold_first: bool = False) -> None:
        p = self.doc.add_paragraph(style=style)
        for i, text in enumerate(runs):
            p.add_run(text).bold = bold_first and i == 0

    def loop_paragraphs(self, var: str, items: str, style: str | None = None) -> None:
        """One paragraph per item of ``items`` (a list of sentences)."""
        self.para(f"{{%p for {var} in {items} %}}")
        self.para(f"{{{{ {var} }}}}", style=style)
        self.para("{%p endfor %}")

    def table(self, caption: str, items: str, headers: list[str], fields: list[str], widths: list[float],
              text_columns: int = 1) -> None:
        """Caption, a header row, and one row per item of ``items`` (docxtpl ``{%tr %}`` loop).

        The first ``text_columns`` columns are left-aligned text, the others right-aligned figures.
        """
        self.table_no += 1
        self.doc.add_paragraph(f"Tabela {self.number('table', self.table_no)}. {caption}", style="Caption")
        t = self.doc.add_table(rows=4, cols=len(headers))
        t.style = self.doc.styles[TABLE_STYLE]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        _fixed_grid(t, widths)
        _repeat_header(t.rows[0])
        rows = [headers, [f"{{%tr for r in {items} %}}"] + [""] * (len(headers) - 1),
                [f"{{{{ r.{f} }}}}" for f in fields], ["{%tr endfor %}"] + [""] * (len(headers) - 1)]
        for row, texts in zip(t.rows, rows):
            for i, (cell, text) in enumerate(zip(row.cells, texts)):
                cell.width = Cm(widths[i])
                p = cell.paragraphs[0]
                p.style = self.doc.styles["Tabela"]
                if text:
                    p.add_run(text)
                if i >= text_columns:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.doc.add_paragraph()

    def period_table(self, caption: str, items: str, first: str, change: str | None, widths: tuple[float, float]) -> None:
        """A table with one column per period of ``trends.periods`` (docxtpl ``{%tc %}`` loop): the first
        column ``r.label`` or ``r.name``, one cell per value of ``r.cells``, then ``r.change`` when a
        ``change`` header is given. The grid holds five period columns (``monitoring.trends``: up to five
        periods); docxtpl drops the unused ones and shares their width out. Cells carry no widths of their
        own, so Word and LibreOffice follow the grid."""
        self.table_no += 1
        self.doc.add_paragraph(f"Tabela {self.number('table', self.table_no)}. {caption}", style="Caption")
        tail = [change] if change else []
        t = self.doc.add_table(rows=4, cols=4 + len(tail))
        t.style = self.doc.styles[TABLE_STYLE]
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        t.autofit = False
        grid = t._tbl.tblGrid
        columns = 1 + PERIOD_COLUMNS + len(tail)
        for _ in range(columns - len(grid.findall(qn("w:gridCol")))):
            grid.append(OxmlElement("w:gridCol"))
        _fixed_grid(t, [widths[0]] + [widths[1]] * (columns - 1))
        _repeat_header(t.rows[0])
        key = "name" if items.endswith(("units", "regions_lsrs", "regions_people")) else "label"
        loop = ["{%tc for v in r.cells %}", "{{ v }}", "{%tc endfor %}"]
        rows = [[first, "{%tc for p in trends.periods %}", "{{ p }}", "{%tc endfor %}"] + tail,
                [f"{{%tr for r in {items} %}}"] + [""] * (3 + len(tail)),
                [f"{{{{ r.{key} }}}}"] + loop + (["{{ r.change }}"] if change else []),
                ["{%tr endfor %}"] + [""] * (3 + len(tail))]
        for row, texts in zip(t.rows, rows):
            for i, (cell, text) in enumerate(zip(row.cells, texts)):
                tc_pr = cell._tc.get_or_add_tcPr()
                for w in tc_pr.findall(qn("w:tcW")):
                    tc_pr.remove(w)
                p = cell.paragraphs[0]
                p.style = self.doc.styles["Tabela"]
                if text:
                    p.add_run(text)
                if i:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        self.doc.add_paragraph()

    def static_table(self, caption: str, headers: list[str], rows: list[tuple[str, ...]], widths: list[float]) -> None:
        """A table with fixed text (no template loop): the glossary."""
        self.doc.add_paragraph(caption, style="Caption")
        t = self.doc.add_table(rows=1 + len(rows), cols=len(headers))
        t.style = self.doc.styles[TABLE_STYLE]
        t.autofit = False
        _fixed_grid(t, widths)
        _repeat_header(t.rows[0])
        for row, texts in zip(t.rows, [tuple(headers)] + rows):
            for i, (cell, text) in enumerate(zip(row.cells, texts)):
                cell.width = Cm(widths[i])
                p = cell.paragraphs[0]
                p.style = self.doc.styles["Tabela"]
                p.add_run(text).bold = i == 0
        self.doc.add_paragraph()

    def figure(self, tag: str, caption: str, keep_with_caption: bool = False) -> None:
        self.figure_no += 1
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = keep_with_caption or None
        p.add_run(f"{{{{ {tag} }}}}")
        cap = self.doc.add_paragraph(f"Wykres {self.number('figure', self.figure_no)}. {caption}", style="Caption")
        cap.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _setup_styles(doc) -> None:
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = "Calibri", Pt(10.5)
    normal.paragraph_format.space_after = Pt(4)
    for name, size in (("Heading 1", 15), ("Heading 2", 12)):
        st = doc.styles[name]
        st.font.size = Pt(size)
        st.paragraph_format.space_before = Pt(14 if name == "Heading 1" else 10)
        st.paragraph_format.keep_with_next = True
    doc.styles["Caption"].paragraph_format.keep_with_next = True
    doc.styles["Caption"].font.size = Pt(9)
    table_text = doc.styles.add_style("Tabela", 1)
    table_text.base_style = normal
    table_text.font.size = Pt(8.5)
    table_text.paragraph_format.space_after = Pt(0)
    note = doc.styles.add_style("Uwaga", 1)
    note.base_style = normal
    note.font.size, note.font.italic = Pt(9), True
    note.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
    toc1 = doc.styles.add_style("toc 1", 1)
    toc1.element.set(qn("w:styleId"), "TOC1")          # Word's own style of table of contents lines
    toc1.base_style = normal
    toc1.paragraph_format.space_after = Pt(2)
    docx_setup.heading_numbering(doc)
    docx_setup.polish(doc)


def _setup_page(doc) -> None:
    """A4, 2 cm margins, page numbers "Strona X z Y" in the footer (not on the title page)."""
    s = doc.sections[0]
    s.page_width, s.page_height = Cm(21.0), Cm(29.7)
    s.left_margin = s.right_margin = Cm(2.0)
    s.top_margin, s.bottom_margin = Cm(2.0), Cm(2.0)
    s.different_first_page_header_footer = True
    p = s.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run("Strona ")
    _field(p, "PAGE")
    p.add_run(" z ")
    _field(p, "NUMPAGES")


def _field(paragraph, code: str) -> None:
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {code} ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    paragraph._p.append(fld)


def _fixed_grid(table, widths: list[float]) -> None:
    """Fixed layout with explicit grid column widths (Word and LibreOffice both honour them)."""
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(Cm(w).twips)))


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _title_page(b: _Builder, title: str) -> None:
    for _ in range(6):
        b.doc.add_paragraph()
    b.doc.add_paragraph(title, style="Title")
    b.doc.add_paragraph("{{ unit_name }}", style="Subtitle")
    b.doc.add_paragraph()
    b.para("Okres sprawozdawczy: ", "{{ period }}", bold_first=True)
    b.para("Data przygotowania: ", "{{ generated_on }}", bold_first=True)
    b.para("Źródło danych: ", "{{ source }}", bold_first=True)
    b.page_break()


def _glossary(b: _Builder) -> None:
    """Abbreviations and source codes, before their first use (page 2, ahead of the contents)."""
    b.heading("Wykaz skrótów i oznaczeń źródeł", numbered=False)
    b.static_table("Skróty", ["Skrót", "Znaczenie"], list(glossary.ABBREVIATIONS), [3.0, 14.0])
    b.static_table("Oznaczenia opracowań modelu KSR, na które powołują się rekomendacje",
                   ["Oznaczenie", "Opracowanie"], list(glossary.SOURCES), [3.0, 14.0])
    b.para(glossary.SOURCE_NOTE, style="Uwaga")
    contents = b.doc.add_paragraph("Spis treści", style="TOC Heading")
    docx_setup.unnumbered(contents)
    b.toc_here = b.doc.add_paragraph()
    b.page_break()


def _summary_and_indicators(b: _Builder) -> None:
    b.heading("Podsumowanie")
    b.loop_paragraphs("s", "summary")
    b.heading("Kluczowe wskaźniki")
    b.para("{{ indicators_intro }}")
    b.table("Kluczowe wskaźniki", "indicators", ["Wskaźnik", "Wartość", "Cel w modelu"],
            ["label", "value", "target"], [6.6, 5.0, 5.4])


def _trends(b: _Builder, kind: str) -> None:
    """Change over time (issue 14 §2): only with the archive's history; the numbers after it shift then
    (by the chapter, tables and figure the report context counts, not by those written here)."""
    counters = b.chapter, b.table_no, b.figure_no
    b.para("{%p if trends %}")
    b.heading("Zmiany w czasie", when="trends")
    b.loop_paragraphs("s", "trends.text")
    b.para("{%p if trends.rows %}")
    b.period_table("Kluczowe wskaźniki w kolejnych okresach", "trends.rows", "Wskaźnik", "Zmiana rok do roku*",
                   (4.4, 2.1))
    b.para("{{ trends.note }}", style="Uwaga")
    b.figure("chart_trends", "Wybrane udziały w kolejnych okresach (linia przerywana: cel 2/3 godzin reintegracji "
                             "społecznej)", keep_with_caption=True)
    if kind == "region":
        b.period_table("Uczestnicy według LSR w kolejnych okresach (osoby)", "trends.units", "LSR", None, (5.0, 2.4))
        b.para("Okres, za który LSR nie złożyła sprawozdania, oznaczono „brak sprawozdania”; liczebności mniejsze "
               "niż 3 oznaczono „<3”, a „X” oznacza liczebność ukrytą, aby nie dało się jej odtworzyć z sumy "
               "za okres.", style="Uwaga")
    elif kind == "national":
        b.period_table("LSR, które złożyły sprawozdanie, według województw", "trends.regions_lsrs", "Województwo",
                       None, (5.0, 2.4))
        b.period_table("Uczestnicy według województw w kolejnych okresach (osoby)", "trends.regions_people",
                       "Województwo", None, (5.0, 2.4))
        b.para("Liczebności uczestników województw chroni ta sama reguła co pozostałe tabele („<3”, „X”).",
               style="Uwaga")
    b.para("{{ trends.sources }}", style="Uwaga")
    b.para("{%p endif %}")
    b.para("{%p endif %}")
    b.chapter, b.table_no, b.figure_no = counters
    for kind_of_number, name in (("chapter", "trend_chapters"), ("table", "trend_tables"), ("figure", "trend_figures")):
        b.offsets[kind_of_number].append(name)


def _comparison(b: _Builder, kind: str) -> None:
    unit = "LSR w województwie" if kind == "region" else "województw"
    b.heading(f"Porównanie {unit}")
    b.para("{{ comparison_intro }}")
    first = "LSR" if kind == "region" else "Województwo"
    b.table(f"Ranking {unit} według liczby spełnionych kryteriów modelu",
            "comparison", ["Poz.", first, "LSR", "Uczestnicy (osoby)", "Udział typu C", "Godz. reint. społ.",
                           "Nowe obszary", "Spełnione kryteria"],
            ["rank", "name", "lsrs", "participants", "type_c", "social", "areas", "score"],
            [1.2, 4.2, 1.2, 2.3, 1.9, 2.0, 1.9, 2.3], text_columns=2)
    b.figure("chart_comparison", f"Spełnione kryteria modelu – porównanie {unit}")


def _network(b: _Builder) -> None:
    b.heading("Sieć: interesariusze i partnerstwa")
    b.loop_paragraphs("s", "network_text")
    b.table("Interesariusze według typu", "stakeholders", ["Typ interesariusza", "Liczba", "Udział"],
            ["label", "value", "share"], [11.0, 3.0, 3.0])
    b.figure("chart_stakeholders", "Interesariusze według typu")
    b.loop_paragraphs("s", "network_quality_text")
    b.table("Jakość współpracy w sieci", "network_quality", ["Zagadnienie", "Wartość", "Źródło w modelu, uwagi"],
            ["label", "value", "note"], [7.0, 4.5, 5.5], text_columns=3)


def _participants(b: _Builder, kind: str) -> None:
    b.heading("Uczestnicy KIS")
    b.para("{{ disclosure_note }}", style="Uwaga")
    b.table("Uczestnicy według kategorii z art. 1 ust. 2 ustawy i płci", "groups",
            ["Kategoria", "Kobiety", "Mężczyźni", "Razem"], ["label", "f", "m", "total"], [10.0, 2.3, 2.4, 2.3])
    b.figure("chart_groups", "Uczestnicy według kategorii (ogółem)")
    b.loop_paragraphs("s", "started_text")
    b.table("Osoby, które rozpoczęły udział w okresie, według kategorii i płci", "started",
            ["Kategoria", "Kobiety", "Mężczyźni", "Razem"], ["label", "f", "m", "total"], [10.0, 2.3, 2.4, 2.3])
    # stocks (people on a day) and flows (people moving during the period) are different quantities:
    # two tables, and no row adds them up
    b.para("{{ flow_intro }}")
    b.table("Stan uczestników na początek i na koniec okresu (liczba osób w danym dniu)", "flow_stock",
            ["Stan", "Kobiety", "Mężczyźni", "Razem"], ["label", "f", "m", "total"], [10.0, 2.3, 2.4, 2.3])
    b.table("Ruch uczestników w okresie (liczba osób, których dotyczyło zdarzenie)", "flow_moves",
            ["Zdarzenie w okresie", "Kobiety", "Mężczyźni", "Razem"], ["label", "f", "m", "total"],
            [10.0, 2.3, 2.4, 2.3])


def _results(b: _Builder) -> None:
    """The individual process and the results of participation (issue 13 item 6)."""
    b.heading("Proces i wyniki reintegracji")
    b.para("{{ disclosure_note }}", style="Uwaga")
    b.loop_paragraphs("s", "process_text")
    b.table("Proces indywidualny – uczestnicy według płci", "process",
            ["Osoby", "Kobiety", "Mężczyźni", "Razem", "Odsetek*"],
            ["label", "f", "m", "total", "share"], [7.0, 2.2, 2.4, 2.2, 3.2])
    b.para("* Odsetek uczestników w okresie; przy przeglądzie planu i współdecydowaniu – odsetek osób z planem.",
           style="Uwaga")
    b.loop_paragraphs("s", "results_text")
    b.table("Diagnoza i poprawa w sferach życia", "spheres",
            ["Sfera życia", "Zdiagnozowano deficyt (osoby)", "Poprawa (osoby)", "Odsetek z poprawą"],
            ["label", "base", "improved", "share"], [7.0, 3.6, 3.2, 3.2])
    b.figure("chart_spheres", "Odsetek osób z poprawą wśród osób z deficytem, według sfery życia")
    b.table("Miary efektów innych niż zatrudnienie", "measures",
            ["Miara", "Objęci pomiarem (osoby)", "Poprawa (osoby)", "Odsetek z poprawą"],
            ["label", "base", "improved", "share"], [7.0, 3.4, 3.4, 3.2])
    b.para("{{ outcomes_text }}")
    b.table("Osoby, które ukończyły udział, według sytuacji po wyjściu i płci", "outcomes",
            ["Sytuacja po wyjściu", "Kobiety", "Mężczyźni", "Razem"], ["label", "f", "m", "total"],
            [10.0, 2.3, 2.4, 2.3])
    b.loop_paragraphs("s", "followup_text")
    b.table("Sytuacja pół roku po wyjściu z KIS", "followup", ["Osoby", "Liczba", "Odsetek"],
            ["label", "value", "share"], [11.0, 3.0, 3.0])


def _barriers_and_practices(b: _Builder, kind: str) -> None:
    """Barriers by category, the support asked of the RSR/KSR and good practices (texts below national level)."""
    b.heading("Bariery, potrzeby i dobre praktyki")
    b.loop_paragraphs("s", "barriers_text")
    b.table("Bariery według kategorii", "barriers", ["Kategoria", "Liczba barier", "Udział"],
            ["label", "count", "share"], [11.0, 3.0, 3.0])
    if kind == "region":
        b.table("Wsparcie, o które LSR proszą RSR lub KSR", "requests",
                ["LSR", "Kategoria", "Bariera", "Potrzebne wsparcie"], ["lsr", "category", "description", "support"],
                [3.0, 2.6, 5.4, 6.0], text_columns=4)
    elif kind == "lsr":
        b.table("Wsparcie, o które LSR prosi RSR lub KSR", "requests", ["Kategoria", "Bariera", "Potrzebne wsparcie"],
                ["category", "description", "support"], [3.0, 6.5, 7.5], text_columns=3)
    b.loop_paragraphs("s", "practices_text")
    if kind == "region":
        b.table("Dobre praktyki opisane przez LSR", "practices", ["LSR", "Praktyka", "Opis"], ["lsr", "title", "description"],
                [3.0, 4.5, 9.5], text_columns=3)
    elif kind == "lsr":
        b.table("Dobre praktyki opisane przez LSR", "practices", ["Praktyka", "Opis"], ["title", "description"], [5.0, 12.0],
                text_columns=2)


def _services_and_funding(b: _Builder) -> None:
    b.heading("Usługi i godziny udziału")
    b.loop_paragraphs("s", "services_text")
    b.table("Usługi według obszaru", "services",
            ["Obszar", "Usługi", "Zapisy uczestników na usługi*", "Godziny", "Udział godzin"],
            ["label", "count", "participants", "hours", "share"], [6.5, 2.0, 3.0, 2.5, 3.0])
    b.para("* Zapis to udział jednej osoby w jednej usłudze; jedna osoba może korzystać z kilku usług, dlatego "
           "zapisów nie należy czytać jako liczby osób.", style="Uwaga")
    b.figure("chart_services", "Godziny usług według obszaru (nowe obszary wyróżnione)")
    b.figure("chart_hours", "Godziny udziału: reintegracja społeczna a pozostałe zajęcia")
    b.para("{{ art18_text }}")
    b.table("Usługi z art. 18 ust. 2 ustawy o zatrudnieniu socjalnym", "art18",
            ["Usługa", "Usługi", "Zapisy uczestników na usługi*", "Godziny"], ["label", "count", "participants", "hours"],
            [7.5, 2.5, 4.0, 3.0])
    b.heading("Finansowanie KIS")
    b.loop_paragraphs("s", "funding_text")
    b.table("Finansowanie według źródła", "funding", ["Źródło", "Kwota", "Udział"], ["label", "amount", "share"],
            [10.0, 4.0, 3.0])
    b.figure("chart_funding", "Struktura finansowania według źródła")


def _quality(b: _Builder, kind: str) -> None:
    b.heading("Jakość danych i kompletność" if kind != "lsr" else "Jakość danych (wyniki kontroli skoroszytu)")
    b.loop_paragraphs("s", "quality_text")
    if kind == "lsr":
        b.table("Uwagi z kontroli skoroszytu", "findings", ["Waga", "Miejsce", "Opis"], ["severity", "where", "message"],
                [2.8, 3.2, 11.0], text_columns=3)
        b.table("Wyjaśnienia koordynatora do ostrzeżeń", "explanations", ["Miejsce", "Wyjaśnienie"], ["where", "text"],
                [5.0, 12.0], text_columns=2)
    else:
        b.table("Pliki wejściowe i decyzje o nich", "quality_rows",
                ["Plik", "LSR (kod TERYT)", "Decyzja", "Błędy", "Ostrzeżenia"],
                ["name", "lsr", "status", "errors", "warnings"], [6.2, 2.6, 4.2, 1.6, 2.4], text_columns=3)


def _recommendations(b: _Builder) -> None:
    b.heading("Rekomendacje")
    b.para("{{ recommendations_intro }}")
    b.para("{%p for r in recommendations %}")
    b.doc.add_paragraph("{{ r.title }}", style="Heading 2")
    for label, field in (("Stwierdzono: ", "evidence"), ("Oczekiwany stan (próg): ", "threshold"),
                         ("Zalecane działanie: ", "action"), ("Źródło w modelu: ", "source")):
        b.para(label, f"{{{{ r.{field} }}}}", bold_first=True)
    # rules v2: how the rule reads the workbook (own posts, assumed thresholds); shown when the rule has a note
    b.para("{%p if r.note %}")
    b.para("Jak reguła czyta dane: ", "{{ r.note }}", bold_first=True)
    b.para("{%p endif %}")
    b.para("{%p endfor %}")


def _reform(b: _Builder) -> None:
    b.heading("Rekomendacje reformy instytucjonalnej")
    b.para("{{ reform_intro }}")
    b.para("{%p for r in reform %}")
    b.doc.add_paragraph("{{ r.title }}", style="Heading 2")
    b.para("Stwierdzono: ", "{{ r.evidence }}", bold_first=True)
    b.para("Zadania według szczebli (001 §1.4, tab. 5):", style=None)
    b.para("{%p for t in r.tasks %}")
    b.para("{{ t.level }}: ", "{{ t.task }}", style="List Bullet", bold_first=True)
    b.para("{%p endfor %}")
    b.para("Źródło w modelu: ", "{{ r.source }}", bold_first=True)
    b.para("{%p endfor %}")


def _method(b: _Builder) -> None:
    b.heading("Nota metodologiczna")
    b.loop_paragraphs("s", "method_text")


def _annex(b: _Builder, kind: str) -> None:
    """Figures of every compared unit (LSR of the region / województwo of the country), one row each."""
    b.page_break()
    unit = "LSR" if kind == "region" else "województw"
    b.heading(f"Załącznik. Dane według {unit}", numbered=False)
    b.para("{{ annex_intro }}")
    first = ["LSR"] if kind == "region" else ["Województwo", "LSR"]
    b.table(f"Sieć i uczestnicy według {unit}", "annex", first + [
        "Liczba interesariuszy", "w tym typu C", "Partnerstwa formalne", "Działania animacyjne", "Uczestnicy (osoby)"],
        (["name"] if kind == "region" else ["name", "lsrs"]) + ["stakeholders", "type_c", "formal", "events", "people"],
        ([4.0] if kind == "region" else [3.2, 1.0]) + [3.0, 2.0, 2.6, 2.7, 2.7], text_columns=1)
    b.table(f"Usługi i finansowanie według {unit}", "annex", ["LSR" if kind == "region" else "Województwo",
            "Usługi", "Godziny usług", "Godziny udziału", "w tym reintegracja społeczna", "Finansowanie ogółem", "Środki projektowe"],
            ["name", "services", "service_hours", "hours", "social", "funding", "project"],
            [3.6, 1.5, 2.1, 2.2, 2.2, 3.0, 2.4], text_columns=1)


TITLES = {"lsr": "Karta monitoringowa Lokalnej Sieci na rzecz Reintegracji",
          "region": "Raport regionalny Regionalnej Sieci na rzecz Reintegracji",
          "national": "Raport krajowy Krajowej Sieci Reintegracji"}


def build_template(kind: str):
    """The docxtpl template (a python-docx ``Document``) of one report kind."""
    if kind not in KINDS:
        raise ValueError(f"unknown report kind {kind!r}")
    b = _Builder()
    _title_page(b, TITLES[kind])
    _glossary(b)
    _summary_and_indicators(b)
    _trends(b, kind)
    if kind == "lsr":
        b.heading("Metryczka LSR")
        b.table("Dane identyfikacyjne LSR (z arkusza metryczki)", "form", ["Pole", "Wartość"], ["label", "value"], [6.0, 11.0], text_columns=2)
    else:
        _comparison(b, kind)
    _network(b)
    _participants(b, kind)
    _results(b)
    _services_and_funding(b)
    _barriers_and_practices(b, kind)
    _quality(b, kind)
    _recommendations(b)
    if kind == "national":
        _reform(b)
    _method(b)
    if kind != "lsr":
        _annex(b, kind)
    return b.finish()


AUTHOR = "Krajowa Sieć Reintegracji – monitoring"
SUBJECTS = {"lsr": "Monitoring Lokalnej Sieci na rzecz Reintegracji: wskaźniki modelu KSR i rekomendacje",
            "region": "Monitoring Regionalnej Sieci na rzecz Reintegracji: zestawienie LSR województwa i rekomendacje",
            "national": "Monitoring Krajowej Sieci Reintegracji: zestawienie krajowe, rekomendacje i reforma"}


def describe(doc, kind: str, title: str, when: dt.datetime) -> None:
    """Core properties Word shows under File → Info: title, subject, author, language, time of creation."""
    cp = doc.core_properties
    cp.title, cp.subject = title, SUBJECTS[kind]
    cp.author = cp.last_modified_by = AUTHOR
    cp.language, cp.keywords = docx_setup.LANG, "KSR; LSR; RSR; KIS; reintegracja społeczna; monitoring"
    cp.created = cp.modified = when
    cp.revision = 1


def write_templates(outdir: str | Path) -> list[Path]:
    """Write the three templates into ``outdir`` (normally ``workbooks/templates``)."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind in KINDS:
        path = outdir / TEMPLATE_FILES[kind]
        doc = build_template(kind)
        describe(doc, kind, TITLES[kind], dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
        doc.save(path)
        paths.append(path)
    return paths


if __name__ == "__main__":
    import sys

    for p in write_templates(sys.argv[1] if len(sys.argv) > 1 else "workbooks/templates"):
        print(p)
