"""The readable-text guard (issue 12, item 9): every word a person reads from ksr's outputs is checked.

- ``extract``: all text a person reads from Word files, visible workbook cells, feedback texts and
  summaries, and console output, as :class:`~tests.readable.extract.Snippet` objects;
- ``checks``: the checkers (Polish spelling through spylls/Hunspell, number agreement after numerals,
  internal codes, English words, paths in documents), each returning :class:`~tests.readable.checks.Problem`;
- ``report``: ``python -m tests.readable.report OUTDIR`` prints every problem found in a folder.
"""
