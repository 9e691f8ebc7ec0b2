"""Errors as application/problem+json (RFC 9457, as the NL API Design Rules ask): status, title,
detail, and for bad input the fields that are wrong in `invalid_params`."""

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, ValidationError
from starlette.exceptions import HTTPException

from adapters.db.users import LocalTokensOff, UnknownUser, UserExists
from adapters.http.allow import allowed_methods
from adapters.http.headers import security_headers
from config import errors_said
from config.texts import Texts
from states import TriggerRefused
from workflow.errors import (
    CaseNotFound,
    ConcurrencyConflict,
    InvalidInput,
    NotAllowed,
    validation_reason,
)

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
    """Raised by the API itself: 401, 403 and the like. `title` and `detail` are keys of the
    catalogue (config/texts), `detail` with its `values`; `said` is a text of its own (a
    partner event's refusal) shown after the detail."""

    def __init__(
        self,
        status: int,
        title: str,
        detail: str,
        said: str = "",
        headers: dict[str, str] | None = None,
        **values: Any,
    ) -> None:
        super().__init__(said or detail)
        self.status, self.title, self.detail, self.said, self.values = (
            status,
            title,
            detail,
            said,
            values,
        )
        self.headers = headers


def problem(
    status: int, title: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    if status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": "Bearer"}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def texts(request: Request) -> Texts:
    found: Texts = request.app.state.meldpunt.texts
    return found


def invalid(request: Request, error: InvalidInput) -> JSONResponse:
    t = texts(request)
    listed = [{"name": name, "reason": why} for name, why in errors_said.problems(t, error)]
    return problem(
        400,
        errors_said.title(t, error),
        errors_said.sentence(t, error),
        invalid_params=listed,
    )


def said(request: Request, status: int, error: errors_said.Said, **extra: Any) -> JSONResponse:
    t = texts(request)
    return problem(status, errors_said.title(t, error), errors_said.sentence(t, error), **extra)


def _problems(errors: Any) -> InvalidInput:
    """FastAPI's and pydantic's errors as the domain's: each reason keyed by its kind."""
    return InvalidInput([(_field(e["loc"]), validation_reason(e)) for e in errors])


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = list(loc[1:]) if loc and loc[0] in _WHERE else list(loc)
    return ".".join(str(p) for p in parts) or "(body)"


def install(app: FastAPI) -> None:
    """Every error the API can give, in one shape."""

    @app.exception_handler(RequestValidationError)
    async def _request(request: Request, error: RequestValidationError) -> JSONResponse:
        # FastAPI says 422; the Dutch rules (and HTTP) say 400 for a request that is wrong.
        return invalid(request, _problems(error.errors()))

    @app.exception_handler(ValidationError)
    async def _command(request: Request, error: ValidationError) -> JSONResponse:
        # A command built from valid input can still refuse it (the domain's own rules).
        return invalid(request, _problems(error.errors()))

    @app.exception_handler(InvalidInput)
    async def _input(request: Request, error: InvalidInput) -> JSONResponse:
        return invalid(request, error)

    @app.exception_handler(TriggerRefused)
    async def _refused(request: Request, error: TriggerRefused) -> JSONResponse:
        return said(
            request,
            409,
            error,
            state=error.state.value,
            trigger=error.trigger,
            allowed_triggers=[t.value for t in error.allowed],
            missing=error.missing or None,
        )

    @app.exception_handler(ConcurrencyConflict)
    async def _conflict(request: Request, error: ConcurrencyConflict) -> JSONResponse:
        return said(request, 409, error, expected_version=error.expected_version)

    @app.exception_handler(CaseNotFound)
    async def _missing(request: Request, error: CaseNotFound) -> JSONResponse:
        return said(request, 404, error)

    @app.exception_handler(NotAllowed)
    async def _not_allowed(request: Request, error: NotAllowed) -> JSONResponse:
        response = said(request, 403, error)
        if error.outside_scope:  # how to break the glass here: the header
            t = texts(request)
            detail = f"{errors_said.sentence(t, error)} {t('api.break_glass_hint')}"
            return problem(403, errors_said.title(t, error), detail)
        return response

    @app.exception_handler(UnknownUser)
    async def _unknown(_: Request, error: UnknownUser) -> JSONResponse:
        return problem(404, "Not found", str(error))

    @app.exception_handler(UserExists)
    async def _exists(request: Request, error: UserExists) -> JSONResponse:
        t = texts(request)
        return problem(409, t("api.status.409"), t("api.user_exists", name=error.name))

    @app.exception_handler(LocalTokensOff)
    async def _tokens_off(request: Request, _: LocalTokensOff) -> JSONResponse:
        t = texts(request)
        return problem(409, t("api.status.409"), t("api.local_tokens_off"))

    @app.exception_handler(ProblemError)
    async def _own(request: Request, error: ProblemError) -> JSONResponse:
        t = texts(request)
        detail = t(error.detail, **error.values)
        if error.said:
            detail = f"{detail}: {t.reason(error.said)}"
        return problem(error.status, t(error.title), detail, error.headers)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, error: HTTPException) -> JSONResponse:
        t = texts(request)
        key = f"api.status.{error.status_code}"
        title = t(key) if key in t.words else t("api.status.other")
        headers = dict(error.headers or {})
        if error.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        return problem(error.status_code, title, title, headers)

    @app.exception_handler(Exception)
    async def _bug(request: Request, error: Exception) -> JSONResponse:
        # Never the exception's text in the answer: it could carry data from the case.
        log.error("request failed", error_type=type(error).__name__)
        t = texts(request)
        # Starlette answers this one outside every middleware: the headers are given here.
        headers = security_headers(request.url.path)
        return problem(500, t("api.status.500"), t("api.internal_error"), headers)
