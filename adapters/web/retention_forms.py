"""What the retention and rights pages share: a form with a reason, checked by the domain's own
rules (a reason of 10 to 2000 characters), its problems said next to their fields, and a
command sent through the gate so that a refusal, too, is in the access log."""

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from fastapi import Request
from pydantic import BaseModel

from adapters.gate import Gate, outcome_of
from adapters.web.forms import said
from workflow.errors import ConcurrencyConflict, InvalidInput, validated
from workflow.retention_commands import Reason


class NoFields(BaseModel):
    """A form that is only a button (and its CSRF token)."""


class ReasonForm(BaseModel):
    reason: Reason


class Result(BaseModel):
    """What came of a form: the value its command returned, or the problems by field (a
    refusal of the domain without a field of the form is said under `refusal`)."""

    value: Any = None
    problems: dict[str, str] = {}
    refusal: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems and not self.refusal


async def posted(request: Request) -> dict[str, str]:
    form = await request.form()
    return {k: v.strip() for k, v in form.items() if isinstance(v, str) and v.strip()}


def attempt(
    request: Request,
    model: type[BaseModel],
    data: dict[str, Any],
    fields: set[str],
    send: Callable[[Any], Any],
) -> Result:
    """Validate `data` as `model` and `send` it; problems of `fields` are shown at the field,
    every other one (a legal hold, an open case, ...) as a refusal of the whole form."""
    t = request.app.state.meldpunt.texts
    try:
        typed = validated(model, data, "form")
        return Result(value=send(typed))
    except InvalidInput as error:
        problems: dict[str, str] = {}
        others: list[str] = []
        for name, why in said(t, error.problems):
            top = name.split(".")[0]
            if top in fields:
                problems.setdefault(top, why)
            else:
                others.append(why)
        return Result(problems=problems, refusal="; ".join(others))
    except ConcurrencyConflict:
        return Result(refusal=t("web.case.conflict"))


@contextmanager
def read_logged(
    gate: Gate, resource: str, case_id: str | None = None, fields: Sequence[str] = ()
) -> Iterator[None]:
    """A read by a page, logged as a read with its outcome (`Gate.logged` names the verb after
    the action, and managing retention or restricting a case is a write)."""
    outcome = "ok"
    try:
        yield
    except Exception as error:
        outcome = outcome_of(error)
        raise
    finally:
        gate.record(gate.entry("read", resource, outcome, case_id, fields))
