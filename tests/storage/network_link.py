"""A network link to the test PostgreSQL server that a test can cut and restore, as a
branch's network drops and comes back: a small TCP relay on 127.0.0.1 in front of the
server's Unix socket. Cutting it closes every open connection (the app's next statement
meets "server closed the connection unexpectedly") and refuses new ones ("connection
refused"); restoring it listens on the same port again. The server itself runs on,
untouched, for the other tests of the session."""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path


class NetworkLink:
    def __init__(self, socket_dir: Path, server_port: int, dbname: str) -> None:
        self._target = str(socket_dir / f".s.PGSQL.{server_port}")
        probe = socket.socket()
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self._listener: socket.socket | None = None
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/{dbname}"
        self.restore()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        with self._lock:
            listener, self._listener = self._listener, None
            sockets, self._open = self._open, []
        for sock in ([listener] if listener is not None else []) + sockets:
            _shut(sock)  # wakes the thread blocked in accept() or recv()
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut
            server = socket.socket(socket.AF_UNIX)
            server.connect(self._target)
            with self._lock:
                self._open += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            _shut(source)
            _shut(sink)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
