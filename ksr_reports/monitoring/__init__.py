"""Monitoring over time (DESIGN §11, issue 14): plain computations over statistics of several periods.

``history.History`` is what the archive (``ksr_reports.archive``) gives the run: the counted statistics of
earlier periods. ``trends`` turns it into the figures of the reports' section on change over time,
``outliers`` into warnings to explain (never errors), ``diffs`` compares two submissions of one LSR.
Nothing here opens a file or a database.
"""
