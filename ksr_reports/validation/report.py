"""Findings and reports as data (frictionless-style): ``valid``, counts, ``to_json()``."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Finding:
    severity: str     # "error" blocks the file from rollups; "warning" does not
    code: str
    sheet: str
    cell: str
    message: str      # Polish, shaped where → what → how to fix
    label: str = ""   # the parts of ``message``, for readers that show them in columns (annotated copy)
    what: str = ""
    fix: str = ""
    explanation: str | None = None   # the coordinator's text from the „Wyjaśnienia” sheet (warnings only)

    def to_dict(self) -> dict:
        out = {"severity": self.severity, "code": self.code, "sheet": self.sheet, "cell": self.cell,
               "message": self.message}
        if self.explanation:
            out["explanation"] = self.explanation
        return out


@dataclass
class FileReport:
    path: Path
    issues: list[Finding] = field(default_factory=list)
    lsr_id: str | None = None
    period: str | None = None
    data: Any = None          # typed LsrData when the file could be read
    sha256: str = ""
    unreadable: bool = False
    annotated: Path | None = None   # the annotated copy, when one was written

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.issues if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.issues if f.severity == "warning"]

    @property
    def explained(self) -> list[Finding]:
        """Warnings the coordinator explained in the „Wyjaśnienia” sheet."""
        return [f for f in self.issues if f.explanation]

    @property
    def status(self) -> str:
        if self.unreadable:
            return "unreadable"
        if self.errors:
            return "invalid"
        return "warnings" if self.warnings else "valid"

    @property
    def valid(self) -> bool:
        return self.status in ("valid", "warnings")

    def to_dict(self) -> dict:
        return {"path": str(self.path), "status": self.status, "lsr_id": self.lsr_id, "period": self.period,
                "sha256": self.sha256, "annotated": str(self.annotated) if self.annotated else None,
                "issues": [f.to_dict() for f in self.issues]}


@dataclass
class RunReport:
    files: list[FileReport] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return all(f.valid for f in self.files)

    def summary(self) -> dict:
        by_status = {s: 0 for s in ("valid", "warnings", "invalid", "unreadable")}
        for f in self.files:
            by_status[f.status] += 1
        return {"files": len(self.files), **by_status,
                "errors": sum(len(f.errors) for f in self.files),
                "warnings_count": sum(len(f.warnings) for f in self.files),
                "warnings_explained": sum(len(f.explained) for f in self.files)}

    def to_dict(self) -> dict:
        return {"files": [f.to_dict() for f in self.files], "summary": self.summary()}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)
