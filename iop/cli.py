"""The `iop` command: a Flask CLI group over create_app()."""

from __future__ import annotations

import getpass
import sys

import click
from flask import Flask
from flask.cli import FlaskGroup, routes_command, shell_command

from iop.audit.context import Actor, set_actor
from iop.errors import DomainError
from iop.extensions import db


def _create_app() -> Flask:
    from iop import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False,
             add_version_option=False)
def main():
    """IOP: överenskommelser mellan kommunen och idéburna organisationer."""


main.add_command(shell_command)
main.add_command(routes_command)


def cli_command(func):
    """Log the command's writes as done by `cli:<os user>`; print a broken rule as one
    Swedish line and exit 1, without a traceback."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        set_actor(Actor(f"cli:{getpass.getuser()}"))
        try:
            return func(*args, **kwargs)
        except DomainError as error:
            db.session.rollback()
            details = ""
            if error.errors:
                details = " " + "; ".join(
                    f"{field}: {' '.join(map(str, msgs)) if isinstance(msgs, list) else msgs}"
                    for field, msgs in error.errors.items())
            click.echo(f"Fel: {error.message}{details}", err=True)
            sys.exit(1)

    return wrapper


def register(app: Flask) -> None:
    from iop.auth.cli import token_group, user_group
    from iop.backups import backup_command, restore_command
    from iop.demo import demo_command
    from iop.departments.cli import department_group
    from iop.documents.cli import templates_group
    from iop.grants.cli import grants_group
    from iop.initiatives.cli import initiatives_group
    from iop.reminders.cli import reminders_group
    from iop.reports.cli import report_command
    from iop.scheduler import scheduler_command
    from iop.serve import run_command

    for command in (user_group, token_group, department_group, demo_command, run_command,
                    initiatives_group, templates_group, grants_group, report_command, reminders_group,
                    scheduler_command, backup_command, restore_command):
        app.cli.add_command(command)
