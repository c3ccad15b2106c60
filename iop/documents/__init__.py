"""Word documents for agreements: templates, rendering, linting, redlines, PDF/A.

Pure functions over plain data and bytes (no database, no request):

- `templates.load_templates(directory) -> dict[str, AgreementTemplate]`
- `rendering.render_agreement(data, *, template, signed=False, signed_on=None, signatories=(), draft=None,
  archive_copy=False) -> bytes`
- `redline.redline(old, new, *, author, date) -> bytes`
- `pdf.libreoffice_available() -> bool`, `pdf.convert_to_pdf(docx, *, pdfa=True) -> bytes`
- `linting.check_directory(directory)` behind `iop templates check`

`services` reads the templates of the running app (IOP_TEMPLATES_DIR); `api` lists them.
The data a document renders from is described by `sample.py` and `contract.py`.
"""
