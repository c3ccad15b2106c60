"""Interim stand-in until the documents branch lands (real templates, docxtpl rendering)."""
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class AgreementTemplate:
    key: str
    kind: str
    name: str
    version: str
    required_fields: list = field(default_factory=list)
    path: Path | None = None
    sha256: str = ""


def load_templates(directory):
    return {"iop": AgreementTemplate("iop", "iop", "IOP", "1.0"),
            "annual": AgreementTemplate("annual", "annual", "Årlig", "1.0", ["purpose"])}
