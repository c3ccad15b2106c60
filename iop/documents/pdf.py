"""Interim stand-in until the documents branch lands (LibreOffice conversion)."""


def libreoffice_available() -> bool:
    return False


def convert_to_pdf(docx: bytes, *, pdfa: bool = True) -> bytes:
    raise NotImplementedError
