"""Reading LSR workbooks with python-calamine into located raw cells and typed data."""
from .raw import Cell, RawRow, RawWorkbook, ReadError, read_raw
from .typed import LsrData, to_typed

__all__ = ["Cell", "RawRow", "RawWorkbook", "ReadError", "read_raw", "LsrData", "to_typed"]
