"""Initial schema: projects, personas, maps, stages, lanes, cards, emotions, images.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None
SCHEMA_VERSION = 1


def upgrade() -> None:
    op.create_table('department',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('color', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('image',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('format', sa.String(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('created', sa.String(), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('persona',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('age', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(), nullable=False),
    sa.Column('goals', sa.Text(), nullable=False),
    sa.Column('frustrations', sa.Text(), nullable=False),
    sa.Column('motivations', sa.Text(), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('photo_image_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['photo_image_id'], ['image.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('language', sa.String(), nullable=False),
    sa.Column('accent_color', sa.String(), nullable=False),
    sa.Column('logo_image_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['logo_image_id'], ['image.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('journey_map',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('persona_id', sa.Integer(), nullable=True),
    sa.Column('segment', sa.String(), nullable=False),
    sa.Column('state', sa.String(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.CheckConstraint("state IN ('current', 'ideal')", name='ck_map_state'),
    sa.ForeignKeyConstraint(['persona_id'], ['persona.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('lane',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('map_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('color', sa.String(), nullable=False),
    sa.Column('height', sa.Double(), nullable=False),
    sa.CheckConstraint("kind IN ('text', 'touchpoint', 'emotion', 'pain_point', 'opportunity', 'metric', 'image')", name='ck_lane_kind'),
    sa.CheckConstraint('height > 0', name='ck_lane_height'),
    sa.ForeignKeyConstraint(['map_id'], ['journey_map.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('lane', schema=None) as batch_op:
        batch_op.create_index('ix_lane_map', ['map_id', 'position'], unique=False)

    op.create_table('stage',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('map_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('color', sa.String(), nullable=False),
    sa.Column('width', sa.Double(), nullable=False),
    sa.CheckConstraint('width > 0', name='ck_stage_width'),
    sa.ForeignKeyConstraint(['map_id'], ['journey_map.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('stage', schema=None) as batch_op:
        batch_op.create_index('ix_stage_map', ['map_id', 'position'], unique=False)

    op.create_table('card',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=False),
    sa.Column('lane_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('color', sa.String(), nullable=True),
    sa.Column('channel', sa.String(), nullable=True),
    sa.Column('owned', sa.Boolean(), nullable=True),
    sa.Column('severity', sa.Integer(), nullable=True),
    sa.Column('owner', sa.String(), nullable=True),
    sa.Column('priority', sa.String(), nullable=True),
    sa.Column('value', sa.Double(), nullable=True),
    sa.Column('unit', sa.String(), nullable=True),
    sa.Column('target', sa.Double(), nullable=True),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('votes', sa.Integer(), nullable=False),
    sa.Column('evidence', sa.String(), nullable=False),
    sa.Column('image_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("evidence IN ('assumption', 'partial', 'research')", name='ck_card_evidence'),
    sa.CheckConstraint("priority IS NULL OR priority IN ('low', 'medium', 'high')", name='ck_card_priority'),
    sa.CheckConstraint('severity IS NULL OR severity BETWEEN 1 AND 3', name='ck_card_severity'),
    sa.CheckConstraint('votes >= 0', name='ck_card_votes'),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['image_id'], ['image.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lane_id'], ['lane.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stage_id'], ['stage.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.create_index('ix_card_cell', ['stage_id', 'lane_id', 'position'], unique=False)
        batch_op.create_index('ix_card_lane', ['lane_id'], unique=False)

    op.create_table('emotion_point',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lane_id', sa.Integer(), nullable=False),
    sa.Column('stage_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.CheckConstraint('value BETWEEN -2 AND 2', name='ck_emotion_value'),
    sa.ForeignKeyConstraint(['lane_id'], ['lane.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['stage_id'], ['stage.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('lane_id', 'stage_id', name='uq_emotion_cell')
    )
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    op.drop_table('emotion_point')
    with op.batch_alter_table('card', schema=None) as batch_op:
        batch_op.drop_index('ix_card_lane')
        batch_op.drop_index('ix_card_cell')

    op.drop_table('card')
    with op.batch_alter_table('stage', schema=None) as batch_op:
        batch_op.drop_index('ix_stage_map')

    op.drop_table('stage')
    with op.batch_alter_table('lane', schema=None) as batch_op:
        batch_op.drop_index('ix_lane_map')

    op.drop_table('lane')
    op.drop_table('journey_map')
    op.drop_table('project')
    op.drop_table('persona')
    op.drop_table('snapshot')
    op.drop_table('image')
    op.drop_table('department')
