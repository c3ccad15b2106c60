"""tools/scaffold, the developer tool behind `make templates`, rebuilds the shipped templates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.documents.conftest import SHIPPED
from tools.scaffold import MANIFESTS, write_templates

ROOT = Path(__file__).resolve().parents[2]


def test_rebuilding_gives_the_shipped_templates_byte_for_byte(tmp_path):
    write_templates(tmp_path)
    for key in MANIFESTS:
        for name in (f"{key}.docx", f"{key}.json"):
            # A difference means someone edited a template in Word without carrying the edit into
            # tools/scaffold (or the reverse): `make templates` would then undo it.
            assert (tmp_path / name).read_bytes() == (Path(SHIPPED) / name).read_bytes(), name


def test_the_scaffold_does_not_overwrite_without_being_asked(tmp_path):
    write_templates(tmp_path)
    with pytest.raises(FileExistsError):
        write_templates(tmp_path)
    result = subprocess.run([sys.executable, "-m", "tools.scaffold", str(tmp_path)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 1 and "skrivs inte över" in result.stderr
    replaced = subprocess.run([sys.executable, "-m", "tools.scaffold", "--replace", str(tmp_path)],
                              cwd=ROOT, capture_output=True, text=True, check=True)
    assert replaced.stdout.count("\n") == 2 * len(MANIFESTS)
