"""IOP: agreements between a municipality and civil-society organisations."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask

from iop.version import __version__  # noqa: F401  (iop.__version__, as packages have)


def create_app(config: dict | None = None) -> Flask:
    """Build the application: settings, extensions, blueprints, commands."""
    from iop import config as settings
    from iop import schemas

    schemas.use_swedish_messages()  # before the wiring imports any schema (see its docstring)
    from iop.wiring import wire

    app = Flask(__name__, instance_path=os.environ.get("IOP_INSTANCE_PATH") or None,
                instance_relative_config=True)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(settings.DEFAULTS)
    # Plain strings: settings.normalise() converts them, with the variable's name on error.
    app.config.from_prefixed_env("IOP", loads=str)
    app.config.update(config or {})
    settings.normalise(app.config, Path(app.instance_path))
    wire(app)
    return app
