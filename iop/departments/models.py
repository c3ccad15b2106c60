from __future__ import annotations

import re

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from iop.audit.recording import Audited
from iop.extensions import db

CODE_PATTERN = re.compile(r"^[A-Za-z0-9ÅÄÖåäö_-]{1,32}$")


def committee_key(name: str) -> str:
    """How committee names are compared: case and spacing do not matter."""
    return " ".join(name.split()).casefold()


class Committee(Audited, db.Model):
    """A nämnd: the political body a department serves and grants are decided by."""

    __tablename__ = "committees"
    __audit_entity__ = "committee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    # The name as compared (committee_key): one committee per key, whatever its spelling.
    key: Mapped[str] = mapped_column(sa.String(200), unique=True, index=True)
    version: Mapped[int] = mapped_column(default=1)

    departments: Mapped[list[Department]] = relationship(back_populates="committee")

    __mapper_args__ = {"version_id_col": version}

    @validates("name")
    def _keep_key(self, _field: str, name: str) -> str:
        self.key = committee_key(name)
        return name


class Department(Audited, db.Model):
    """A förvaltning; officers belong to one and may write only its records."""

    __tablename__ = "departments"
    __audit_entity__ = "department"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    committee_id: Mapped[int] = mapped_column(sa.ForeignKey("committees.id"), index=True)
    email: Mapped[str | None] = mapped_column(sa.String(320))
    version: Mapped[int] = mapped_column(default=1)

    committee: Mapped[Committee] = relationship(back_populates="departments", lazy="joined")

    __mapper_args__ = {"version_id_col": version}
