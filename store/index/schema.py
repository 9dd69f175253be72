"""The index's schema: field names, the pre-folded whitespace analyzer, the format version."""

from __future__ import annotations

import tantivy

from store.query import text as query_text

# Bump whenever documents or the schema change: every index is then rebuilt. It follows the
# query language's own field version, so a new field there rebuilds the index too.
FORMAT = f"4/{getattr(query_text, 'INDEX_VERSION', '1')}"
ANALYZER = "pd_ws"
# A flag every document carries: its doc_freq counts deleted documents too, so it equals the
# number of live documents exactly when the index holds none (then doc_freq is exact).
ALL_DOCS = "doc"
# The first letters of a document's plain-search words (">v"), each once, without positions:
# the exact count of a one-letter prefix is its doc_freq.
INITIALS = "initials"


def index_field(name: str) -> str:
    """The index field of a query-language field ("kw" and "tag" share "tag")."""
    return "tag" if name in ("kw", "tag") else name


# Word fields: the query language's text fields; plain words search its ANY_FIELDS.
WORD_FIELDS = tuple(dict.fromkeys(index_field(f) for f in query_text.TEXT_FIELDS))
ANY_FIELDS = tuple(index_field(f) for f in query_text.ANY_FIELDS)
# BM25 weights: title and authors above the rest.
BOOSTS = {"title": 3.0, "author": 2.0}
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
    b.add_text_field("mkeys", tokenizer_name="raw", index_option="basic")
    for name in WORD_FIELDS:
        b.add_text_field(name, tokenizer_name=ANALYZER)
    b.add_text_field(INITIALS, tokenizer_name=ANALYZER, index_option="basic")
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
