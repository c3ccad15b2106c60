import click
from flask.cli import AppGroup

from iop.commands import cli_command
from iop.departments import services
from iop.extensions import db


@click.group("department", cls=AppGroup)
def department_group():
    """Förvaltningar."""


@department_group.command("create")
@click.argument("code")
@click.argument("name")
@click.option("--committee", required=True, help="Nämnden som förvaltningen tjänar.")
@click.option("--email", default=None, help="Förvaltningens funktionsbrevlåda.")
@cli_command
def create_department(code, name, committee, email):
    """Skapa en förvaltning (och nämnden, om den är ny)."""
    department = services.create_department(code=code, name=name, committee=committee, email=email)
    db.session.commit()
    click.echo(f"Förvaltning {department.code} ({department.name}) skapad under "
               f"{department.committee.name}.")
