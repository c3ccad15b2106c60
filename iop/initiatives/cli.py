from contextlib import nullcontext

import click
from flask import current_app
from flask.cli import AppGroup

from iop import clock, daterange
from iop.commands import cli_command
from iop.extensions import db
from iop.initiatives.escalation import escalate_overdue_initiatives


@click.group("initiatives", cls=AppGroup)
def initiatives_group():
    """Initiativ från civilsamhället."""


@initiatives_group.command("escalate")
@click.option("--date", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Kör som om det vore detta datum (ÅÅÅÅ-MM-DD).")
@cli_command
def escalate(on):
    """Flagga initiativ som inte hanterats i tid, lägg dem i nätverkets kö och meddela samordnarna."""
    tz = current_app.config["TIMEZONE"]
    if on and daterange.out_of_range(on.date()):
        raise click.BadParameter(daterange.out_of_range(on.date()), param_hint="--date")
    with clock.frozen_at(on.date(), tz) if on else nullcontext():
        escalated = escalate_overdue_initiatives(today=clock.today(tz))
        db.session.commit()
    if not escalated:
        click.echo("Inga initiativ att eskalera.")
    for initiative in escalated:
        click.echo(f"Eskalerat: initiativ {initiative.id} ({initiative.title}), "
                   f"svar senast {initiative.respond_by.isoformat()}")
