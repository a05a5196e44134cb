"""`python -m tmb_core`: see tmb_core.app.cli."""
import sys

from .app.cli import main

sys.exit(main())
