"""Geometry of a map (layout) and the painters that draw it for screen and export."""
