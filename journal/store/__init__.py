"""JournalStore and its parts: `Tables`, the plumbing, and one object per table with its
rules (`Entries`, `Goals`, `Skills`, `Reviews`, `Forms`)."""
