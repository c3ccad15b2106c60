"""The agreement templates and the result of `iop templates check` for each, run when the page is read.

A lawyer edits a template in Word; this page is where the admin sees whether it still
works before an officer meets the problem in a document.
"""

from __future__ import annotations

from flask import current_app, render_template

from iop.agreements.display import KIND_LABELS
from iop.agreements.steps import LABELS as FIELD_LABELS
from iop.documents.linting import check_directory


def index():
    folder = current_app.config["TEMPLATES_DIR"]
    return render_template("admin/templates.html", reports=check_directory(folder),
                           kind_labels={kind.value: label for kind, label in KIND_LABELS.items()},
                           field_labels=FIELD_LABELS)
