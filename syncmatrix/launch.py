"""`syncmatrix dashboard`: start Streamlit as a child that nothing in the working directory reaches,
on an address and port checked first, and stop it with the launcher.

- `python -P -m streamlit`: without -P, `-m` puts the working directory first on sys.path, and a
  `click.py` there ran when Streamlit imported click. PYTHONPATH keeps only absolute folders for
  the same reason (an empty entry means the working directory too).
- The address is an IP address or a host name; one beyond loopback earns a warning, since the
  page has no login. The port is bound once, as the server will bind it, so a busy port is said
  before Streamlit starts, with `--port` named.
- The child runs in a process group of its own, so a terminal's Ctrl+C reaches it once, through
  the launcher, which forwards SIGINT, SIGTERM and SIGHUP and waits for it; a child that has not
  stopped GRACE seconds after the first signal is killed. (Rejected: subprocess.run, which left
  Streamlit serving when the launcher got SIGTERM.) A signal the launcher was started ignoring
  (SIGHUP under nohup, SIGINT in a script's background job) stays ignored, by it and its child.
- The child dies with the launcher even when the launcher is killed outright (SIGKILL, the OOM
  killer), where it can forward nothing: on Linux it asks for PR_SET_PDEATHSIG (parent_death).
- Configuration: Streamlit reads `.streamlit/config.toml` from its working directory, and a file
  planted in the folder a person starts from (a downloaded or cloned folder) turned CORS off and
  debug logging on. So the child runs in the app's own folder, whose `.streamlit` Streamlit reads
  anyway (the script's folder, part of the installed package), and every setting that bears on
  what the page exposes is given on the command line (PINNED), where it wins over
  `~/.streamlit/config.toml` and STREAMLIT_* variables too. Those two stay the person's own for
  the rest (a theme, an upload size, a certificate): they are set by whoever runs the command,
  not by the folder it runs in, and Streamlit documents them as the way to configure it.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

from syncmatrix.present.words import input_error, reason

GRACE = 10.0  # seconds a child has to stop after a signal before it is killed
_POLL = 0.2  # seconds between looks at the child while it serves
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")


def check_address(address: str) -> None:
    """InputError unless `address` is an IP address or a host name (RFC 1123 labels)."""
    try:
        ipaddress.ip_address(address)
        return
    except ValueError:
        pass
    name = address.removesuffix(".")
    if not name or len(name) > 253 or not all(_LABEL.fullmatch(label) for label in name.split(".")):
        raise input_error("bad_address", address=address)


def _bindings(address: str, port: int) -> list[tuple[int, int, int, tuple[object, ...]]]:
    """The sockets the server will bind for `address`, as Tornado finds them (getaddrinfo, passive)."""
    try:
        found = socket.getaddrinfo(address, port, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_PASSIVE)
    except (socket.gaierror, UnicodeError) as exc:
        raise input_error("cannot_listen", address=address, port=port, reason=str(exc)) from None
    unique = {(family, kind, proto, sockaddr) for family, kind, proto, _, sockaddr in found}
    return sorted(unique, key=repr)


def beyond_loopback(address: str, port: int) -> bool:
    """Whether a server on `address` can be reached from other machines."""
    for _, _, _, sockaddr in _bindings(address, port):
        host = str(sockaddr[0]).split("%")[0]
        if not ipaddress.ip_address(host).is_loopback:
            return True
    return False


def probe_port(address: str, port: int) -> None:
    """InputError when the server could not listen on `address`:`port` (busy, not this machine's)."""
    for family, kind, proto, sockaddr in _bindings(address, port):
        with socket.socket(family, kind, proto) as probe:
            if os.name != "nt":  # as Tornado does: a port left in TIME_WAIT is free to it
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                probe.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                probe.bind(sockaddr)
                probe.listen()
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE:
                    other = port + 1 if port < 65535 else port - 1
                    raise input_error("port_busy", port=port, address=address, other=other) from None
                raise input_error("cannot_listen", address=address, port=port, reason=reason(exc)) from None


# The settings that decide what the page exposes and to whom, given as flags: a flag wins over every
# config file and STREAMLIT_* variable (streamlit.config.get_config_options).
PINNED: tuple[tuple[str, str], ...] = (
    ("server.headless", "true"),  # no browser opened, no e-mail prompt on a terminal
    ("server.enableCORS", "true"),  # false: "Access-Control-Allow-Origin: *" to any page
    ("server.enableXsrfProtection", "true"),
    ("server.xsrfCookieSameSite", "lax"),
    ("server.enableAgentApi", "false"),  # an HTTP API that drives the app without a browser
    ("server.enableStaticServing", "false"),
    ("server.fileWatcherType", "none"),  # the installed package does not change while it serves
    ("server.runOnSave", "false"),
    ("global.developmentMode", "false"),  # true: CORS off and debug logging
    ("logger.level", "info"),  # debug logs what the page was sent
    ("browser.gatherUsageStats", "false"),
    ("client.toolbarMode", "minimal"),
    ("client.showErrorDetails", "none"),  # no traceback or server path on a page: a generic message
)


def streamlit_command(app: str, address: str, port: int) -> list[str]:
    """The child's command line: Streamlit serving `app` (an absolute path), nothing importable from
    the working directory, with the settings of PINNED, on `address`:`port`."""
    flags = [f"--{name}={value}" for name, value in PINNED]
    return [
        sys.executable,
        "-P",
        "-m",
        "streamlit",
        "run",
        app,
        *flags,
        f"--server.port={port}",
        f"--server.address={address}",
    ]


def child_environment(base: dict[str, str]) -> dict[str, str]:
    """`base` with PYTHONPATH cut to its absolute folders (an empty or relative entry names the
    working directory) and PYTHONSAFEPATH set, so the child's own children are safe too."""
    env = dict(base)
    kept = [entry for entry in env.get("PYTHONPATH", "").split(os.pathsep) if os.path.isabs(entry)]
    if kept:
        env["PYTHONPATH"] = os.pathsep.join(kept)
    else:
        env.pop("PYTHONPATH", None)
    env["PYTHONSAFEPATH"] = "1"
    return env


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def parent_death() -> Callable[[], None] | None:
    """A preexec_fn that makes the child get SIGKILL when the launcher dies, however it dies; None
    where the system has no such request (PR_SET_PDEATHSIG is Linux's; elsewhere a launcher killed
    outright leaves its server, which the signals it can catch do not).

    SIGKILL, not SIGTERM: with the launcher gone nobody waits out a grace, and the server holds
    nothing that needs saving. The request is the launcher's thread's: serve() starts the child
    from the thread that waits for it. A launcher that died before the request was made (between
    fork and prctl) would never send it: the child then looks at its parent and goes."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):  # no C library to ask (a static or unusual build)
        return None
    launcher = os.getpid()

    def preexec() -> None:  # in the child, between fork and exec: system calls only
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != launcher:
            os.kill(os.getpid(), signal.SIGKILL)

    return preexec


def serve(command: Sequence[str], env: dict[str, str], cwd: str | None = None) -> int:
    """Run `command` in the folder `cwd` until it ends, forwarding SIGINT, SIGTERM and SIGHUP to it
    (those not ignored: see the module); its exit code, or 128 + the signal's number when a signal
    stopped it."""
    received: list[int] = []
    children: list[subprocess.Popen[bytes]] = []

    def forward(signum: int, _frame: object) -> None:
        received.append(signum)
        for child in children:
            if child.poll() is None:
                child.send_signal(signum)

    names = ("SIGINT", "SIGTERM", "SIGHUP")
    found = [getattr(signal, name) for name in names if hasattr(signal, name)]
    wanted = [number for number in found if signal.getsignal(number) is not signal.SIG_IGN]
    previous = {number: signal.signal(number, forward) for number in wanted}
    try:
        child = subprocess.Popen(list(command), env=env, cwd=cwd, process_group=0, preexec_fn=parent_death())
        children.append(child)
        if received:  # a signal came before the child existed
            child.send_signal(received[0])
        deadline: float | None = None
        while True:
            try:
                code = child.wait(timeout=_POLL)
                break
            except subprocess.TimeoutExpired:
                if received and deadline is None:
                    deadline = time.monotonic() + GRACE
                if deadline is not None and time.monotonic() > deadline:
                    child.kill()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    return 128 + received[0] if received else code
