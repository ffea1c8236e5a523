"""The Textual app for the journal: one module per screen, built from a store."""
