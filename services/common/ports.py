"""Is a port free, is something listening: the checks behind one-line errors for busy ports."""

from __future__ import annotations

import socket


class PortInUse(RuntimeError):
    """A port we must listen on is taken; the message names it and the setting that moves it."""


def check_port_free(host: str, port: int, variable: str, *, what: str) -> None:
    """Raise PortInUse, naming `port` and `variable`, when `what` could not listen on `host`:`port`."""
    if port_open("127.0.0.1" if host in ("0.0.0.0", "::") else host, port) or not port_free(host, port):
        raise PortInUse(f"port {port} on {host}, wanted by {what}, is already in use by another process; "
                        f"stop that process or set {variable} to a free port")


def port_free(host: str, port: int) -> bool:
    """True when a server could bind `host`:`port` now (as servers do, with SO_REUSEADDR)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except socket.gaierror:
        return True  # an unknown host: the server reports that itself
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def port_open(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
