"""`iop run`: the development and single-process server."""

import click
from flask import current_app
from flask.cli import with_appcontext
from werkzeug.serving import run_simple

from iop.commands import cli_command


@click.command("run")
@with_appcontext
@cli_command
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, type=int, show_default=True)
def run_command(host: str, port: int):
    """Starta webbtjänsten (för produktion: gunicorn 'iop:create_app()')."""
    app = current_app._get_current_object()
    click.echo(f"IOP svarar på http://{host}:{port}/ (API: http://{host}:{port}/api/v1/openapi.json)")
    scheduler = None
    if app.config["SCHEDULER"] == "on":
        # Here, in this one process: never in create_app(), which every web worker runs.
        from iop.scheduler import next_runs, start_in_background

        scheduler = start_in_background(app)
        for line in next_runs(scheduler):
            click.echo(line)
    try:
        # app.run() refuses to start from inside the flask CLI; run_simple is what it would call.
        run_simple(host, port, app, use_reloader=False, use_debugger=False, threaded=True)
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)
