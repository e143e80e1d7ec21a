"""Rendering the Word reports with docxtpl (autoescape on) and detecting the kind of input workbook."""
from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path
from typing import Callable

from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from ..errors import KsrError
from ..indicators.model import ROLLUP_META_SHEET, Rollup
from ..recommendations.config import load_thresholds
from .. import lang, spec as S
from . import charts, sections, template_cache
from .lsr import lsr_context
from .rollup import rollup_context
from .template_build import TEMPLATE_FILES, TITLES, build_template, describe

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "workbooks" / "templates"
CHART_WIDTH = Mm(160)
CHART_WIDTHS = {"chart_stakeholders": Mm(120)}  # three bars: full width would make it needlessly tall


class _Template(DocxTemplate):
    """docxtpl's template, minus work that changes nothing for our reports: the template's patched
    and compiled form come from ``template_cache`` after the first report."""

    def patch_xml(self, src_xml: str) -> str:
        return template_cache.patched(src_xml, super().patch_xml)

    def resolve_listing(self, xml: str) -> str:
        # docxtpl turns tab, newline, \a and \f inside text into Word elements with a pass of nested
        # regexes over every paragraph (a quarter of a report's rendering); without them nothing changes
        if "\t" in xml or "\n" in xml or "\a" in xml or "\f" in xml:
            return super().resolve_listing(xml)
        return xml


def _template(kind: str) -> DocxTemplate:
    """The committed template when present (the ministry may have edited it), else one built in memory."""
    path = TEMPLATES_DIR / TEMPLATE_FILES[kind]
    if path.exists():
        return _Template(path)
    buf = io.BytesIO()
    build_template(kind).save(buf)
    buf.seek(0)
    return _Template(buf)


_BETWEEN_TAGS = re.compile(r">\s+<")


class _Chart(InlineImage):
    """A chart placed when the template reaches it: the PNG is still being drawn on the pool while
    docxtpl prepares the template and renders the text before it."""

    def __init__(self, tpl, png: Callable[[], bytes], width):
        super().__init__(tpl, None, width=width)
        self._png = png

    @property
    def image_descriptor(self):
        return io.BytesIO(self._png())

    @image_descriptor.setter
    def image_descriptor(self, _value):
        pass

    def _insert_image(self) -> str:
        # python-docx pretty-prints the drawing; without the blanks between its tags (no text nodes
        # there) the document holds no newline, and docxtpl's listing pass is skipped (_Template)
        return _BETWEEN_TAGS.sub("><", super()._insert_image())


def _render(kind: str, ctx: dict, images: dict, out_path, generated_on: str | None, executor=None) -> Path:
    return _finish(kind, ctx, charts.start_all(images, executor), out_path, generated_on)


def _date_text(generated_on: str | None, now: dt.datetime) -> str:
    """The date on the title page in Polish ("31 marca 2026"); callers may pass "dd.mm.rrrr" or ISO."""
    if not generated_on:
        return lang.date(now.date())
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", generated_on.strip())
    if m:
        return lang.date(dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))))
    return lang.date(generated_on)


def _finish(kind: str, ctx: dict, pngs: dict, out_path, generated_on: str | None) -> Path:
    tpl = _template(kind)
    ctx = sections.clean(ctx)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    ctx["generated_on"] = _date_text(generated_on, now)
    for key, png in pngs.items():
        ctx[key] = _Chart(tpl, png, CHART_WIDTHS.get(key, CHART_WIDTH))
    tpl.render(ctx, jinja_env=template_cache.CachingEnvironment(autoescape=True), autoescape=True)
    # Word allows 255 characters in a core property; the unit name comes from the input
    describe(tpl.docx, kind, sections.cut(f"{TITLES[kind]} – {ctx['unit_name']}, {ctx['period']}", 250), now)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tpl.save(out)
    return out


def _thresholds(thresholds):
    """The thresholds in force and where they came from, in words for the report (file name only)."""
    if isinstance(thresholds, dict):
        return thresholds, "progi ustalone przez osobę przygotowującą raport"
    if not thresholds:
        return load_thresholds(None), "progi domyślne modelu"
    return load_thresholds(thresholds), (f"progi z pliku {Path(thresholds).name}, podanego przy przygotowaniu "
                                         "raportu zamiast progów domyślnych modelu")


def render_lsr_card(lsr, out_path, *, thresholds=None, generated_on: str | None = None, history=None) -> Path:
    """LSR monitoring card from a ``FileReport`` (validated workbook) or typed ``LsrData``.

    ``history``: the archive's earlier periods (a ``monitoring.history.History``, or a callable
    ``(lsr_id, period) -> History``) for the section on the LSR's own history; None: no such section."""
    report = lsr if hasattr(lsr, "issues") else None
    data = report.data if report is not None else lsr
    if report is not None and not report.valid:
        raise KsrError(invalid_message(report))
    th, source = _thresholds(thresholds)
    ctx, images = lsr_context(data, report, th, source, history)
    return _render("lsr", ctx, images, out_path, generated_on)


def render_rollup_report(rollup, out_path, *, thresholds=None, generated_on: str | None = None,
                         executor=None, history=None) -> Path:
    """Regional report (``rollup.level == 'region'``) or national report (``'national'``).

    ``executor``: a process pool to draw the charts on (``ksr run``); by default they are drawn here.
    ``history``: see ``start_rollup_report``."""
    return start_rollup_report(rollup, thresholds=thresholds, executor=executor, history=history)(out_path,
                                                                                                  generated_on)


def start_rollup_report(rollup, *, thresholds=None, executor=None, history=None) -> Callable[..., Path]:
    """The report's figures computed and its charts started on ``executor``; returns
    ``write(out_path, generated_on=None) -> Path``, which renders the document. ``ksr run`` starts
    the charts before the feedback files, so they are ready when the template reaches them.

    ``history``: the archive's earlier periods (``monitoring.history.History``; a regional report keeps its
    region's LSRs) for the section on change over time; None: the report has no such section."""
    if not rollup.lsrs:
        raise KsrError("Zestawienie nie zawiera żadnej poprawnej LSR – nie ma z czego przygotować raportu.")
    th, source = _thresholds(thresholds)
    ctx, images = rollup_context(rollup, th, source, history)
    kind = "national" if rollup.level == "national" else "region"
    pngs = charts.start_all(images, executor)

    def write(out_path, generated_on: str | None = None) -> Path:
        return _finish(kind, ctx, pngs, out_path, generated_on)
    return write


def invalid_message(report, limit: int = 10) -> str:
    """Polish message listing the first errors of an invalid LSR workbook."""
    errors = report.errors
    lines = [f"Skoroszyt {report.path} zawiera błędy ({len(errors)}), więc nie można przygotować karty LSR. "
             f"Popraw je i uruchom ponownie (pełna lista: ksr validate {report.path}):"]
    lines += [f"  - {f.message}" for f in errors[:limit]]
    if len(errors) > limit:
        lines.append(f"  … oraz {len(errors) - limit} kolejnych błędów.")
    return "\n".join(lines)


def input_kind(path) -> str:
    """'lsr' for an LSR workbook, 'rollup' for a rollup workbook; KsrError for anything else."""
    from ..intake import ROLLUP, Refusal, preflight, tell_debug

    path = Path(path)
    try:                          # zip bombs and sheets calamine would crash on are refused first
        package = preflight(path, limits=ROLLUP, marker=S.META_SHEET, divert=ROLLUP_META_SHEET)
    except Refusal as e:
        tell_debug(path, e)
        raise KsrError(f"Nie można odczytać pliku {path.name}: {e.what} {e.fix}") from e
    if package.diverted:
        return "rollup"
    if not package.foreign:
        return "lsr"
    raise KsrError(f"Plik {path.name} nie jest ani arkuszem sprawozdania LSR, ani zestawieniem regionalnym lub "
                   "krajowym. Podaj arkusz LSR albo zestawienie utworzone przez program.")


def _read_input(path):
    """The report's input, read in the child: the ``Rollup`` of a rollup workbook, or the validation
    report of an LSR workbook (KsrError for anything else)."""
    from ..validation import validate_file

    if input_kind(path) != "rollup":
        return validate_file(path)
    try:
        from ..rollup import load_rollup
    except ImportError as e:
        raise KsrError("Ta instalacja ksr nie obsługuje jeszcze odczytu zestawień (brak modułu rollup); "
                       "zaktualizuj program.") from e
    return load_rollup(path)


def render_report(path, out_path, *, thresholds=None, generated_on: str | None = None, history=None,
                  file_timeout: float | None = 60) -> Path:
    """The right report for the input workbook: LSR card, regional or national report.

    The input is opened and read in one child process (``ksr_reports.intake.sandbox``): a file that crashes
    the reader, or takes more than ``file_timeout`` seconds to read (None: no limit), ends in a Polish
    message, not in an aborted or hanging program. ``history``: a ``History`` or, since
    the report learns whose it is only after reading the file, a callable ``(lsr_id, period) -> History``;
    for a rollup file it is called with ``lsr_id`` None (a regional report keeps its region's LSRs)."""
    from ..intake.sandbox import run_isolated

    data = run_isolated(_read_input, path, crash_message=(
        f"Nie można odczytać pliku {path}: program czytający arkusze przerwał na nim pracę (zwykle "
        "przez wartość wpisaną daleko poza tabelami). Sprawdź plik poleceniem ksr validate, usuń "
        "wartości spoza tabel i zapisz go ponownie."), timeout=file_timeout)
    if isinstance(data, Rollup):
        if callable(history):
            history = history(None, data.period)
        return render_rollup_report(data, out_path, thresholds=thresholds, generated_on=generated_on,
                                    history=history)
    if not data.valid:
        raise KsrError(invalid_message(data))
    return render_lsr_card(data, out_path, thresholds=thresholds, generated_on=generated_on, history=history)
