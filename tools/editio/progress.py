"""Progress of long work: a bar with documents done, rate and time left (rich) on a terminal;
nothing when stderr is not a terminal (CI logs) or with --quiet."""

from __future__ import annotations

import sys
from typing import Callable


class Progress:
    """progress(label) gives a callback (done, total) for executor.run; close() ends the bar."""

    def __init__(self, enabled: bool | None = None, stream=None):
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.enabled = enabled
        self._bar = None

    def __call__(self, label: str) -> Callable[[int, int], None] | None:
        if not self.enabled:
            return None
        self.close()
        state: dict = {}

        def update(done: int, total: int) -> None:
            if self._bar is None:
                from rich.console import Console
                from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn,
                                           TimeRemainingColumn)
                console = Console(file=self.stream, width=None if self._width() else 100)
                self._bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.fields[rate]} doc/s"), TimeRemainingColumn(),
                                console=console, transient=True, refresh_per_second=5)
                self._bar.start()
                state["task"] = self._bar.add_task(label, total=total, rate="…")
            task = self._bar.tasks[0]
            speed = task.speed
            self._bar.update(state["task"], completed=done, rate=f"{speed:.1f}" if speed else "…")
            if done >= total:
                self._bar.refresh()
                self.close()

        return update

    @staticmethod
    def _width() -> int:
        import shutil
        return shutil.get_terminal_size((0, 0)).columns

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
