"""Small-cell suppression of a table of counts with its margins (docs/figures.md).

The table with its row totals, column totals and grand total is read as a set of linear
equations: each row and each column sums to its total. A hidden cell can be worked out exactly
when it is a *bridge* in the graph whose nodes are the rows and columns (totals included) and
whose edges are the hidden cells: adding and subtracting the equations of the rows and columns
on one side of it leaves that cell alone. A cell whose row or column hides nothing else is the
simplest bridge; a naive rule that only makes sure every row and column hides two cells or
none still leaves bridges between two blocks of hidden cells (tests/unit/test_suppression.py).

Primary suppression hides every count from 1 to threshold - 1 (a zero says nobody was counted
and is shown). Secondary suppression then hides, while a hidden cell is a bridge, the cheapest
shown cell that closes a cycle through it: a count above zero before a zero (a hidden zero
shields little: that nobody was counted is often known), then one whose row and column already
hide a cell before one that starts a new line (a bridge of its own), inner cells before totals,
the smallest count first, then the first in reading order, so that the same table always hides
the same cells.
"""

from collections.abc import Sequence
from dataclasses import dataclass

Cell = tuple[int, int]  # (row, column) in the extended table: the last row and column are totals
Node = tuple[str, int]  # ("r", row) or ("c", column)


@dataclass(frozen=True)
class Suppressed:
    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    total: int | None


def extended(cells: Sequence[Sequence[int]]) -> list[list[int]]:
    """The table with a total column on the right and a total row at the bottom."""
    width = len(cells[0]) if cells else 0
    rows = [[*row, sum(row)] for row in cells]
    bottom = [sum(row[j] for row in rows) for j in range(width + 1)]
    return [*rows, bottom]


def _bridges(hidden: set[Cell]) -> list[Cell]:
    """The hidden cells that are bridges (Tarjan's low links, one depth-first pass)."""
    near: dict[Node, list[tuple[Node, Cell]]] = {}
    for row, column in hidden:
        near.setdefault(("r", row), []).append((("c", column), (row, column)))
        near.setdefault(("c", column), []).append((("r", row), (row, column)))
    order: dict[Node, int] = {}
    low: dict[Node, int] = {}
    found: list[Cell] = []
    for root in sorted(near):
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack: list[tuple[Node, Cell | None, int]] = [(root, None, 0)]
        while stack:
            node, via, index = stack.pop()
            if index < len(near[node]):
                stack.append((node, via, index + 1))
                other, edge = near[node][index]
                if edge == via:
                    continue
                if other in order:
                    low[node] = min(low[node], order[other])
                else:
                    order[other] = low[other] = len(order)
                    stack.append((other, edge, 0))
            elif stack:
                parent = stack[-1][0]
                low[parent] = min(low[parent], low[node])
                if via is not None and low[node] > order[parent]:
                    found.append(via)
    return sorted(found)


def _component(edges: set[Cell], start: tuple[str, int]) -> set[tuple[str, int]]:
    """The rows ("r", i) and columns ("c", j) reachable from `start` over `edges`."""
    near: dict[tuple[str, int], list[tuple[str, int]]] = {}
    for row, column in edges:
        near.setdefault(("r", row), []).append(("c", column))
        near.setdefault(("c", column), []).append(("r", row))
    seen, todo = {start}, [start]
    while todo:
        for other in near.get(todo.pop(), []):
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return seen


def _connected(edges: set[Cell], cell: Cell) -> bool:
    return ("c", cell[1]) in _component(edges, ("r", cell[0]))


def _closing_cell(table: list[list[int]], hidden: set[Cell], bridge: Cell) -> Cell:
    """The cheapest shown cell between the two sides of `bridge`."""
    side = _component(hidden - {bridge}, ("r", bridge[0]))
    last_row, last_column = len(table) - 1, len(table[0]) - 1
    touched_rows = {r for r, _ in hidden}
    touched_columns = {c for _, c in hidden}
    best: tuple[bool, int, bool, int, Cell] | None = None
    for row, values in enumerate(table):
        row_in = ("r", row) in side
        row_fresh = row not in touched_rows
        for column, value in enumerate(values):
            if (("c", column) in side) == row_in or (row, column) in hidden:
                continue
            fresh = row_fresh + (column not in touched_columns)
            cost = (
                value == 0,
                fresh,
                row == last_row or column == last_column,
                value,
                (row, column),
            )
            if best is None or cost < best:
                best = cost
    assert best is not None, "a bridge of a complete table always has a cell across it"
    return best[-1]


def hidden_cells(table: list[list[int]], threshold: int) -> set[Cell]:
    """The cells of an extended table to hide: primary, then secondary until no bridge."""
    hidden = {
        (row, column)
        for row, values in enumerate(table)
        for column, value in enumerate(values)
        if 0 < value < threshold
    }
    while bridges := _bridges(hidden):
        hidden.add(_closing_cell(table, hidden, bridges[0]))
    return hidden


def suppress(cells: Sequence[Sequence[int]], threshold: int) -> Suppressed:
    """`cells` (rows of counts) with small counts and what would reveal them as None."""
    table = extended(cells)
    hidden = hidden_cells(table, threshold) if cells and cells[0] else set()
    shown = [
        [None if (r, c) in hidden else value for c, value in enumerate(row)]
        for r, row in enumerate(table)
    ]
    return Suppressed(
        cells=[row[:-1] for row in shown[:-1]],
        row_totals=[row[-1] for row in shown[:-1]],
        column_totals=shown[-1][:-1],
        total=shown[-1][-1],
    )
