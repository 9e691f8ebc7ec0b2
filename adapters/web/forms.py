"""Forms built from the data models of the domain (workflow/transition_data.py and the like), so
a new trigger or a new field appears on the case page without page code: a choice of codes is a
list of options with their words, a long text a text area, a list of signals check boxes, and a
signal-keyed mapping one field per signal the report gave."""

import re
import types
import typing
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from starlette.datastructures import FormData

from config.texts import Texts
from states import RiskLevel

# The words of a code list are under the kind its enum's name says (ClosingResult:
# closing_result), except where the catalogue has a shorter one.
KIND: dict[type[StrEnum], str] = {RiskLevel: "risk"}
LONG_TEXT = 1000


@dataclass
class Option:
    value: str
    label: str


@dataclass
class Field:
    name: str
    label: str
    widget: str  # select, textarea, text, checkboxes, per_signal
    required: bool
    options: list[Option] = field(default_factory=list)


def _kind(enum: type[StrEnum]) -> str:
    return KIND.get(enum) or re.sub(r"(?<!^)(?=[A-Z])", "_", enum.__name__).lower()


def label_of(t: Texts, name: str) -> str:
    return t(f"web.field.{name}") if f"web.field.{name}" in t.words else t(f"field.{name}")


def _bare(annotation: Any) -> Any:
    """The type under Optional and Annotated."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _bare(typing.get_args(annotation)[0])
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        kept = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _bare(kept[0]) if len(kept) == 1 else annotation
    return annotation


def _max_length(info: Any) -> int | None:
    for meta in info.metadata:
        if getattr(meta, "max_length", None) is not None:
            return int(meta.max_length)
    bare = info.annotation
    for meta in typing.get_args(bare)[1:] if typing.get_origin(bare) is typing.Annotated else ():
        if getattr(meta, "max_length", None) is not None:
            return int(meta.max_length)
    return None


def fields_of(model: type[BaseModel], t: Texts, signals: list[Option]) -> list[Field]:
    found = []
    for name, info in model.model_fields.items():
        bare = _bare(info.annotation)
        origin = typing.get_origin(bare)
        label = label_of(t, name)
        required = info.is_required()
        if bare is bool:
            options = [Option("true", t("field.yes")), Option("false", t("field.no"))]
            found.append(Field(name, label, "select", required, options))
        elif isinstance(bare, type) and issubclass(bare, StrEnum):
            options = [Option(v.value, t.label(_kind(bare), v.value)) for v in bare]
            found.append(Field(name, label, "select", required, options))
        elif origin is list:
            found.append(Field(name, label, "checkboxes", required, signals))
        elif origin is dict:
            found.append(Field(name, label, "per_signal", required, signals))
        else:
            longest = _max_length(info) or LONG_TEXT
            widget = "textarea" if longest >= LONG_TEXT else "text"
            found.append(Field(name, label, widget, required))
    return found


def said(t: Texts, problems: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    """The problems in the person's words; a wrong choice from a list says so, not its codes."""
    return [
        (name, t("web.worklist.bad_choice") if getattr(why, "key", "") in CHOICE else t.reason(why))
        for name, why in problems
    ]


CHOICE = {"validation.enum", "validation.bool_parsing", "validation.bool_type"}


def data_from(model: type[BaseModel], form: FormData) -> dict[str, Any]:
    """The model's data from a posted form: empty fields left out, so the model names them."""
    data: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        origin = typing.get_origin(_bare(info.annotation))
        if origin is list:
            data[name] = [v for v in form.getlist(name) if isinstance(v, str)]
        elif origin is dict:
            prefix = f"{name}."
            data[name] = {
                key.removeprefix(prefix): value
                for key, value in form.multi_items()
                if key.startswith(prefix) and isinstance(value, str) and value.strip()
            }
        else:
            value = form.get(name)
            if isinstance(value, str) and value.strip():
                data[name] = value
    return data
