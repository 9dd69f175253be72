"""Following arXiv: follows, the OAI-PMH harvester, the update runner and the inbox state."""
