"""What kind of file a user sent, from its bytes (``ksr_reports.intake.kinds``), and what calamine's
failures on a workbook mean (``ksr_reports.intake.workbook.refusal_of``): every branch with a test
that fails when the branch does. The whole path through ``validate_file`` and ``ksr validate`` is
tested by the corpus (tests/validation/test_corpus.py) and the real-world files
(tests/test_real_world_corpus.py)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from ksr_reports.intake import Refusal
from ksr_reports.intake.kinds import HEAD_BYTES, OLE2_MAGIC, extension_note, sniff, zip_kind
from ksr_reports.intake.workbook import CORRUPT_UNKNOWN, SHARED_STRINGS_DETAIL, open_workbook, refusal_of
from tests.validation.corpus import DIF, HTML_TABLE, PDF, SPREADSHEETML, SYLK, part_of, parts_edited, reader_words


def kind_of(tmp_path: Path, data: bytes) -> Refusal | None:
    """What ``sniff`` says of a file holding ``data`` (read as the pre-flight reads it)."""
    path = tmp_path / "plik.xlsx"
    path.write_bytes(data)
    try:
        sniff(path, data[:HEAD_BYTES])
    except Refusal as refusal:
        assert not reader_words(refusal.what + " " + refusal.fix), refusal.what
        return refusal
    return None


def code_of(tmp_path: Path, data: bytes) -> tuple[str | None, dict]:
    refusal = kind_of(tmp_path, data)
    return (refusal.code, refusal.params) if refusal else (None, {})


# ---------------------------------------------------------------- sniff: nothing, OLE2, BIFF, zip
def test_empty_file(tmp_path):
    assert code_of(tmp_path, b"") == ("FILE_EMPTY", {})


def test_ole2_without_encryption_streams_is_old_excel(tmp_path):
    assert code_of(tmp_path, OLE2_MAGIC + bytes(504) + "Workbook".encode("utf-16-le"))[0] == "FILE_XLS"


@pytest.mark.parametrize("stream", ["EncryptionInfo", "EncryptedPackage"])
def test_ole2_with_an_encryption_stream_is_encrypted(tmp_path, stream):
    assert code_of(tmp_path, OLE2_MAGIC + bytes(504) + stream.encode("utf-16-le"))[0] == "FILE_ENCRYPTED"


def test_encryption_stream_is_found_beyond_the_head(tmp_path):
    """The directory of an OLE2 file may lie far from its start: the whole first 4 MB are searched."""
    data = OLE2_MAGIC + bytes(100_000) + "EncryptionInfo".encode("utf-16-le")
    assert code_of(tmp_path, data)[0] == "FILE_ENCRYPTED"


@pytest.mark.parametrize("bof", [
    bytes.fromhex("0900 0400 0200 1000"),          # BIFF2: BOF 0x0009, 4 bytes
    bytes.fromhex("0902 0600 0000 1000 0000"),     # BIFF3: BOF 0x0209, 6 bytes
    bytes.fromhex("0904 0600 0000 1000 0000"),     # BIFF4: BOF 0x0409, 6 bytes
    bytes.fromhex("0908 0800 0005 1000 0000 0000"),  # a BIFF5 stream without its OLE2 container
    bytes.fromhex("0908 1000 0006 0500" + "00" * 12),  # a BIFF8 stream without its OLE2 container
], ids=["biff2", "biff3", "biff4", "biff5", "biff8"])
def test_raw_biff_streams_are_old_excel(tmp_path, bof):
    assert code_of(tmp_path, bof + bytes(64))[0] == "FILE_XLS"


def test_a_biff_lookalike_with_another_length_is_not_old_excel(tmp_path):
    """Two bytes 09 00 alone are no BOF record: the record length must be one a BOF has."""
    assert code_of(tmp_path, bytes.fromhex("0900 0500") + bytes(64))[0] == "FILE_NOT_XLSX"


@pytest.mark.parametrize("magic", [b"PK\x03\x04", b"PK\x05\x06"], ids=["local header", "empty zip"])
def test_a_zip_passes_to_the_container_checks(tmp_path, magic):
    assert kind_of(tmp_path, magic + bytes(26)) is None


# ---------------------------------------------------------------- sniff: binary files sent instead
@pytest.mark.parametrize("data, detail", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(16), "obraz PNG"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "obraz JPEG"),
    (b"GIF89a\x08\x00\x08\x00\x80\x00\x00", "obraz GIF"),
    (PDF, "dokument PDF"),                                   # no zero byte in its head
    (b"\x1f\x8b\x08\x08\x9a\x7f\x1b\x65\x02\x03LSR.xlsx", "archiwum gzip"),     # no zero byte either
    (b"Rar!\x1a\x07\x01\x00", "archiwum RAR"),
    (b"7z\xbc\xaf\x27\x1c\x00\x04", "archiwum 7-Zip"),
    (b"BM\x36\x00\x00\x00\x00\x00", "dane binarne innego rodzaju"),
    (b"\x7fELF\x02\x01\x01\x00", "dane binarne innego rodzaju"),
], ids=["png", "jpeg", "gif", "pdf", "gzip", "rar", "7z", "bmp", "other"])
def test_binary_files_are_named_in_polish(tmp_path, data, detail):
    refusal = kind_of(tmp_path, data)
    assert refusal.code == "FILE_NOT_XLSX" and refusal.params == {"detail": detail}
    assert f"plik zawiera {detail}" in refusal.what


def test_pdf_head_holds_no_zero_byte():
    """The PDF above proves the signature branch: without it the file would be taken for text."""
    assert b"\x00" not in PDF[:512]
    assert b"\x00" not in b"\x1f\x8b\x08\x08\x9a\x7f\x1b\x65\x02\x03LSR.xlsx"


# ---------------------------------------------------------------- sniff: text formats
@pytest.mark.parametrize("text, code", [
    (SYLK, "FILE_SYLK"),
    (DIF, "FILE_DIF"),
    (DIF.replace("\r\n", "\n"), "FILE_DIF"),
    (SPREADSHEETML, "FILE_SPREADSHEETML"),
    ('<?xml version="1.0"?><ss:Workbook xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"/>',
     "FILE_SPREADSHEETML"),
    (HTML_TABLE, "FILE_HTML"),
    ("<html><body><p>Sprawozdanie</p></body></html>", "FILE_HTML"),
    ("<table><tr><td>Gmina</td></tr></table>", "FILE_HTML"),
    ("Sprawozdanie LSR za 2025 r.\n<table><tr><td>Gmina</td></tr></table>", "FILE_HTML"),
    ("Sprawozdanie LSR za 2025 r.\nwszystko w porządku\n", "FILE_TEXT"),
], ids=["sylk", "dif", "dif-lf", "spreadsheetml", "spreadsheetml-prefixed", "html", "html-no-table", "html-table-only",
        "html-after-text", "text"])
def test_text_formats_by_their_first_lines(tmp_path, text, code):
    assert code_of(tmp_path, text.encode("utf-8"))[0] == code


def test_flat_opendocument_is_ods(tmp_path):
    fods = ('<?xml version="1.0" encoding="UTF-8"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:'
            'xmlns:office:1.0" office:mimetype="application/vnd.oasis.opendocument.spreadsheet"/>')
    assert code_of(tmp_path, fods.encode()) == ("FILE_ODS", {"form": "płaski plik XML .fods"})


def test_other_xml_is_named(tmp_path):
    assert code_of(tmp_path, b'<?xml version="1.0"?><faktura><kwota>12</kwota></faktura>') == (
        "FILE_NOT_XLSX", {"detail": "dokument XML innego rodzaju"})


@pytest.mark.parametrize("separator, name", [(";", "średnikami"), ("\t", "tabulatorami"), (",", "przecinkami"),
                                             ("|", "pionowymi kreskami")])
def test_csv_separators_are_named(tmp_path, separator, name):
    text = "\n".join(separator.join(row) for row in (["Gmina", "Uczestnicy", "Kobiety"], ["Chełmno", "12", "7"],
                                                      ["Golub-Dobrzyń", "9", "4"]))
    refusal = kind_of(tmp_path, text.encode())
    assert (refusal.code, refusal.params) == ("FILE_CSV", {"separator": name})
    assert f"rozdzielonymi {name} (CSV)" in refusal.what


def test_semicolons_win_over_commas_in_decimal_numbers(tmp_path):
    """Polish CSV: ";" between values, "," in numbers (its count varies from line to line)."""
    text = "Gmina;Kwota\nChełmno;1234,50\nGolub-Dobrzyń;12,5\n"
    assert code_of(tmp_path, text.encode()) == ("FILE_CSV", {"separator": "średnikami"})


def test_separators_counted_differently_on_each_line_are_plain_text(tmp_path):
    assert code_of(tmp_path, "a;b;c\nd;e\nf\n".encode())[0] == "FILE_TEXT"


def test_one_line_is_not_enough_for_csv(tmp_path):
    assert code_of(tmp_path, "Gmina;Uczestnicy;Kobiety\n".encode())[0] == "FILE_TEXT"


def test_blank_lines_do_not_break_csv(tmp_path):
    assert code_of(tmp_path, "Gmina;Liczba\n\nChełmno;12\n   \nGolub;9\n".encode())[0] == "FILE_CSV"


def test_only_the_first_ten_lines_decide(tmp_path):
    text = "a;b\n" * 10 + "x;y;z;w\n" + "c;d\n" * 5
    assert code_of(tmp_path, text.encode())[0] == "FILE_CSV"


@pytest.mark.parametrize("bom_and_text, code", [
    ("\ufeffID;PWXL;N;E\r\nC;Y1;X1;K1\r\nE\r\n", "FILE_SYLK"),
    ("\ufeffGmina;Liczba\r\nChełmno;12\r\n", "FILE_CSV"),
    ("\ufeff<html><body><table></table></body></html>", "FILE_HTML"),
    ("\ufeff  \r\n" + SPREADSHEETML, "FILE_SPREADSHEETML"),
], ids=["sylk", "csv", "html", "spreadsheetml-after-blank-line"])
def test_text_starting_with_a_byte_order_mark(tmp_path, bom_and_text, code):
    assert code_of(tmp_path, bom_and_text.encode("utf-8"))[0] == code


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_text_from_excel_is_csv_with_tabs(tmp_path, encoding):
    """Excel's "Unicode text" (.txt): UTF-16 with a byte order mark, values separated by tabs."""
    text = "Gmina\tUczestnicy\r\nChełmno\t12\r\nGolub-Dobrzyń\t9\r\n"
    bom = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff"}.get(encoding, "")
    assert code_of(tmp_path, (bom + text).encode(encoding)) == ("FILE_CSV", {"separator": "tabulatorami"})


def test_utf16_text_of_no_known_kind_is_text_not_binary(tmp_path):
    assert code_of(tmp_path, "Sprawozdanie LSR\r\nbrak danych\r\n".encode("utf-16"))[0] == "FILE_TEXT"


def _long_lines(n: int) -> str:
    """``n`` CSV lines of 3 separators and some 600 characters each (fewer than 10 fit in the head)."""
    return "".join(f"Opis {i};{'długi tekst opisu usługi ' * 24};{i};{i * 2}\n" for i in range(n))


def test_the_last_line_of_a_cut_head_is_left_out(tmp_path):
    """A file longer than the head: its last line there is cut off, so its separators do not count."""
    data = _long_lines(30).encode()
    head = data[:HEAD_BYTES]
    lines = head.decode("utf-8", "ignore").splitlines()
    assert len(data) > HEAD_BYTES and len(lines) < 10 and not head.endswith(b"\n")
    assert lines[-1].count(";") != 3                                   # the cut line differs
    assert code_of(tmp_path, data) == ("FILE_CSV", {"separator": "średnikami"})


def test_a_short_file_keeps_its_last_line(tmp_path):
    """Not cut (shorter than the head): the last line counts, and here it breaks the pattern."""
    assert code_of(tmp_path, "a;b\nc;d\ne;f;g".encode())[0] == "FILE_TEXT"


def test_a_head_of_exactly_head_bytes_counts_as_cut(tmp_path):
    """A file of exactly HEAD_BYTES may go on: its last line is left out too."""
    body = _long_lines(6).encode()
    data = (body + b";" * HEAD_BYTES)[:HEAD_BYTES]               # a last line of many separators
    assert len(data) == HEAD_BYTES
    assert code_of(tmp_path, data)[0] == "FILE_CSV"


def test_cp1250_text_is_text(tmp_path):
    assert code_of(tmp_path, "Łódź, żółć i gęślą jaźń\n".encode("cp1250"))[0] == "FILE_TEXT"


# ---------------------------------------------------------------- zip_kind: a zip without xl/workbook.xml
def _zip(*names: str, mimetype: bytes = b"") -> tuple[zipfile.ZipFile, set[str]]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        if mimetype:
            zf.writestr("mimetype", mimetype)
        for name in names:
            zf.writestr(name, b"x")
    zf = zipfile.ZipFile(buf)
    return zf, {i.filename for i in zf.infolist()}


@pytest.mark.parametrize("names, mimetype, code, params", [
    (("xl/workbook.bin", "xl/worksheets/sheet1.bin"), b"", "FILE_XLSB", {}),
    (("XL\\Workbook.BIN",), b"", "FILE_XLSB", {}),
    (("content.xml", "styles.xml"), b"application/vnd.oasis.opendocument.spreadsheet", "FILE_ODS", {"form": ".ods"}),
    (("styles.xml",), b"application/vnd.oasis.opendocument.spreadsheet", "FILE_ODS", {"form": ".ods"}),
    (("content.xml",), b"", "FILE_ODS", {"form": ".ods"}),
    (("Index/Document.iwa", "Metadata/Properties.plist"), b"", "FILE_NUMBERS", {}),
    (("Index.zip", "Metadata/Properties.plist"), b"", "FILE_NUMBERS", {}),
    (("Raport.numbers/Index.zip",), b"", "FILE_NUMBERS", {}),
    (("word/document.xml", "[Content_Types].xml"), b"", "FILE_NOT_XLSX", {"detail": "dokument programu Word (.docx)"}),
    (("ppt/presentation.xml",), b"", "FILE_NOT_XLSX", {"detail": "prezentację programu PowerPoint (.pptx)"}),
    ((), b"", "FILE_NOT_XLSX", {"detail": "puste archiwum zip"}),
    (("wtf/workbook.xml", "wtf/worksheets/sheet1.xml"), b"", "FILE_LAYOUT", {}),
    (("workbook.xml", "sheet1.xml"), b"", "FILE_LAYOUT", {}),
    (("xl\\workbook.xml",), b"", "FILE_LAYOUT", {}),
    (("sprawozdania/LSR_Chełmno.xlsx", "sprawozdania/opis.txt"), b"", "FILE_NOT_XLSX",
     {"detail": "archiwum zip, a w nim plik „LSR_Chełmno.xlsx”"}),
    (("zdjecie.jpg", "opis.txt"), b"", "FILE_NOT_XLSX",
     {"detail": "archiwum zip bez skoroszytu (np. spakowane pliki)"}),
], ids=["xlsb", "xlsb-backslash-upper", "ods", "ods-mimetype-only", "ods-content-only", "numbers-iwa",
        "numbers-index-zip", "numbers-package", "docx", "pptx", "empty", "layout-folder", "layout-root",
        "layout-backslash", "zip-of-workbooks", "zip-of-other-files"])
def test_zip_kind(names, mimetype, code, params):
    zf, members = _zip(*names, mimetype=mimetype)
    refusal = zip_kind(zf, members)
    assert (refusal.code, refusal.params) == (code, params)
    assert not reader_words(refusal.what), refusal.what


def test_another_opendocument_mimetype_is_not_taken_for_ods():
    """An OpenDocument text (.odt) has a mimetype too, but no content.xml here and not a spreadsheet's:
    the check is the mimetype's prefix, so it is still named OpenDocument (the advice fits: save as .xlsx)."""
    zf, members = _zip("meta.xml", mimetype=b"application/vnd.oasis.opendocument.text")
    assert zip_kind(zf, members).code == "FILE_ODS"
    zf, members = _zip("meta.xml", mimetype=b"application/epub+zip")
    assert zip_kind(zf, members).code == "FILE_NOT_XLSX"


# ---------------------------------------------------------------- extension_note
@pytest.mark.parametrize("name, note", [
    ("LSR.xlsx", None), ("LSR.XLSX", None),
    ("LSR.xlsm", ("rozszerzenie .xlsm", "skoroszyt z makrami")), ("LSR.XLSM", ("rozszerzenie .xlsm", "skoroszyt z makrami")),
    ("LSR.xltx", ("rozszerzenie .xltx", "szablon Excela")), ("LSR.xltm", ("rozszerzenie .xltm", "szablon Excela z makrami")),
    ("LSR.xls", ("rozszerzenie .xls", "jak pliki starego formatu Excel 97–2003")),
    ("LSR.zip", ("rozszerzenie .zip", "jak pliki innego rodzaju")),
    ("LSR", ("nazwę bez rozszerzenia", "system nie rozpozna w nim skoroszytu")),
    ("LSR.2025.xlsx", None),
])
def test_extension_note(name, note):
    assert extension_note(Path(name)) == note


# ---------------------------------------------------------------- refusal_of: calamine's failures
def _calamine_error(path: Path) -> BaseException:
    """What calamine raises opening ``path`` by its content, or reading its sheets."""
    import python_calamine as pc

    with open(path, "rb") as fh:
        try:
            wb = pc.CalamineWorkbook.from_filelike(fh)
        except Exception as e:           # noqa: BLE001 - the very errors under test
            return e
    try:
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python()
    except Exception as e:               # noqa: BLE001
        return e
    finally:
        wb.close()
    raise AssertionError(f"calamine read {path.name} without an error")


def _workbook(tmp_path: Path, name: str, **edits) -> Path:
    path = tmp_path / name
    parts_edited(**edits)(path)
    return path


SERVICES_PART = "xl/worksheets/sheet7.xml"


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> dict[str, Path]:
    """Our valid workbook, broken the ways calamine reports differently."""
    d = tmp_path_factory.mktemp("zepsute")
    assert part_of("Usługi") == SERVICES_PART
    row = b'<row r="300"><c r="A300" t="inlineStr"><is><t>%s</t></is></c></row></sheetData>'
    return {
        "part_missing": _workbook(d, "brak_czesci.xlsx", drop=(SERVICES_PART,)),
        "relationship_unknown": _workbook(d, "brak_relacji.xlsx", edit={"xl/workbook.xml": lambda x: x.replace(
            b'r:id="rId7"/>', b'r:id="rId777"/>')}),
        "relationships_missing": _workbook(d, "brak_relacji_czesci.xlsx", drop=("xl/_rels/workbook.xml.rels",)),
        "ampersand": _workbook(d, "ampersand.xlsx", edit={SERVICES_PART: lambda x: x.replace(
            b"</sheetData>", row % b"Kowalski & Syn")}),
        "unknown_entity": _workbook(d, "encja.xlsx", edit={SERVICES_PART: lambda x: x.replace(
            b"</sheetData>", row % b"&firma;")}),
        "cell_unclosed": _workbook(d, "komorka.xlsx", edit={SERVICES_PART: lambda x: x.replace(
            b"</sheetData>", b'<row r="300"><c r="A300"><v>1</v></row></sheetData>')}),
        "strings_missing": _workbook(d, "bez_tekstow.xlsx", drop=("xl/sharedStrings.xml",)),
        "styles_cut": _workbook(d, "style.xlsx", edit={"xl/styles.xml": lambda x: x[: len(x) // 2]}),
    }


@pytest.mark.parametrize("case, code, params", [
    ("part_missing", "FILE_PART_MISSING", {"sheet": "Usługi", "where": ""}),
    ("ampersand", "FILE_XML_BROKEN", {"where": ""}),           # not an entity declaration: a stray "&"
    ("unknown_entity", "FILE_XML_BROKEN", {"where": ""}),
    ("cell_unclosed", "FILE_XML_BROKEN", {"where": ""}),
    ("strings_missing", "FILE_CORRUPT", {"detail": SHARED_STRINGS_DETAIL}),
])
def test_refusal_of_calamines_errors_without_the_file(broken, case, code, params):
    """As the reader calls it while reading sheets: the error alone decides the code."""
    refusal = refusal_of(_calamine_error(broken[case]))
    assert (refusal.code, refusal.params) == (code, params), refusal.debug
    assert refusal.debug and not reader_words(refusal.what + " " + refusal.fix)


@pytest.mark.parametrize("case, code, params", [
    ("part_missing", "FILE_PART_MISSING", {"sheet": "Usługi", "where": ""}),
    ("relationship_unknown", "FILE_PART_MISSING", {"sheet": "Usługi", "where": ""}),
    ("relationships_missing", "FILE_PART_MISSING", {"where": " „xl/_rels/workbook.xml.rels”"}),
    ("ampersand", "FILE_XML_BROKEN", {"where": f" w części „{SERVICES_PART}” (wiersz 2, znak {{}})"}),
    ("unknown_entity", "FILE_XML_BROKEN", {"where": f" w części „{SERVICES_PART}” (wiersz 2, znak {{}})"}),
    ("cell_unclosed", "FILE_XML_BROKEN", {"where": f" w części „{SERVICES_PART}” (wiersz 2, znak {{}})"}),
    ("styles_cut", "FILE_XML_BROKEN", {"where": " w części „xl/styles.xml” (wiersz 2, znak {})"}),
])
def test_refusal_of_with_the_file_is_placed(broken, case, code, params):
    """With the file: calamine's "cannot detect the format" replaced by its .xlsx error, the missing
    sheet or the broken part found (line and character from the pre-flight's parser)."""
    error = _calamine_error(broken[case])
    refusal = refusal_of(error, broken[case])
    assert refusal.code == code, refusal.debug
    if "{}" in params.get("where", ""):
        prefix = params["where"].split("{}")[0]
        assert refusal.params["where"].startswith(prefix) and refusal.params["where"].endswith(")")
    else:
        assert refusal.params == params
    assert refusal.debug and not reader_words(refusal.what + " " + refusal.fix)     # calamine's words: --debug only


def test_open_failures_are_placed_by_open_workbook(broken):
    """calamine's open (from_filelike) says only "cannot detect the format": open_workbook places it."""
    assert "Cannot detect file format" in str(_calamine_error(broken["relationship_unknown"]))
    with pytest.raises(Refusal) as caught:
        open_workbook(broken["relationship_unknown"])
    assert (caught.value.code, caught.value.params) == ("FILE_PART_MISSING", {"sheet": "Usługi", "where": ""})
    assert "Relationship not found" in caught.value.debug


def test_a_workbook_under_another_name_is_placed_too(broken, tmp_path):
    """Read as .xlsx whatever its extension (a copy named .xlsx gives calamine's own error)."""
    path = tmp_path / "LSR.xls"
    path.write_bytes(broken["relationships_missing"].read_bytes())
    with pytest.raises(Refusal) as caught:
        open_workbook(path)
    assert caught.value.params == {"where": " „xl/_rels/workbook.xml.rels”"}


class _Error(Exception):
    pass


@pytest.mark.parametrize("text, code", [
    ("Relationship not found", "FILE_PART_MISSING"),
    ("Worksheet 'x' not found", "FILE_PART_MISSING"),
    ("invalid zip header", "FILE_CORRUPT"),
    ("Expecting 'v, f, or is' node", "FILE_XML_BROKEN"),
    ("Unexpected end of xml, expecting '</sheetData>'", "FILE_XML_BROKEN"),
    ("Expecting a worksheet, got xl/macrosheets/sheet1.xml", "FILE_MACRO_SHEET"),
    ("Cannot detect file format", "FILE_CORRUPT"),
    ("something else entirely", "FILE_CORRUPT"),
])
def test_refusal_of_by_the_errors_text(text, code):
    refusal = refusal_of(_Error(text))
    assert refusal.code == code
    if code == "FILE_CORRUPT" and "zip" not in text:
        assert refusal.params["detail"] == CORRUPT_UNKNOWN
    if code == "FILE_MACRO_SHEET":
        assert refusal.params["macro"] == "sheet1" and "sheet" not in refusal.params    # the part, not a sheet name


def test_a_password_error_is_encryption():
    import python_calamine as pc

    assert refusal_of(pc.PasswordError("boom")).code == "FILE_ENCRYPTED"
