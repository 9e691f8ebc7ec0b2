"""Recognising the same person: normalisation, keyed hashes, near matches."""

from datetime import date

import pytest

from workflow.report import Sex, Subject
from workflow.subjects import SubjectKeys, name_similarity, normalise_bsn, normalise_name

keys = SubjectKeys(b"k" * 32)


def subject(**fields: object) -> Subject:
    return Subject.model_validate({"municipality": "Enschede", "sex": Sex.FEMALE, **fields})


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("Fenna Testpersoon", "fenna testpersoon"),
        ("Testpersoon, Fénna", "fenna testpersoon"),
        ("  FENNA   testpersoon ", "fenna testpersoon"),
        ("Zoë van 't Hof", "hof t van zoe"),
    ],
)
def test_names_are_normalised(raw: str, normal: str) -> None:
    assert normalise_name(raw) == normal


def test_a_bsn_is_normalised_to_nine_digits() -> None:
    assert normalise_bsn("1112.22.333") == "111222333"
    assert normalise_bsn("12345678") == "012345678"


def test_the_bsn_key_wins_and_the_same_person_gets_the_same_key() -> None:
    a = keys.identify(
        subject(name="Fenna Testpersoon", date_of_birth=date(2010, 3, 14), bsn="111222333")
    )
    b = keys.identify(subject(name="F. Testpersoon", bsn="111 222 333"))
    assert a.subject_key == b.subject_key
    assert a.name_dob_key != b.name_dob_key


def test_without_a_bsn_name_and_birth_date_make_the_key() -> None:
    a = keys.identify(subject(name="Fenna Testpersoon", date_of_birth=date(2010, 3, 14)))
    b = keys.identify(subject(name="testpersoon fenna", date_of_birth=date(2010, 3, 14)))
    c = keys.identify(subject(name="Fenna Testpersoon", date_of_birth=date(2010, 3, 15)))
    assert a.subject_key == b.subject_key == a.name_dob_key
    assert a.subject_key != c.subject_key


def test_an_anonymous_subject_has_no_key() -> None:
    identity = keys.identify(subject(age_estimate=15))
    assert identity.subject_key is None and identity.dob_key is None


def test_keys_depend_on_the_secret_and_hide_the_identifier() -> None:
    person = subject(bsn="111222333")
    other_secret = SubjectKeys(b"x" * 32).identify(person)
    key = keys.identify(person).subject_key
    assert key is not None and key != other_secret.subject_key
    assert "111222333" not in key


def test_a_short_secret_is_refused() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        SubjectKeys(b"short")


def test_similar_names_score_high_and_others_low() -> None:
    assert name_similarity("Fenna Testpersoon", "Fena Testpersoon") > 0.9
    assert name_similarity("Fenna Testpersoon", "Testpersoon, Fenna") == 1.0
    assert name_similarity("Fenna Testpersoon", "Jan Jansen") < 0.5
