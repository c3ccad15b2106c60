"""The agreement templates as drafting sees them: an unknown key is bad input (422), not a 404."""

from __future__ import annotations

from iop.documents import services
from iop.documents.templates import AgreementTemplate
from iop.errors import Invalid, NotFound


def get_template(key: str) -> AgreementTemplate:
    """The template with this key, or 422 naming the ones there are."""
    try:
        return services.get_template(key=key)
    except NotFound as error:
        known = ", ".join(t.key for t in services.list_templates())
        raise Invalid({"template": f"Okänd mall {key!r}. Välj en av: {known}."}) from error
