"""The build pauses cyclic garbage collection and gives it back as it found it."""

import gc

import pytest

from timeline.gc_pause import without_cyclic_collection


def test_collection_is_paused_inside_and_restored_after_even_on_error() -> None:
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with without_cyclic_collection():
            assert not gc.isenabled()
            with without_cyclic_collection():
                assert not gc.isenabled()
            assert not gc.isenabled()  # the inner pause does not switch it back on
            raise ValueError("stage failed")
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with without_cyclic_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
