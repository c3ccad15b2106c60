"""the decision an agreement rests on, its payment terms, personal data, and whom a signatory signs for

Revision ID: 0780
Revises: 0760
Create Date: 2026-12-06 21:10:00.000000

Issue 16: a municipal lawyer signs an agreement that names the committee's decision (or the
delegation) it rests on, says when the municipality pays, and has a data-processing clause
when the organisation handles personal data for the municipality. Signatories may now be
named on the draft, each tied to its organisation when there are several.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0780'
down_revision = '0760'
branch_labels = None
depends_on = None

PAYMENT_TERMS = ('yearly_in_advance', 'half_yearly_in_advance', 'quarterly_in_advance', 'per_milestone')


def upgrade():
    # Plain ALTER TABLE ADD COLUMN: a batch copy of agreements on SQLite would drop the table that
    # every part of an agreement references (FOREIGN KEY constraint failed with data present).
    op.add_column('agreements', sa.Column('decision_body', sa.String(length=200), nullable=True))
    op.add_column('agreements', sa.Column('decision_date', sa.Date(), nullable=True))
    op.add_column('agreements', sa.Column('decision_section', sa.String(length=32), nullable=True))
    op.add_column('agreements', sa.Column('decision_case_number', sa.String(length=64), nullable=True))
    op.add_column('agreements', sa.Column('decision_delegation', sa.String(length=300), nullable=True))
    op.add_column('agreements', sa.Column('payment_terms', sa.Enum(*PAYMENT_TERMS, name='payment_terms',
                                                         native_enum=False, length=32),
                                nullable=True))
    op.add_column('agreements', sa.Column('processes_personal_data', sa.Boolean(), server_default=sa.false(),
                                nullable=False))
    with op.batch_alter_table('signatories', schema=None) as batch_op:
        batch_op.add_column(sa.Column('organisation_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_signatories_organisation_id_organisations'),
                                    'organisations', ['organisation_id'], ['id'])


def downgrade():
    with op.batch_alter_table('signatories', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_signatories_organisation_id_organisations'),
                                 type_='foreignkey')
        batch_op.drop_column('organisation_id')
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_column('processes_personal_data')
        batch_op.drop_column('payment_terms')
        batch_op.drop_column('decision_delegation')
        batch_op.drop_column('decision_case_number')
        batch_op.drop_column('decision_section')
        batch_op.drop_column('decision_date')
        batch_op.drop_column('decision_body')
