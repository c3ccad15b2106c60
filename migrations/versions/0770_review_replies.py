"""review replies: the officer's answers in a review comment's thread

Revision ID: 0770
Revises: 0730
Create Date: 2026-12-06 21:25:00.000000

A lawyer's comment on a section of a revision becomes a conversation: replies belong to the
comment, and so stay with the revision it was made on.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0770'
down_revision = '0730'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('review_replies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('comment_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_review_replies_author_id_users')),
    sa.ForeignKeyConstraint(['comment_id'], ['review_comments.id'],
                            name=op.f('fk_review_replies_comment_id_review_comments')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_replies'))
    )
    with op.batch_alter_table('review_replies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_replies_comment_id'), ['comment_id'], unique=False)


def downgrade():
    with op.batch_alter_table('review_replies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_replies_comment_id'))
    op.drop_table('review_replies')
