"""Getting things out: the self-assessment in each format, the whole journal, the output file."""
