import sys

import click
from flask import current_app
from flask.cli import AppGroup

from iop.commands import cli_command


@click.group("templates", cls=AppGroup)
def templates_group():
    """Avtalsmallar (Word)."""


@templates_group.command("check")
@click.option("--dir", "directory", type=click.Path(file_okay=False), default=None,
              help="Katalog att kontrollera i stället för IOP_TEMPLATES_DIR.")
@cli_command
def check_templates(directory):
    """Kontrollera varje mall: platshållare, syntax och en provrendering med exempeldata."""
    from iop.documents.linting import check_directory

    folder = directory or current_app.config["TEMPLATES_DIR"]
    reports = check_directory(folder)
    if not reports:
        click.echo(f"Inga mallar i {folder}.", err=True)
        sys.exit(1)
    for report in reports:
        if report.ok:
            click.echo(f"{report.label}: OK")
            continue
        click.echo(f"{report.label}: {len(report.problems)} fel")
        for problem in report.problems:
            click.echo(f"  - {problem}")
    if not all(report.ok for report in reports):
        sys.exit(1)
