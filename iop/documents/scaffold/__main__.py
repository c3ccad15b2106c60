"""`python -m iop.documents.scaffold DIRECTORY`: write fresh template files into DIRECTORY."""

import sys
from pathlib import Path

from iop.documents.scaffold import write_templates

for path in write_templates(Path(sys.argv[1])):
    print(path)
