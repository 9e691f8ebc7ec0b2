"""Reconnecting after a broker failure: pauses that double up to the maximum, each failure
logged, a success starting over, and a stop request honoured at once."""

import threading
import time

from structlog.testing import capture_logs

from adapters.bus.reconnect import Reconnect


class InstantStop(threading.Event):
    """Records the pauses instead of waiting them out."""

    def __init__(self) -> None:
        super().__init__()
        self.pauses: list[float | None] = []

    def wait(self, timeout: float | None = None) -> bool:
        self.pauses.append(timeout)
        return self.is_set()


class Failing:
    """An attempt that fails `times` times, then succeeds."""

    def __init__(self, times: int) -> None:
        self.times = times
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.times:
            raise ConnectionRefusedError("broker away")
        return "done"


def test_pauses_double_up_to_the_maximum_and_each_failure_is_logged() -> None:
    stop = InstantStop()
    reconnect = Reconnect(stop, 3, "lost the broker")
    with capture_logs() as logs:
        assert reconnect.call(Failing(5)) == "done"
    assert stop.pauses == [0.5, 1, 2, 3, 3]
    assert [(e["event"], e["error"], e["retry_in_seconds"]) for e in logs] == [
        ("lost the broker", "ConnectionRefusedError: broker away", pause) for pause in stop.pauses
    ]


def test_a_success_starts_the_pauses_over() -> None:
    stop = InstantStop()
    reconnect = Reconnect(stop, 30, "lost the broker")
    reconnect.call(Failing(3))
    reconnect.call(Failing(2))
    assert stop.pauses == [0.5, 1, 2, 0.5, 1]


def test_a_stop_request_ends_the_pause_and_no_attempt_follows() -> None:
    stop = threading.Event()
    attempt = Failing(1_000)
    threading.Timer(0.1, stop.set).start()
    started = time.monotonic()
    assert Reconnect(stop, 30, "lost the broker").call(attempt) is None
    assert time.monotonic() - started < 0.4  # the first pause alone is 0.5 s
    assert attempt.calls == 1


def test_nothing_is_tried_once_stopped() -> None:
    stop = threading.Event()
    stop.set()
    attempt = Failing(0)
    assert Reconnect(stop, 30, "lost the broker").call(attempt) is None
    assert attempt.calls == 0
