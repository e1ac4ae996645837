"""The interactive map: QGraphicsScene items drawn from the shared layout."""
