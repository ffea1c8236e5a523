"""The journal file on disk: its format, atomic writes and the lock, backups, catching up."""
