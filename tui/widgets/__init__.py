"""Widgets of the paperdeck browser: the table, the viewer, the search bar and the tabs."""
