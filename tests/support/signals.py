"""Signals as a terminal leaves them to the programs it starts."""

from __future__ import annotations

import signal


def ctrl_c_as_in_a_terminal() -> None:
    """A child's ``preexec_fn``: Ctrl-C (SIGINT) back to its default, so the Python it runs turns it
    into ``KeyboardInterrupt``. A program started in the background by a shell without job control
    (``cmd &`` in a script, as CI may run the suite) inherits SIGINT ignored, and a Python that
    starts with it ignored keeps ignoring it: a test that sends Ctrl-C would see it ignored."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
