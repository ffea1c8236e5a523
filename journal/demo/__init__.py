"""The demo journal: a believable year for `journal --demo`, the tutorial and the snapshot tests."""
