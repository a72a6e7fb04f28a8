"""Real SMTP servers on 127.0.0.1 for delivery tests: one that accepts (aiosmtpd), one that hangs.

A server that refuses is simply a port nobody listens on (`closed_port`).
"""

from __future__ import annotations

import socket
import threading
import time
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


closed_port = free_port  # nothing listens there once the probe closes: connections are refused


class _Recorder:
    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.messages: list[Message] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            time.sleep(self.delay)  # a slow server widens the window in which two senders could race
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


class AcceptingServer:
    """An SMTP server that keeps every message it is sent."""

    def __init__(self, delay: float = 0.0) -> None:
        self.port = free_port()
        self._recorder = _Recorder(delay)
        self._controller = Controller(self._recorder, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> AcceptingServer:
        self._controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self._controller.stop()

    @property
    def messages(self) -> list[Message]:
        with self._recorder.lock:
            return list(self._recorder.messages)

    def recipients(self) -> list[str]:
        return sorted(message["To"] for message in self.messages)


class HangingServer:
    """Accepts connections and never says a word (as a wedged mail relay does)."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(50)
        self.port = self._socket.getsockname()[1]
        self.connections = 0
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)

    def _accept(self) -> None:
        self._socket.settimeout(0.1)
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            self._held.append(connection)

    def __enter__(self) -> HangingServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        for connection in self._held:
            connection.close()
        self._socket.close()
