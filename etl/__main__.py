"""``python -m etl``: the loading command line."""

import sys

from etl.cli import main

sys.exit(main())
