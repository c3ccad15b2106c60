"""The `iop` command: a Flask CLI group over create_app().

Only the root group lives here; every feature's commands are added to the app by
iop.wiring, so no feature imports this module.
"""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import FlaskGroup, routes_command, shell_command


def _create_app() -> Flask:
    from iop import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=False,
             add_version_option=False)
def main():
    """IOP: överenskommelser mellan kommunen och idéburna organisationer."""


main.add_command(shell_command)
main.add_command(routes_command)
