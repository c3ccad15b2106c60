"""PDF (by default PDF/A-2b, for the archive) from a .docx, with LibreOffice headless.

Every call runs its own soffice with its own user profile directory: two conversions that
share a profile fail (the second finds the first's lock), which under a web server with
several workers would be a matter of time.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

SOFFICE = "soffice"
TIMEOUT_SECONDS = 120
PDFA_VERSION = 2  # LibreOffice's SelectPdfVersion: 1 = PDF/A-1b, 2 = PDF/A-2b, 3 = PDF/A-3b


class PdfConversionError(RuntimeError):
    """LibreOffice is missing, timed out, or did not produce a PDF."""


def soffice_path() -> str | None:
    return shutil.which(SOFFICE)


def libreoffice_available() -> bool:
    """Whether a `soffice` binary is on the PATH."""
    return soffice_path() is not None


def _filter(pdfa: bool) -> str:
    if not pdfa:
        return "pdf:writer_pdf_Export"
    options = {"SelectPdfVersion": {"type": "long", "value": str(PDFA_VERSION)}}
    return f"pdf:writer_pdf_Export:{json.dumps(options, separators=(',', ':'))}"


def convert_to_pdf(docx: bytes, *, pdfa: bool = True, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The PDF of a .docx; PdfConversionError (in Swedish) when it cannot be made."""
    soffice = soffice_path()
    if soffice is None:
        raise PdfConversionError("LibreOffice (soffice) är inte installerat; PDF kan inte skapas.")
    with tempfile.TemporaryDirectory(prefix="iop-pdf-") as work:
        folder = Path(work)
        source = folder / "dokument.docx"
        source.write_bytes(docx)
        command = [
            soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless", "--invisible", "--nologo", "--nodefault", "--norestore", "--nolockcheck",
            "--convert-to", _filter(pdfa), "--outdir", str(folder / "out"), str(source),
        ]
        returncode, output = _run(command, cwd=work, timeout=timeout)
        target = folder / "out" / "dokument.pdf"
        if returncode != 0 or not target.is_file() or target.stat().st_size == 0:
            detail = output.decode("utf-8", "replace").strip()[-500:]
            raise PdfConversionError(
                f"LibreOffice kunde inte göra en PDF av dokumentet (kod {returncode}): "
                f"{detail or 'inget svar'}")
        return target.read_bytes()


def _run(command: list[str], *, cwd: str, timeout: float) -> tuple[int, bytes]:
    # soffice is a wrapper that starts soffice.bin: on a timeout the whole process group is
    # killed, or the real converter would live on with its profile directory deleted under it.
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfConversionError(
            f"LibreOffice svarade inte inom {timeout:g} sekunder; PDF kunde inte skapas.") from None
    return process.returncode, output
