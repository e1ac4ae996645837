"""Workshop: participants, who wrote a card and when, dot votes, merged drafts.

Revision ID: 0003
Revises: 0002

New columns are added with ALTER TABLE (SQLite keeps every existing row and fills the
default); new tables are created whole. The card's new reference is nullable, as SQLite
requires of a column added with a REFERENCES clause.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None
SCHEMA_VERSION = 3


def upgrade() -> None:
    op.create_table('participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('ballot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('map_id', sa.Integer(), nullable=False),
    sa.Column('allowance', sa.Integer(), nullable=False),
    sa.Column('one_per_card', sa.Boolean(), nullable=False),
    sa.Column('is_open', sa.Boolean(), nullable=False),
    sa.Column('created', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['map_id'], ['journey_map.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('ballot_lane',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ballot_id', sa.Integer(), nullable=False),
    sa.Column('lane_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['ballot_id'], ['ballot.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['lane_id'], ['lane.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ballot_id', 'lane_id', name='uq_ballot_lane')
    )
    op.create_table('vote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ballot_id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['ballot_id'], ['ballot.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['card_id'], ['card.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['participant_id'], ['participant.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_vote_ballot', 'vote', ['ballot_id', 'participant_id'], unique=False)
    op.execute(
        "ALTER TABLE card ADD COLUMN participant_id INTEGER "
        "REFERENCES participant (id) ON DELETE SET NULL"
    )
    op.execute("ALTER TABLE card ADD COLUMN created VARCHAR NOT NULL DEFAULT ''")
    op.execute("ALTER TABLE card ADD COLUMN source VARCHAR")
    op.execute("ALTER TABLE emotion_point ADD COLUMN samples INTEGER NOT NULL DEFAULT 1")
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    with op.batch_alter_table('emotion_point', schema=None) as batch_op:
        batch_op.drop_column('samples')
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.drop_column('source')
        batch_op.drop_column('created')
        batch_op.drop_column('participant_id')
    op.drop_index('ix_vote_ballot', table_name='vote')
    op.drop_table('vote')
    op.drop_table('ballot_lane')
    op.drop_table('ballot')
    op.drop_table('participant')
    op.execute("PRAGMA user_version = 2")
