"""Measure the journey: reduce a company's event data to funnel figures per stage.

Pure Python over DuckDB (files) and SQLAlchemy (a database URL): no Qt, no `.journey`
schema. Results are plain frozen dataclasses that the storage layer can keep as they are.
"""
