"""A bar chart drawn on the server as inline SVG (no script, no asset from another host): one
horizontal bar per label, its value written beside it in words, so that the chart never relies
on colour alone; a suppressed value is an outlined, hatched bar with the word for suppressed.
The chart carries a title and a description as its text alternative; the table beside it holds
every number (docs/ui.md)."""

from dataclasses import dataclass

LABEL_WIDTH = 230  # room for the longest municipality or category
BAR_WIDTH = 320
ROW = 26
BAR = 18
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    said: str  # the value in words beside the bar
    y: int
    width: int  # 0 for a zero or missing value
    suppressed: bool


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    width: int
    height: int
    label_width: int
    bars: list[Bar]


Value = int | float | None


def bar_chart(title: str, points: list[tuple[str, Value]], hidden: str, empty: str) -> Chart:
    """The chart of `points` (label, value); a None value is said as `hidden` (suppressed,
    drawn as a full outlined bar so that it stands out without colour) and a chart with no
    value above zero says `empty` in its description."""
    largest = max((v for _, v in points if v is not None), default=0) or 1
    bars: list[Bar] = []
    for i, (label, value) in enumerate(points):
        y = TOP + i * ROW
        if value is None:
            bars.append(Bar(label, hidden, y, BAR_WIDTH // 4, True))
            continue
        width = round(BAR_WIDTH * value / largest) if value > 0 else 0
        bars.append(Bar(label, _said(value), y, width, False))
    shown = "; ".join(f"{b.label}: {b.said}" for b in bars)
    any_value = any(v for _, v in points if v is not None)
    description = shown if any_value or any(b.suppressed for b in bars) else empty
    height = TOP * 2 + ROW * max(len(points), 1)
    width = LABEL_WIDTH + BAR_WIDTH + 90
    return Chart(title, description, width, height, LABEL_WIDTH, bars)


def _said(value: int | float) -> str:
    """A number as the region reads it: a decimal comma, at most two decimals (cents)."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.2f}".rstrip("0").replace(".", ",")
    return str(int(value))
