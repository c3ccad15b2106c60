import pytest

from iop.reports.similarity import similar, similarity


@pytest.mark.parametrize("first, second", [
    ("Läxhjälp för barn och unga i Norra Sjöstad", "Läxhjälp för elever i årskurs 4–9 i Norra Sjöstad"),
    ("Verksamhetsbidrag", "Verksamhetsbidrag 2026"),
    ("Stöd till våldsutsatta kvinnor", "Stödverksamhet för våldsutsatta kvinnor och barn"),
    ("Ungdomsverksamhet på helger", "Verksamhet för ungdomar på helgerna"),
])
def test_purposes_worth_a_second_look_are_similar(first, second):
    assert similar(first, second) and similar(second, first)


@pytest.mark.parametrize("first, second", [
    ("Stöd till hemlösa", "Sommarläger för barn"),
    ("Stöd till barn", "Läger för barn"),  # one shared word of two is not enough
    ("Lokalbidrag för klubbstugan", "Aktivitetsstöd för barn och ungdomar"),
    ("", "Läxhjälp"),
    ("och för till", "och för till"),
])
def test_different_purposes_are_not(first, second):
    assert not similar(first, second)


def test_the_score_and_the_shared_words_explain_the_flag():
    score, shared = similarity("Läxhjälp för barn och unga i Norra Sjöstad", "Läxhjälpen för barn och unga")
    assert score == 1.0 and shared == ("barn", "läxhjälp", "unga")
