"""A 100,000-row import beside web writes: the writers get no error.

The import reads and checks its file before it takes the write lock and
then holds it only while it writes (under the 5 s a write waits), so
status updates posted through the API while it runs are all answered
201, some after a wait. Prints how many there were and the longest wait.

usage: python3 import-beside-writes.py GOLDTHREAD SOURCE_ROOT [ROWS]
"""
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

GT = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2])
ROWS = int(sys.argv[3]) if len(sys.argv) > 3 else 100000


def main(tmp):
    os.chdir(tmp)
    os.environ.update(GOLDTHREAD_DB="w.db",
                      GOLDTHREAD_CLOCK="2026-11-27T09:00:00Z")
    subprocess.run([GT, "demo", "--quiet", "--no-serve", "--users", "--db",
                    "w.db"], check=True, capture_output=True)
    out = subprocess.run([GT, "token", "add", "admin"], check=True,
                         capture_output=True, text=True).stdout
    token = [w for w in out.split() if len(w) >= 40][0]
    with open("plan.csv", "w") as f:
        subprocess.run(["awk", "-v", "rows=%d" % ROWS, "-f",
                        os.path.join(ROOT, "bench/plan_rows.awk")], stdout=f,
                       check=True)
    port = 20000 + os.getpid() % 20000
    server = subprocess.Popen([GT, "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        answers, waits, stop = [], [], threading.Event()

        def write(who):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            n = 0
            while not stop.is_set():
                n += 1
                body = json.dumps({"status": "green",
                                   "commentary": "beside %d/%d" % (who, n)})
                t0 = time.monotonic()
                conn.request("POST", "/api/v1/items/%d/status" % (36 + who),
                             body, {"Authorization": "Bearer " + token,
                                    "Content-Type": "application/json"})
                res = conn.getresponse()
                res.read()
                waits.append(time.monotonic() - t0)
                answers.append(res.status)

        threads = [threading.Thread(target=write, args=(w,)) for w in range(2)]
        for t in threads:
            t.start()
        time.sleep(0.3)
        t0 = time.monotonic()
        imp = subprocess.run([GT, "import", "plan", "plan.csv", "--plan",
                              "big", "--title", "Big", "--as-of",
                              "2026-10-31", "--timing"],
                             capture_output=True, text=True)
        took = time.monotonic() - t0
        time.sleep(0.3)
        stop.set()
        for t in threads:
            t.join()
    finally:
        server.kill()
        server.wait()
    if imp.returncode != 0:
        raise SystemExit("FAIL: the import failed: " + imp.stderr)
    errors = [a for a in answers if a != 201]
    print("%d status updates during a %d-row import (%.1f s; %s); %d "
          "errors; longest wait %.0f ms" %
          (len(answers), ROWS, took, imp.stderr.strip().splitlines()[-1],
           len(errors), max(waits) * 1000))
    if errors:
        raise SystemExit("FAIL: the writers were answered %s" %
                         sorted(set(errors)))


TMP = tempfile.mkdtemp()
try:
    main(TMP)
finally:
    shutil.rmtree(TMP, ignore_errors=True)
