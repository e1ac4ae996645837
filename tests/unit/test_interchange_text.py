"""The canonical JSON text (interchange.dumps) is exactly what json.dumps writes with a
two-space indent and sorted keys, though written through the C encoder for speed."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from journeyeditor.store import interchange, interchange_export

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
)
keys = st.text() | st.integers() | st.floats() | st.booleans() | st.none()
"""json writes numbers, true, false and null keys as text; keys of several types in one
object cannot be sorted, which both refuse (TypeError)."""
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=40,
)
"""Flat and nested objects and lists, empty ones, every kind of value and odd text."""


def standard(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def same_as_json(data: dict[str, Any]) -> None:
    try:
        expected = standard(data)
    except TypeError:
        with pytest.raises(TypeError):
            interchange.dumps(data)
    else:
        assert interchange.dumps(data) == expected


@settings(max_examples=200)
@given(st.dictionaries(st.text(), values, max_size=6))
def test_same_text_as_the_json_module(data: dict[str, Any]) -> None:
    same_as_json(data)


@settings(max_examples=50)
@given(st.dictionaries(st.text(), values, max_size=6))
def test_same_text_without_the_c_accelerator(data: dict[str, Any]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json.encoder, "c_make_encoder", None)
        interchange_export._flat_encoder.cache_clear()
        try:
            same_as_json(data)
        finally:
            interchange_export._flat_encoder.cache_clear()


def test_a_value_json_cannot_write_is_refused() -> None:
    with pytest.raises(TypeError):
        interchange.dumps({"cards": [{"text": object()}]})
    with pytest.raises(TypeError):
        interchange.dumps({"maps": [{"cards": [1]}, {(1, 2): 2}]})
