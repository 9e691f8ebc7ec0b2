"""The case page's action forms come from the triggers' data models: every trigger has a form
whose every field and choice has words in both languages, and a posted form becomes the
model's data (empty fields left out, so the model names what is missing)."""

import pytest
from starlette.datastructures import FormData

from adapters.web.forms import data_from, fields_of
from config.texts import Texts
from workflow.activity_data import ActivityData, FollowUpData
from workflow.transition_data import DATA_MODELS, AssessRiskData, CloseData

MODELS = [*DATA_MODELS.values(), ActivityData, FollowUpData]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_field_and_choice_has_words(model: type, language: str) -> None:
    t = Texts(language)  # type: ignore[arg-type]
    for field in fields_of(model, t, []):
        assert "." not in field.label and field.label, (model.__name__, field.name)
        for option in field.options:
            assert "." not in option.label and option.label, (field.name, option.value)


def test_a_posted_form_becomes_the_models_data() -> None:
    form = FormData(
        [
            ("level", "high"),
            ("indicators", "runs_away"),
            ("indicators", "older_boyfriend"),
            ("rationale", "  "),
            ("dropped.truancy", "niet bevestigd"),
            ("dropped.isolation", ""),
            ("csrf_token", "x"),
        ]
    )
    assert data_from(AssessRiskData, form) == {
        "level": "high",
        "indicators": ["runs_away", "older_boyfriend"],
        "dropped": {"truancy": "niet bevestigd"},
    }
    assert data_from(CloseData, FormData([("result", "other")])) == {"result": "other"}
