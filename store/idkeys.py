"""arXiv ids and DOIs folded for lookup (light: the index's readers use it without the library)."""

from __future__ import annotations

import re

_ARXIV_PREFIX = re.compile(r"^(?:arxiv:|https?://arxiv\.org/(?:abs|pdf)/)", re.IGNORECASE)
_ARXIV_VERSION = re.compile(r"v\d+$")
_DOI_PREFIX = re.compile(r"^(?:doi:|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)


def arxiv_key(value: str) -> str:
    """An arXiv id folded for lookup: no prefix, no version suffix, lower case."""
    value = _ARXIV_PREFIX.sub("", value.strip()).removesuffix(".pdf")
    return _ARXIV_VERSION.sub("", value).lower()


def doi_key(value: str) -> str:
    """A DOI folded for lookup: no resolver prefix, lower case."""
    return _DOI_PREFIX.sub("", value.strip()).lower()
