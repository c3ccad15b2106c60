"""The wiring: the `iop` command builds no schema before create_app() has made the library settings."""

from __future__ import annotations

import json
import subprocess
import sys

# What the `iop` command does (iop.cli:main, then FlaskGroup's create_app), in a fresh
# interpreter: nothing imported before this one has set marshmallow's messages.
SCRIPT = """
import json, sys
import iop.cli
from iop import create_app
create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://"})
from iop.rest import PageArgs
from iop.organisations.schemas import OrganisationIn
print(json.dumps([PageArgs().validate({"page": "x", "per_page": "0"}), OrganisationIn().validate({})]))
"""


def test_the_iop_command_answers_bad_input_in_swedish(tmp_path):
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True,
                            env={"IOP_INSTANCE_PATH": str(tmp_path), "PATH": "/usr/bin:/bin",
                                 "PYTHONPATH": ":".join(p for p in sys.path if p)})
    paging, organisation = json.loads(result.stdout.strip().splitlines()[-1])
    assert paging == {"page": ["Ange ett heltal."], "per_page": ["Måste vara minst 1 och högst 100."]}
    assert organisation["name"] == ["Fältet måste fyllas i."]
