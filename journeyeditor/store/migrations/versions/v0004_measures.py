"""Measuring the journey: funnel and survey lanes, the event mapping, measurement runs.

Revision ID: 0004
Revises: 0003

The lane table is rebuilt from a CREATE TABLE written out here, as the card table was
in 0003, so that its CHECK allows the two lane kinds of figures (`funnel`, `survey`).
Cards, emotion points and ballot lanes refer to lanes, so the rebuild runs with foreign
keys off (`store.schema.migrate` turns them off around every migration and checks every
reference before it commits): dropping the old table must not cascade to them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None
SCHEMA_VERSION = 4


LANE_COLUMNS = "id, map_id, position, name, kind, color, height"
LANE = """CREATE TABLE lane_v4 (
	id INTEGER NOT NULL, 
	map_id INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	name VARCHAR NOT NULL, 
	kind VARCHAR NOT NULL, 
	color VARCHAR NOT NULL, 
	height DOUBLE NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT ck_lane_kind CHECK (kind IN ('text', 'touchpoint', 'emotion', 'pain_point', 'opportunity', 'metric', 'image', 'funnel', 'survey')), 
	CONSTRAINT ck_lane_height CHECK (height > 0), 
	FOREIGN KEY(map_id) REFERENCES journey_map (id) ON DELETE CASCADE
)"""
LANE_INDEX = "CREATE INDEX ix_lane_map ON lane (map_id, position)"


def upgrade() -> None:
    op.execute(LANE)
    op.execute(f"INSERT INTO lane_v4 ({LANE_COLUMNS}) SELECT {LANE_COLUMNS} FROM lane")
    op.execute("DROP TABLE lane")
    op.execute("ALTER TABLE lane_v4 RENAME TO lane")
    op.execute(LANE_INDEX)
    op.create_table('event_mapping',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('map_id', sa.Integer(), nullable=False),
    sa.Column('customer_column', sa.String(), nullable=False),
    sa.Column('time_column', sa.String(), nullable=False),
    sa.Column('event_column', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['map_id'], ['journey_map.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('map_id', name='uq_event_mapping_map')
    )
    op.create_table('mapping_segment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('map_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['map_id'], ['journey_map.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_mapping_segment_map', 'mapping_segment', ['map_id', 'position'], unique=False)
    op.create_table('stage_pattern',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('pattern', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['stage_id'], ['stage.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_stage_pattern_stage', 'stage_pattern', ['stage_id', 'position'], unique=False)
    op.create_table('stage_touchpoint',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['card.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stage_id'], ['stage.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('stage_id', 'card_id', name='uq_stage_touchpoint')
    )
    op.create_index('ix_stage_touchpoint_card', 'stage_touchpoint', ['card_id'], unique=False)
    op.create_table('measure_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('map_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('imported', sa.String(), nullable=False),
    sa.Column('source', sa.String(), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=False),
    sa.Column('bad_rows', sa.Integer(), nullable=False),
    sa.Column('segment_column', sa.String(), nullable=False),
    sa.CheckConstraint("kind IN ('events', 'survey')", name='ck_run_kind'),
    sa.ForeignKeyConstraint(['map_id'], ['journey_map.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_measure_run_map', 'measure_run', ['map_id', 'kind'], unique=False)
    op.create_table('funnel_figure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=False),
    sa.Column('segment', sa.String(), nullable=True),
    sa.Column('customers', sa.Integer(), nullable=False),
    sa.Column('reached', sa.Integer(), nullable=False),
    sa.Column('previous_reached', sa.Integer(), nullable=True),
    sa.Column('from_previous', sa.Integer(), nullable=True),
    sa.Column('skipped', sa.Integer(), nullable=False),
    sa.Column('came_back', sa.Integer(), nullable=False),
    sa.Column('timed', sa.Integer(), nullable=False),
    sa.Column('median_seconds', sa.Double(), nullable=True),
    sa.Column('p90_seconds', sa.Double(), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['measure_run.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stage_id'], ['stage.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_funnel_figure_run', 'funnel_figure', ['run_id', 'stage_id'], unique=False)
    op.create_table('survey_figure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=False),
    sa.Column('segment', sa.String(), nullable=True),
    sa.Column('answers', sa.Integer(), nullable=False),
    sa.Column('promoters', sa.Integer(), nullable=False),
    sa.Column('passives', sa.Integer(), nullable=False),
    sa.Column('detractors', sa.Integer(), nullable=False),
    sa.Column('effort_answers', sa.Integer(), nullable=False),
    sa.Column('effort_mean', sa.Double(), nullable=True),
    sa.ForeignKeyConstraint(['run_id'], ['measure_run.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stage_id'], ['stage.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_survey_figure_run', 'survey_figure', ['run_id', 'stage_id'], unique=False)
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    for table in ('survey_figure', 'funnel_figure', 'measure_run', 'stage_touchpoint',
                  'stage_pattern', 'mapping_segment', 'event_mapping'):
        op.drop_table(table)
    op.execute("DELETE FROM lane WHERE kind IN ('funnel', 'survey')")
    op.execute(LANE.replace("lane_v4", "lane_v3").replace(", 'funnel', 'survey'", ""))
    op.execute(f"INSERT INTO lane_v3 ({LANE_COLUMNS}) SELECT {LANE_COLUMNS} FROM lane")
    op.execute("DROP TABLE lane")
    op.execute("ALTER TABLE lane_v3 RENAME TO lane")
    op.execute(LANE_INDEX)
    op.execute("PRAGMA user_version = 3")
