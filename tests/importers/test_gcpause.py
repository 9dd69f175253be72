"""Importers pause cyclic garbage collection while parsing and always restore it."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator
from datetime import date

import pytest

from importers.base import ImporterError
from importers.gcpause import gc_paused, paused_gc
from importers.registry import get

TODAY = date(2025, 1, 1)


@pytest.fixture(autouse=True)
def _gc_on() -> Iterator[None]:
    """Each test starts with collection on, and leaves it on."""
    gc.enable()
    yield
    gc.enable()


def test_paused_inside_and_restored_after_an_error() -> None:
    """Off inside the block, on after it, also when the block raises."""
    seen: list[bool] = []

    @paused_gc
    def parse() -> None:
        """Record the collector's state, then fail."""
        seen.append(gc.isenabled())
        raise ValueError("bad input")

    with pytest.raises(ValueError):
        parse()
    assert seen == [False]
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off() -> None:
    """The state before the first pause is the state after the last."""
    gc.disable()
    with gc_paused(), gc_paused():
        pass
    assert not gc.isenabled()


def test_overlapping_pauses_in_threads_end_with_collection_on() -> None:
    """Two parses that overlap (A starts, B starts, A ends, B ends): on again after both."""
    a_in, b_in, a_out = threading.Event(), threading.Event(), threading.Event()

    def first() -> None:
        """Pause, wait for the second to pause too, end first."""
        with gc_paused():
            a_in.set()
            b_in.wait(5)
        a_out.set()

    def second() -> None:
        """Pause after the first, end after it."""
        a_in.wait(5)
        with gc_paused():
            b_in.set()
            a_out.wait(5)
            assert not gc.isenabled()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert gc.isenabled()


@pytest.mark.parametrize(("name", "text"), [
    ("bibtex", "@misc{a, title={T}}"), ("al-folio", "@misc{a, title={T}}"),
    ("ris", "TY  - JOUR\nTI  - T\nER  - \n"), ("profile", "nothing dated here"),
    ("jekyll", "no page at all"), ("bibtex", "no entries {")])
def test_importers_restore_collection(name: str, text: str) -> None:
    """The parse runs paused; after it, good or refused, collection is on again."""
    importer = get(name)
    assert hasattr(type(importer).parse, "__wrapped__")
    with contextlib.suppress(ImporterError):
        importer.parse(text, source="x", today=TODAY)
    assert gc.isenabled()
