import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from iop.commands import cli_command
from iop.reports.exports import FORMATS, export_report


@click.command("report")
@click.argument("year", type=click.IntRange(1990, 2100))
@click.option("--format", "file_format", type=click.Choice(FORMATS), default="json", show_default=True,
              help="Filformat.")
@click.option("--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), default=None,
              help="Fil att skriva till; utan den skrivs rapporten till standard ut.")
@with_appcontext
@cli_command
def report_command(year: int, file_format: str, output: Path | None):
    """Ta fram årsrapporten till kommunstyrelsen för YEAR."""
    export = export_report(year=year, file_format=file_format)
    if output is None:
        sys.stdout.buffer.write(export.content)
        sys.stdout.buffer.flush()
        return
    output.write_bytes(export.content)
    click.echo(f"Årsrapporten för {year} är skriven till {output} ({len(export.content)} byte).")
