"""What every `iop` command shares, below every feature: the features' CLI groups use it,
and the wiring adds those groups to the app (iop.cli only holds the root group)."""

from __future__ import annotations

import functools
import getpass
import sys

import click

from iop.audit.context import Actor, set_actor
from iop.errors import DomainError


def cli_command(func):
    """Log the command's writes as done by `cli:<os user>`; print a broken rule as one
    Swedish line and exit 1, without a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        set_actor(Actor(f"cli:{getpass.getuser()}"))
        try:
            return func(*args, **kwargs)
        except DomainError as error:
            from iop.extensions import db  # here: importing iop.commands builds no schema

            db.session.rollback()
            details = ""
            if error.errors:
                details = " " + "; ".join(
                    f"{field}: {' '.join(map(str, msgs)) if isinstance(msgs, list) else msgs}"
                    for field, msgs in error.errors.items())
            click.echo(f"Fel: {error.message}{details}", err=True)
            sys.exit(1)

    return wrapper
