"""`meldpunt api` (the HTTP API alone, for several behind a load balancer) and `meldpunt run`
(everything in one process: the event dispatcher and the scheduler threads, and the API)."""

import threading
from typing import TYPE_CHECKING, Annotated

import structlog
import typer

from adapters.bootstrap import App
from adapters.cli import context
from adapters.partners.delivery import PartnerDelivery
from adapters.scheduler.runner import run_scheduler

if TYPE_CHECKING:
    import uvicorn

log = structlog.get_logger(__name__)

Host = Annotated[str, typer.Option(help="The address to listen on.")]
Port = Annotated[int, typer.Option(min=1, max=65535, help="The port to listen on.")]


def _server(app: App, host: str, port: int) -> "uvicorn.Server":
    # FastAPI and uvicorn are loaded by the commands that serve, not by every `meldpunt` call.
    import uvicorn

    from adapters.http.app import create_app

    # No uvicorn access log: the access log of record is our own (NEN 7513), in the database.
    # Proxy headers only from MELDPUNT_API_TRUSTED_PROXIES, in the app (adapters/http/proxies.py),
    # not from uvicorn's default (127.0.0.1, or FORWARDED_ALLOW_IPS).
    config = uvicorn.Config(
        create_app(app),
        host=host,
        port=port,
        access_log=False,
        log_config=None,
        proxy_headers=False,
    )
    return uvicorn.Server(config)


def _welcome(host: str, port: int) -> None:
    from adapters.http.app import BASE

    url = f"http://{host}:{port}{BASE}"
    typer.echo(
        f"meldpunt API on {url}  (docs: {url}/docs, OpenAPI: {url}/openapi.json)\n"
        "first admin token: meldpunt users add admin --role admin && meldpunt tokens issue admin",
        err=True,
    )


def api(host: Host = "127.0.0.1", port: Port = 8000) -> None:
    """Serve the HTTP API only."""
    app = context.app(long_running=True)
    _welcome(host, port)
    _server(app, host, port).run()


def _event_path(app: App, stop: threading.Event) -> list[threading.Thread]:
    """Embedded: the in-process dispatcher. With a broker: a relay and a worker, so events go
    through RabbitMQ as they do when the parts run as separate processes."""
    if app.settings.broker_url is None:
        interval = app.settings.dispatch_interval_seconds
        return [
            threading.Thread(target=app.dispatcher.run, args=(stop, interval), name="dispatcher")
        ]
    from adapters.bus.relay import Relay  # kombu is loaded in production mode only
    from adapters.bus.worker import Worker

    return [
        threading.Thread(target=Relay(app.outbox, app.settings).run, args=(stop,), name="relay"),
        threading.Thread(
            target=Worker(app.bus, app.settings, batches=app.batches).run,
            args=(stop,),
            name="worker",
        ),
    ]


def run(host: Host = "127.0.0.1", port: Port = 8000) -> None:
    """Run the whole service in one process: the event path, the scheduler, partner delivery and
    the API."""
    app = context.app(long_running=True)
    context.check_partners(app, echo=True)
    log.info("meldpunt running", database=app.engine.url.render_as_string(hide_password=True))
    # uvicorn restores these handlers when it stops and re-raises the signal it caught, so the
    # same signal then stops the other threads too.
    stop = context.stop_on_signals()
    threads = [
        threading.Thread(target=run_scheduler, args=(app, stop), name="scheduler"),
        *_event_path(app, stop),
        threading.Thread(
            target=PartnerDelivery(app.deliveries, app.settings, app.partner_channels).run,
            args=(stop,),
            name="partner-delivery",
        ),
    ]
    for thread in threads:
        thread.start()
    _welcome(host, port)
    try:
        _server(app, host, port).run()
    finally:
        stop.set()
        for thread in threads:
            thread.join()
