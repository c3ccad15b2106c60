"""template versions kept by SHA-256; each revision names the one it was drafted with

Revision ID: 0741
Revises: 0740
Create Date: 2026-12-06 20:50:00.000000

A revision is always rendered with the template version it was drafted with, so an edited
template file never changes a reviewed, approved or signed document. Revisions saved before
this have no version and render with the current template.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0741'
down_revision = '0740'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('template_versions',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('version', sa.String(length=64), nullable=False),
    sa.Column('manifest', sa.JSON(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_template_versions'))
    )
    with op.batch_alter_table('agreement_revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('template_sha256', sa.String(length=64), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_agreement_revisions_template_sha256_template_versions'),
                                    'template_versions', ['template_sha256'], ['sha256'])


def downgrade():
    with op.batch_alter_table('agreement_revisions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_agreement_revisions_template_sha256_template_versions'),
                                 type_='foreignkey')
        batch_op.drop_column('template_sha256')
    op.drop_table('template_versions')
