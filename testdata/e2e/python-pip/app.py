"""Tiny stdlib HTTP app for dockgen's end-to-end test (no third-party deps:
the package index is not reachable where the suite runs)."""

import json
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/uid":
            body = json.dumps({"uid": os.getuid(), "gid": os.getgid(), "pid": os.getpid()})
        else:
            body = json.dumps({"ok": True, "stack": "python-pip"})
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        pass


if __name__ == "__main__":
    # --port N (the Procfile passes $PORT), else PORT, else 8000.
    port = int(os.environ.get("PORT", "8000"))
    if "--port" in sys.argv[1:-1]:
        port = int(sys.argv[sys.argv.index("--port") + 1])
    ThreadingHTTPServer(("0.0.0.0", port), Handler).serve_forever()
