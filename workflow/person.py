"""How a data subject's request names the person (AVG art. 15): exactly one way, by their BSN,
by their name and date of birth, or by one of their cases. Whatever else is given, or nothing,
is refused with the fields named."""

from dataclasses import dataclass
from datetime import date

from workflow.errors import InvalidInput
from workflow.errors import reason as say
from workflow.report import bsn_is_valid


@dataclass(frozen=True)
class PersonNamed:
    bsn: str | None = None
    name: str | None = None
    date_of_birth: date | None = None
    case_id: str | None = None


def person_named(
    bsn: str | None = None,
    name: str | None = None,
    date_of_birth: date | None = None,
    case_id: str | None = None,
) -> PersonNamed:
    bsn, name, case_id = _given(bsn), _given(name), _given(case_id)
    ways = {
        "bsn": bsn is not None,
        "name": name is not None or date_of_birth is not None,
        "case_id": case_id is not None,
    }
    chosen = [way for way, given in ways.items() if given]
    if len(chosen) != 1:
        why = say(
            "person.one_way",
            "name the person in exactly one way: a BSN, a name with a date of birth, or a case",
        )
        raise InvalidInput([(way, why) for way in chosen or ways], "person")
    problems = []
    if bsn is not None and not bsn_is_valid(bsn.replace(" ", "").replace(".", "")):
        problems.append(
            ("bsn", say("person.bad_bsn", "not a valid BSN: 9 digits that pass the 11-test"))
        )
    if chosen == ["name"]:
        both = say("person.name_and_date", "give the name and the date of birth together")
        problems += [
            (f, both) for f, v in (("name", name), ("date_of_birth", date_of_birth)) if v is None
        ]
    if problems:
        raise InvalidInput(problems, "person")
    plain = bsn.replace(" ", "").replace(".", "") if bsn else None
    return PersonNamed(plain, name, date_of_birth, case_id)


def _given(text: str | None) -> str | None:
    stripped = (text or "").strip()
    return stripped or None
