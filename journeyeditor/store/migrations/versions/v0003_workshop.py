"""Workshop: participants, who wrote a card and when, dot votes, merged drafts.

Revision ID: 0003
Revises: 0002

The card and emotion point tables are rebuilt from a CREATE TABLE written out here, as
in 0002 (ALTER TABLE ADD COLUMN would splice the new columns into the stored SQL on one
line), after the participant table a card refers to and before the tables that refer to
cards.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None
SCHEMA_VERSION = 3


CARD_COLUMNS = (
    "id, stage_id, lane_id, position, text, color, channel, owned, severity, owner, "
    "priority, value, unit, target, department_id, votes, evidence, image_id, "
    "direction, target_low, baseline, period"
)
CARD = """CREATE TABLE card_v3 (
	id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	lane_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	color VARCHAR, 
	channel VARCHAR, 
	owned BOOLEAN, 
	severity INTEGER, 
	owner VARCHAR, 
	priority VARCHAR, 
	value DOUBLE, 
	unit VARCHAR, 
	target DOUBLE, 
	department_id INTEGER, 
	votes INTEGER NOT NULL, 
	evidence VARCHAR NOT NULL, 
	image_id INTEGER, 
	direction VARCHAR, 
	target_low DOUBLE, 
	baseline DOUBLE, 
	period VARCHAR, 
	participant_id INTEGER, 
	created VARCHAR NOT NULL, 
	source VARCHAR, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_card_evidence CHECK (evidence IN ('assumption', 'partial', 'research')), 
	CONSTRAINT ck_card_priority CHECK (priority IS NULL OR priority IN ('low', 'medium', 'high')), 
	CONSTRAINT ck_card_severity CHECK (severity IS NULL OR severity BETWEEN 1 AND 3), 
	CONSTRAINT ck_card_votes CHECK (votes >= 0), 
	CONSTRAINT ck_card_direction CHECK (direction IS NULL OR direction IN ('higher', 'lower', 'range')), 
	FOREIGN KEY(department_id) REFERENCES department (id) ON DELETE SET NULL, 
	FOREIGN KEY(image_id) REFERENCES image (id) ON DELETE SET NULL, 
	FOREIGN KEY(lane_id) REFERENCES lane (id) ON DELETE CASCADE, 
	FOREIGN KEY(participant_id) REFERENCES participant (id) ON DELETE SET NULL, 
	FOREIGN KEY(stage_id) REFERENCES stage (id) ON DELETE CASCADE
)"""
CARD_INDEXES = (
    "CREATE INDEX ix_card_cell ON card (stage_id, lane_id, position)",
    "CREATE INDEX ix_card_lane ON card (lane_id)",
)
EMOTION_COLUMNS = "id, lane_id, stage_id, value, note"
EMOTION = """CREATE TABLE emotion_point_v3 (
	id INTEGER NOT NULL, 
	lane_id INTEGER NOT NULL, 
	stage_id INTEGER NOT NULL, 
	value INTEGER NOT NULL, 
	note TEXT NOT NULL, 
	samples INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_emotion_value CHECK (value BETWEEN -2 AND 2), 
	FOREIGN KEY(lane_id) REFERENCES lane (id) ON DELETE CASCADE, 
	FOREIGN KEY(stage_id) REFERENCES stage (id) ON DELETE CASCADE, 
	CONSTRAINT uq_emotion_cell UNIQUE (lane_id, stage_id)
)"""


def upgrade() -> None:
    op.create_table('participant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.execute(CARD)
    op.execute(
        f"INSERT INTO card_v3 ({CARD_COLUMNS}, created) SELECT {CARD_COLUMNS}, '' FROM card"
    )
    op.execute("DROP TABLE card")
    op.execute("ALTER TABLE card_v3 RENAME TO card")
    for index in CARD_INDEXES:
        op.execute(index)
    op.execute(EMOTION)
    op.execute(
        f"INSERT INTO emotion_point_v3 ({EMOTION_COLUMNS}, samples)"
        f" SELECT {EMOTION_COLUMNS}, 1 FROM emotion_point"
    )
    op.execute("DROP TABLE emotion_point")
    op.execute("ALTER TABLE emotion_point_v3 RENAME TO emotion_point")
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
