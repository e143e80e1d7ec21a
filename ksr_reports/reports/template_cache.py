"""A small on-disk cache of what docxtpl derives from a report template before rendering it.

Every report run used to patch the template's XML for Jinja (docxtpl ``patch_xml``) and compile
it (``Environment.from_string``): about 35 ms per report, the same result each time for the same
template. Both are kept here, keyed by the SHA-256 of their input together with the versions that
shape them (docxtpl, Jinja, Python's bytecode), so an edited template or an upgraded library simply
misses. The cache lives in ``$KSR_CACHE_DIR``, else in the user's cache folder of the system
(platformdirs: ``~/.cache/ksr-reports`` on Linux, honouring ``$XDG_CACHE_HOME``;
``%LOCALAPPDATA%\\ksr-reports\\Cache`` on Windows; ``~/Library/Caches/ksr-reports`` on macOS); when it
cannot be written the work is just done again (never an error).
A report rendered from the cache is byte-identical to one rendered without it (tested).
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import marshal
import os
import tempfile
from pathlib import Path

import jinja2

_MEMORY: dict[str, bytes] = {}


def _versions() -> bytes:
    parts = [importlib.util.MAGIC_NUMBER.hex()]
    for dist in ("docxtpl", "Jinja2"):
        try:
            parts.append(importlib.metadata.version(dist))
        except importlib.metadata.PackageNotFoundError:
            parts.append("?")
    return "|".join(parts).encode()


_VERSIONS = _versions()


def cache_dir() -> Path:
    """``$KSR_CACHE_DIR`` when set, else the system's user cache folder for ksr-reports."""
    explicit = os.environ.get("KSR_CACHE_DIR")
    if explicit:
        return Path(explicit)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("ksr-reports", appauthor=False))


def _key(kind: str, source: str) -> str:
    return hashlib.sha256(kind.encode() + b"\0" + _VERSIONS + b"\0" + source.encode("utf-8")).hexdigest()


def load(kind: str, source: str) -> bytes | None:
    """The cached result for ``source`` (None when absent or unreadable)."""
    key = _key(kind, source)
    if key in _MEMORY:
        return _MEMORY[key]
    try:
        blob = (cache_dir() / f"{kind}-{key}").read_bytes()
    except OSError:
        return None
    digest, data = blob[:32], blob[32:]
    if hashlib.sha256(data).digest() != digest:       # a torn or damaged file: ignore it
        return None
    _MEMORY[key] = data
    return data


def store(kind: str, source: str, data: bytes) -> None:
    """Keep ``data`` for ``source`` (atomically; failures are ignored)."""
    key = _key(kind, source)
    _MEMORY[key] = data
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(hashlib.sha256(data).digest() + data)
        os.replace(tmp, folder / f"{kind}-{key}")
    except OSError:
        pass


class CachingEnvironment(jinja2.Environment):
    """A Jinja environment whose ``from_string`` reuses compiled code (jinja2's own ``from_string``
    is ``template_class.from_code(self, self.compile(source), globals, None)``)."""

    def from_string(self, source, globals=None, template_class=None):
        if not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        kind = f"jinja{int(bool(self.autoescape))}"
        code = None
        data = load(kind, source)
        if data is not None:
            try:
                code = marshal.loads(data)
            except (ValueError, EOFError, TypeError):
                code = None
        if code is None:
            code = self.compile(source)
            store(kind, source, marshal.dumps(code))
        cls = template_class or self.template_class
        return cls.from_code(self, code, self.make_globals(globals), None)


def patched(xml: str, patch) -> str:
    """``patch(xml)`` (docxtpl's template clean-up), from the cache when the same XML was patched before."""
    data = load("patch", xml)
    if data is not None:
        return data.decode("utf-8")
    out = patch(xml)
    store("patch", xml, out.encode("utf-8"))
    return out
