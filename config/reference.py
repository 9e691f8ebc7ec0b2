"""Reference data shipped as data files in `config/data/`."""

import json
from pathlib import Path

from workflow.time_norms import TimeNorms

DATA = Path(__file__).with_name("data")


def load_time_norms(path: Path | None = None) -> TimeNorms:
    return TimeNorms.model_validate(json.loads((path or DATA / "time_norms.json").read_text()))
