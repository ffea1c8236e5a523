"""Issue 15: execution plans, agreements, SMART checks, weaving feedback into goals, the
next cycle's proposal and 1:1 preparation. Pure domain code; no Textual."""
