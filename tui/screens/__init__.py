"""Modal screens of the paperdeck browser: help, note and tag dialogs."""
