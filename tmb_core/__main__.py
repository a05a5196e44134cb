"""`python -m tmb_core`: see tmb_core.cli."""
import sys

from .cli import main

sys.exit(main())
