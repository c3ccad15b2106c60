"""What every server-rendered page shares: the shell's navigation, access checks, forms and paging.

`install(app)` binds it: template globals and filters, and the page for a form whose
CSRF token is missing or stale.
"""

from __future__ import annotations

from flask import Flask
from flask_wtf.csrf import CSRFError

from iop import swedish
from iop.web import access, display, navigation


def install(app: Flask) -> None:
    app.context_processor(navigation.shell_context)
    from iop.version import __version__

    app.jinja_env.globals.update(may=access.may, role_label=display.role_label, app_version=__version__)
    app.jinja_env.filters.update(local_time=display.local_time, local_date=display.local_date)
    app.jinja_env.filters.update(swedish.FILTERS)  # kronor, hours, count, date_long, label, ...
    app.register_error_handler(CSRFError, _stale_form)


def _stale_form(error: CSRFError):
    from iop.errors import respond

    # The token is tied to the session: an expired session or a form left open overnight ends here.
    return respond(400, "Formuläret har gått ut. Gå tillbaka, ladda om sidan och försök igen.")
