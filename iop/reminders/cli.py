"""`iop reminders run [--date YYYY-MM-DD]`: one reminder sweep, now or as if it were that day."""

from __future__ import annotations

from datetime import date

import click
from flask import current_app
from flask.cli import AppGroup

from iop import daterange, swedish
from iop.clock import frozen_at
from iop.commands import cli_command
from iop.reminders import jobs


class IsoDate(click.ParamType):
    name = "ÅÅÅÅ-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, date):
            return value
        try:
            day = date.fromisoformat(value)
        except ValueError:
            self.fail(f"{value!r} är inte ett datum som ÅÅÅÅ-MM-DD.", param, ctx)
        message = daterange.out_of_range(day)
        if message:
            self.fail(message, param, ctx)
        return day


@click.group("reminders", cls=AppGroup)
def reminders_group():
    """Påminnelser om uppsägning, slutdatum, uppföljningar och milstolpar."""


@reminders_group.command("run")
@click.option("--date", "day", type=IsoDate(), default=None,
              help="Kör som om det vore denna dag (kl. 07.00), även för väntetider mellan nya försök.")
@cli_command
def run_reminders(day: date | None):
    """Kör påminnelserna en gång: markera utgångna överenskommelser, planera och skicka påminnelser."""
    if day is None:
        report = jobs.run_sweep()
    else:
        with frozen_at(day, current_app.config["TIMEZONE"]):
            report = jobs.run_sweep(today=day)
    plan, delivery = report.plan, report.delivery
    if plan.locked_out:
        click.echo("En annan påminnelsekörning pågår just nu; den här planerade inget nytt.")
    else:
        click.echo(f"Påminnelser {report.today.isoformat()}: "
                   f"{swedish.count(len(plan.reminders), 'ny påminnelse', 'nya påminnelser')} i "
                   f"{swedish.count(plan.messages, 'e-postmeddelande', 'e-postmeddelanden')}; "
                   f"{swedish.count(len(plan.expired), 'överenskommelse', 'överenskommelser')} har löpt ut.")
    click.echo(f"E-post: {delivery.sent} skickade, {delivery.retrying} väntar på nytt försök, "
               f"{delivery.failed} misslyckades slutgiltigt.")
