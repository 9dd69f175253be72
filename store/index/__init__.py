"""The derived search index beside the store of record (tantivy): built from it, never trusted
over it, rebuilt whenever it is missing, stale or corrupt, and deletable at any time.

Modules: schema (fields), documents (paper -> document), translate (query -> tantivy),
engine (PaperIndex: pages, counts, stored papers), service (LibraryIndex: freshness, rebuild,
incremental updates), access (IndexAccess: what the Store calls). Import the modules
themselves; this package imports nothing, so commands that never search stay light.
"""
