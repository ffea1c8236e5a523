"""A private terminal journal for self-coaching: the domain, storage and command line.

Nothing in this package imports textual; the app lives in `screens`.
"""

__version__ = "0.1.0"
