"""What a refused report says about each field, every text once, each with the key by which the
entry points say it in the person's language (config/texts). No semicolons: a list of problems
is joined by them."""

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from workflow.errors import NOT_AN_OBJECT, Reason, reason

__all__ = ["NOT_AN_OBJECT"]

BORN_AFTER_REPORT = reason("intake.born_after_report", "lies after received_at")


def received_before(floor: datetime) -> Reason:
    return reason(
        "intake.received_before",
        "lies before {day}, the earliest a report can be received",
        day=floor.date().isoformat(),
    )


def received_in_future(skew: timedelta) -> Reason:
    minutes = int(skew.total_seconds() // 60)
    return reason(
        "intake.received_in_future",
        "lies in the future (more than {minutes} minutes after now)",
        minutes=minutes,
    )


def born_before(floor: date) -> Reason:
    return reason(
        "intake.born_before",
        "lies before {day} (give age_estimate instead when the year is unsure)",
        day=floor.isoformat(),
    )


def not_an_email(why: str) -> Reason:
    return reason("intake.not_an_email", "not an e-mail address: {why}", why=why)


def not_a_phone_number(example: str) -> Reason:
    return reason(
        "intake.not_a_phone_number",
        "not a phone number: give a Dutch one ({example}) or one with + and the country code",
        example=example,
    )


def in_region(name: str, region: str) -> Reason:
    return reason(
        "intake.in_region",
        "'{name}' is in {region}, so subject.outside_twente must be false",
        name=name,
        region=region,
    )


def unknown_municipality(name: str, region: str, names: Sequence[str]) -> Reason:
    return reason(
        "intake.unknown_municipality",
        "'{name}' is not one of the {count} municipalities of {region} ({names}), or set "
        "subject.outside_twente to true for one outside the region",
        name=name,
        count=len(names),
        region=region,
        names=", ".join(names),
    )


def unknown_signal(code: str, version: str) -> Reason:
    return reason(
        "intake.unknown_signal",
        "unknown signal '{code}' (the risk instrument {version}: meldpunt risk indicators)",
        code=code,
        version=version,
    )
