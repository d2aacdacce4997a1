"""kill -9 while writing: no acknowledged write is lost, and nothing is
half written.

Each cycle starts the real server, has two clients post status updates
through the API as fast as they are answered (keeping the commentary of
each one acknowledged with 201) while a plan import runs on the command
line, then kills the server and the import with SIGKILL at a random
moment. Afterwards every acknowledged update must be in the database,
the import's plan must be there whole or not at all, and SQLite's
integrity check must pass.

usage: python3 kill9.py GOLDTHREAD SOURCE_ROOT CYCLES
"""
import http.client
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

GT = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2])
CYCLES = int(sys.argv[3])
ITEMS = [36, 37, 38, 40, 41]


def run(*args, **kw):
    return subprocess.run([GT, *args], check=True, capture_output=True,
                          text=True, **kw)


def wait_for_port(port, proc):
    for _ in range(100):
        if proc.poll() is not None:
            raise SystemExit("FAIL: the server stopped: %s" %
                             proc.stderr.read().decode(errors="replace"))
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("FAIL: the server did not start")


def writer(port, token, cycle, who, acked, stop):
    n = 0
    conn = None
    while not stop.is_set():
        n += 1
        text = "kill9 %d/%d/%d" % (cycle, who, n)
        body = json.dumps({"status": random.choice(["green", "amber", "red"]),
                           "commentary": text})
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("POST", "/api/v1/items/%d/status" %
                         random.choice(ITEMS), body,
                         {"Authorization": "Bearer " + token,
                          "Content-Type": "application/json"})
            res = conn.getresponse()
            res.read()
            if res.status == 201:
                acked.append(text)
            elif res.status != 503:
                raise SystemExit("FAIL: a write was answered %d" % res.status)
        except (OSError, http.client.HTTPException):
            conn = None  # the server was killed: what was not answered
            time.sleep(0.01)  # was never acknowledged


def main(tmp):
    os.chdir(tmp)
    env = dict(os.environ, GOLDTHREAD_DB="k.db",
               GOLDTHREAD_CLOCK="2026-11-27T09:00:00Z")
    os.environ.update(env)
    run("demo", "--quiet", "--no-serve", "--users", "--db", "k.db")
    out = run("token", "add", "admin").stdout
    token = [w for w in out.split() if len(w) >= 40][0]
    with open("plan.csv", "w") as f:
        subprocess.run(["awk", "-v", "rows=15000", "-f",
                        os.path.join(ROOT, "bench/plan_rows.awk")], stdout=f,
                       check=True)
    expected_items = None
    acked_total = 0
    imports_whole = imports_none = 0
    port = 20000 + os.getpid() % 20000
    for cycle in range(CYCLES):
        server = subprocess.Popen([GT, "serve", "--port", str(port)],
                                  stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
        wait_for_port(port, server)
        importer = subprocess.Popen(
            [GT, "import", "plan", "plan.csv", "--plan", "k%d" % cycle,
             "--title", "Killed import", "--as-of", "2026-10-31"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        acked, stop = [], threading.Event()
        threads = [threading.Thread(target=writer,
                                    args=(port, token, cycle, w, acked, stop))
                   for w in range(2)]
        for t in threads:
            t.start()
        time.sleep(random.uniform(0.2, 0.9))
        os.kill(server.pid, signal.SIGKILL)
        if importer.poll() is None:
            os.kill(importer.pid, signal.SIGKILL)
        finished = importer.wait() == 0
        server.wait()
        server.stderr.close()
        stop.set()
        for t in threads:
            t.join()
        db = sqlite3.connect("k.db")
        check = db.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise SystemExit("FAIL: cycle %d: integrity check: %s" %
                             (cycle, check))
        stored = {r[0] for r in db.execute(
            "SELECT commentary FROM status_update WHERE commentary LIKE ?",
            ("kill9 %d/%%" % cycle,))}
        lost = [a for a in acked if a not in stored]
        if lost:
            raise SystemExit("FAIL: cycle %d: %d acknowledged updates lost, "
                             "such as %s" % (cycle, len(lost), lost[0]))
        items = db.execute(
            "SELECT count(*) FROM item i JOIN plan p ON p.id = i.plan_id "
            "WHERE p.code = ?", ("k%d" % cycle,)).fetchone()[0]
        plans = db.execute("SELECT count(*) FROM plan WHERE code = ?",
                           ("k%d" % cycle,)).fetchone()[0]
        db.close()
        if items:
            if expected_items is None:
                expected_items = items
            if items != expected_items:
                raise SystemExit("FAIL: cycle %d: the import left %d of %d "
                                 "items" % (cycle, items, expected_items))
            imports_whole += 1
        else:
            if plans:
                raise SystemExit("FAIL: cycle %d: the import left an empty "
                                 "plan" % cycle)
            imports_none += 1
        if finished and not items:
            raise SystemExit("FAIL: cycle %d: the import said it finished "
                             "but its plan is not there" % cycle)
        acked_total += len(acked)
    print("ok: %d kill -9 cycles, %d acknowledged updates, 0 lost; imports "
          "killed: %d whole, %d not at all, none in part; integrity check "
          "clean" % (CYCLES, acked_total, imports_whole, imports_none))


TMP = tempfile.mkdtemp()
try:
    main(TMP)
finally:
    shutil.rmtree(TMP, ignore_errors=True)
