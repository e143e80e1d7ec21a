"""Thresholds of the recommendation rules and of the run's outlier warnings: one documented TOML file,
overridable by the user.

``load_thresholds(None)`` returns the bundled defaults (``thresholds.toml``); with a path it
returns the defaults updated by that file. An override may only change known keys, and every
value must be a number: anything else is a ``KsrError`` with a Polish message.
"""
from __future__ import annotations

import copy
import re
import tomllib
from pathlib import Path

from ..errors import KsrError
from ..intake.codes import os_error_text

DEFAULT_THRESHOLDS_FILE = Path(__file__).with_name("thresholds.toml")

Thresholds = dict[str, dict[str, float]]


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except OSError as e:
        raise KsrError(f"Nie można odczytać pliku progów {path}: {os_error_text(e)}.") from e
    except tomllib.TOMLDecodeError as e:
        at = re.search(r"at line (\d+), column (\d+)", str(e))
        where = f"wiersz {at.group(1)}, kolumna {at.group(2)}; " if at else ""
        raise KsrError(f"Plik progów {path} nie jest poprawnym plikiem TOML ({where}{e}). Popraw ten zapis "
                       f"według wzoru {DEFAULT_THRESHOLDS_FILE} (znaczenie progów opisuje katalog reguł rekomendacji) "
                       "albo uruchom polecenie bez --thresholds.") from e


def _merge(base: Thresholds, override: dict, path: Path) -> Thresholds:
    out = copy.deepcopy(base)
    for section, values in override.items():
        if section not in out or not isinstance(values, dict):
            known = ", ".join(sorted(out))
            raise KsrError(f"Plik progów {path}: nieznana sekcja [{section}]; dozwolone sekcje: {known}.")
        for key, value in values.items():
            if key not in out[section]:
                known = ", ".join(sorted(out[section]))
                raise KsrError(f"Plik progów {path}: nieznany próg {section}.{key}; w sekcji [{section}] "
                               f"dozwolone są: {known}.")
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise KsrError(f"Plik progów {path}: próg {section}.{key} musi być nieujemną liczbą, "
                               f"a jest „{value}”.")
            out[section][key] = value
    return out


def load_thresholds(path: str | Path | None = None) -> Thresholds:
    """The thresholds in force: bundled defaults, updated by the user's file when given."""
    defaults = _read(DEFAULT_THRESHOLDS_FILE)
    if path is None:
        return defaults
    return _merge(defaults, _read(Path(path)), Path(path))


def outlier_thresholds(thresholds=None) -> dict[str, float]:
    """The ``[outliers]`` section in force (DESIGN §11; ``monitoring.outliers``): from thresholds already loaded
    (a dict as ``load_thresholds`` returns), from the user's file (a path) or the bundled defaults (None)."""
    if isinstance(thresholds, dict):
        defaults = load_thresholds(None)["outliers"]
        return {**defaults, **(thresholds.get("outliers") or {})}   # a dict from before a threshold was added
    return load_thresholds(thresholds)["outliers"]
