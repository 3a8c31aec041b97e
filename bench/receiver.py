"""A local webhook receiver for bench/integration.sh: answers every POST with the status
written in the file given as its second argument (204 when absent) and counts the 2xx answers
in the file given as its third. Usage: python3 bench/receiver.py PORT STATUS_FILE COUNT_FILE"""
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, status_file, count_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
lock = threading.Lock()
delivered = 0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        global delivered
        self.rfile.read(int(self.headers.get("content-length", 0)))
        try:
            status = int(open(status_file).read().strip() or 204)
        except FileNotFoundError:
            status = 204
        if 200 <= status < 300:
            with lock:
                delivered += 1
                open(count_file, "w").write(str(delivered))
        self.send_response(status)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
