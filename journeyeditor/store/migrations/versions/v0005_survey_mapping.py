"""The survey mapping: the columns a map's last survey import read, offered again.

Revision ID: 0005
Revises: 0004

One new table, one row per map at most; no existing table changes, so older maps
simply have no saved survey mapping until their next survey import.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None
SCHEMA_VERSION = 5


def upgrade() -> None:
    op.create_table('survey_mapping',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('map_id', sa.Integer(), nullable=False),
    sa.Column('stage_column', sa.String(), nullable=False),
    sa.Column('nps_column', sa.String(), nullable=False),
    sa.Column('effort_column', sa.String(), nullable=False),
    sa.Column('text_column', sa.String(), nullable=False),
    sa.Column('answered_column', sa.String(), nullable=True),
    sa.Column('segment_column', sa.String(), nullable=True),
    sa.Column('effort_low', sa.Double(), nullable=False),
    sa.Column('effort_high', sa.Double(), nullable=False),
    sa.CheckConstraint(
        "stage_column != '' AND nps_column != '' AND effort_column != ''"
        " AND text_column != '' AND answered_column IS NOT '' AND segment_column IS NOT ''",
        name='ck_survey_mapping_columns',
    ),
    sa.CheckConstraint('effort_low < effort_high', name='ck_survey_mapping_scale'),
    sa.ForeignKeyConstraint(['map_id'], ['journey_map.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('map_id', name='uq_survey_mapping_map')
    )
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    op.drop_table('survey_mapping')
    op.execute("PRAGMA user_version = 4")
