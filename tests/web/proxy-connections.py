#!/usr/bin/python3
"""The trusted reverse proxy carries every user's connections, so only
other addresses are held to 64 each: with a server trusting 127.0.0.1,
100 idle connections from it leave a request on the 101st answered; with
a server trusting no one, the 65th connection is refused.
usage: proxy-connections.py TRUSTING-PORT PLAIN-PORT"""
import socket
import sys
import time


def hold(port, n):
    held = []
    for _ in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        held.append(s)
    time.sleep(0.3)  # every one accepted and counted
    return held


def answered(port):
    """Whether a request on a new connection gets an HTTP answer."""
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /assets/app.js HTTP/1.1\r\nHost: localhost\r\n"
                  b"Connection: close\r\n\r\n")
        reply = s.recv(64)
        s.close()
        return reply.startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def main():
    trusting, plain = int(sys.argv[1]), int(sys.argv[2])
    failed = 0
    held = hold(trusting, 100)
    if answered(trusting):
        print("ok the trusted proxy holds more than 64 connections")
    else:
        print("FAIL the trusted proxy was held to 64 connections")
        failed += 1
    for s in held:
        s.close()
    held = hold(plain, 64)
    if not answered(plain):
        print("ok any other address is held to 64 connections")
    else:
        print("FAIL an address held more than 64 connections")
        failed += 1
    for s in held:
        s.close()
    sys.exit(1 if failed else 0)


main()
