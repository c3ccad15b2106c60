import copy
from pathlib import Path

import pytest

from iop.config import DEFAULTS
from iop.documents.rendering import render_agreement
from iop.documents.sample import SAMPLE_AGREEMENT, SAMPLE_SIGNATURES
from iop.documents.templates import load_templates

SHIPPED = DEFAULTS["TEMPLATES_DIR"]
HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    """Everything here renders Word documents from plain data: the database plays no part, so the
    PostgreSQL half of `make test` leaves these out (marker `rendering`)."""
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.rendering)


@pytest.fixture(scope="session")
def templates():
    return load_templates(SHIPPED)


@pytest.fixture
def sample():
    return copy.deepcopy(SAMPLE_AGREEMENT)


@pytest.fixture
def annual_sample():
    data = copy.deepcopy(SAMPLE_AGREEMENT)
    data.update(kind="annual", template_key="annual", title="Öppen fritidsgård i Sjöstad 2027",
                market_assessment=None, added_value=None, challenge=None,
                start_date="2027-01-01", end_date="2027-12-31", extension_months=None,
                max_extensions=None, activities="Föreningen håller fritidsgården öppen tre kvällar "
                "i veckan.\nVolontärer leder läxläsning och idrott.")
    return data


@pytest.fixture
def render(templates):
    def render(data, key="iop", signed=False, **signatures):
        if signed and not signatures:
            signatures = copy.deepcopy(SAMPLE_SIGNATURES)
        return render_agreement(data, template=templates[key], signed=signed, **signatures)

    return render


@pytest.fixture
def edited_copy(tmp_path):
    """A copy of a shipped template with its Word XML edited, as a lawyer's Word might leave it."""
    import shutil
    from pathlib import Path

    from iop.documents.package import read_parts, write_parts
    from iop.documents.templates import load_template

    def edit(key: str, replacements: dict[str, str], part: str = "word/document.xml"):
        for suffix in (".docx", ".json"):
            shutil.copy(Path(SHIPPED) / f"{key}{suffix}", tmp_path / f"{key}{suffix}")
        docx = tmp_path / f"{key}.docx"
        parts = read_parts(docx.read_bytes())
        xml = parts[part].decode()
        for old, new in replacements.items():
            assert old in xml, old
            xml = xml.replace(old, new)
        parts[part] = xml.encode()
        docx.write_bytes(write_parts(parts))
        return load_template(tmp_path / f"{key}.json")

    return edit
