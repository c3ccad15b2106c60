import pytest


@pytest.fixture(autouse=True)
def responsible_officers(app, callers):
    """Anna and Bertil, officers of KFF: the responsible officers these tests name must be users."""
    from iop.auth import services
    from iop.extensions import db

    with app.app_context():
        for name in ("anna", "bertil"):
            services.create_user(email=f"{name}@kommun.test", role="officer", department_code="KFF",
                                 name=name.title())
        db.session.commit()
