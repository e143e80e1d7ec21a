"""The official GUS TERC register (user-supplied) for full TERYT checks and names.

The software works without it (structural checks only). The file has the official format:
``;``-separated, UTF-8 (with or without BOM), columns WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError

REQUIRED_COLUMNS = ("WOJ", "POW", "GMI", "RODZ", "NAZWA")


@dataclass
class TercRegister:
    """Gminy (7-digit code -> name) and powiaty (4-digit code -> name) of one TERC file."""

    source: str
    gminy: dict[str, str] = field(default_factory=dict)
    powiaty: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path) -> "TercRegister":
        """Read a TERC file; raise UsageError (Polish) when it is not a TERC register."""
        path = Path(path)
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh, delimiter=";")
                if not reader.fieldnames or not set(REQUIRED_COLUMNS) <= set(reader.fieldnames):
                    raise UsageError(f"Plik {path.name} nie jest rejestrem TERC (wymagane kolumny: "
                                     f"{';'.join(REQUIRED_COLUMNS)}).")
                register = cls(path.name)
                for row in reader:
                    register._add(row)
        except (OSError, UnicodeDecodeError, csv.Error) as e:
            raise UsageError(f"Nie można odczytać rejestru TERC {path}: {e}.") from e
        if not register.gminy:
            raise UsageError(f"Rejestr TERC {path.name} nie zawiera żadnej gminy.")
        return register

    def _add(self, row: dict) -> None:
        woj, pow_, gmi, rodz = (str(row.get(k) or "").strip() for k in ("WOJ", "POW", "GMI", "RODZ"))
        name = str(row.get("NAZWA") or "").strip()
        if woj and pow_ and gmi and rodz:
            self.gminy[woj + pow_ + gmi + rodz] = name
        elif woj and pow_ and not gmi:
            self.powiaty[woj + pow_] = name


def as_register(terc) -> TercRegister | None:
    """Accept None, a loaded register, or a path to a TERC file."""
    if terc is None or isinstance(terc, TercRegister):
        return terc
    return TercRegister.load(terc)
