"""A loopback HTTP server whose answers each test scripts: status, headers, body, delay.

Replies for a path are given in order; the last one repeats. A reply with an ETag answers 304
to a request that sends it back in If-None-Match.
"""

from __future__ import annotations

import gzip
import http.server
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # before the status line
    length: int | None = None  # a Content-Length other than the body's (a truncated body)


def html(title: str, *paragraphs: str, head: str = "") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title>{head}</head>"
        f"<body><article><h1>{title}</h1>{body}</article></body></html>"
    ).encode()


def gzip_bomb(size: int) -> bytes:
    return gzip.compress(b"\0" * size, compresslevel=9)


class ScriptedServer:
    def __init__(self) -> None:
        self.routes: dict[str, list[Reply] | Callable[[dict[str, str]], Reply]] = {}
        self.hits: Counter[str] = Counter()
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.lock = threading.Lock()
        self.base_url = ""
        self.port = 0

    def route(self, path: str, *replies: Reply) -> str:
        self.routes[path] = list(replies)
        return self.base_url + path

    def page(self, path: str, body: bytes, content_type: str = "text/html; charset=utf-8") -> str:
        etag = f'"{abs(hash(body))}"'
        return self.route(path, Reply(200, body, {"Content-Type": content_type, "ETag": etag}))

    def reply_for(self, path: str, headers: dict[str, str]) -> Reply:
        with self.lock:
            self.hits[path] += 1
            self.requests.append((path, headers))
            script = self.routes.get(path)
            if script is None:
                return Reply(404, b"not found", {"Content-Type": "text/plain"})
            if callable(script):
                return script(headers)
            reply = script.pop(0) if len(script) > 1 else script[0]
        etag = reply.headers.get("ETag")
        if etag and headers.get("if-none-match") == etag:
            return Reply(304, b"", {"ETag": etag})
        return reply


class _Handler(http.server.BaseHTTPRequestHandler):
    server_version = "loopback"

    def do_GET(self) -> None:
        scripted: ScriptedServer = self.server.scripted  # type: ignore[attr-defined]
        headers = {k.lower(): v for k, v in self.headers.items()}
        reply = scripted.reply_for(self.path, headers)
        if reply.delay_s:
            time.sleep(reply.delay_s)
        try:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            length = reply.length if reply.length is not None else len(reply.body)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hang up mid-body on purpose (size caps, timeouts): not worth a traceback


@contextmanager
def scripted_server() -> Iterator[ScriptedServer]:
    scripted = ScriptedServer()
    server = _Server(("127.0.0.1", 0), _Handler)
    server.scripted = scripted  # type: ignore[attr-defined]
    scripted.port = server.server_address[1]
    scripted.base_url = f"http://127.0.0.1:{scripted.port}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield scripted
    finally:
        server.shutdown()
        server.server_close()
