"""The progress bar of a process that parses (``cli.progress.ThreadlessBar``): redrawn by its
updates, each update of a burst of analysed articles drawn, a quick stream of them 10 times a second."""

from __future__ import annotations

import io
import threading

from newsread.core.cli.progress import DRAWS_PER_SECOND, SLOW_UPDATE_S, ThreadlessBar
from rich.console import Console


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class CountedBar(ThreadlessBar):
    draws = 0

    def refresh(self) -> None:
        self.draws += 1
        super().refresh()


def _advanced(updates: int, total: int, gap_s: float) -> tuple[int, str]:
    """How many times a bar was drawn while ``updates`` updates came ``gap_s`` apart, and the last
    frame it drew."""
    clock = Clock()
    screen = io.StringIO()
    bar = CountedBar(console=Console(file=screen, force_terminal=True, width=100), get_time=clock, transient=True)
    threads = set(threading.enumerate())  # other tests in this process may have left theirs
    with bar:
        task = bar.add_task("", total=total)
        before = bar.draws
        for _ in range(updates):
            clock.now += gap_s
            bar.update(task, advance=1)
        assert set(threading.enumerate()) == threads  # nothing draws meanwhile: the bar started no thread
        return bar.draws - before, screen.getvalue().rsplit("\r", 1)[-1]


def test_a_burst_of_articles_shows_each_before_the_next_batch_is_parsed() -> None:
    draws, frame = _advanced(16, 40, 2 * SLOW_UPDATE_S)  # a batch's articles, each analysed and stored in 20 ms
    assert draws == 16
    assert " 40%" in frame  # 16 of 40, shown during the seconds the next batch takes


def test_a_quick_stream_is_drawn_ten_times_a_second() -> None:
    draws, _ = _advanced(3000, 3000, 0.001)  # stored analyses, 1 ms apart: 3 s
    assert 3 * DRAWS_PER_SECOND - 1 <= draws <= 3 * DRAWS_PER_SECOND + 1
