"""Loading a map holds the cyclic collector and hands it back as it found it."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from journeyeditor.render.bulk import collection_paused


@pytest.fixture(autouse=True)
def collector_back_on() -> Iterator[None]:
    yield
    gc.enable()


def test_the_collector_is_held_inside_and_back_after() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_back_after_a_failure() -> None:
    with pytest.raises(RuntimeError), collection_paused():
        raise RuntimeError("load failed")
    assert gc.isenabled()


def test_a_nested_pause_leaves_the_collector_to_the_outer_one() -> None:
    with collection_paused():
        with collection_paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_held_by_the_caller_stays_held() -> None:
    gc.disable()
    with collection_paused():
        pass
    assert not gc.isenabled()


def test_what_was_built_counts_as_old_not_as_young() -> None:
    """Records built during the pause are not left among the young objects, to be looked
    through at the next collection: they are in the oldest generation already."""
    thresholds = gc.get_threshold()
    gc.set_threshold(1_000_000)  # no collection of its own between the pause and the look
    try:
        with collection_paused():
            built = [[index] for index in range(20_000)]
        young = gc.get_count()[0]
        old = gc.get_objects(generation=2)
    finally:
        gc.set_threshold(*thresholds)
    assert young < 1_000
    assert any(record is built[-1] for record in old)


def test_cycles_made_during_the_pause_are_still_collected() -> None:
    class Node:
        other: object = None

    with collection_paused():
        first, second = Node(), Node()
        first.other, second.other = second, first
        del first, second
    assert gc.collect() >= 2
