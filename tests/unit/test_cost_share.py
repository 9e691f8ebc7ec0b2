"""The cost share: every cell of the seed's Tabel 1 from `rounded_shares`, and allocations by
`largest_remainder` that add up to the budget whatever the order of the list."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from config.reference import load_reference
from workflow.cost_share import Method, allocate, euro, parse_budget
from workflow.cost_share_table import cost_share
from workflow.errors import InvalidInput

MUNICIPALITIES = load_reference().municipalities

# The seed's Tabel 1, in cents: 2019 (from 1 July), 2020, 2021, the original total over 2.5
# years, and the total asked over 2.5 years (as printed: the same cells as 2021).
TABEL_1 = {
    "Almelo": (1127873, 2255746, 3094421, 6478039, 3094421),
    "Borne": (359098, 718196, 985218, 2062512, 985218),
    "Dinkelland": (408279, 816558, 1120150, 2344988, 1120150),
    "Enschede": (2457672, 4915345, 6742845, 14115862, 6742845),
    "Haaksbergen": (377221, 754441, 1034939, 2166601, 1034939),
    "Hellendoorn": (555885, 1111769, 1525119, 3192773, 1525119),
    "Hengelo": (1251548, 2503095, 3433734, 7188377, 3433734),
    "Hof van Twente": (542436, 1084872, 1488222, 3115531, 1488222),
    "Losser": (350138, 700275, 960634, 2011047, 960634),
    "Oldenzaal": (495616, 991231, 1359766, 2846613, 1359766),
    "Rijssen-Holten": (591617, 1183235, 1623155, 3398007, 1623155),
    "Tubbergen": (329422, 658843, 903798, 1892063, 903798),
    "Twenterand": (526488, 1052975, 1444466, 3023929, 1444466),
    "Wierden": (376708, 753416, 1033533, 2163657, 1033533),
}
COLUMNS = [
    (2019, "97500.00"),
    (2020, "195000.00"),
    (2021, "267500.00"),
    (2021, "560000.00"),
    (2021, "267500.00"),
]
INHABITANTS_2018 = 627_848


@pytest.mark.parametrize(("column", "year_and_budget"), list(enumerate(COLUMNS)))
def test_rounded_shares_give_every_cell_of_tabel_1(
    column: int, year_and_budget: tuple[int, str]
) -> None:
    year, budget = year_and_budget
    table = cost_share(MUNICIPALITIES, parse_budget(budget), year, Method.ROUNDED_SHARES)
    got = {row["municipality"]: row["share_cents"] for row in table["shares"]}
    assert got == {name: cells[column] for name, cells in TABEL_1.items()}
    assert table["inhabitants"] == INHABITANTS_2018
    assert {row["reference_date"] for row in table["shares"]} == {"2018-01-01"}


def test_the_seeds_columns_do_not_add_up_and_largest_remainder_does() -> None:
    """Tabel 1's printed totals are the budgets; its cells add up to a few cents beside them."""
    expected_sums = [9750001, 19499997, 26750000, 55999999, 26750000]
    for column, (year, budget) in enumerate(COLUMNS):
        cents = parse_budget(budget)
        assert sum(cells[column] for cells in TABEL_1.values()) == expected_sums[column]
        exact = cost_share(MUNICIPALITIES, cents, year, Method.LARGEST_REMAINDER)
        assert exact["total_cents"] == cents and exact["difference_cents"] == 0
        seed = cost_share(MUNICIPALITIES, cents, year, Method.ROUNDED_SHARES)
        assert seed["difference_cents"] == expected_sums[column] - cents


def test_largest_remainder_moves_the_seeds_odd_cents() -> None:
    """2019: the seed's cells are a cent over; the largest remainder leaves it with the share
    whose remainder is smallest of those rounded up (Hellendoorn: 5558.845453... is 5558.85 in
    the seed, 5558.84 here)."""
    table = cost_share(MUNICIPALITIES, 9750000, 2019, Method.LARGEST_REMAINDER)
    got = {row["municipality"]: row["share_cents"] for row in table["shares"]}
    differing = {n: (TABEL_1[n][0], got[n]) for n in got if got[n] != TABEL_1[n][0]}
    assert len(differing) == 1
    assert differing == {"Hellendoorn": (555885, 555884)}


def test_ties_go_to_more_inhabitants_then_to_the_name() -> None:
    # Exact 0.5, 5.5 and 4: one cent left, two equal remainders -> more inhabitants ("z").
    assert allocate(10, {"a": 1, "z": 11, "m": 8}, Method.LARGEST_REMAINDER) == {
        "a": 0,
        "z": 6,
        "m": 4,
    }
    # Exact 33 1/3 each: one cent left, equal remainders and inhabitants -> the name ("a").
    assert allocate(100, {"b": 1, "a": 1, "c": 1}, Method.LARGEST_REMAINDER) == {
        "a": 34,
        "b": 33,
        "c": 33,
    }
    # Exact 1/6, 1/6, 1/3, 1/3: the larger remainders first, then by name ("big" before "zz").
    shares = allocate(1, {"a": 1, "z": 1, "big": 2, "zz": 2}, Method.LARGEST_REMAINDER)
    assert shares == {"a": 0, "z": 0, "big": 1, "zz": 0}


weights = st.dictionaries(
    st.text(alphabet="abcdefghij", min_size=1, max_size=6),
    st.integers(min_value=1, max_value=2_000_000),
    min_size=1,
    max_size=20,
)
budgets = st.integers(min_value=1, max_value=100_000_000_000)


@given(weights, budgets, st.randoms(use_true_random=False))
def test_largest_remainder_adds_up_and_ignores_the_order(
    shares_of: dict[str, int], budget: int, shuffle: random.Random
) -> None:
    amounts = allocate(budget, shares_of, Method.LARGEST_REMAINDER)
    assert sum(amounts.values()) == budget
    names = list(shares_of)
    shuffle.shuffle(names)
    reordered = {name: shares_of[name] for name in names}
    assert allocate(budget, reordered, Method.LARGEST_REMAINDER) == amounts
    total = sum(shares_of.values())
    for name, amount in amounts.items():  # within one cent of the exact share, never below it
        exact = budget * shares_of[name] / total
        assert amount - 1 <= exact <= amount + 1


@given(weights, budgets, st.randoms(use_true_random=False))
def test_rounded_shares_ignore_the_order_and_stay_within_half_a_cent_each(
    shares_of: dict[str, int], budget: int, shuffle: random.Random
) -> None:
    amounts = allocate(budget, shares_of, Method.ROUNDED_SHARES)
    names = list(shares_of)
    shuffle.shuffle(names)
    assert allocate(budget, {n: shares_of[n] for n in names}, Method.ROUNDED_SHARES) == amounts
    assert abs(sum(amounts.values()) - budget) <= len(amounts) / 2


@pytest.mark.parametrize(
    ("typed", "cents"),
    [("97500.00", 9750000), ("97500", 9750000), (" 0.01 ", 1), ("0.5", 50), ("007", 700)],
)
def test_a_budget_is_read_as_cents(typed: str, cents: int) -> None:
    assert parse_budget(typed) == cents


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("97500,00", "cost_share.budget_not_a_number"),
        ("", "cost_share.budget_not_a_number"),
        ("NaN", "cost_share.budget_not_a_number"),
        ("Infinity", "cost_share.budget_not_a_number"),
        ("1e3", "cost_share.budget_not_a_number"),
        ("1_000", "cost_share.budget_not_a_number"),
        ("\u0661\u0662", "cost_share.budget_not_a_number"),  # Arabic-Indic digits
        ("97.500,00", "cost_share.budget_not_a_number"),
        ("1" * 30, "cost_share.budget_not_a_number"),
        ("97500.001", "cost_share.budget_decimals"),
        ("0", "cost_share.budget_range"),
        ("-5.00", "cost_share.budget_range"),
        ("1000000001", "cost_share.budget_range"),
    ],
)
def test_a_bad_budget_is_refused_naming_the_field(typed: str, key: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_budget(typed, "--budget")
    [(field, why)] = refused.value.problems
    assert field == "--budget"
    assert getattr(why, "key", None) == key


def test_a_year_before_the_figures_is_refused_naming_the_year() -> None:
    """2018 would need figures of 1 January 2017: there are none."""
    with pytest.raises(InvalidInput) as refused:
        cost_share(MUNICIPALITIES, 100, 2018, Method.LARGEST_REMAINDER)
    assert [field for field, _ in refused.value.problems] == ["year"]


def test_euro_says_cents_with_two_decimals() -> None:
    assert [euro(c) for c in (0, 5, 9750001, -3)] == ["0.00", "0.05", "97500.01", "-0.03"]
