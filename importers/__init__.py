"""Importers: pure parsers from listing text to paperdeck records."""
