"""How the tests start syncmatrix as a process: as a terminal's foreground command, whatever started pytest.

A shell starts a job of a script in the background (`python -m pytest … &`) with SIGINT and SIGQUIT
ignored, nohup starts its command with SIGHUP ignored, and an ignored signal stays ignored across
fork and exec. A test of what Ctrl+C, SIGTERM or SIGHUP does to the command line would then test
nothing (the child never sees the signal) or hang. The command line keeps a signal it was started
ignoring, on purpose: a job started in the background is meant to be deaf to the terminal's Ctrl+C,
and `nohup syncmatrix dashboard &` to outlive the terminal. So it is the tests' way of starting a
child that changes, not the command line: the child starts with these signals at their default, as
a command typed at a terminal does.
"""

from __future__ import annotations

import signal

_RESET = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


def as_in_a_terminal() -> None:
    """preexec_fn for subprocess.Popen: the signals a terminal's command can get back at their default."""
    for number in _RESET:
        signal.signal(number, signal.SIG_DFL)
