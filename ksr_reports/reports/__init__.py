"""Word monitoring reports with explainable recommendations (DESIGN §7).

* ``render_lsr_card(report_or_data, out_path, thresholds=None)`` – LSR monitoring card;
* ``render_rollup_report(rollup, out_path, thresholds=None)`` – regional or national report;
* ``render_report(input.xlsx, out_path, thresholds=None)`` – detects the input kind.
Templates: ``template_build.py`` (committed to ``workbooks/templates/``).
"""
from .render import input_kind, invalid_message, render_lsr_card, render_report, render_rollup_report

__all__ = ["input_kind", "invalid_message", "render_lsr_card", "render_report", "render_rollup_report"]
