"""the organisations' portal: one-time sign-in links, portal sessions, reports handed in by contact persons

Revision ID: 0900
Revises: 0800
Create Date: 2026-12-12 10:00:00.000000

Portal sessions are a table of their own, apart from the staff's web_sessions. A link row
keeps only its token's SHA-256; every public request (a link asked for, an initiative
brought) is a row too, counted by keyed hashes of the address and the client for the limits.

follow_up_reports.assessment may now also be 'pending' (a non-native enum: a VARCHAR(16),
no schema change).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0900'
down_revision = '0800'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'portal_links',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('contact_id', sa.Integer(), nullable=True),
        sa.Column('token_hash', sa.String(length=64), nullable=True),
        sa.Column('email_digest', sa.String(length=64), nullable=False),
        sa.Column('address_digest', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('expires_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(['contact_id'], ['contact_persons.id'],
                                name=op.f('fk_portal_links_contact_id_contact_persons')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_portal_links')),
        sa.UniqueConstraint('token_hash', name=op.f('uq_portal_links_token_hash')),
    )
    with op.batch_alter_table('portal_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_portal_links_contact_id'), ['contact_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_portal_links_email_digest'), ['email_digest'], unique=False)
        batch_op.create_index(batch_op.f('ix_portal_links_address_digest'), ['address_digest'], unique=False)
        batch_op.create_index(batch_op.f('ix_portal_links_created_at'), ['created_at'], unique=False)
    op.create_table(
        'portal_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('key_hash', sa.String(length=64), nullable=False),
        sa.Column('contact_id', sa.Integer(), nullable=False),
        sa.Column('method', sa.String(length=16), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('user_agent', sa.String(length=300), nullable=False),
        sa.Column('address', sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(['contact_id'], ['contact_persons.id'],
                                name=op.f('fk_portal_sessions_contact_id_contact_persons')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_portal_sessions')),
        sa.UniqueConstraint('key_hash', name=op.f('uq_portal_sessions_key_hash')),
    )
    with op.batch_alter_table('portal_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_portal_sessions_contact_id'), ['contact_id'], unique=False)
    with op.batch_alter_table('follow_up_reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submitted_by_contact_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_follow_up_reports_submitted_by_contact_id_contact_persons'),
                                    'contact_persons', ['submitted_by_contact_id'], ['id'])


def downgrade():
    with op.batch_alter_table('follow_up_reports', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_follow_up_reports_submitted_by_contact_id_contact_persons'),
                                 type_='foreignkey')
        batch_op.drop_column('submitted_by_contact_id')
    with op.batch_alter_table('portal_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_portal_sessions_contact_id'))
    op.drop_table('portal_sessions')
    with op.batch_alter_table('portal_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_portal_links_created_at'))
        batch_op.drop_index(batch_op.f('ix_portal_links_address_digest'))
        batch_op.drop_index(batch_op.f('ix_portal_links_email_digest'))
        batch_op.drop_index(batch_op.f('ix_portal_links_contact_id'))
    op.drop_table('portal_links')
