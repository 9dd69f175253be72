"""The store: models, the TinyDB-backed library, and the user's annotations."""
