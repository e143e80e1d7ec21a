"""Uploads of the local page (``ksr_reports.web.uploads``): safe names and all-or-nothing saves with limits."""
from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st
from werkzeug.datastructures import FileStorage

from ksr_reports.web.settings import Settings, default_settings, is_loopback
from ksr_reports.web.uploads import MAX_NAME_BYTES, MAX_NAME_CHARS, UploadError, safe_name, save_uploads

WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def assert_safe(name: str) -> None:
    assert name and name.strip(" .") == name, repr(name)
    assert not set(name) & set('/\\<>:"|?*'), repr(name)
    assert name not in (".", "..") and not name.startswith(".")
    assert all(unicodedata.category(c) not in {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"} for c in name), repr(name)
    assert len(name) <= MAX_NAME_CHARS and len(name.encode("utf-8")) <= MAX_NAME_BYTES
    assert name.split(".")[0].strip().lower() not in WINDOWS_RESERVED, repr(name)
    assert unicodedata.normalize("NFC", name) == name


@pytest.mark.parametrize("raw, expected", [
    ("../../etc/passwd", "passwd"),
    ("..\\..\\boot.ini", "boot.ini"),
    ("C:\\x\\a.xlsx", "a.xlsx"),
    ("/abs/a.xlsx", "a.xlsx"),
    ("a\x00b.xlsx", "ab.xlsx"),
    ("CON.xlsx", "_CON.xlsx"),
    ("nul", "_nul"),
    ("lpt1.tar.xlsx", "_lpt1.tar.xlsx"),
    ("   .xlsx", "plik.xlsx"),
    ("..", "plik"),
    ("", "plik"),
    ("ąęśćżźółń ŁÓDŹ.xlsx", "ąęśćżźółń ŁÓDŹ.xlsx"),
    ("folder/podfolder/LSR_0404011_2025.xlsx", "LSR_0404011_2025.xlsx"),
    ("raport\u202excod.xlsx", "raportxcod.xlsx"),            # right-to-left override dropped
    ("\u202eexcod.xlsx", "excod.xlsx"),
    ("a\u200bb\ufeff.xlsx", "ab.xlsx"),                        # zero-width space, byte order mark
    ("plik.xlsx. . ", "plik.xlsx"),                            # Windows drops trailing dots and spaces
    ("C:a.xlsx", "C_a.xlsx"),
    ("a<b>|c?*.XLSX", "a_b__c__.XLSX"),
    ("wiele   spacji\tI\nlinii.xlsx", "wiele spacji I linii.xlsx"),
])
def test_hostile_names(raw, expected):
    assert safe_name(raw) == expected
    assert_safe(safe_name(raw))


def test_polish_letters_kept_and_decomposed_forms_joined():
    decomposed = unicodedata.normalize("NFD", "Łódź – sprawozdanie.xlsx")
    assert safe_name(decomposed) == "Łódź – sprawozdanie.xlsx"


@pytest.mark.parametrize("raw", ["a" * 300 + ".xlsx", "ż" * 300 + ".xlsx", "😀" * 300 + ".xlsx", "b" * 300])
def test_long_names_are_capped_keeping_the_extension(raw):
    name = safe_name(raw)
    assert_safe(name)
    assert name.endswith(".xlsx") == raw.endswith(".xlsx")
    assert name[0] == raw[0]


@hsettings(max_examples=400, deadline=None)
@given(st.text(max_size=400))
def test_any_name_becomes_safe(raw):
    assert_safe(safe_name(raw))


@hsettings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs")),
               min_size=1, max_size=40).filter(lambda s: not set(s) & set('/\\<>:"|?*.')))
def test_plain_names_are_kept(stem):
    if stem.lower() in WINDOWS_RESERVED:
        return
    stem = unicodedata.normalize("NFC", stem)
    assert safe_name(f"{stem}.xlsx") == f"{stem}.xlsx"


# --- save_uploads ------------------------------------------------------------------------------------

def storage(name: str, data: bytes = b"PK\x03\x04 arkusz", declared: int | None = None) -> FileStorage:
    headers = {"Content-Length": str(declared)} if declared is not None else None
    return FileStorage(io.BytesIO(data), filename=name, content_type="application/octet-stream", headers=headers)


@pytest.fixture
def cfg(tmp_path) -> Settings:
    return default_settings(data_dir=tmp_path / "dane", archive=None, max_files=5, max_file_mb=1, max_request_mb=2)


def leftovers(parent: Path) -> list[Path]:
    return sorted(parent.rglob("*")) if parent.exists() else []


def test_saved_in_order_with_safe_distinct_names(cfg, tmp_path):
    folder = cfg.uploads_dir / "x"
    files = [storage("a.xlsx", b"1"), storage("folder/sub/a.xlsx", b"2"), storage("A.XLSX", b"3"),
             storage("../../Łódź.xlsx", b"4"), storage("a (2).xlsx", b"5")]
    paths = save_uploads(files, folder, cfg)
    assert [p.name for p in paths] == ["a.xlsx", "a (2).xlsx", "A (3).XLSX", "Łódź.xlsx", "a (2) (2).xlsx"]
    assert [p.read_bytes() for p in paths] == [b"1", b"2", b"3", b"4", b"5"]
    assert all(p.parent == folder for p in paths)
    assert len({p.name.casefold() for p in paths}) == 5          # distinct on Windows too
    assert sorted(p.name for p in cfg.uploads_dir.iterdir()) == ["x"]     # no temporary folder left


def test_names_differing_only_in_case_are_distinct_files(cfg):
    paths = save_uploads([storage("Raport.xlsx", b"1"), storage("raport.xlsx", b"2"), storage("RAPORT.xlsx", b"3")],
                         cfg.uploads_dir / "x", cfg)
    assert len({p.name.casefold() for p in paths}) == 3
    assert sorted(p.read_bytes() for p in paths) == [b"1", b"2", b"3"]


def test_saving_into_an_existing_folder_keeps_its_files(cfg):
    folder = cfg.uploads_dir / "x"
    folder.mkdir(parents=True)
    (folder / "a.xlsx").write_bytes(b"stary")
    [path] = save_uploads([storage("a.xlsx", b"nowy")], folder, cfg)
    assert path.name == "a (2).xlsx" and path.read_bytes() == b"nowy"
    assert (folder / "a.xlsx").read_bytes() == b"stary"


@pytest.mark.parametrize("files", [[], [storage("")], [storage(""), storage("")], [None]])
def test_nothing_chosen(cfg, files):
    with pytest.raises(UploadError, match="Nie wybrano żadnego pliku"):
        save_uploads(files, cfg.uploads_dir / "x", cfg)
    assert leftovers(cfg.uploads_dir) == []


def test_empty_parts_are_ignored_beside_real_files(cfg):
    paths = save_uploads([storage(""), storage("a.xlsx")], cfg.uploads_dir / "x", cfg)
    assert [p.name for p in paths] == ["a.xlsx"]


def test_too_many_files(cfg):
    with pytest.raises(UploadError) as e:
        save_uploads([storage(f"{i}.xlsx") for i in range(6)], cfg.uploads_dir / "x", cfg)
    assert "6 plików" in str(e.value) and "najwyżej 5" in str(e.value)
    assert leftovers(cfg.uploads_dir) == []


@pytest.mark.parametrize("name", ["pismo.docx", "arkusz.xls", "skan.jpg", "bez_rozszerzenia", "a.xlsx.exe",
                                  "a.xlsm"])
def test_any_kind_of_file_is_saved_for_the_intake_to_name(cfg, name):
    """Not refused by its name: the check then says what the file is and how to fix it, and the other
    files of the form are checked (issue 16; tests/test_web_routes.py shows the page)."""
    saved = save_uploads([storage("dobry.xlsx"), storage(name)], cfg.uploads_dir / "x", cfg)
    assert [p.name for p in saved] == ["dobry.xlsx", safe_name(name)]


def test_extension_case_does_not_matter(cfg):
    assert [p.name for p in save_uploads([storage("A.XLSX"), storage("b.Xlsx")], cfg.uploads_dir / "x", cfg)] \
        == ["A.XLSX", "b.Xlsx"]


def test_a_file_over_the_limit_is_refused_while_streaming_whatever_it_declares(cfg):
    big = storage("duzy.xlsx", b"PK" + bytes(2**20), declared=10)      # the browser's stated size is a lie
    with pytest.raises(UploadError) as e:
        save_uploads([storage("maly.xlsx"), big, storage("po.xlsx")], cfg.uploads_dir / "x", cfg)
    assert "„duzy.xlsx”" in str(e.value) and "1 MB" in str(e.value)
    assert leftovers(cfg.uploads_dir) == []         # the small file written before is gone too


def test_the_whole_upload_is_limited_too(cfg):
    files = [storage(f"{i}.xlsx", bytes(900 * 1024)) for i in range(3)]      # each under 1 MB, together over 2
    with pytest.raises(UploadError, match="razem można wysłać najwyżej 2 MB"):
        save_uploads(files, cfg.uploads_dir / "x", cfg)
    assert leftovers(cfg.uploads_dir) == []


def test_a_failing_stream_leaves_nothing(cfg):
    class Broken(io.RawIOBase):
        def readinto(self, b):
            raise OSError("połączenie zerwane")
    files = [storage("a.xlsx"), FileStorage(Broken(), filename="b.xlsx")]
    with pytest.raises(OSError):
        save_uploads(files, cfg.uploads_dir / "x", cfg)
    assert leftovers(cfg.uploads_dir) == []


# --- settings ----------------------------------------------------------------------------------------

def test_default_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    s = default_settings()
    assert s.data_dir.name == "strona" and s.data_dir.parent.name == "ksr-reports"
    assert s.archive is not None and s.archive.parent == s.data_dir.parent
    assert (s.host, s.port, s.max_request_mb, s.max_files, s.max_file_mb, s.keep_runs_days, s.keep_runs) \
        == ("127.0.0.1", 8765, 200, 500, 50, 14, 30)
    assert len(s.secret_key) == 32 and s.secret_key != default_settings().secret_key
    assert default_settings(archive=None).archive is None
    assert s.runs_dir == s.data_dir / "przebiegi"
    with pytest.raises(TypeError):
        default_settings(colour="red")
    with pytest.raises(ValueError):
        default_settings(max_files=-1)


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("127.1.2.3", True), ("::1", True),
                                            ("localhost", True), ("0.0.0.0", False), ("192.168.1.10", False),
                                            ("::", False), ("komputer.urzad.local", False)])
def test_loopback(host, loopback):
    assert is_loopback(host) is loopback
