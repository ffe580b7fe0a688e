"""Processes by pid: stop one politely, then by force; read its command line."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path


def terminate(pid: int, sig: int, timeout: float) -> bool:
    """Send `sig`, wait up to `timeout` s, then SIGKILL; True if it had to kill."""
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            finished, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:  # not our child: poll for its disappearance
            finished = 0 if Path(f"/proc/{pid}").exists() and not _zombie(pid) else pid
        if finished == pid:
            return False
        time.sleep(0.1)
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        return False
    return True


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z"
    except OSError:
        return True
