"""Progress of long work, as the work's own code reports it: how much there is, and each step
done. Whoever shows it (the command line: adapters/cli/progress.py) implements this; nobody
watching is `SILENT`."""

from typing import Protocol


class Progress(Protocol):
    def start(self, total: int | None) -> None:
        """`total` steps follow (None: an unknown number)."""

    def advance(self, steps: int = 1) -> None: ...

    def finish(self) -> None: ...


class _Silent:
    def start(self, total: int | None) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


SILENT: Progress = _Silent()
