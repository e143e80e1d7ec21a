"""Checkers of readable text: each takes snippets and returns problems (source, location, text, problem).

- :class:`Speller` — Polish spelling with Hunspell's pl_PL dictionary read by spylls, plus a short,
  justified allow-list of domain terms (``allowed_words.txt``) and the package's own place names;
- :func:`agreement` — the form of a noun (and adjective) after a number, by CLDR's plural category;
- :func:`internal_codes` — rule ids, finding codes, snake_case and dotted machine keys, period codes;
- :func:`english` — English words that leaked into Polish text before;
- :func:`paths` — file-system paths, names of package files and of commands in documents.

Every checker errs on the side of silence: a guard that cries wolf gets deleted.
"""
from __future__ import annotations

import os
import re
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

from .extract import CONSOLE, DOCUMENT, FORM, SUMMARY, Snippet
from .nouns import BY_FORM

# Debian's hunspell-pl; elsewhere (e.g. a Mac) point KSR_HUNSPELL_PL at a pl_PL.dic/.aff pair without suffix
DICTIONARY = Path(os.environ.get("KSR_HUNSPELL_PL", "/usr/share/hunspell/pl_PL"))
ALLOWED_FILE = Path(__file__).with_name("allowed_words.txt")
L = "A-Za-zÀ-ÖØ-öø-ÿĀ-žſ"                               # letters, Polish ones included
WORD = re.compile(rf"[{L}]+(?:-[{L}]+)*")


class Problem(NamedTuple):
    source: str
    location: str
    text: str
    problem: str

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 160 else self.text[:157] + "…"
        return f"{self.source} [{self.location}] {self.problem}\n    „{text}”"


def _problem(s: Snippet, message: str) -> Problem:
    return Problem(s.source, s.location, s.text, message)


# --- spelling ----------------------------------------------------------------------------------

def dictionary_missing() -> str | None:
    """Why spelling cannot be checked here (``None`` when it can)."""
    if not DICTIONARY.with_suffix(".dic").exists() or not DICTIONARY.with_suffix(".aff").exists():
        return f"no Polish Hunspell dictionary at {DICTIONARY}.dic (Debian/Ubuntu: apt-get install hunspell-pl)"
    try:
        import spylls.hunspell  # noqa: F401
    except ImportError:
        return "spylls is not installed (pip install -e '.[test]')"
    return None


@lru_cache(maxsize=1)
def _dictionary():
    """The pl_PL dictionary (about 4 s to load: once per process)."""
    from spylls.hunspell import Dictionary

    return Dictionary.from_files(str(DICTIONARY))


def listed_words(path: Path = ALLOWED_FILE) -> set[str]:
    """The entries of the allow-list file (comments start with #)."""
    words = {line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines()}
    words.discard("")
    return words


def allowed_words(path: Path = ALLOWED_FILE) -> set[str]:
    """The allow-list plus the place names of the package's own data (samples' gminy and powiaty,
    the names of the województwa)."""
    return listed_words(path) | package_names()


@lru_cache(maxsize=1)
def package_names() -> frozenset[str]:
    """Words of the place names the package itself ships (samples' gminy, województwa)."""
    from ksr_reports.indicators.model import REGION_NAMES
    from ksr_reports.samples.gminy import PILOT_GMINY

    names = list(REGION_NAMES.values())
    for rows in PILOT_GMINY.values():
        for _teryt, gmina, powiat in rows:
            names += [gmina, powiat]
    return frozenset(w for name in names for w in WORD.findall(name))


_SKIP_CHUNK = re.compile(r"[\d@\\_]|[\w]\.[\w]|^https?:|^/|/[,.;:)]*$|//")
_ROMAN = re.compile(r"^[IVXLC]+$")


class Speller:
    """Checks words against pl_PL; remembers every verdict (lookups are the slow part)."""

    def __init__(self, allowed: set[str] | None = None):
        self.allowed = allowed if allowed is not None else allowed_words()
        self.allowed_lower = {w.lower() for w in self.allowed}
        self.checked = 0                       # words looked at (with repeats)
        self.unique: set[str] = set()

    def words(self, text: str) -> Iterable[tuple[str, bool]]:
        """(word, followed by a dot) for the words worth spelling: no numbers, codes, e-mails, paths."""
        for chunk in text.split():
            if _SKIP_CHUNK.search(chunk):
                continue
            for part in chunk.split("/"):
                for m in WORD.finditer(part):
                    yield m.group(), part[m.end():m.end() + 1] == "."

    @lru_cache(maxsize=None)
    def word_ok(self, word: str, dotted: bool = False) -> bool:
        if len(word) == 1 or _ROMAN.match(word) or word in self.allowed or word.lower() in self.allowed_lower:
            return True
        if word.lower() in ENGLISH_LOWER or word in ENGLISH_EXACT:
            return True                        # reported by the English checker, not twice
        d = _dictionary()
        if d.lookup(word) or d.lookup(word.lower()) or (word.isupper() and d.lookup(word.capitalize())):
            return True
        if dotted and (d.lookup(word + ".") or d.lookup(word.lower() + ".")):
            return True
        if "-" in word:
            return all(self.word_ok(part) for part in word.split("-") if part)
        return False

    def check(self, snippets: Iterable[Snippet], literal: set[str] = frozenset()) -> list[Problem]:
        out = []
        for s in snippets:
            if s.code_column:
                continue
            bad = []
            for word, dotted in self.words(readable(s, literal)):
                self.checked += 1
                self.unique.add(word)
                if not self.word_ok(word, dotted) and word not in bad:
                    bad.append(word)
            if bad:
                out.append(_problem(s, "pisownia: " + ", ".join(f"„{w}”" for w in bad)))
        return out


# --- number agreement --------------------------------------------------------------------------

_TOKEN = re.compile(rf"\d{{1,3}}(?:[\u00a0\u202f]\d{{3}})+(?:,\d+)?|\d+(?:,\d+)?|[{L}]+(?:-[{L}]+)*|\S")
_NUMBER = re.compile(r"^\d")
PREPOSITIONS = {"z", "ze", "w", "we", "o", "na", "po", "przy", "dla", "od", "do", "u", "bez", "około", "ok",
                "przez", "między", "nad", "pod", "za", "ku", "wobec", "według", "wg", "spośród", "wśród",
                "spoza", "sprzed", "zamiast", "oprócz", "poza", "dzięki", "niż", "co", "jak", "ponad", "powyżej",
                "poniżej", "mniej", "więcej", "najwyżej", "najmniej", "maksymalnie", "minimum", "maksimum"}
# a number after these is a label, not a count ("art. 18", "Tabela 4", "KIS nr 2", "typ 3")
NOT_A_COUNT = {"art", "ust", "pkt", "nr", "§", "tabela", "tabeli", "tab", "wykres", "wykresu", "rysunek", "poz",
               "rozdział", "rozdziale", "rozdziału", "załącznik", "załącznika", "część", "części", "zasada",
               "zasady", "zasadzie", "typ", "typu", "kod", "kodem", "wiersz", "wiersza", "wierszu", "kolumna",
               "kolumny", "kolumnie", "krok", "punkt", "punktu", "sekcja", "sekcji", "wersja", "wersji",
               "strona", "str", "s", "lp", "poziom", "poziomu", "grupa", "kategoria", "r", "rok", "roku",
               "dnia", "dzień", "godz", "okres", "okresie", "miejsce", "pozycja", "pozycji", "ranga", "numer"}
# words after which a number phrase is in the nominative (or a non-virile accusative), where
# "3 błędów" is wrong for sure; elsewhere a genitive may be governed ("brak 3 osób", "udział 3 osób")
NOMINATIVE_CUES = {"tym", "łącznie", "razem", "to", "jest", "są", "był", "była", "było", "były", "tylko", "aż",
                   "się", "jeszcze", "ma", "mają", "liczy", "obejmuje", "obejmują", "zawiera", "zawierają",
                   "wynosi", "wynoszą", "stanowi", "stanowią", "zatrudnia", "zatrudniają", "wskazują", "wskazuje",
                   "uzyskały", "spełnia", "spełniają", "znaleziono", "mamy", "pozostało", "pozostały"}
_VERB_END = ("ono", "ęto", "ito", "yto", "ato", "ano", "ało", "ały", "yło", "yły", "iło", "iły", "eło", "eły", "ęło",
             "ęły", "ął", "ęła", "ała", "ił", "ił", "ył")
_ABBREVIATION_BEFORE_DOT = NOT_A_COUNT | {"np", "tj", "ok", "zob", "ww", "tzw", "m.in", "tys", "mln", "mld"}
_GEN_ADJ = ("ych", "ich")
_ADJ_END = ("y", "a", "e", "i", "ych", "ich", "ego", "ej", "ą", "ym", "im", "ymi", "imi", "emu", "ie")


def _category(number: str) -> str:
    from ksr_reports.lang import plural_category

    value = Decimal(number.replace("\u00a0", "").replace("\u202f", "").replace(",", "."))
    return "other" if value != value.to_integral_value() or "," in number else plural_category(int(value))


def _allowed_roles(cat: str, virile: bool, nominative: bool) -> set[str]:
    roles = {"one": {"nom_sg"}, "few": {"nom_pl"}, "many": {"gen_pl"}, "other": {"gen_sg"}}[cat]
    if cat == "few" and (virile or not nominative):
        roles = roles | {"gen_pl"}
    if cat == "one" and not nominative:
        roles = roles | {"gen_sg"}
    return roles


def _roles(word: str, forms) -> set[str]:
    return {role for role, form in zip(("nom_sg", "gen_sg", "nom_pl", "gen_pl"), forms[:4]) if form == word}


def _expected(cat: str, forms) -> str:
    return {"one": forms.nom_sg, "few": forms.nom_pl, "many": forms.gen_pl, "other": forms.gen_sg}[cat]


def _context(tokens: list[re.Match], i: int) -> str | None:
    """'skip' when the number is not a count or its case is governed by a preposition; 'nom' when the
    phrase is surely nominative; None (a genitive is possible) otherwise."""
    if i == 0:
        return "nom"
    prev = tokens[i - 1].group()
    if tokens[i - 1].end() == tokens[i].start() and prev not in "(„\"":
        return "skip"                                          # glued to something: "1–4", "§3", "x2"
    low = prev.lower()
    if prev == ".":
        before = tokens[i - 2].group().lower() if i >= 2 else ""
        return "skip" if before in _ABBREVIATION_BEFORE_DOT or len(before) == 1 or _NUMBER.match(before) else "nom"
    if low in PREPOSITIONS or low in NOT_A_COUNT or _NUMBER.match(prev) or prev in "=+−-×/<>≥≤≠~±":
        return "skip"
    if prev in ":;(–—•,":
        return "nom"
    before = tokens[i - 2].group().lower() if i >= 2 else ""
    if before in ("nie", "brak", "braku") or low in ("nie", "brak", "braku"):
        return None
    if low in NOMINATIVE_CUES or (len(low) > 4 and low.endswith(_VERB_END)):
        return "nom"
    return None


def agreement(snippets: Iterable[Snippet]) -> list[Problem]:
    """A number followed by a known noun (optionally one adjective between) in the wrong form."""
    out = []
    for s in snippets:
        if s.code_column:
            continue
        tokens = list(_TOKEN.finditer(s.text))
        found = []
        for i, tok in enumerate(tokens):
            if not _NUMBER.match(tok.group()) or i + 1 >= len(tokens):
                continue
            nxt = tokens[i + 1]
            if nxt.start() == tok.end() or not s.text[tok.end():nxt.start()].strip(" \u00a0") == "":
                continue                                       # "5%", "4.", "2025-H1", "3/4"
            context = _context(tokens, i)
            if context == "skip":
                continue
            message = _check_phrase(tok.group(), tokens, i + 1, nominative=context == "nom")
            if message:
                found.append(message)
        if found:
            out.append(_problem(s, "odmiana po liczebniku: " + "; ".join(found)))
    return out


def _check_phrase(number: str, tokens: list[re.Match], j: int, nominative: bool) -> str | None:
    cat = _category(number)
    w1 = tokens[j].group()
    w2 = tokens[j + 1].group() if j + 1 < len(tokens) and tokens[j + 1].start() > tokens[j].end() else ""
    noun, adj = None, None
    if w1.lower() in BY_FORM and not w1.isupper():
        noun = w1
    elif w1.islower() and w1.endswith(_ADJ_END) and w2.lower() in BY_FORM and not w2.isupper():
        noun, adj = w2, w1
    if noun is None:
        follows = tokens[j + 1].group() if j + 1 < len(tokens) else ""
        elided = not follows or follows in ",.;:)–" or follows in ("z", "i", "oraz", "w", "lub", "albo")
        if cat in ("one", "few") and nominative and w1.islower() and w1.endswith(_GEN_ADJ) and len(w1) > 5 and elided:
            return f"„{number} {w1}” (po {number} przymiotnik w mianowniku, nie w dopełniaczu -ych/-ich)"
        return None
    entries = BY_FORM[noun.lower()]
    if not any(_roles(noun.lower(), f) & _allowed_roles(cat, f.virile, nominative) for f in entries):
        want = _expected(cat, entries[0])
        phrase = f"{number} {adj + ' ' if adj else ''}{noun}"
        return f"„{phrase}” (po {number} powinno być „{want}”)"
    if adj and cat == "many" and not adj.endswith(_GEN_ADJ) and adj.endswith(("e", "i")):
        return f"„{number} {adj} {noun}” (po {number} przymiotnik w dopełniaczu: -ych/-ich)"
    if adj and cat == "few" and nominative and adj.endswith(_GEN_ADJ) and "nom_pl" in _roles(noun.lower(), entries[0]) \
            and not entries[0].virile:
        return f"„{number} {adj} {noun}” (po {number} przymiotnik w mianowniku: -e/-i, nie -ych/-ich)"
    return None


# --- internal codes ----------------------------------------------------------------------------

FILE_NAME = re.compile(r"[^\s/\\„”\"'()<>:;,]+\.(?:xlsx|xlsm|xls|docx|doc|txt|pdf|ods|odt|csv|toml|json|png|jpe?g|md|py)\b",
                       re.IGNORECASE)
UPPER_SNAKE = re.compile(r"(?<![\w])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w])")
LOWER_SNAKE = re.compile(r"(?<![\w.])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w])")
DOTTED_KEY = re.compile(r"(?<![\w.@/\\])[a-z][a-z0-9_]+(?:\.[a-z0-9_]+)+")
ENV_VAR = re.compile(r"KSR_[A-Z_]+")      # an environment variable of ksr a person sets (console help: KSR_SERVE_TOKEN)
PERIOD_CODE = re.compile(r"(?<![\w-])\d{4}-H[12](?![\w])")
_NOT_KEY_END = ("pl", "com", "org", "eu", "gov", "net", "io")


@lru_cache(maxsize=1)
def rule_ids() -> frozenset[str]:
    """Ids of the recommendation rules (shown to readers they are internals, e.g. "TRIADA")."""
    from ksr_reports.recommendations.rules import RULES_BY_ID

    return frozenset(RULES_BY_ID)


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"\bhttps?://\S+|\bwww\.\S+")


def _plain(text: str) -> str:
    """The text without e-mail addresses, web addresses, paths and file names (not codes, not English)."""
    return FILE_NAME.sub(" ", PATH.sub(" ", URL.sub(" ", EMAIL.sub(" ", text))))


def internal_codes(snippets: Iterable[Snippet]) -> list[Problem]:
    """Codes that mean something only to programmers; the annotated copy's "Kod" column may keep them."""
    out = []
    for s in snippets:
        if s.code_column:
            continue
        text = _plain(s.text)                           # paths are the paths checker's business
        found = [m.group() for m in UPPER_SNAKE.finditer(text)
                  if sum(any(c.isalpha() for c in part) for part in m.group().split("_")) >= 2
                  and not (s.kind == CONSOLE and ENV_VAR.fullmatch(m.group()))]
        if not text.isupper():
            found += [w for w in WORD.findall(text) if w in rule_ids()]
        found += [m.group() for m in LOWER_SNAKE.finditer(text)]
        for m in DOTTED_KEY.finditer(text):
            parts = m.group().rstrip(".").split(".")
            if len(parts) >= 2 and len(parts[0]) >= 2 and len(parts[1]) >= 2 and parts[-1] not in _NOT_KEY_END:
                found.append(m.group())
        if s.kind not in (CONSOLE, FORM):
            found += [m.group() for m in PERIOD_CODE.finditer(text)]
        found = list(dict.fromkeys(f for f in found if f))
        if found:
            out.append(_problem(s, "kody wewnętrzne: " + ", ".join(found[:8]) + (" …" if len(found) > 8 else "")))
    return out


# --- English -----------------------------------------------------------------------------------

ENGLISH_LOWER = {"valid", "invalid", "unreadable", "warning", "warnings", "error", "errors", "required", "counted",
                 "rejected", "refused", "superseded", "duplicate", "national", "null", "nan", "none", "true",
                 "false", "default", "options", "usage", "inbox", "output", "outputs", "input", "file", "files",
                 "sheet", "cell", "value", "level", "period", "threshold", "thresholds", "rule", "finding",
                 "findings", "summary", "report", "exit", "choose", "path", "dir", "text",
                 "integer", "range", "commands", "command", "help", "show", "message"}
ENGLISH_EXACT = {"None", "True", "False", "NaN", "INTEGER", "RANGE", "OPTIONS", "INBOX", "PATHS", "PATH", "TEXT",
                 "FILE", "DIR", "FLOAT", "BOOLEAN", "Usage", "Options", "Commands", "Error", "Warning"}
_ENGLISH_LOWER_ONLY = ENGLISH_LOWER - {"text"}     # "text" only in capitals (a click metavar)


_OPTION = re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*|\[[\w|]+\|[\w|]+\]")


_KSR_COMMAND = re.compile(r"\bksr-reports\b|\bksr(?:\s+(?:validate|rollup|run|demo|template|report|samples"
                          r"|register-template)\b)?")


def readable(s: Snippet, literal: set[str] = frozenset()) -> str:
    """The text a person reads as language, without what they type: options (``--output``), choice
    lists (``[text|json]``), ``ksr COMMAND``, and on the console the command names and choice values
    in ``literal``. (Commands and options in Word files are the paths checker's business.)"""
    text = _KSR_COMMAND.sub(" ", _OPTION.sub(" ", s.text))
    if s.kind != CONSOLE or not literal:
        return text
    return WORD.sub(lambda m: " " if m.group() in literal else m.group(), text)


def english(snippets: Iterable[Snippet], literal: set[str] = frozenset()) -> list[Problem]:
    """English words as whole tokens (lowercase ones in any case; click's metavars in capitals)."""
    out = []
    for s in snippets:
        if s.code_column:
            continue
        text = _plain(readable(s, literal))
        words = re.findall(rf"[{L}0-9_]+", text)
        found = [w for w in words if w in ENGLISH_EXACT or (w.islower() and w in _ENGLISH_LOWER_ONLY)]
        found = list(dict.fromkeys(found))
        if found:
            out.append(_problem(s, "słowa angielskie: " + ", ".join(found)))
    return out


# --- paths, package files, commands ------------------------------------------------------------

PATH = re.compile(r"(?<![\w.<])/(?:tmp|home|Users|var|usr|opt|mnt|media|work|srv|root|etc|private)/\S*"
                  r"|(?<![\w<])/(?:[\w.\-]+/)+[\w.\-]+"
                  r"|\b[A-Za-z]:\\\S*|\\\\[\w.\-]+\\\S*|~/\S*")
PACKAGE_FILE = re.compile(r"\b(?:thresholds\.toml|pyproject\.toml|[\w\-]+\.(?:md|py))\b|\bdocs/")
OPTION = re.compile(r"(?<![\w-])--[a-z][\w-]+")
COMMAND = re.compile(r"\bksr(?:-reports)?\s+(?:validate|rollup|run|demo|template|report|samples|register-template)\b"
                     r"|\bpython3?\s+-m\b|\bpip\s+install\b")


def paths(snippets: Iterable[Snippet]) -> list[Problem]:
    """Paths and package file names in documents and feedback; commands and options in Word files
    (console texts and the run summary may have all of them)."""
    out = []
    for s in snippets:
        if s.kind not in (DOCUMENT, FORM, SUMMARY) or s.source.endswith("podsumowanie.txt"):
            continue
        found = [m.group() for m in PATH.finditer(s.text)] + [m.group() for m in PACKAGE_FILE.finditer(s.text)]
        if s.source.endswith(".docx"):
            found += [m.group() for m in COMMAND.finditer(s.text)] + [m.group() for m in OPTION.finditer(s.text)]
        if found:
            out.append(_problem(s, "ścieżki, pliki pakietu lub polecenia: " + ", ".join(dict.fromkeys(found))))
    return out


def all_checks(snippets: list[Snippet], speller: Speller | None, literal: set[str] = frozenset()) -> list[Problem]:
    """Every checker over the snippets (spelling only with a speller); ``literal``: what users type on
    the console (command names, options, choice values), not checked as language."""
    problems = agreement(snippets) + internal_codes(snippets) + english(snippets, literal) + paths(snippets)
    if speller is not None:
        problems += speller.check(snippets, literal)
    return sorted(set(problems), key=lambda p: (p.source, p.location, p.problem))
