"""The journal file on disk: its format, atomic writes and the lock, backups, catching up,
and its optional encryption (crypto, keycache, inbox, unlocking; docs/encryption.md)."""
