"""store.merge.keys: the ASCII fast paths give exactly the keys of the regex definitions."""

from __future__ import annotations

import re
import zlib

from hypothesis import given, settings
from hypothesis import strategies as st

from store.merge.keys import AbstractIndex, forget_keys, norm_title
from store.text import fold, normalize_title

_LONG = re.compile(r"[a-z]{8,}")


def _reference_keys(abstract: str) -> list[str]:
    """AbstractIndex.compute_keys as defined (regexes over folded text): the oracle."""
    if not abstract:
        return []
    compact = normalize_title(abstract[:200]), normalize_title(abstract[-200:])
    if len(compact[0]) < AbstractIndex.EDGE:
        return []
    keys = [f"h:{compact[0][:40]}", f"t:{compact[1][-40:]}"]
    mid = len(abstract) // 2
    words = set(_LONG.findall(fold(abstract[max(0, mid - 250): mid + 250])))
    keys.extend(f"w:{w}" for w in sorted(words, key=lambda w: zlib.crc32(w.encode()))[:3])
    return keys


_WORDS = st.text(st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABCXYZ0189 _-.,'\n\té")),
                 min_size=0, max_size=700)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_WORDS, st.text(max_size=300)))
def test_abstract_keys_and_titles_equal_the_regex_definitions(text: str) -> None:
    """ASCII or not, the keys and the normalised title are the reference ones."""
    forget_keys()
    assert AbstractIndex.compute_keys(text) == _reference_keys(text)
    assert norm_title(text) == (normalize_title(text) if text else "")
