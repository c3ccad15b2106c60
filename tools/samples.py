"""`make samples`: the demo's documents as PDF, for anyone to look at (issue 16).

Builds the demo municipality in a throwaway SQLite database, then writes to `samples/` (not
committed) the IOP and the annual agreement as a draft (with its marking), as approved (the
signature version the lawyer approved) and as active (who signed and when filled in), and the
yearly report, each as .docx and as PDF made by LibreOffice headless:

    python -m tools.samples [samples]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import sqlalchemy as sa


def main(argv: list[str]) -> int:
    target = Path(argv[0] if argv else "samples")
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="iop-samples-") as work:
        from iop import create_app
        from iop.documents.pdf import PdfConversionError, convert_to_pdf, libreoffice_available

        if not libreoffice_available():
            print("LibreOffice (soffice) är inte installerat: installera libreoffice-writer-nogui, "
                  "fonts-crosextra-carlito, fonts-crosextra-caladea och poppler-utils.", file=sys.stderr)
            return 1
        app = create_app({"DATABASE_URL": f"sqlite:///{work}/samples.sqlite3", "SECRET_KEY": "samples",
                          "ARCHIVE_PDFA": "off", "MUNICIPALITY_NAME": "Sjöstads kommun",
                          "SCHEDULER": "off"})
        with app.app_context():
            from flask_migrate import upgrade

            upgrade(directory=str(Path(__file__).resolve().parents[1] / "migrations"))
        result = app.test_cli_runner().invoke(args=["demo"])
        if result.exit_code != 0:
            print(result.output, file=sys.stderr)
            return 1
        with app.app_context():
            written = []
            for name, content in _documents():
                (target / f"{name}.docx").write_bytes(content)
                try:
                    (target / f"{name}.pdf").write_bytes(convert_to_pdf(content, pdfa=False))
                except PdfConversionError as error:
                    print(f"{name}: {error}", file=sys.stderr)
                    return 1
                written.append(f"{target / name}.pdf")
    print("\n".join(written))
    return 0


def _documents():
    from iop import clock
    from iop.agreements.documents import render_revision, stored_document
    from iop.agreements.models import Agreement, Kind, Status
    from iop.agreements.services import get_revision
    from iop.extensions import db
    from iop.reports.exports import export_report

    for kind, label in ((Kind.IOP, "iop"), (Kind.ANNUAL, "arlig")):
        agreement = db.session.scalar(sa.select(Agreement).filter_by(kind=kind, status=Status.ACTIVE)
                                      .order_by(Agreement.id))
        if agreement is None:
            continue
        revision = get_revision(agreement=agreement, number=agreement.approved_revision)
        yield f"{label}-1-utkast", render_revision(revision, draft=True)
        yield f"{label}-2-godkand", stored_document(agreement, revision.number, "approved").content
        yield f"{label}-3-gallande", stored_document(agreement, revision.number, "active").content
    yield "arsrapport", export_report(year=clock.today().year, file_format="docx").content


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
