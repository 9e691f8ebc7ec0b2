"""Dividing a budget over the municipalities pro rata their inhabitants, in euro cents.

Two methods (docs/cost_share.md):

- `largest_remainder` (the default): every municipality gets the whole cents of its exact share
  (rounded down), and the cents left over go one each to the largest remainders. The amounts add
  up to the budget exactly. Equal remainders are broken by the larger number of inhabitants, then
  by the name in alphabetical order: a rule on the figures themselves, never on the order of the
  list.
- `rounded_shares`: each exact share rounded to the nearest cent on its own (a half cent up), as a
  spreadsheet does. This is the method of the seed's Tabel 1; its amounts need not add up to the
  budget (in Tabel 1 they are off by up to 3 cents).

Pure: exact arithmetic on integers (`Fraction`), no floats, no I/O."""

import re
from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from math import floor

from workflow.errors import InvalidInput, reason

MAX_BUDGET_CENTS = 100_000_000_000  # a thousand million euro: anything above is a typing error
# Digits 0-9 only (no other scripts' digits, no exponent, no thousands separators), a point.
AMOUNT = re.compile(r"-?[0-9]{1,20}(?:\.(?P<decimals>[0-9]{1,20}))?", re.ASCII)


class Method(StrEnum):
    LARGEST_REMAINDER = "largest_remainder"
    ROUNDED_SHARES = "rounded_shares"


def exact_shares(budget_cents: int, weights: Mapping[str, int]) -> dict[str, Fraction]:
    total = sum(weights.values())
    return {name: Fraction(budget_cents * weight, total) for name, weight in weights.items()}


def largest_remainder(budget_cents: int, weights: Mapping[str, int]) -> dict[str, int]:
    """Whole cents that add up to `budget_cents`; ties by more inhabitants, then by name."""
    shares = exact_shares(budget_cents, weights)
    amounts = {name: floor(share) for name, share in shares.items()}
    left = budget_cents - sum(amounts.values())
    order = sorted(shares, key=lambda n: (-(shares[n] - amounts[n]), -weights[n], n))
    for name in order[:left]:
        amounts[name] += 1
    return amounts


def rounded_shares(budget_cents: int, weights: Mapping[str, int]) -> dict[str, int]:
    """Each share rounded to the nearest cent, a half cent up; the sum may differ from the
    budget by a few cents."""
    shares = exact_shares(budget_cents, weights)
    return {name: floor(share + Fraction(1, 2)) for name, share in shares.items()}


def allocate(budget_cents: int, weights: Mapping[str, int], method: Method) -> dict[str, int]:
    """`budget_cents` over `weights` (inhabitants, each above zero) by `method`."""
    if not weights or any(w <= 0 for w in weights.values()):
        raise ValueError("every weight must be above zero, and there must be one")
    if method is Method.ROUNDED_SHARES:
        return rounded_shares(budget_cents, weights)
    return largest_remainder(budget_cents, weights)


def parse_budget(text: str, field: str = "budget") -> int:
    """A budget in euro as typed ("97500.00", "97500"; "97500,5" and "1e5" are refused) as whole
    cents; a clear problem naming `field` when it is not a positive amount with at most two
    decimals."""
    typed = AMOUNT.fullmatch(text.strip())
    if typed is None:
        # The value is not repeated: it may hold characters a terminal would act on.
        why = reason(
            "cost_share.budget_not_a_number",
            "not an amount in euro with digits and a decimal point, such as 97500.00",
        )
        raise InvalidInput([(field, why)])
    if len(typed.group("decimals") or "") > 2:
        why = reason("cost_share.budget_decimals", "at most two decimals (whole cents)")
        raise InvalidInput([(field, why)])
    cents = Decimal(typed.group(0)) * 100
    if not 0 < cents <= MAX_BUDGET_CENTS:
        why = reason(
            "cost_share.budget_range",
            "must be above 0 and at most {maximum} euro",
            maximum=MAX_BUDGET_CENTS // 100,
        )
        raise InvalidInput([(field, why)])
    return int(cents)


def euro(cents: int) -> str:
    """Cents as an amount with two decimals and a point: 9750000 is "97500.00"."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}.{part:02d}"
