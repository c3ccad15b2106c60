"""The organisation's de minimis declaration: other aid of minor importance it has been granted.

Municipalities ask for it before granting aid under Regulation (EU) 2023/2831 (and 2023/2832
for SGEI): each item has the day the right to the aid was granted, its amount and the body that
granted it; the signed declaration may be kept as a PDF or an image, with its SHA-256.
"""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask import current_app

from iop.auth.models import User
from iop.downloads import EXTENSIONS
from iop.errors import Invalid, NotFound
from iop.extensions import db
from iop.organisations.models import DeMinimisAid, Organisation

# What a declaration file may be, recognised by its first bytes rather than its name.
FILE_SIGNATURES = {b"%PDF-": "application/pdf", b"\x89PNG\r\n\x1a\n": "image/png",
                   b"\xff\xd8\xff": "image/jpeg"}


def list_declared_aid(*, organisation: Organisation) -> sa.Select:
    """The declared aid, most recently granted first (without the files' bytes)."""
    return (sa.select(DeMinimisAid).filter_by(organisation_id=organisation.id)
            .order_by(DeMinimisAid.granted_on.desc(), DeMinimisAid.id.desc()))


def get_declared_aid(*, organisation: Organisation, aid_id: int) -> DeMinimisAid:
    aid = db.session.get(DeMinimisAid, aid_id)
    if aid is None or aid.organisation_id != organisation.id:
        raise NotFound(f"Uppgiften {aid_id} finns inte i organisationens försäkran om stöd av "
                       "mindre betydelse.")
    return aid


def record_declared_aid(*, organisation: Organisation, actor: User | None, granted_on: date, amount: Decimal,
                        granting_body: str, currency: str = "SEK") -> DeMinimisAid:
    """Record one item of other de minimis aid the organisation has declared."""
    aid = DeMinimisAid(organisation_id=organisation.id, granted_on=granted_on, amount=amount,
                       currency=currency, granting_body=granting_body,
                       recorded_by_id=actor.id if actor is not None else None)
    db.session.add(aid)
    db.session.flush()
    return aid


def attach_declaration_file(*, aid: DeMinimisAid, content: bytes, filename: str | None) -> DeMinimisAid:
    """Keep the signed declaration (PDF, PNG or JPEG) with the item, with its SHA-256."""
    if not content:
        raise Invalid({"file": ["Filen är tom."]})
    if len(content) > current_app.config["MAX_SCAN_BYTES"]:
        raise Invalid({"file": ["Filen är för stor."]})
    media_type = next((t for sig, t in FILE_SIGNATURES.items() if content.startswith(sig)), None)
    if media_type is None:
        raise Invalid({"file": ["Skicka försäkran som PDF, PNG eller JPEG."]})
    sha256 = hashlib.sha256(content).hexdigest()
    extension = media_type.rpartition("/")[2].replace("jpeg", "jpg")
    aid.file_content, aid.file_media_type, aid.file_sha256 = content, media_type, sha256
    aid.file_name = _safe_name(filename) or f"forsakran-{aid.id}.{extension}"
    db.session.flush()
    return aid


def _safe_name(filename: str | None) -> str | None:
    """The file's own name without a path or characters that would break a header."""
    name = (filename or "").replace("\\", "/").rpartition("/")[2]
    name = "".join(c for c in name if c.isprintable() and c not in '"\r\n;')
    return name[:255] or None


def declared_aid_sek(*, organisation_id: int, after: date, until: date, eur_sek_rate: Decimal) -> Decimal:
    """Declared aid granted after `after`, up to and including `until`, in kronor."""
    rows = db.session.execute(
        sa.select(DeMinimisAid.currency, sa.func.sum(DeMinimisAid.amount))
        .where(DeMinimisAid.organisation_id == organisation_id, DeMinimisAid.granted_on > after,
               DeMinimisAid.granted_on <= until)
        .group_by(DeMinimisAid.currency)).all()
    return sum((Decimal(total) * (eur_sek_rate if currency == "EUR" else 1) for currency, total in rows),
               Decimal(0))


def declarations_of(organisations: list[Organisation]) -> list[tuple[Organisation, list[DeMinimisAid]]]:
    """Each organisation with its declared aid, for the lawyer's review."""
    return [(organisation, list(db.session.scalars(list_declared_aid(organisation=organisation))))
            for organisation in organisations]


def download_name(aid: DeMinimisAid) -> str:
    """The name the declaration's file downloads under: made here, never the uploaded name
    (which stays data, shown escaped)."""
    return f"forsakran-de-minimis-{aid.organisation_id}-{aid.id}{EXTENSIONS.get(aid.file_media_type, '')}"
