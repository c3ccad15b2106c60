"""The models and migrations/ describe the same schema, on the database this run uses."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from iop import create_app
from iop.extensions import db
from tests import databases
from tests.conftest import app_config


def _differences(engine) -> list:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_models_and_migrations_agree(app):
    with app.app_context():
        assert _differences(db.engine) == []


def test_migrations_build_the_schema_from_nothing_and_tear_it_down_again(tmp_path):
    url = databases.create_database("migrations", tmp_path)
    try:
        app = create_app(app_config(url))
        with app.app_context():
            upgrade()
            assert _differences(db.engine) == []
            downgrade(revision="base")
            tables = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
            assert tables == set()
            upgrade()
            assert _differences(db.engine) == []
            db.engine.dispose()
    finally:
        databases.drop_database(url)


def test_the_0720_migration_moves_dates_stored_outside_the_range_to_its_edge(tmp_path, capsys):
    from iop.agreements.models import Agreement, Milestone

    url = databases.create_database("migrations_0720", tmp_path)
    try:
        app = create_app(app_config(url))
        with app.app_context():
            upgrade(revision="0601")
            connection = db.session.connection()
            connection.execute(sa.text(
                "INSERT INTO committees (name) VALUES ('Kultur- och fritidsnämnden')"))
            connection.execute(sa.text(
                "INSERT INTO departments (code, name, committee_id, email) "
                "SELECT 'KFF', 'Kultur', id, 'kff@kommun.test' FROM committees"))
            stored = (("A/1", "0001-06-01", "9999-12-31"), ("A/2", "2027-01-01", "2028-12-31"))
            for case, start, end in stored:
                connection.execute(sa.text(
                    "INSERT INTO agreements (kind, template_key, title, case_number, department_id, status, "
                    "revision, start_date, end_date, automatic_extension, general_economic_interest, "
                    "reminders_replan, created_at, updated_at, version) SELECT 'iop', 'iop', 'T', :case, "
                    "id, 'active', 1, :start, :end, :no, :no, :no, '2026-01-01', '2026-01-01', 1 "
                    "FROM departments"),
                    {"case": case, "start": start, "end": end, "no": False})
            connection.execute(sa.text(
                "INSERT INTO milestones (agreement_id, position, date, title) "
                "SELECT id, 0, '9999-12-31', 'M' FROM agreements WHERE case_number = 'A/1'"))
            db.session.commit()
            upgrade()
            agreements = {a.case_number: a for a in db.session.scalars(sa.select(Agreement))}
            assert (str(agreements["A/1"].start_date), str(agreements["A/1"].end_date)) == (
                "1900-01-01", "2199-12-31")
            assert agreements["A/1"].reminders_replan and not agreements["A/2"].reminders_replan
            assert (str(agreements["A/2"].start_date), str(agreements["A/2"].end_date)) == (
                "2027-01-01", "2028-12-31")
            assert [str(m.date) for m in db.session.scalars(sa.select(Milestone))] == ["2199-12-31"]
            db.session.remove()
            db.engine.dispose()
        printed = capsys.readouterr().out
        assert "agreements.start_date" in printed and "0001-06-01 -> 1900-01-01" in printed
        assert "milestones.date" in printed
    finally:
        databases.drop_database(url)
