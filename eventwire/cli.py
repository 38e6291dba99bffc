"""The `eventwire` command line: a thin layer over the library.

Each command lives in its own module under `eventwire/commands/` and is registered here.
"""

from __future__ import annotations

import click

from .commands.demo import demo
from .commands.eval import eval_command
from .commands.extract import extract
from .commands.gazetteer import gazetteer
from .commands.ingest import ingest
from .commands.serve import serve
from .commands.watch import watch


@click.group()
@click.version_option(package_name="eventwire")
def main() -> None:
    """eventwire: dated news reports in, ACLED-coded events out."""


main.add_command(extract)
main.add_command(demo)
main.add_command(ingest)
main.add_command(serve)
main.add_command(eval_command)
main.add_command(gazetteer)
main.add_command(watch)


if __name__ == "__main__":
    main()
