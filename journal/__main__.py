"""`python -m journal` is the same as the `journal` command."""

import sys

from journal.cli import main

sys.exit(main())
