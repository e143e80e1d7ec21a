"""Polish for click's own texts: usage lines, help headings and parameter errors.

click marks its messages for gettext: each of its modules imports ``gettext as _`` and
``ngettext``. ``install()`` replaces those two names in click's modules with look-ups in the
tables below, so "Usage:", "Show this message and exit." or "No such option" reach ROPS staff in
Polish. A message missing from the tables stays in English (nothing breaks when click adds one).
"""
from __future__ import annotations

import importlib

_MODULES = ("core", "exceptions", "formatting", "decorators", "types", "parser", "termui", "utils")

PL = {
    "Usage:": "Użycie:",
    "Options": "Opcje",
    "Commands": "Polecenia",
    "Positional arguments": "Argumenty",
    "Show this message and exit.": "Pokaż tę pomoc i zakończ.",
    "Show the version and exit.": "Pokaż wersję programu i zakończ.",
    "default: {default}": "domyślnie: {default}",
    "env var: {var}": "zmienna środowiskowa: {var}",
    "deprecated": "przestarzała",
    "required": "wymagane",
    "(dynamic)": "(zależnie od danych)",
    "Aborted!": "Przerwano.",
    "Missing command.": "Nie podano polecenia.",
    "Error: {message}": "Błąd: {message}",
    "Try '{command} {option}' for help.": "Pomoc: {command} {option}",
    "Invalid value for {param_hint}: {message}": "Niepoprawna wartość {param_hint}: {message}",
    "Invalid value: {message}": "Niepoprawna wartość: {message}",
    "Missing argument": "Brak argumentu",
    "Missing option": "Brak opcji",
    "Missing parameter": "Brak parametru",
    "Missing parameter: {param_name}": "Brak parametru: {param_name}",
    "Missing {param_type}": "Brak: {param_type}",
    "No such command {name!r}.": "Nie ma polecenia {name!r}.",
    "No such option {name!r}.": "Nie ma opcji {name!r}.",
    "Could not open file {filename!r}: {message}": "Nie można otworzyć pliku {filename!r}: {message}",
    "unknown error": "nieznany błąd",
    "Option {name!r} does not take a value.": "Opcja {name!r} nie przyjmuje wartości.",
    "Argument {name!r} takes {nargs} values.": "Argument {name!r} wymaga {nargs} wartości.",
    "file": "plik",
    "directory": "katalog",
    "path": "ścieżka",
    "{name} {filename!r} does not exist.": "{name} {filename!r} nie istnieje.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} jest katalogiem, a nie plikiem.",
    "{name} {filename!r} is a file.": "{name} {filename!r} jest plikiem, a nie katalogiem.",
    "{name} {filename!r} is not readable.": "{name} {filename!r}: brak uprawnień do odczytu.",
    "{name} {filename!r} is not writable.": "{name} {filename!r}: brak uprawnień do zapisu.",
    "{name} {filename!r} is not executable.": "{name} {filename!r}: brak uprawnień do uruchomienia.",
    "{value!r} is not a valid {number_type}.": "{value!r} nie jest liczbą ({number_type}).",
    "{value} is not in the range {range}.": "{value} jest poza zakresem {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} nie jest wartością tak/nie. Dozwolone: {states}",
    "Choose from:\n\t{choices}": "Do wyboru:\n\t{choices}",
}

# singular -> (Polish for 1, Polish for more)
PL_N = {
    "Got unexpected extra argument ({args})": ("Nieoczekiwany dodatkowy argument ({args})",
                                               "Nieoczekiwane dodatkowe argumenty ({args})"),
    "Did you mean {possibility}?": ("Czy chodziło o {possibility}?", "Czy chodziło o {possibility}?"),
    "(Did you mean one of: {possibilities}?)": ("(Czy chodziło o: {possibilities}?)",
                                                "(Czy chodziło o jedną z: {possibilities}?)"),
    "{value!r} is not {choice}.": ("{value!r} to nie {choice}.", "{value!r} nie jest żadną z wartości: {choices}."),
    "Option {name!r} requires an argument.": ("Opcja {name!r} wymaga wartości.",
                                              "Opcja {name!r} wymaga {nargs} wartości."),
    "Takes {nargs} values but 1 was given.": ("Wymaga {nargs} wartości, podano 1.",
                                              "Wymaga {nargs} wartości, podano {len}."),
    "{value!r} does not match the format {format}.": ("{value!r} nie pasuje do formatu {format}.",
                                                      "{value!r} nie pasuje do żadnego z formatów {formats}."),
    "{len_type} values are required, but {len_value} was given.": ("Wymagane wartości: {len_type}, podano {len_value}.",
                                                                   "Wymagane wartości: {len_type}, podano {len_value}."),
}


def gettext(message: str) -> str:
    return PL.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    forms = PL_N.get(singular)
    if forms is None:
        return singular if n == 1 else plural
    return forms[0] if n == 1 else forms[1]


def install() -> None:
    """Make click speak Polish (idempotent)."""
    for name in _MODULES:
        try:
            module = importlib.import_module(f"click.{name}")
        except ImportError:
            continue
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
