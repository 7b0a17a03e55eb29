"""Date formats as the newsroom writes them (FORMAT_MODULE_PATH), per language."""
