"""A small OpenID Connect provider for the sign-in test: the part of a
council's identity provider (Entra ID, say) that Apache's
mod_auth_openidc talks to, on 127.0.0.1, with its own RSA key.

It offers discovery, a sign-in page (a username, no password: the test's
people are below), the authorisation code flow and its keys. The ID
token carries preferred_username, name and groups, as a council's
provider is set up to send them.

usage: /usr/bin/python3 openid-provider.py PORT CLIENT_ID CLIENT_SECRET
"""
import base64
import html
import json
import secrets
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

PORT, CLIENT_ID, CLIENT_SECRET = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ISSUER = "http://127.0.0.1:%d" % PORT
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
KID = "test-key-1"
PEOPLE = {
    "pat": {"name": "Pat Planner", "groups": ["All staff", "GT Planners"]},
    "cal": {"name": "Cllr Cal Jones", "groups": ["GT Councillors"]},
    "sam": {"name": "Sam Smith", "groups": ["All staff"]},
}
CODES = {}  # code -> (username, nonce, redirect_uri, expiry)


def page(title, body):
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>%s</title></head><body><main><h1>%s</h1>%s</main>"
            "</body></html>" % (html.escape(title), html.escape(title), body))


class Provider(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, status, body, kind="application/json", headers=()):
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        q = dict(urllib.parse.parse_qsl(url.query))
        if url.path == "/.well-known/openid-configuration":
            self.send(200, json.dumps({
                "issuer": ISSUER,
                "authorization_endpoint": ISSUER + "/authorize",
                "token_endpoint": ISSUER + "/token",
                "jwks_uri": ISSUER + "/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "token_endpoint_auth_methods_supported":
                    ["client_secret_basic", "client_secret_post"],
                "scopes_supported": ["openid", "profile"],
            }))
        elif url.path == "/jwks":
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(
                KEY.public_key()))
            jwk.update(kid=KID, use="sig", alg="RS256")
            self.send(200, json.dumps({"keys": [jwk]}))
        elif url.path == "/authorize":
            if q.get("client_id") != CLIENT_ID or q.get("response_type") != "code":
                self.send(400, page("Not a request we know", ""), "text/html")
                return
            hidden = "".join(
                "<input type=\"hidden\" name=\"%s\" value=\"%s\">" %
                (html.escape(k), html.escape(v)) for k, v in q.items())
            self.send(200, page("Sign in to the council", (
                "<form method=\"post\" action=\"/authorize\">%s"
                "<label for=\"username\">Username</label> "
                "<input id=\"username\" name=\"username\" autocomplete=\"username\"> "
                "<button type=\"submit\">Sign in</button></form>") % hidden),
                "text/html; charset=utf-8")
        else:
            self.send(404, "{}")

    def form(self):
        n = int(self.headers.get("Content-Length", "0"))
        return dict(urllib.parse.parse_qsl(self.rfile.read(n).decode()))

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        f = self.form()
        if url.path == "/authorize":
            who = f.get("username", "")
            if who not in PEOPLE:
                self.send(400, page("No such person", ""), "text/html")
                return
            code = secrets.token_urlsafe(24)
            CODES[code] = (who, f.get("nonce"), f["redirect_uri"],
                           time.time() + 60)
            sep = "&" if "?" in f["redirect_uri"] else "?"
            self.send(302, "", "text/plain", [(
                "Location", f["redirect_uri"] + sep + urllib.parse.urlencode(
                    {"code": code, "state": f.get("state", "")}))])
        elif url.path == "/token":
            client, secret = f.get("client_id"), f.get("client_secret")
            auth = self.headers.get("Authorization", "")
            if auth.startswith("Basic "):
                pair = base64.b64decode(auth[6:]).decode()
                client, secret = [urllib.parse.unquote(x)
                                  for x in pair.split(":", 1)]
            entry = CODES.pop(f.get("code", ""), None)
            if (client != CLIENT_ID or secret != CLIENT_SECRET or not entry or
                    entry[3] < time.time() or
                    entry[2] != f.get("redirect_uri")):
                self.send(400, json.dumps({"error": "invalid_grant"}))
                return
            who, nonce = entry[0], entry[1]
            now = int(time.time())
            claims = {"iss": ISSUER, "sub": who, "aud": CLIENT_ID,
                      "iat": now, "exp": now + 300,
                      "preferred_username": who,
                      "name": PEOPLE[who]["name"],
                      "groups": PEOPLE[who]["groups"]}
            if nonce:
                claims["nonce"] = nonce
            token = jwt.encode(claims, KEY, algorithm="RS256",
                               headers={"kid": KID})
            self.send(200, json.dumps({"access_token": secrets.token_hex(16),
                                       "token_type": "Bearer",
                                       "expires_in": 300,
                                       "id_token": token}))
        else:
            self.send(404, "{}")


ThreadingHTTPServer(("127.0.0.1", PORT), Provider).serve_forever()
