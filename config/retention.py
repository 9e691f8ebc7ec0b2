"""The retention rules shipped in `config/data/retention_rules.json`."""

from pathlib import Path

from config.reference import DATA
from workflow.retention import RetentionRules


def load_retention_rules(path: Path | None = None) -> RetentionRules:
    rules = RetentionRules.model_validate_json(
        (path or DATA / "retention_rules.json").read_text("utf-8")
    )
    if not rules.watch_fits():
        raise ValueError("every retention rule must cover the re-victimisation watch")
    if "records" not in rules.model_fields_set or rules.records.problems():
        problems = rules.records.problems() or ["records: the non-case records need terms"]
        raise ValueError("; ".join(problems))
    return rules
