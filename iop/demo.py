"""`iop demo`: a small Swedish municipality (Sjöstad) to try the service on.

Each feature adds its own part to DEMO_STEPS; the command runs them once, in
order, and refuses to load twice so a restart of `make run` changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import with_appcontext

from iop.agreements.demo import load_goals
from iop.auth import services as auth
from iop.auth.models import User
from iop.commands import cli_command
from iop.departments import services as departments
from iop.extensions import db
from iop.grants.demo import load_grants
from iop.initiatives.demo import load_initiatives
from iop.organisations import services as organisations
from iop.reminders.demo import load_calendar_feeds
from iop.reviews.demo import load_agreements

DEMO_PASSWORD = "sjostad-demo-2026"

DEPARTMENTS = [
    ("KLF", "Kommunledningsförvaltningen", "Kommunstyrelsen", "kommunledning@sjostad.example"),
    ("KFF", "Kultur- och fritidsförvaltningen", "Kultur- och fritidsnämnden", "kultur@sjostad.example"),
    ("SOC", "Socialförvaltningen", "Socialnämnden", "socialforvaltningen@sjostad.example"),
    ("BUF", "Barn- och utbildningsförvaltningen", "Barn- och utbildningsnämnden", "bildning@sjostad.example"),
    ("OMF", "Omsorgsförvaltningen", "Omsorgsnämnden", "omsorg@sjostad.example"),
    ("ALF", "Äldreförvaltningen", "Äldrenämnden", "aldre@sjostad.example"),
]

USERS = [
    ("admin@sjostad.example", "admin", None, "Alva Admin"),
    ("samordnare@sjostad.example", "coordinator", "KLF", "Sara Samordnare"),
    ("handlaggare.kff@sjostad.example", "officer", "KFF", "Karin Kulturhandläggare"),
    ("handlaggare.soc@sjostad.example", "officer", "SOC", "Omar Socialhandläggare"),
    ("jurist@sjostad.example", "legal", None, "Johan Jurist"),
    ("insyn@sjostad.example", "viewer", None, "Ingrid Revisor"),
]

ORGANISATIONS = [
    ("Läxhjälpen i Sjöstad", "802456-1238", "ideell_forening", "Hamngatan 4, 611 30 Sjöstad",
     [("Lena Lind", "Ordförande", "lena.lind@laxhjalpen.example", "070-111 22 33")]),
    ("Sjöstads Stadsmission", "802471-9653", "stiftelse", "Kyrkogatan 12, 611 31 Sjöstad",
     [("Per Holm", "Verksamhetschef", "per.holm@stadsmission.example", "070-222 33 44")]),
    ("Röda Korset Sjöstadskretsen", "802500-7314", "ideell_forening", "Torget 1, 611 32 Sjöstad",
     [("Amina Yusuf", "Kretsordförande", "amina.yusuf@rodakorset.example", None)]),
    ("IFK Sjöstad", "802012-3454", "ideell_forening", "Idrottsvägen 2, 611 40 Sjöstad",
     [("Erik Berg", "Kanslist", "kansli@ifksjostad.example", "0155-12 34 56")]),
    ("Brottsofferjouren Sjöstad", "802438-7790", "ideell_forening", None,
     [("Maria Ek", "Samordnare", "maria.ek@boj.example", None)]),
    ("Kvinnojouren Tranan", "802409-1285", "ideell_forening", None,
     [("Sofia Ahmed", "Ordförande", "ordforande@tranan.example", None)]),
    ("Sjöstads pingstförsamling", "252003-3115", "trossamfund", "Kapellgatan 3, 611 33 Sjöstad",
     [("Daniel Sandberg", "Pastor", "pastor@pingst-sjostad.example", None)]),
    ("Ungdomens Hus ekonomisk förening", "769614-2871", "ekonomisk_forening",
     "Verkstadsgatan 9, 611 45 Sjöstad",
     [("Nora Persson", "Verksamhetsledare", "nora@ungdomenshus.example", "072-555 66 77")]),
    ("Arbetsintegrerande Gröna Händer AB (svb)", "559012-4581", "aktiebolag",
     "Trädgårdsvägen 5, 611 50 Sjöstad",
     [("Ali Hassan", "VD", "ali@gronahander.example", None)]),
    ("Naturskyddsföreningen i Sjöstad", "802516-6409", "ideell_forening", None,
     [("Karl Ström", "Ordförande", "karl.strom@naturskydd.example", None)]),
    ("PRO Sjöstad", "802480-1139", "ideell_forening", "Seniorgatan 7, 611 34 Sjöstad",
     [("Birgitta Nyström", "Ordförande", "birgitta@prosjostad.example", None)]),
    ("Studieförbundet Vuxenskolan Sjöstad", "802007-5209", "ideell_forening",
     "Bildningsvägen 1, 611 35 Sjöstad",
     [("Hanna Wik", "Verksamhetsutvecklare", "hanna.wik@sv.example", None)]),
]


def load_foundation() -> list[str]:
    """Departments, users for every role (with tokens) and a dozen organisations."""
    for code, name, committee, email in DEPARTMENTS:
        departments.create_department(code=code, name=name, committee=committee, email=email)
    lines = []
    for email, role, department, name in USERS:
        user = auth.create_user(email=email, role=role, department_code=department, name=name,
                                password=DEMO_PASSWORD)
        lines.append(f"{role:<12} {email:<34} {auth.issue_token(user=user, name='demo')}")
    for name, number, form, address, contacts in ORGANISATIONS:
        organisations.create_organisation(
            name=name, org_number=number, legal_form=form, address=address,
            email=contacts[0][2], contacts=[
                {"name": n, "title": t, "email": e, "phone": p} for n, t, e, p in contacts])
    return lines


DEMO_STEPS = [load_foundation, load_agreements, load_goals, load_initiatives, load_grants,
              load_calendar_feeds]


def demo_loaded() -> bool:
    return db.session.scalar(sa.select(User.id).filter_by(email=USERS[0][0])) is not None


@click.command("demo")
@with_appcontext
@cli_command
def demo_command():
    """Läs in demodata (en gång): förvaltningar, användare för varje roll, organisationer."""
    credentials = Path(current_app.instance_path) / "demo-credentials.txt"
    if demo_loaded():
        click.echo("Demodata finns redan; inget ändrades.")
        if credentials.exists():
            click.echo(credentials.read_text())
        return
    token_lines = []
    for step in DEMO_STEPS:
        token_lines.extend(step() or [])
    db.session.commit()
    text = "\n".join([
        f"Demodata inläst för Sjöstads kommun. Lösenord för alla demoanvändare: {DEMO_PASSWORD}",
        "API-token (Authorization: Bearer <token>) och kalenderflöden:", *token_lines, ""])
    credentials.write_text(text)
    credentials.chmod(0o600)
    click.echo(text)
