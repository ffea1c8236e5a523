"""The self-assessment's parts: forms and their answers, comparison, balance of evidence."""
