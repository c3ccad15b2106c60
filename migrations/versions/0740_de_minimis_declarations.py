"""the organisations' de minimis declarations of other aid

Revision ID: 0740
Revises: 0720
Create Date: 2026-12-06 20:30:00.000000

An organisation declares the other aid of minor importance it has been granted (date, amount,
granting body, and the signed declaration as a file). The legality check adds it to the
municipality's own agreements and grants of the three years before signing (2023/2831).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0740'
down_revision = '0720'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('de_minimis_aid',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('granted_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('granting_body', sa.String(length=300), nullable=False),
    sa.Column('file_name', sa.String(length=255), nullable=True),
    sa.Column('file_media_type', sa.String(length=100), nullable=True),
    sa.Column('file_sha256', sa.String(length=64), nullable=True),
    sa.Column('file_content', sa.LargeBinary(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'],
                            name=op.f('fk_de_minimis_aid_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_de_minimis_aid_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_de_minimis_aid'))
    )
    with op.batch_alter_table('de_minimis_aid', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_de_minimis_aid_organisation_id'), ['organisation_id'], unique=False)


def downgrade():
    with op.batch_alter_table('de_minimis_aid', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_de_minimis_aid_organisation_id'))
    op.drop_table('de_minimis_aid')
