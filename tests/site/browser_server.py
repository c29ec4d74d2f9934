"""A tiny static server for browser tests: the built site under a sub-path
(e.g. http://127.0.0.1:PORT/wenming/), as a county portal would host it; a missing
page gets the site's 404.html with status 404, as nginx's error_page serves it."""
from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator


class _Handler(SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # like nginx's `error_page 404 /404.html`: the site's own 404 page, at the asked address
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # keep test output clean
        pass


@contextmanager
def serve(root: Path, prefix: str = "/wenming/") -> Iterator[str]:
    """Serve `root` at http://127.0.0.1:<free port><prefix>; yields that base URL."""
    handler = type("Handler", (_Handler,), {"prefix": prefix})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


DECAP_SERVER = Path(__file__).resolve().parents[2] / "node_modules" / "decap-server" / "dist" / "index.js"


@contextmanager
def decap_proxy(site: Path, project: Path) -> Iterator[int]:
    """Decap's local backend (decap-server) saving into `project`, on a free port that the built
    site's admin/config.yml is pointed at; yields the port once it answers."""
    import os
    import socket
    import subprocess
    import time
    from urllib.request import urlopen

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = site / "admin" / "config.yml"
    config.write_text(config.read_text("utf-8").replace("localhost:8081", f"localhost:{port}"), "utf-8")
    env = {**os.environ, "PORT": str(port), "MODE": "fs", "GIT_REPO_DIRECTORY": str(project), "BIND_HOST": "127.0.0.1"}
    proxy = subprocess.Popen(["node", str(DECAP_SERVER)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urlopen(f"http://localhost:{port}/api/v1", timeout=1)
            except OSError as exc:
                if "refused" in str(exc).lower():
                    time.sleep(0.1)
                    continue
            break
        yield port
    finally:
        proxy.terminate()
        proxy.wait(10)
