"""The index's schema: field names, the pre-folded whitespace analyzer, the format version."""

from __future__ import annotations

import tantivy

# Bump whenever documents or the schema change: every index is then rebuilt.
FORMAT = 2  # 2: an "ids" word field (arXiv id, DOI); has:code needs a code link
ANALYZER = "pd_ws"
# Word fields: the query language's text fields (store.query_text.TEXT_FIELDS, "kw" -> "tag").
WORD_FIELDS = ("title", "author", "venue", "text", "cat", "tag", "ids")
ANY_FIELDS = ("title", "author", "venue", "text", "ids")
# BM25 weights: title and authors above venue and abstract.
BOOSTS = {"title": 3.0, "author": 2.0, "venue": 1.0, "text": 1.0, "cat": 1.0, "tag": 1.0,
          "ids": 3.0}
SORT_FIELDS = {"title": "s_title", "author": "s_author", "venue": "s_venue"}
# Each word occupies SLOT positions: the word, then its 1-, 2- and 3-letter prefixes (">v",
# ">vi", ">vid"), so prefixes and phrases ending in a prefix are plain term/phrase queries.
SLOT = 4
PREFIX_MAX = SLOT - 1


def build_schema() -> tantivy.Schema:
    """The schema of a paper document."""
    b = tantivy.SchemaBuilder()
    b.add_text_field("id", stored=True, tokenizer_name="raw")
    b.add_text_field("alt", tokenizer_name="raw", index_option="basic")
    for name in WORD_FIELDS:
        b.add_text_field(name, tokenizer_name=ANALYZER)
    b.add_text_field("flags", tokenizer_name="raw", index_option="basic")
    b.add_text_field("sec", tokenizer_name="raw", index_option="basic")
    b.add_integer_field("year", indexed=True, fast=True)
    b.add_integer_field("s_year", fast=True)
    b.add_unsigned_field("pos", fast=True)
    for name in SORT_FIELDS.values():
        b.add_text_field(name, tokenizer_name="raw", fast=True, index_option="basic")
    b.add_bytes_field("raw", stored=True)
    return b.build()


def register(index: tantivy.Index) -> None:
    """Register the analyzer of the word fields (whitespace over pre-folded text)."""
    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace())
        .filter(tantivy.Filter.remove_long(1000))
        .build()
    )
    index.register_tokenizer(ANALYZER, analyzer)
