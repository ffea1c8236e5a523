"""The self-assessment: what the journal says about each goal in a period, and saved reviews."""
