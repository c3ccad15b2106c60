import sys

import click
from flask.cli import AppGroup

from iop.auth import services
from iop.commands import cli_command
from iop.extensions import db
from iop.roles import Role


@click.group("user", cls=AppGroup)
def user_group():
    """Användare."""


@user_group.command("create")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--department", "department_code", help="Förvaltningens kod (krävs för officer).")
@click.option("--name", default="", help="Namn som visas i gränssnittet.")
@click.option("--password-stdin", is_flag=True, help="Läs lösenordet för webbinloggning från stdin.")
@cli_command
def create_user(email, role, department_code, name, password_stdin):
    """Skapa en användare."""
    password = sys.stdin.readline().rstrip("\r\n") if password_stdin else None
    user = services.create_user(email=email, role=role, department_code=department_code,
                                name=name, password=password)
    db.session.commit()
    click.echo(f"Användare {user.email} skapad med rollen {user.role.value} (id {user.id}).")


@user_group.command("list")
@cli_command
def list_users():
    """Lista användare."""
    for user in db.session.scalars(services.list_users()):
        status = "" if user.active else " (inaktiv)"
        click.echo(f"{user.id}\t{user.email}\t{user.role.value}\t{user.department_code or '-'}{status}")


@user_group.command("set-password")
@click.argument("email")
@cli_command
def set_password(email):
    """Sätt lösenord (läses från stdin)."""
    user = services.get_user(email=email)
    services.set_password(user=user, password=sys.stdin.readline().rstrip("\r\n"))
    db.session.commit()
    click.echo(f"Lösenordet för {user.email} är ändrat.")


@click.group("token", cls=AppGroup)
def token_group():
    """API-token."""


@token_group.command("create")
@click.argument("email")
@click.option("--name", default="", help="Vad token ska användas till.")
@cli_command
def create_token(email, name):
    """Skapa en API-token; den skrivs ut på sista raden och visas aldrig igen."""
    user = services.get_user(email=email)
    token = services.issue_token(user=user, name=name)
    db.session.commit()
    click.echo(f"Ny token för {user.email} (spara den nu, den visas inte igen):")
    click.echo(token)


@token_group.command("revoke")
@click.argument("token_id", type=int)
@cli_command
def revoke_token(token_id):
    """Återkalla en token (id från `iop token list`)."""
    services.revoke_token(token_id=token_id)
    db.session.commit()
    click.echo(f"Token {token_id} är återkallad.")


@token_group.command("list")
@click.argument("email")
@cli_command
def list_tokens(email):
    """Lista en användares token."""
    user = services.get_user(email=email)
    for row in db.session.scalars(services.list_tokens(user=user)):
        state = f"återkallad {row.revoked_at:%Y-%m-%d}" if row.revoked_at else "aktiv"
        used = f"{row.last_used_at:%Y-%m-%d %H:%M}" if row.last_used_at else "aldrig"
        click.echo(f"{row.id}\t{row.prefix}…\t{row.name or '-'}\t{state}\tsenast använd {used}")
