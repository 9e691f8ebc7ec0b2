"""Progress on the command line, on stderr: a rich progress bar on a terminal; elsewhere (a
pipe, a log file, CI) plain lines, one per tenth of the work, so a log shows it moving without
filling up. Short work (fewer than `PLAIN_FROM` steps, or work of unknown size done within a
second) prints no plain lines at all."""

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.progress import Progress as Bar

from adapters.progress import Progress

PLAIN_FROM = 100


class _Bar:
    def __init__(self, label: str) -> None:
        columns = (
            SpinnerColumn(),
            TextColumn(label),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
        )
        self.bar = Bar(*columns, console=Console(stderr=True), transient=True)
        self.task = self.bar.add_task(label, total=None)

    def start(self, total: int | None) -> None:
        self.bar.update(self.task, total=total)
        self.bar.start()

    def advance(self, steps: int = 1) -> None:
        self.bar.advance(self.task, steps)

    def finish(self) -> None:
        self.bar.stop()


class _Lines:
    def __init__(self, label: str) -> None:
        self.label, self.total, self.done, self.said = label, 0, 0, 0
        self.began = time.monotonic()

    def start(self, total: int | None) -> None:
        self.total = total or 0

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        if self.total < PLAIN_FROM:
            return
        tenth = self.done * 10 // self.total
        if tenth > self.said:
            self.said = tenth
            seconds = time.monotonic() - self.began
            typer.echo(f"{self.label}: {self.done}/{self.total} ({seconds:.1f} s)", err=True)

    def finish(self) -> None:
        seconds = time.monotonic() - self.began
        if not self.total and seconds >= 1:  # work of unknown size: said once it is done
            typer.echo(f"{self.label}: {self.done} ({seconds:.1f} s)", err=True)


@contextmanager
def progress(label: str) -> Iterator[Progress]:
    shown: Progress = _Bar(label) if sys.stderr.isatty() else _Lines(label)
    try:
        yield shown
    finally:
        shown.finish()
