"""`meldpunt api` (the HTTP API alone, for several behind a load balancer) and `meldpunt run`
(everything in one process: the event dispatcher and the scheduler threads, and the API)."""

import errno
import socket
import sys
import threading
from typing import TYPE_CHECKING, Annotated, Any

import structlog
import typer

from adapters.bootstrap import App
from adapters.cli import context
from adapters.cli.errors import ExitCode, fail, texts
from adapters.cli.output import emit
from adapters.ops.heartbeat import beating
from adapters.partners.delivery import PartnerDelivery
from adapters.scheduler.runner import run_scheduler

if TYPE_CHECKING:
    import uvicorn

log = structlog.get_logger(__name__)

Host = Annotated[str, typer.Option(help="The address to listen on.")]
Port = Annotated[int, typer.Option(min=1, max=65535, help="The port to listen on.")]
JsonFlag = Annotated[
    bool, typer.Option("--json", help="Where it listens as JSON on stdout; log lines as JSON.")
]


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


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, made before the server starts: a port in use is said in one
    sentence with its own exit code, and "listening" is printed only once it is true."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            fail("cli.port_in_use", ExitCode.ADDRESS_IN_USE, host=host, port=port)
        fail("cli.cannot_listen", ExitCode.BAD_INPUT, host=host, port=port, error=str(error))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _serve(app: App, sock: socket.socket, host: str, port: int, as_json: bool) -> None:
    from adapters.http.document import BASE

    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}{BASE}"
    if as_json:
        emit({"listening": url, "docs": f"{url}/docs", "openapi": f"{url}/openapi.json"}, True)
    else:
        typer.echo(texts()("cli.listening", url=url), err=True)
    _server(app, host, port).run(sockets=[sock])


def api(host: Host = "127.0.0.1", port: Port = 8000, as_json: JsonFlag = False) -> None:
    """Serve the HTTP API only."""
    app = context.app(long_running=True, as_json=as_json)
    context.stop_on_signals()  # the signal uvicorn re-raises when it has stopped: exit 0
    sock = _listen(host, port)
    with beating(app.settings, "api"):
        _serve(app, sock, host, port, as_json)


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


def run(host: Host = "127.0.0.1", port: Port = 8000, as_json: JsonFlag = False) -> None:
    """Run the whole service in one process: the event path, the scheduler, partner delivery and
    the API."""
    app = context.app(long_running=True, as_json=as_json)
    sock = _listen(host, port)  # before the threads: a busy port starts nothing
    # Said once: a sentence for a person at a terminal, else the log line a collector reads.
    context.check_partners(app, echo=sys.stderr.isatty())
    log.info("meldpunt running", database=app.engine.url.render_as_string(hide_password=True))
    # uvicorn restores these handlers when it stops and re-raises the signal it caught, so the
    # same signal then stops the other threads too.
    stop = context.stop_on_signals()
    said: dict[str, Any] = {}
    threads = [
        threading.Thread(
            target=run_scheduler, args=(app, stop), kwargs={"said": said}, name="scheduler"
        ),
        *_event_path(app, stop),
        threading.Thread(
            target=PartnerDelivery(app.deliveries, app.settings, app.partner_channels).run,
            args=(stop,),
            name="partner-delivery",
        ),
    ]
    for thread in threads:
        thread.start()
    try:
        with beating(app.settings, "run", lambda: dict(said)):
            _serve(app, sock, host, port, as_json)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
