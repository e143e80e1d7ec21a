"""Settings of the local page (``ksr serve``): where its files live, the upload limits, the cleanup rule.

One ``Settings`` object is made when the server starts (``default_settings(**overrides)``) and passed to
``create_app`` and ``Jobs``. The data folder holds one folder per run (``przebiegi/<id>``, see ``jobs``),
the uploads being received (``przesylki``) and the generated templates (``szablony``).
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field, fields
from pathlib import Path

DATA_SUBDIR = "strona"


def default_data_dir() -> Path:
    """The page's folder in the user's data folder (Windows: %LOCALAPPDATA%\\ksr-reports\\strona; Linux:
    $XDG_DATA_HOME/ksr-reports/strona or ~/.local/share/ksr-reports/strona), next to the archive."""
    import platformdirs

    return platformdirs.user_data_path("ksr-reports", appauthor=False) / DATA_SUBDIR


@dataclass
class Settings:
    data_dir: Path
    archive: Path | None = None          # archive for runs (default_archive_path() unless --no-archive)
    host: str = "127.0.0.1"
    port: int = 8765
    access_token: str | None = None      # required when host is not loopback (the app asks for it)
    max_request_mb: int = 200            # a whole upload; larger → 413 with a Polish page
    max_files: int = 500                 # files per upload; more → Polish message, nothing saved
    max_file_mb: int = 50                # one file
    keep_runs_days: int = 14             # cleanup: runs older than this are removed …
    keep_runs: int = 30                  # … and so are runs beyond the newest keep_runs
    secret_key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)   # per server start

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir)
        if self.archive is not None:
            self.archive = Path(self.archive)
        for name in ("port", "max_request_mb", "max_files", "max_file_mb", "keep_runs_days", "keep_runs"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"Settings.{name} must be a non-negative integer, not {value!r}")

    @property
    def max_request_bytes(self) -> int:
        return self.max_request_mb * 1024 * 1024

    @property
    def max_file_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024

    @property
    def runs_dir(self) -> Path:
        """One folder per run (``jobs.Jobs``)."""
        return self.data_dir / "przebiegi"

    @property
    def uploads_dir(self) -> Path:
        """Uploads being received, before a job takes them (``Jobs.submit_*`` moves them into the run folder)."""
        return self.data_dir / "przesylki"

    @property
    def templates_dir(self) -> Path:
        """The blank template and the register template, generated once."""
        return self.data_dir / "szablony"

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)


def is_loopback(host: str) -> bool:
    """True for addresses only this computer can reach (127.0.0.0/8, ::1, "localhost")."""
    import ipaddress

    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def default_settings(**overrides) -> Settings:
    """Settings with the documented defaults; ``data_dir`` defaults to ``default_data_dir()`` and ``archive``
    to the default archive (``archive=None`` passed explicitly means: no archive). Unknown names raise
    ``TypeError``."""
    known = {f.name for f in fields(Settings)}
    unknown = set(overrides) - known
    if unknown:
        raise TypeError(f"unknown settings: {', '.join(sorted(unknown))}")
    if "data_dir" not in overrides or overrides["data_dir"] is None:
        overrides["data_dir"] = default_data_dir()
    if "archive" not in overrides:
        from ..archive import default_archive_path

        overrides["archive"] = default_archive_path()
    return Settings(**overrides)
