"""A real SMTP server on a local port for tests: refuses the first N sessions, then accepts."""

import socket
import socketserver
import threading
from dataclasses import dataclass, field


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes


@dataclass
class SMTPState:
    refuse: int = 0
    sessions: int = 0
    received: list[Received] = field(default_factory=list)


class _Handler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        state: SMTPState = self.server.state  # type: ignore[attr-defined]
        state.sessions += 1
        if state.refuse > 0:
            state.refuse -= 1
            self.wfile.write(b"421 4.3.2 Service not available, try again later\r\n")
            return
        self.wfile.write(b"220 test ESMTP\r\n")
        sender, recipients = "", []
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("ascii", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in {"EHLO", "HELO"}:
                self.wfile.write(b"250 test\r\n")
            elif verb == "MAIL":
                sender = command.split(":", 1)[1].strip(" <>")
                self.wfile.write(b"250 OK\r\n")
            elif verb == "RCPT":
                recipients.append(command.split(":", 1)[1].strip(" <>"))
                self.wfile.write(b"250 OK\r\n")
            elif verb == "DATA":
                self.wfile.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                chunks = []
                while True:
                    data_line = self.rfile.readline()
                    if data_line in {b".\r\n", b".\n", b""}:
                        break
                    chunks.append(data_line)
                state.received.append(Received(sender, recipients, b"".join(chunks)))
                sender, recipients = "", []
                self.wfile.write(b"250 OK queued\r\n")
            elif verb == "RSET":
                sender, recipients = "", []
                self.wfile.write(b"250 OK\r\n")
            elif verb == "QUIT":
                self.wfile.write(b"221 Bye\r\n")
                return
            else:
                self.wfile.write(b"250 OK\r\n")


class _TCPServer(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class SMTPServer:
    """Serve on 127.0.0.1 on a free port in a thread; ``stop()`` closes the port."""

    def __init__(self, *, refuse: int = 0, port: int = 0) -> None:
        self.state = SMTPState(refuse=refuse)
        self._server = _TCPServer(("127.0.0.1", port), _Handler)
        self._server.state = self.state  # type: ignore[attr-defined]
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
