"""follow-up reports (återrapportering) and their files

Revision ID: 0760
Revises: 0770
Create Date: 2026-12-10 10:00:00.000000

A report settles one follow-up date of an agreement (keyed by agreement and date); its files
are kept as stored documents of the agreement, with their SHA-256.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0760'
down_revision = '0770'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'follow_up_reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('agreement_id', sa.Integer(), nullable=False),
        sa.Column('follow_up_date', sa.Date(), nullable=False),
        sa.Column('received_on', sa.Date(), nullable=False),
        sa.Column('summary', sa.Text(), nullable=False),
        sa.Column('assessment', sa.Enum('met', 'partly_met', 'not_met', name='follow_up_assessment',
                                        native_enum=False, length=16), nullable=False),
        sa.Column('comment', sa.Text(), nullable=True),
        sa.Column('recorded_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'],
                                name=op.f('fk_follow_up_reports_agreement_id_agreements')),
        sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'],
                                name=op.f('fk_follow_up_reports_recorded_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_reports')),
        sa.UniqueConstraint('agreement_id', 'follow_up_date',
                            name=op.f('uq_follow_up_reports_agreement_id_follow_up_date')),
    )
    with op.batch_alter_table('follow_up_reports', schema=None) as batch_op:
        batch_op.create_index('ix_follow_up_reports_follow_up_date', ['follow_up_date'], unique=False)
    op.create_table(
        'follow_up_report_files',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('report_id', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['document_id'], ['stored_documents.id'],
                                name=op.f('fk_follow_up_report_files_document_id_stored_documents')),
        sa.ForeignKeyConstraint(['report_id'], ['follow_up_reports.id'],
                                name=op.f('fk_follow_up_report_files_report_id_follow_up_reports')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_report_files')),
        sa.UniqueConstraint('document_id', name=op.f('uq_follow_up_report_files_document_id')),
    )
    with op.batch_alter_table('follow_up_report_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_report_files_report_id'), ['report_id'], unique=False)


def downgrade():
    with op.batch_alter_table('follow_up_report_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_report_files_report_id'))
    op.drop_table('follow_up_report_files')
    with op.batch_alter_table('follow_up_reports', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_up_reports_follow_up_date')
    op.drop_table('follow_up_reports')
