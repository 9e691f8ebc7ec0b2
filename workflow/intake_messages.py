"""What a refused report says about each field, every text once, so that a catalogue in another
language can replace this module whole. No semicolons: a list of problems is joined by them."""

from collections.abc import Sequence
from datetime import date, datetime, timedelta

NOT_AN_OBJECT = "must be a JSON object"
BORN_AFTER_REPORT = "lies after received_at"


def received_before(floor: datetime) -> str:
    return f"lies before {floor.date().isoformat()}, the earliest a report can be received"


def received_in_future(skew: timedelta) -> str:
    minutes = int(skew.total_seconds() // 60)
    return f"lies in the future (more than {minutes} minutes after now)"


def born_before(floor: date) -> str:
    return f"lies before {floor.isoformat()} (give age_estimate instead when the year is unsure)"


def not_an_email(reason: str) -> str:
    return f"not an e-mail address: {reason}"


def not_a_phone_number(example: str) -> str:
    return f"not a phone number: give a Dutch one ({example}) or one with + and the country code"


def in_region(name: str, region: str) -> str:
    return f"'{name}' is in {region}, so subject.outside_twente must be false"


def unknown_municipality(name: str, region: str, names: Sequence[str]) -> str:
    return (
        f"'{name}' is not one of the {len(names)} municipalities of {region} "
        f"({', '.join(names)}), or set subject.outside_twente to true for one outside the region"
    )


def unknown_signal(code: str, version: str) -> str:
    return f"unknown signal '{code}' (the risk instrument {version}: meldpunt risk indicators)"
