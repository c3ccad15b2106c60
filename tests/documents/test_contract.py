"""The data contract: the sample data, the templates and the renderer agree on every name."""

import pytest

from iop.documents.context import build_context
from iop.documents.contract import CONTEXT, DATA, OPTIONAL_DATA, DocumentDataError
from iop.documents.sample import SAMPLE_AGREEMENT, SAMPLE_SIGNATURES


def _shape_of(value):
    if isinstance(value, dict):
        return {key: _shape_of(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape_of(value[0])] if value else []
    return None


def _within(sample_shape, contract_shape, path=""):
    if isinstance(sample_shape, dict):
        for key, shape in sample_shape.items():
            assert isinstance(contract_shape, dict) and key in contract_shape, f"{path}{key}"
            _within(shape, contract_shape[key], f"{path}{key}.")
    elif isinstance(sample_shape, list) and sample_shape:
        _within(sample_shape[0], contract_shape[0], f"{path}[].")


def test_every_name_in_the_sample_data_is_in_the_contract():
    _within(_shape_of(SAMPLE_AGREEMENT), DATA)
    _within(_shape_of(SAMPLE_SIGNATURES), CONTEXT)


def test_every_optional_key_is_part_of_the_contract():
    assert set(OPTIONAL_DATA) <= set(DATA)


def test_the_context_offers_every_name_of_the_contract(templates):
    context = build_context(SAMPLE_AGREEMENT, template=templates["iop"], signed=True,
                            **SAMPLE_SIGNATURES)
    assert set(CONTEXT) <= set(context)


def test_data_missing_a_required_key_is_refused_naming_it(templates):
    data = {k: v for k, v in SAMPLE_AGREEMENT.items() if k not in ("municipality", "resources")}
    with pytest.raises(DocumentDataError, match="saknar municipality, resources"):
        build_context(data, template=templates["iop"], signed=False, signed_on=None, signatories=())


@pytest.mark.parametrize(("key", "value"), [("revision", "3"), ("notice_period_months", 6.5)])
def test_whole_numbers_must_be_whole_numbers(templates, key, value):
    with pytest.raises(DocumentDataError, match=key):
        build_context({**SAMPLE_AGREEMENT, key: value}, template=templates["iop"], signed=False,
                      signed_on=None, signatories=())


def test_an_amount_that_is_not_a_number_is_refused_naming_the_resource(templates):
    resources = [dict(SAMPLE_AGREEMENT["resources"][0], amount_sek="mycket")]
    with pytest.raises(DocumentDataError, match=r"resources\[0\].amount_sek"):
        build_context({**SAMPLE_AGREEMENT, "resources": resources}, template=templates["iop"],
                      signed=False, signed_on=None, signatories=())
