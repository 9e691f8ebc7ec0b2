"""Errors as application/problem+json (RFC 9457, as the NL API Design Rules ask): status, title,
detail, and for bad input the fields that are wrong in `invalid_params`."""

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.exceptions import HTTPException

from adapters.db.users import UnknownUser
from states import TriggerRefused
from workflow.errors import CaseNotFound, ConcurrencyConflict, InvalidInput, NotAllowed

PROBLEM_JSON = "application/problem+json"
_WHERE = {"body", "query", "path", "header"}
log = structlog.get_logger(__name__)


class InvalidParam(BaseModel):
    name: str
    reason: str


class Problem(BaseModel):
    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    invalid_params: list[InvalidParam] | None = None


class ProblemError(Exception):
    """Raised by the API itself: 401, 403 and the like, with extra members for the body."""

    def __init__(self, status: int, title: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra


def problem(status: int, title: str, detail: str, **extra: Any) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def invalid(params: list[tuple[str, str]], detail: str = "") -> JSONResponse:
    listed = [{"name": name, "reason": reason} for name, reason in params]
    text = detail or "; ".join(f"{name}: {reason}" for name, reason in params)
    return problem(400, "Invalid input", text, invalid_params=listed)


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = list(loc[1:]) if loc and loc[0] in _WHERE else list(loc)
    return ".".join(str(p) for p in parts) or "(body)"


def install(app: FastAPI) -> None:
    """Every error the API can give, in one shape."""

    @app.exception_handler(RequestValidationError)
    async def _request(_: Request, error: RequestValidationError) -> JSONResponse:
        # FastAPI says 422; the Dutch rules (and HTTP) say 400 for a request that is wrong.
        return invalid([(_field(e["loc"]), str(e["msg"])) for e in error.errors()])

    @app.exception_handler(ValidationError)
    async def _command(_: Request, error: ValidationError) -> JSONResponse:
        # A command built from valid input can still refuse it (the domain's own rules).
        return invalid([(_field(e["loc"]), str(e["msg"])) for e in error.errors()])

    @app.exception_handler(InvalidInput)
    async def _input(_: Request, error: InvalidInput) -> JSONResponse:
        return invalid(error.problems, str(error))

    @app.exception_handler(TriggerRefused)
    async def _refused(_: Request, error: TriggerRefused) -> JSONResponse:
        return problem(
            409,
            "Transition refused",
            str(error),
            state=error.state.value,
            trigger=error.trigger,
            allowed_triggers=[t.value for t in error.allowed],
            missing=error.missing or None,
        )

    @app.exception_handler(ConcurrencyConflict)
    async def _conflict(_: Request, error: ConcurrencyConflict) -> JSONResponse:
        return problem(409, "Conflict", str(error), expected_version=error.expected_version)

    @app.exception_handler(CaseNotFound)
    async def _missing(_: Request, error: CaseNotFound) -> JSONResponse:
        return problem(404, "Not found", str(error))

    @app.exception_handler(NotAllowed)
    async def _not_allowed(_: Request, error: NotAllowed) -> JSONResponse:
        if error.outside_scope:
            detail = f"{error} in the X-Break-Glass-Reason header"
            return problem(403, "Outside your cases", detail)
        return problem(403, "Forbidden", str(error))

    @app.exception_handler(UnknownUser)
    async def _unknown(_: Request, error: UnknownUser) -> JSONResponse:
        return problem(404, "Not found", str(error))

    @app.exception_handler(ProblemError)
    async def _own(_: Request, error: ProblemError) -> JSONResponse:
        return problem(error.status, error.title, error.detail, **error.extra)

    @app.exception_handler(HTTPException)
    async def _http(_: Request, error: HTTPException) -> JSONResponse:
        return problem(
            error.status_code, _TITLES.get(error.status_code, "Error"), str(error.detail)
        )

    @app.exception_handler(Exception)
    async def _bug(_: Request, error: Exception) -> JSONResponse:
        # Never the exception's text in the answer: it could carry data from the case.
        log.error("request failed", error_type=type(error).__name__)
        return problem(500, "Internal error", "the service failed; the error is logged")


_TITLES = {404: "Not found", 405: "Method not allowed", 401: "Not authenticated"}
