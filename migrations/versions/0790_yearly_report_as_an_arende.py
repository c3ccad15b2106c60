"""the yearly report as an ärende: municipal goals, gender equality statements, kept reports

Revision ID: 0790
Revises: 0780
Create Date: 2026-12-06 21:20:00.000000

Admins keep the municipality's goals and officers tag agreements with them; agreements and
initiatives may state how they concern girls and boys, women and men; a produced yearly
report is kept (bytes and SHA-256) with its case number, date and proposal.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0790'
down_revision = '0780'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('municipal_goals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_municipal_goals')),
    sa.UniqueConstraint('name', name=op.f('uq_municipal_goals_name'))
    )
    op.create_table('agreement_goals',
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_goals_agreement_id_agreements')),
    sa.ForeignKeyConstraint(['goal_id'], ['municipal_goals.id'], name=op.f('fk_agreement_goals_goal_id_municipal_goals')),
    sa.PrimaryKeyConstraint('agreement_id', 'goal_id', name=op.f('pk_agreement_goals'))
    )
    with op.batch_alter_table('agreement_goals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_goals_goal_id'), ['goal_id'], unique=False)
    op.create_table('produced_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('case_number', sa.String(length=64), nullable=False),
    sa.Column('decision_date', sa.Date(), nullable=False),
    sa.Column('proposal', sa.Text(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('preliminary', sa.Boolean(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('media_type', sa.String(length=200), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('produced_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['produced_by_id'], ['users.id'], name=op.f('fk_produced_reports_produced_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_produced_reports'))
    )
    with op.batch_alter_table('produced_reports', schema=None) as batch_op:
        batch_op.create_index('ix_produced_reports_year', ['year', 'created_at'], unique=False)
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gender_equality', sa.Text(), nullable=True))
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.add_column(sa.Column('gender_equality', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.drop_column('gender_equality')
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_column('gender_equality')
    with op.batch_alter_table('produced_reports', schema=None) as batch_op:
        batch_op.drop_index('ix_produced_reports_year')
    op.drop_table('produced_reports')
    with op.batch_alter_table('agreement_goals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_goals_goal_id'))
    op.drop_table('agreement_goals')
    op.drop_table('municipal_goals')
