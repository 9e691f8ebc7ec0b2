"""Numbers and euro amounts as a person of the language reads them in a table: 627.848 and
11.278,73 in Dutch, 627,848 and 11,278.73 in English. JSON keeps 627848 and "11278.73"."""

from adapters.cli.errors import texts


def said_number(value: int) -> str:
    grouped = f"{value:,}"
    return grouped.replace(",", ".") if texts().language == "nl" else grouped


def said_euro(cents: int) -> str:
    whole, part = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    decimal = "," if texts().language == "nl" else "."
    return f"{sign}{said_number(whole)}{decimal}{part:02d}"
