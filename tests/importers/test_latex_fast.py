"""latex_to_text's substring check agrees with the regex it replaces."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from importers.latex import _NEEDS, latex_to_text, needs_decoding


@settings(max_examples=500)
@given(st.text(st.one_of(st.sampled_from("\\{}~$`'-a é"), st.characters()), max_size=30))
def test_needs_decoding_is_the_regex_search(value: str) -> None:
    """needs_decoding(value) is exactly whether the old pattern finds anything, and text it
    passes over comes back unchanged."""
    assert needs_decoding(value) == (_NEEDS.search(value) is not None)
    if not needs_decoding(value):
        assert latex_to_text(value) is value
