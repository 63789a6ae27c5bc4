"""`make serve` checks its port first: on a busy port it says so in one line, with the way out.

    python tools/port_free.py 8000     # exit 0 if 127.0.0.1:8000 is free, else one line and exit 1

Free means free to `mkdocs serve`, which binds as Python's HTTP servers do, with SO_REUSEADDR: a port whose
server has just stopped, with its closed connections still in TIME_WAIT, is free to it, and so to this check.
"""

from __future__ import annotations

import socket
import sys

HOST = "127.0.0.1"


def main(argv: list[str]) -> int:
    port = argv[0] if argv else "8000"
    if not port.isdigit() or not 0 < int(port) < 65536:
        print(f"PORT={port} is not a port number: choose one from 1024 to 65535, for example: make serve PORT=8001",
              file=sys.stderr)
        return 2
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as mkdocs serve's server does
        try:
            probe.bind((HOST, int(port)))
            probe.listen()
        except OSError:
            print(f"Port {port} is already in use (perhaps another 'make serve' is running). "
                  f"Serve on another port: make serve PORT={int(port) + 1}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
