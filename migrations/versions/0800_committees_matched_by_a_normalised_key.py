"""committees matched by a normalised key, near-duplicates merged

Revision ID: 0800
Revises: 0790
Create Date: 2027-02-01 10:00:00.000000

A committee name that differs from a known one only in case or spacing is that committee
(issue 19). Before, a department created with "kultur- och fritidsnämnden " made a second
committee and the yearly report split it in two. Each committee gets `key`, its name
case-folded with single spaces, unique. Committees with the same key are merged into the
oldest one (its spelling is kept): their departments and grants move to it. A grant that
would then repeat one of the kept committee's (same year, organisation number and purpose)
is the same grant imported under two spellings: the kept committee's row stays, the other is
removed, and each merge is printed and logged. Downgrade drops the key; merges stay.
"""
import logging

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0800'
down_revision = '0790'  # the branch's head: '0601' (as briefed) gave two heads with 0720
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")


def _key(name: str) -> str:
    # As iop.departments.models.committee_key: a migration keeps its own copy of the rule.
    return " ".join(name.split()).casefold()


def upgrade():
    # NOT NULL with a default, and a unique index: SQLite adds both without copying the table,
    # which departments and grants point at (a copy would break their foreign keys).
    op.add_column('committees', sa.Column('key', sa.String(length=200), nullable=False, server_default=''))
    connection = op.get_bind()
    kept: dict[str, int] = {}
    for id_, name in connection.execute(sa.text("SELECT id, name FROM committees ORDER BY id")).all():
        key = _key(name)
        if key in kept:
            _merge(connection, duplicate=id_, into=kept[key], name=name)
        else:
            kept[key] = id_
            connection.execute(sa.text("UPDATE committees SET key = :key WHERE id = :id"),
                               {"key": key, "id": id_})
    if connection.dialect.name != "sqlite":
        op.alter_column('committees', 'key', server_default=None)
    op.create_index(op.f('ix_committees_key'), 'committees', ['key'], unique=True)
    _add_grant_link(connection)


def _add_grant_link(connection) -> None:
    if connection.dialect.name == "sqlite":
        # Added in place (a NULL column may carry REFERENCES): copying the table in batch mode
        # would break the foreign keys that point at initiatives.
        op.execute("ALTER TABLE initiatives ADD COLUMN grant_id INTEGER "
                   "CONSTRAINT fk_initiatives_grant_id_grants REFERENCES grants (id)")
    else:
        op.add_column('initiatives', sa.Column('grant_id', sa.Integer(), nullable=True))
        op.create_foreign_key(op.f('fk_initiatives_grant_id_grants'), 'initiatives', 'grants',
                              ['grant_id'], ['id'])
    op.create_index(op.f('ix_initiatives_grant_id'), 'initiatives', ['grant_id'], unique=False)


def _merge(connection, *, duplicate: int, into: int, name: str) -> None:
    message = f"committee {duplicate} ({name!r}) merged into committee {into}"
    print(message)
    log.warning(message)
    connection.execute(sa.text(
        "DELETE FROM grants WHERE committee_id = :duplicate AND EXISTS (SELECT 1 FROM grants kept "
        "WHERE kept.committee_id = :into AND kept.year = grants.year "
        "AND kept.org_number = grants.org_number AND kept.purpose = grants.purpose)"),
        {"duplicate": duplicate, "into": into})
    for table in ("grants", "departments"):
        connection.execute(sa.text(f"UPDATE {table} SET committee_id = :into WHERE committee_id = :duplicate"),
                           {"duplicate": duplicate, "into": into})
    connection.execute(sa.text("DELETE FROM committees WHERE id = :id"), {"id": duplicate})


def downgrade():
    op.drop_index(op.f('ix_initiatives_grant_id'), table_name='initiatives')
    if op.get_bind().dialect.name == "sqlite":
        # SQLite drops no column that a foreign key uses: batch mode copies the table without it.
        with op.batch_alter_table('initiatives', schema=None) as batch_op:
            batch_op.drop_column('grant_id')
    else:
        op.drop_constraint(op.f('fk_initiatives_grant_id_grants'), 'initiatives', type_='foreignkey')
        op.drop_column('initiatives', 'grant_id')
    op.drop_index(op.f('ix_committees_key'), table_name='committees')
    # Not in batch mode: SQLite (3.35 and later) drops a column without copying the table.
    op.drop_column('committees', 'key')
