"""The review screen: the assessment, its panes, saving drafts and exporting."""
