"""Shared fixtures: repository paths, LibreOffice helper, generated workbooks."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TERC = SHARED / "data" / "TERC_Urzedowy_2022-01-01.csv"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) not installed")


@pytest.fixture(scope="session", autouse=True)
def _report_template_cache(tmp_path_factory):
    """Tests keep the report template cache (``ksr_reports.reports.template_cache``) in a temporary folder."""
    import os

    os.environ["KSR_CACHE_DIR"] = str(tmp_path_factory.mktemp("ksr-cache"))
    # the default archive of `ksr run` (platformdirs user data folder) never touches the real one
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("xdg-data"))


def soffice_convert(src: Path, fmt: str, outdir: Path, profile: Path) -> Path:
    """Convert ``src`` with headless LibreOffice into ``outdir``; return the produced file."""
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--convert-to", fmt, "--outdir", str(outdir), str(src)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    ext = fmt.split(":")[0]
    out = outdir / (src.stem + "." + ext)
    assert out.exists(), f"LibreOffice did not produce {out}"
    return out


@pytest.fixture(scope="session")
def lo_profile(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("lo-profile")


@pytest.fixture(scope="session")
def template_path(tmp_path_factory) -> Path:
    from ksr_reports.template import build_template

    return build_template(tmp_path_factory.mktemp("tpl") / "szablon.xlsx")


@pytest.fixture(scope="session")
def sample_paths(tmp_path_factory) -> list[Path]:
    from ksr_reports.samples import write_samples

    return write_samples(tmp_path_factory.mktemp("samples"))


RECALC_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


@pytest.fixture(scope="session")
def lo_recalc_profile(tmp_path_factory) -> Path:
    """A LibreOffice profile that recalculates every formula on load (to test live formulas)."""
    profile = tmp_path_factory.mktemp("lo-recalc")
    (profile / "user").mkdir()
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_XCU, encoding="utf-8")
    return profile
