"""Metrics that tell the truth: a card's direction, range low end, baseline and period.

Revision ID: 0002
Revises: 0001

The card table is rebuilt from a CREATE TABLE written out here (SQLite's documented way
to change a table), not by Alembic's batch mode, whose reflected constraints come out in
a different order from one process to the next: the schema check compares this text.
"""

from __future__ import annotations

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None
SCHEMA_VERSION = 2

OLD_COLUMNS = (
    "id, stage_id, lane_id, position, text, color, channel, owned, severity, owner, "
    "priority, value, unit, target, department_id, votes, evidence, image_id"
)
CARD = """CREATE TABLE card_v2 (
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
	PRIMARY KEY (id), 
	CONSTRAINT ck_card_evidence CHECK (evidence IN ('assumption', 'partial', 'research')), 
	CONSTRAINT ck_card_priority CHECK (priority IS NULL OR priority IN ('low', 'medium', 'high')), 
	CONSTRAINT ck_card_severity CHECK (severity IS NULL OR severity BETWEEN 1 AND 3), 
	CONSTRAINT ck_card_votes CHECK (votes >= 0), 
	CONSTRAINT ck_card_direction CHECK (direction IS NULL OR direction IN ('higher', 'lower', 'range')), 
	FOREIGN KEY(department_id) REFERENCES department (id) ON DELETE SET NULL, 
	FOREIGN KEY(image_id) REFERENCES image (id) ON DELETE SET NULL, 
	FOREIGN KEY(lane_id) REFERENCES lane (id) ON DELETE CASCADE, 
	FOREIGN KEY(stage_id) REFERENCES stage (id) ON DELETE CASCADE
)"""
INDEXES = (
    "CREATE INDEX ix_card_cell ON card (stage_id, lane_id, position)",
    "CREATE INDEX ix_card_lane ON card (lane_id)",
)


def upgrade() -> None:
    op.execute(CARD)
    op.execute(f"INSERT INTO card_v2 ({OLD_COLUMNS}) SELECT {OLD_COLUMNS} FROM card")
    op.execute("DROP TABLE card")
    op.execute("ALTER TABLE card_v2 RENAME TO card")
    for index in INDEXES:
        op.execute(index)
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.drop_constraint('ck_card_direction', type_='check')
        batch_op.drop_column('period')
        batch_op.drop_column('baseline')
        batch_op.drop_column('target_low')
        batch_op.drop_column('direction')
    op.execute("PRAGMA user_version = 1")
