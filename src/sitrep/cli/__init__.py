"""Command line: ``sitrep COMMAND``. One module per command, each a thin wrapper over a plain function."""
from __future__ import annotations

import sys

try:
    from sitrep.cli.app import app, run
    from sitrep.cli import extract, ingest, query, show, eval as eval_  # noqa: F401  (register commands)
    from sitrep.cli import incidents, export, serve, report  # noqa: F401,E402  (workbench commands, issue 6)
except KeyboardInterrupt:  # Ctrl-C while the commands load: nothing has started, so no traceback (issue 18)
    sys.exit(130)


def main() -> None:
    run()
