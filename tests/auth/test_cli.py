import os
import subprocess
import sys

import sqlalchemy as sa

from iop.auth.models import ApiToken, User
from iop.extensions import db


def token_id_of(app, email: str) -> int:
    with app.app_context():
        return db.session.scalar(
            sa.select(ApiToken.id).join(User).where(User.email == email).order_by(ApiToken.id.desc()))


def test_cli_creates_a_department_an_officer_and_a_token_that_works(runner, client):
    result = runner.invoke(args=["department", "create", "kff", "Kultur- och fritidsförvaltningen",
                                 "--committee", "Kultur- och fritidsnämnden",
                                 "--email", "kff@kommun.test"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["user", "create", "Karin@Kommun.test", "--role", "officer",
                                 "--department", "KFF", "--name", "Karin"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(args=["token", "create", "karin@kommun.test"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert me["email"] == "karin@kommun.test" and me["department"] == "KFF"
    department = client.get("/api/v1/departments/KFF", headers={"Authorization": f"Bearer {token}"})
    assert department.get_json()["committee"] == "Kultur- och fritidsnämnden"


def test_an_officer_needs_a_department(runner, departments):
    result = runner.invoke(args=["user", "create", "a@kommun.test", "--role", "officer"])
    assert result.exit_code == 1
    assert "förvaltning" in result.output


def test_an_unknown_department_is_named_in_the_error(runner, departments):
    result = runner.invoke(args=["user", "create", "a@kommun.test", "--role", "officer",
                                 "--department", "XYZ"])
    assert result.exit_code == 1 and "XYZ" in result.output


def test_a_user_cannot_be_created_twice(runner, departments):
    assert runner.invoke(args=["user", "create", "a@kommun.test", "--role", "viewer"]).exit_code == 0
    result = runner.invoke(args=["user", "create", "A@kommun.test", "--role", "viewer"])
    assert result.exit_code == 1 and "finns redan" in result.output


def test_an_unknown_role_is_refused(runner):
    result = runner.invoke(args=["user", "create", "a@kommun.test", "--role", "king"])
    assert result.exit_code == 2


def test_password_from_stdin_is_hashed_with_argon2(app, runner, departments):
    result = runner.invoke(args=["user", "create", "jurist@kommun.test", "--role", "legal",
                                 "--password-stdin"], input="ett långt lösenord\n")
    assert result.exit_code == 0, result.output
    with app.app_context():
        stored = db.session.scalar(sa.select(User.password_hash))
    assert stored.startswith("$argon2id$") and "ett långt lösenord" not in stored


def test_a_revoked_token_is_refused(runner, client, callers):
    token_id = token_id_of(client.application, callers.admin.email)
    assert runner.invoke(args=["token", "revoke", str(token_id)]).exit_code == 0
    assert client.get("/api/v1/me", headers=callers.admin.headers).status_code == 401


def test_the_installed_iop_command_works_on_a_fresh_database(tmp_path):
    """The console script end to end: upgrade an empty database, then the Access commands."""
    from tests import databases

    url = databases.create_database("cli", tmp_path)
    env = {**os.environ, "IOP_DATABASE_URL": url, "IOP_INSTANCE_PATH": str(tmp_path / "instance"),
           "IOP_SECRET_KEY": "cli-test"}
    iop = os.path.join(os.path.dirname(sys.executable), "iop")

    def run(*args, stdin=None):
        return subprocess.run([iop, *args], env=env, input=stdin, capture_output=True, text=True,
                              timeout=120)

    try:
        assert run("db", "upgrade").returncode == 0
        made = run("department", "create", "SOC", "Socialförvaltningen", "--committee",
                   "Socialnämnden")
        assert made.returncode == 0, made.stderr
        user = run("user", "create", "o@kommun.test", "--role", "officer", "--department", "SOC",
                   "--password-stdin", stdin="hemligt-lösenord\n")
        assert user.returncode == 0, user.stderr
        token = run("token", "create", "o@kommun.test")
        assert token.returncode == 0, token.stderr
        assert token.stdout.strip().splitlines()[-1].startswith("iop_")
    finally:
        databases.drop_database(url)
