"""Citing: stable cite keys, key patterns, citation styles and bibliography files."""
