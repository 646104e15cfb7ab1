"""A correct minimal receiver of Blue's webhooks in Python, with the standard library alone.

It passes `bluehook check`: it verifies X-Signature over the raw bytes received, refuses what
does not verify with 401, answers before doing the work, and takes any event in any order,
twice if Blue redelivers.

Run: BLUE_WEBHOOK_SECRET=... PORT=3000 python3 examples/receiver.py
     bluehook check http://127.0.0.1:3000/ --secret "$BLUE_WEBHOOK_SECRET"
"""

import hashlib
import hmac
import json
import os
import queue
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SECRET = os.environ["BLUE_WEBHOOK_SECRET"].encode()
PORT = int(os.environ.get("PORT", "3000"))
LIMIT = 10 * 1024 * 1024  # bodies larger than this get 413
work = queue.Queue()


def verified(body: bytes, header: str) -> bool:
    # HMAC-SHA256 of the raw body, compared in constant time. Never hash
    # json.dumps(json.loads(body)): re-serialised JSON is not the bytes Blue signed.
    expected = hmac.new(SECRET, body, hashlib.sha256).hexdigest()
    given = header.lower().encode("latin-1", "replace")
    return hmac.compare_digest(expected.encode(), given)


def handle(delivery: dict) -> None:
    # The work: idempotent (a redelivery changes nothing) and tolerant of ids never seen.
    entity = delivery.get("currentValue") or delivery.get("previousValue") or {}
    print(delivery.get("event"), entity.get("id", ""), flush=True)


def worker() -> None:
    while True:
        body = work.get()
        try:
            handle(json.loads(body))
        except (ValueError, AttributeError) as err:
            print(f"delivery not handled: {err}", flush=True)


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > LIMIT:
            self.answer(413)
            return
        body = self.rfile.read(length)
        if not verified(body, self.headers.get("X-Signature", "")):
            self.answer(401)
            return
        self.answer(200)  # answer first: Blue waits 7 s at most
        work.put(body)

    def answer(self, status: int) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args) -> None:
        pass


class Server(ThreadingHTTPServer):
    request_queue_size = 128  # deliveries can arrive together


if __name__ == "__main__":
    threading.Thread(target=worker, daemon=True).start()
    server = Server(("127.0.0.1", PORT), Receiver)
    print(f"listening on http://127.0.0.1:{server.server_address[1]}/", flush=True)
    server.serve_forever()
