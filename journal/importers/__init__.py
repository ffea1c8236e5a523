"""Bringing things in: jrnl exports, goal files and our own JSON, each checked before writing."""
