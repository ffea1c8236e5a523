"""The benchmark (not collected by pytest): `python -m tests.bench --help`; see run.py."""
