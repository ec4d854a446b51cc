"""Shared by the serve benchmarks: start `tebiki serve` on a copy of a site,
follow its live-reload events, edit a page and time the reload."""
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def copy_site(src):
    """A throwaway copy of the site at src (site.yaml, content/, and the
    templates/, static/ and themes/ folders if it has them)."""
    dst = tempfile.mkdtemp(prefix="tebiki-bench-")
    shutil.copy(os.path.join(src, "site.yaml"), dst)
    for d in ("content", "templates", "static", "themes"):
        if os.path.isdir(os.path.join(src, d)):
            shutil.copytree(os.path.join(src, d), os.path.join(dst, d))
    return dst


class Server:
    def __init__(self, binary, root, extra=()):
        self.proc = subprocess.Popen(
            [binary, "--root", root, "serve", "--port", "0", *extra],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        self.lines = []
        self.addr = None
        ready = threading.Event()

        def read():
            for line in self.proc.stderr:
                self.lines.append(line.rstrip("\n"))
                m = re.search(r"Serving on http://([^/ ]+)/", line)
                if m:
                    self.addr = m.group(1)
                    ready.set()
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        ready.wait(600)
        if not self.addr:
            self.stop()
            raise SystemExit("tebiki serve did not start:\n" + "\n".join(self.lines))
        self.states = queue.Queue()
        threading.Thread(target=self._events, daemon=True).start()
        self.build = self.next_state(60)["build"]

    def _events(self):
        host, port = self.addr.rsplit(":", 1)
        s = socket.create_connection((host, int(port)))
        s.sendall(f"GET /__tebiki/events HTTP/1.0\r\nHost: {self.addr}\r\n\r\n".encode())
        event = None
        for raw in s.makefile("rb"):
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: ") and event == "state":
                self.states.put((time.monotonic(), json.loads(line[6:])))

    def next_state(self, timeout):
        _, state = self.states.get(timeout=timeout)
        return state

    def wait_reload(self, timeout=60):
        """Seconds (monotonic) at which a new good build arrived."""
        while True:
            at, state = self.states.get(timeout=timeout)
            if state["build"] != self.build and not state["problems"]:
                self.build = state["build"]
                return at
            if state["problems"]:
                raise SystemExit(f"the build failed: {state['problems'][:2]}")

    def rss_kib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def stop(self):
        self.proc.kill()
        self.proc.wait()


def edit(path, n):
    """Saves the page with a new last line, the way an editor writes a file."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"\n\nBenchmark edit \d+\.\n$", "\n", text)
    text = text.rstrip("\n") + f"\n\nBenchmark edit {n}.\n"
    t0 = time.monotonic()
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return t0
