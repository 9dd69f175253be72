"""Importers for the academic site generators labs use (one module per generator)."""
