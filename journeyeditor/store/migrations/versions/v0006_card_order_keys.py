"""Cards ordered by keys with gaps: a card's `position` need no longer be its index.

Revision ID: 0006
Revises: 0005

No table changes. A cell's card positions were 0…n-1; from this version they are
distinct keys with gaps (editing/order_keys.py), so that moving a card writes its own
row instead of renumbering every card after it. Every file of version 5 already keeps
the new rule; the version number changes so that an older Journey Editor calls a file
with gaps newer than itself instead of damaged.
"""

from __future__ import annotations

from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None
SCHEMA_VERSION = 6


def upgrade() -> None:
    op.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def downgrade() -> None:
    """Number each cell's cards 0…n-1 again, in their order."""
    op.execute(
        "CREATE TEMP TABLE card_order AS SELECT id, row_number() OVER "
        "(PARTITION BY stage_id, lane_id ORDER BY position, id) - 1 AS n FROM card"
    )
    op.execute("UPDATE card SET position = (SELECT n FROM card_order WHERE card_order.id = card.id)")
    op.execute("DROP TABLE card_order")
    op.execute("PRAGMA user_version = 5")
