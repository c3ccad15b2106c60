"""`python -m tools.scaffold [--replace] DIRECTORY`: write fresh template files into DIRECTORY."""

import argparse
from pathlib import Path

from tools.scaffold import write_templates

parser = argparse.ArgumentParser(prog="python -m tools.scaffold", description=__doc__)
parser.add_argument("directory", type=Path)
parser.add_argument("--replace", action="store_true", help="overwrite the files that exist")
arguments = parser.parse_args()
try:
    written = write_templates(arguments.directory, replace=arguments.replace)
except FileExistsError as error:
    parser.exit(1, f"{error}\n")
for path in written:
    print(path)
