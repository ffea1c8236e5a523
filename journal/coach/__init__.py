"""The coach: nudges that say what to do next, and the weekly review ritual. No Textual."""
