"""Page forms: rows without JavaScript, and schema errors keyed to the field they belong to."""

from iop.errors import Conflict, Invalid
from iop.web.forms import REQUIRED, FormState, Versioned, differences, flatten_messages, integer
from iop.web.listing import Pager

FIELDS = ("id", "name", "email")


def rows_form(values, **action) -> FormState:
    return FormState({**values, **action}, labels={"contacts-name": "Namn"},
                     row_labels={"contacts": "Person"})


def test_nested_schema_messages_are_keyed_by_flat_field_names():
    assert flatten_messages({"name": ["a"], "contacts": {0: {"email": ["b"]}, 2: {"name": ["c"]}}}) == \
        {"name": ["a"], "contacts-0-email": ["b"], "contacts-2-name": ["c"]}
    assert flatten_messages({"contacts": [{"1": {"name": ["c"]}}]}) == {"contacts-1-name": ["c"]}


def test_empty_rows_are_dropped_and_the_rest_renumbered_with_one_empty_row_after():
    form = rows_form({"contacts-0-name": "", "contacts-0-id": "7", "contacts-3-name": "Olle", "other": "x"})
    assert form.take_rows("contacts", FIELDS) == [{"name": "Olle"}]
    assert form.values == {"contacts-0-name": "Olle", "other": "x"}
    assert form.row_count("contacts") == 2
    assert form.row_filled("contacts", 0) and not form.row_filled("contacts", 1)


def test_the_add_button_keeps_the_empty_rows_and_adds_one():
    form = rows_form({"contacts-0-name": "Lena", "contacts-1-name": ""}, add_row="contacts")
    form.take_rows("contacts", FIELDS)
    assert form.row_count("contacts") == 3 and form.reshaping


def test_the_remove_button_drops_its_row_only():
    form = rows_form({"contacts-0-name": "Lena", "contacts-1-name": "Olle"}, remove_row="contacts-0")
    assert form.take_rows("contacts", FIELDS) == [{"name": "Olle"}]
    assert form.reshaping


def test_a_required_message_becomes_the_fields_own_plain_message():
    form = FormState(missing={"name": "Ange namnet.", "contacts-name": "Ange personens namn."},
                     row_labels={"contacts": "Person"}, labels={"contacts-name": "Namn"})
    form.fail(Invalid({"name": [REQUIRED], "contacts": {1: {"name": [REQUIRED]}}}))
    assert form.errors == {"name": ["Ange namnet."], "contacts-1-name": ["Ange personens namn."]}
    assert form.summary()[1] == ("contacts-1-name", "Person 2: Namn", "Ange personens namn.")
    assert form.problem is None


def test_a_conflict_shows_its_message_above_the_form_and_its_field_errors_beside_them():
    form = FormState()
    form.fail(Conflict("Numret är redan registrerat.", {"org_number": ["Redan registrerat."]}))
    assert form.problem == "Numret är redan registrerat."
    assert form.errors_for("org_number") == ["Redan registrerat."]


def test_a_stale_save_lists_each_changed_field_and_row_group_as_the_user_reads_it():
    stored = {"name": "Förening", "legal_form": "stiftelse", "phone": "",
              "contacts-0-name": "Lena", "contacts-0-email": "lena@x.se"}
    typed = FormState({"name": "Föreningen", "legal_form": "stiftelse", "phone": " ",
                       "contacts-0-name": "Lena", "contacts-0-email": "lena@x.se", "contacts-1-name": "Olle"},
                      labels={"name": "Namn", "legal_form": "Form", "phone": "Telefon",
                              "contacts": "Personer"})
    versioned = Versioned(current=lambda: 2, stored=lambda: stored, fields=("name", "legal_form", "phone"),
                          rows={"contacts": ("name", "email")},
                          shown=lambda name, value: value.upper() if name == "legal_form" else value)
    assert differences(typed, versioned) == [
        ("Namn", "Förening", "Föreningen"),  # an untouched field, or blank against empty, is no difference
        ("Personer", "Lena, lena@x.se", "Lena, lena@x.se; Olle")]
    assert differences(FormState(stored, labels=typed.labels), versioned) == []


def test_a_typed_number_is_a_number_and_anything_else_stays_as_typed_for_the_schema():
    assert (integer(" 12 "), integer(""), integer("12a"), integer("1" * 13)) == (12, None, "12a", "1" * 13)


def test_paging_links_show_the_ends_and_the_pages_around_this_one():
    pager = Pager(items=[1], page=7, per_page=25, total=25 * 20, total_pages=20)
    assert pager.window() == [1, None, 5, 6, 7, 8, 9, None, 20]
    assert (pager.first_index, pager.last_index) == (151, 151)
