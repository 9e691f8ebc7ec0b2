"""The operator's HTTP endpoints, outside the API (not in its OpenAPI document, no token):
/health/live, /health/ready and /metrics, and the request log around every request."""

import os

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    generate_latest,
    multiprocess,
)
from starlette.concurrency import run_in_threadpool

from adapters.bootstrap import App
from adapters.crypto import DataKeysDoNotFit
from adapters.http import problems
from adapters.ops.database_metrics import DatabaseMetrics
from adapters.ops.readiness import readiness
from adapters.ops.request_log import RequestLog

router = APIRouter(include_in_schema=False)


def _app(request: Request) -> App:
    meldpunt: App = request.app.state.meldpunt
    return meldpunt


@router.get("/health/live")
def live() -> dict[str, str]:
    """The process answers."""
    return {"status": "live"}


@router.get("/health/ready")
def ready(request: Request) -> JSONResponse:
    """Ready for work: 200, else 503 with the checks that failed."""
    found = readiness(_app(request))
    return JSONResponse(found, status_code=200 if found["status"] == "ready" else 503)


def _exposition(app: App) -> bytes:
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        processes = CollectorRegistry()
        multiprocess.MultiProcessCollector(processes)  # type: ignore[no-untyped-call]
    else:
        processes = REGISTRY
    shared = CollectorRegistry()
    shared.register(DatabaseMetrics(app))
    return generate_latest(processes) + generate_latest(shared)


@router.get("/metrics")
async def metrics(request: Request) -> Response:
    body = await run_in_threadpool(_exposition, _app(request))
    return Response(body, media_type=CONTENT_TYPE_LATEST)


async def _keys_do_not_fit(request: Request, _: Exception) -> JSONResponse:
    t = problems.texts(request)
    return problems.problem(503, t("operations.unavailable"), t("operations.data_keys_do_not_fit"))


def install(api: FastAPI, meldpunt: App) -> None:
    """The endpoints, and the request log as the outermost middleware: it sees every answer,
    a refusal at the door too."""
    api.include_router(router)
    api.add_exception_handler(DataKeysDoNotFit, _keys_do_not_fit)
    api.add_middleware(RequestLog, proxies=meldpunt.settings.api_trusted_proxies)
