"""`python -m ao_desktop` and the frozen executable start here."""

from __future__ import annotations

import multiprocessing
import sys


def gui_main() -> None:
    from ao_desktop.cli.main import main

    sys.exit(main())


if __name__ == "__main__":
    # In the frozen app a helper process (the import's row check on the second core) is
    # this executable started again: freeze_support() runs the helper and exits.
    multiprocessing.freeze_support()
    gui_main()
