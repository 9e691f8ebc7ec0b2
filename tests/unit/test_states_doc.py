"""docs/states.md is generated from the machine; this fails when they drift apart."""

from pathlib import Path

from states.diagram import document
from states.lifecycle import MOVES

DOC = Path(__file__).resolve().parents[2] / "docs" / "states.md"


def test_docs_states_md_equals_the_generated_diagram() -> None:
    assert DOC.read_text(encoding="utf-8") == document(), (
        "docs/states.md is stale: run `meldpunt states diagram --write docs/states.md`"
    )


def test_the_diagram_draws_every_move() -> None:
    text = document()
    for move in MOVES:
        assert f"{move.source} --> {move.dest}: {move.trigger}" in text
