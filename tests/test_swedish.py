"""The one Swedish presentation module: what a person reads for a number, date, count or label."""

from datetime import date
from decimal import Decimal

from iop import swedish

NB = "\u00a0"


def test_kronor_whole_with_no_break_spaces_between_thousands():
    assert swedish.kronor(1234567) == f"1{NB}234{NB}567 kr"
    assert swedish.kronor(Decimal("250000.00")) == f"250{NB}000 kr"
    assert swedish.kronor(99.5) == "100 kr"
    assert swedish.kronor(-1500) == f"-1{NB}500 kr"
    assert "\u202f" not in swedish.kronor(10**9)


def test_kronor_with_ore_only_when_there_are_any():
    assert swedish.kronor_ore(250000) == f"250{NB}000 kr"
    assert swedish.kronor_ore(Decimal("1234.5")) == f"1{NB}234,50 kr"


def test_hours_and_numbers_round_half_up():
    assert swedish.hours(12.25) == "12,25 tim"
    assert swedish.hours(1200) == f"1{NB}200 tim"
    assert swedish.number(12.345) == "12,35"
    assert swedish.number(Decimal("0.125")) == "0,13"
    assert swedish.number(2.5, decimals=0) == "3"
    assert swedish.number(7.5) == "7,5"
    assert swedish.number("1 200,5") == f"1{NB}200,5"


def test_percent():
    assert swedish.percent(0.125) == f"12,5{NB}%"
    assert swedish.percent(1) == f"100{NB}%"


def test_missing_is_an_en_dash_everywhere():
    for function in (swedish.kronor, swedish.kronor_ore, swedish.hours, swedish.number, swedish.percent,
                     swedish.months, swedish.days, swedish.times, swedish.date_iso, swedish.date_long):
        assert function(None) == swedish.MISSING == "–"
    assert swedish.kronor("") == "–"
    assert swedish.count(None, "dag", "dagar") == "–"


def test_singular_and_plural():
    assert swedish.count(1, "överenskommelse", "överenskommelser") == "1 överenskommelse"
    assert swedish.count(2, "överenskommelse", "överenskommelser") == "2 överenskommelser"
    assert swedish.count(0, "överenskommelse", "överenskommelser") == "0 överenskommelser"
    assert swedish.months(1) == "1 månad"
    assert swedish.months(3) == "3 månader"
    assert swedish.days(1) == "1 dag"
    assert swedish.days(30) == "30 dagar"
    assert swedish.times(1) == "en gång"
    assert swedish.times(2) == "två gånger"
    assert swedish.times(14) == "14 gånger"


def test_dates():
    assert swedish.date_long(date(2026, 7, 1)) == "1 juli 2026"
    assert swedish.date_long("2027-03-31") == "31 mars 2027"
    assert swedish.date_long(date(2027, 2, 26), weekday=True) == "fredag 26 februari 2027"
    assert swedish.date_iso(date(2026, 7, 1)) == "2026-07-01"


def test_labels_from_enum_members_and_values():
    from iop.agreements.models import ResourceType, Status

    assert swedish.label(Status.IN_REVIEW, "agreement_status") == "Under juridisk granskning"
    assert swedish.label("in_kind", "resource_type") == "Annat i natura"
    assert swedish.label(ResourceType.IN_KIND, "resource_type") == "Annat i natura"
    assert swedish.label(None, "resource_type") == "–"
    assert list(swedish.labels(Status, "agreement_status")) == list(Status)


def test_every_enum_a_person_reads_has_a_label_for_each_member():
    from iop.agreements.models import Kind, Party, Per, ResourceType, Status
    from iop.initiatives.models import InitiativeStatus, Outcome
    from iop.organisations.models import LegalForm
    from iop.outbox.models import MessageStatus
    from iop.reminders.keydates import KeyDateKind
    from iop.reviews.models import Decision
    from iop.roles import Role

    groups = {"agreement_kind": Kind, "agreement_status": Status, "party": Party, "per": Per,
              "resource_type": ResourceType, "role": Role, "initiative_status": InitiativeStatus,
              "initiative_outcome": Outcome, "legal_form": LegalForm, "message_status": MessageStatus,
              "reminder_kind": KeyDateKind, "reminder_kind_short": KeyDateKind, "review_decision": Decision}
    for group, enum_class in groups.items():
        assert set(swedish.LABELS[group]) == {m.value for m in enum_class}, group
