"""`journal doctor`: checks a journal file, lists and restores backups, mends links."""
