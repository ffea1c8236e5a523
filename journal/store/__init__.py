"""JournalStore: entries, goals, skills and reviews on the storage, with the rules they obey."""
