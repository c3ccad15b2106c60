import json
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from iop.commands import cli_command
from iop.extensions import db
from iop.grants import services


@click.group("grants", cls=AppGroup)
def grants_group():
    """Föreningsbidrag."""


@grants_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Skriv sammanfattningen som JSON (som API:t).")
@cli_command
def import_command(file: Path, as_json: bool):
    """Läs in bidrag från en CSV- eller XLSX-fil (kolumnerna year, committee, org_number,
    organisation, purpose, amount_sek). Felfria rader sparas även när andra rader har fel;
    då avslutas kommandot med kod 2."""
    result = services.import_grants(data=file.read_bytes(), filename=file.name)
    db.session.commit()
    summary = result.summary()
    if as_json:
        click.echo(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        click.echo(f"Nya: {summary['imported']}, ändrade belopp: {summary['updated']}, "
                   f"oförändrade: {summary['unchanged']}, rader med fel: {len(summary['errors'])}.")
        for error in summary["errors"]:
            click.echo(f"Rad {error['row']}: {error['message']}", err=True)
    if summary["errors"]:
        sys.exit(2)
