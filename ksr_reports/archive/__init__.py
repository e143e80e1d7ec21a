"""The office's archive of runs (DESIGN §11, issue 14): SQLite, one file per office.

``Archive.open(path)`` → record runs, read the history of earlier periods and the current submission of an
LSR, import earlier files, export everything to a workbook. Developer documentation: docs/archive.md.
"""
from .importer import ImportedFile, ImportResult
from .schema import SCHEMA_VERSION
from .store import Archive, default_archive_path

__all__ = ["Archive", "default_archive_path", "ImportResult", "ImportedFile", "SCHEMA_VERSION"]
