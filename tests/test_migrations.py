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
