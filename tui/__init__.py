"""The paperdeck application: the Textual browser and the command line."""
