"""`python -m ao_desktop` and the frozen executable start here."""

from __future__ import annotations

import sys

from ao_desktop.cli.main import main


def gui_main() -> None:
    sys.exit(main())


if __name__ == "__main__":
    gui_main()
