"""Small-cell suppression: no hidden cell follows from the shown cells and totals, including
tables where a naive method (each row and column hides two cells or none) leaks one."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workflow.suppression import extended, hidden_cells, suppress

Table = list[list[int]]


def _solvable(table: Table, hidden: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The hidden cells an analyst can work out exactly from the shown ones: Gaussian
    elimination over the rows' and columns' sums (each a linear equation)."""
    order = sorted(hidden)
    index = {cell: i for i, cell in enumerate(order)}
    equations: list[list[float]] = []
    last_row, last_column = len(table) - 1, len(table[0]) - 1
    lines = [[(r, c) for c in range(last_column + 1)] for r in range(last_row + 1)]
    lines += [[(r, c) for r in range(last_row + 1)] for c in range(last_column + 1)]
    for line in lines:
        *parts, total = line
        coefficients = [0.0] * len(order)
        for cell, sign in [*((p, 1.0) for p in parts), (total, -1.0)]:
            if cell in index:
                coefficients[index[cell]] += sign
        if any(coefficients):
            equations.append(coefficients)
    # Reduced row echelon form; a unknown is determined when a row has it as its only entry.
    rows, pivot_row = [e[:] for e in equations], 0
    for column in range(len(order)):
        pivot = next((r for r in range(pivot_row, len(rows)) if abs(rows[r][column]) > 1e-9), None)
        if pivot is None:
            continue
        rows[pivot_row], rows[pivot] = rows[pivot], rows[pivot_row]
        lead = rows[pivot_row][column]
        rows[pivot_row] = [v / lead for v in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and abs(rows[r][column]) > 1e-9:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[pivot_row], strict=True)]
        pivot_row += 1
    found = set()
    for row in rows:
        nonzero = [i for i, v in enumerate(row) if abs(v) > 1e-9]
        if len(nonzero) == 1:
            found.add(order[nonzero[0]])
    return found


def _naive(table: Table, threshold: int) -> set[tuple[int, int]]:
    """Hide small cells, then in each row and column with one hidden cell hide the smallest
    other: the method that leaks."""
    hidden = {(r, c) for r, row in enumerate(table) for c, v in enumerate(row) if 0 < v < threshold}
    changed = True
    while changed:
        changed = False
        lines = [[(r, c) for c in range(len(table[0]))] for r in range(len(table))]
        lines += [[(r, c) for r in range(len(table))] for c in range(len(table[0]))]
        for line in lines:
            if sum(cell in hidden for cell in line) == 1:
                shown = [cell for cell in line if cell not in hidden]
                hidden.add(min(shown, key=lambda cell: (table[cell[0]][cell[1]], cell)))
                changed = True
    return hidden


# Two blocks of small counts, joined by one more small count (row 1, column 2): every row and
# column has two hidden cells or none, yet the joining cell follows from the totals.
LEAKY = [
    [3, 2, 50, 60],
    [2, 3, 4, 70],
    [80, 90, 3, 2],
    [60, 70, 2, 3],
]


def test_the_naive_method_leaks_a_cell_here() -> None:
    table = extended(LEAKY)
    hidden = _naive(table, 5)
    assert (1, 2) in hidden
    assert (1, 2) in _solvable(table, hidden)


def test_no_hidden_cell_can_be_worked_out_here() -> None:
    table = extended(LEAKY)
    hidden = hidden_cells(table, 5)
    assert {(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 2), (2, 3), (3, 2), (3, 3)} <= hidden
    assert _solvable(table, hidden) == set()


def test_a_single_small_cell_in_a_column_hides_a_second() -> None:
    shown = suppress([[10], [3], [12], [7]], 5)
    assert shown.cells[1] == [None]
    assert sum(row == [None] for row in shown.cells) == 2
    assert shown.cells[3] == [None]  # the smallest other count
    assert shown.total == 32


def test_a_small_total_is_hidden_with_its_cells() -> None:
    shown = suppress([[1, 2, 0], [20, 30, 40]], 5)
    assert shown.row_totals[0] is None
    assert shown.cells[0][:2] == [None, None]
    assert shown.cells[0][2] == 0
    assert shown.total == 93


def test_nothing_small_nothing_hidden() -> None:
    shown = suppress([[5, 6], [0, 9]], 5)
    assert shown.cells == [[5, 6], [0, 9]]
    assert shown.row_totals == [11, 9] and shown.column_totals == [5, 15] and shown.total == 20


def test_the_same_table_always_hides_the_same_cells() -> None:
    table = extended([[3, 3, 9], [9, 3, 3], [3, 9, 9]])
    assert hidden_cells(table, 5) == hidden_cells([row[:] for row in table], 5)


@pytest.mark.parametrize("threshold", [3, 5])
def test_every_small_count_is_hidden(threshold: int) -> None:
    cells = [list(range(r, r + 4)) for r in range(0, 8, 2)]
    shown = suppress(cells, threshold)
    for r, c in itertools.product(range(4), range(4)):
        if 0 < cells[r][c] < threshold:
            assert shown.cells[r][c] is None


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda width: st.lists(
            st.lists(st.integers(0, 12), min_size=width, max_size=width), min_size=1, max_size=6
        )
    )
)
def test_no_hidden_cell_ever_follows_from_the_rest(cells: Table) -> None:
    table = extended(cells)
    hidden = hidden_cells(table, 5)
    assert all(
        not 0 < v < 5 or (r, c) in hidden for r, row in enumerate(table) for c, v in enumerate(row)
    )
    assert _solvable(table, hidden) == set()
