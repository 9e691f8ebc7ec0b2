"""The server-drawn bar chart: bars in proportion to the largest value, each value said beside
its bar, a suppressed value a bar of its own with the word, and a text alternative naming all."""

from adapters.web.bar_chart import BAR_WIDTH, bar_chart


def test_bars_in_proportion_with_every_value_said() -> None:
    chart = bar_chart("Meldingen", [("Almelo", 8), ("Borne", 2), ("Losser", 0)], "x", "leeg")
    widths = [bar.width for bar in chart.bars]
    assert widths == [BAR_WIDTH, BAR_WIDTH // 4, 0]
    assert [bar.said for bar in chart.bars] == ["8", "2", "0"]
    assert chart.description == "Almelo: 8; Borne: 2; Losser: 0"
    assert [bar.y for bar in chart.bars] == sorted({bar.y for bar in chart.bars})


def test_a_suppressed_value_is_said_not_drawn_to_scale() -> None:
    chart = bar_chart("Meldingen", [("Enschede", None), ("Hengelo", 0)], "onderdrukt", "leeg")
    hidden = chart.bars[0]
    assert hidden.suppressed and hidden.said == "onderdrukt" and hidden.width > 0
    assert chart.description == "Enschede: onderdrukt; Hengelo: 0"


def test_an_empty_chart_says_so_and_decimals_use_a_comma() -> None:
    assert bar_chart("Leeg", [("2026", 0)], "x", "geen aantallen").description == "geen aantallen"
    shares = bar_chart("Aandeel", [("2018", 80.5), ("2019", 75.0), ("Borne", 3590.98)], "x", "")
    assert [bar.said for bar in shares.bars] == ["80,5", "75", "3590,98"]
