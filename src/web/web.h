/*
 * web: the web application's shape, independent of how bytes arrive.
 *
 * A request is parsed (by http.c from libmicrohttpd, or by raw.c from a
 * byte stream for `goldthread http`) into struct web_request; web_handle
 * routes it (router.c) and fills struct web_response; the front end sends
 * that back. Everything a page needs is reached from struct web_page.
 */
#ifndef GT_WEB_H
#define GT_WEB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/ctx.h"
#include "core/db.h"
#include "core/mem.h"
#include "core/user.h"
#include "web/html.h"

/* Caps on what a request may carry. */
#define WEB_MAX_URL 2048
#define WEB_MAX_HEADER 8192 /* one header line */
#define WEB_MAX_HEADERS 64
#define WEB_MAX_FORM_BODY (1024 * 1024)              /* a form without files */
#define WEB_MAX_EVIDENCE (10 * 1024 * 1024)          /* one evidence file */
#define WEB_MAX_BODY (WEB_MAX_EVIDENCE + 256 * 1024) /* any request body */
#define WEB_MAX_FIELDS 64
#define WEB_MAX_PAGE (4 * 1024 * 1024)

/* Session lifetimes, in seconds. */
#define WEB_SESSION_IDLE (30 * 60)
#define WEB_SESSION_ABSOLUTE (12 * 60 * 60)
/* Sign-in throttling: failures allowed per window. A username is held
 * back from one address after a few guesses, so that one client cannot
 * lock its owner out; from all addresses together (a spread attack) only
 * after many; an address (behind the trusted proxy, the real client's)
 * after many, so that an office behind one address keeps signing in. */
#define WEB_THROTTLE_WINDOW (15 * 60)
#define WEB_THROTTLE_PAIR 5
#define WEB_THROTTLE_ADDRESS 50
#define WEB_THROTTLE_USER 50

struct web_proxy_sign_in;

struct web_config {
    const char *council; /* shown in the header */
    bool secure;         /* always served over TLS: cookies get Secure */
    const char *clock;   /* fixed now (UTC ISO 8601), or NULL */
    /* the reverse proxy's address, whose X-Forwarded-For and
     * X-Forwarded-Proto are believed; NULL to believe no one */
    const char *trust_proxy;
    /* sign-in by the identity provider through that proxy, or NULL */
    const struct web_proxy_sign_in *proxy_sign_in;
    bool no_page_cache; /* build every page afresh: what benchmarks ask */
};

/* The headers a request carries into struct web_request: one table that
 * both front ends (http.c, raw.c) read, so a header is added by a row. */
struct web_header_field {
    const char *name;
    size_t offset; /* of its const char * in struct web_request */
};
extern const struct web_header_field web_header_fields[];
extern const size_t web_n_header_fields;

struct web_request {
    const char *method;          /* "GET", "POST", ... */
    const char *path;            /* the raw path, without the query */
    const char *query;           /* raw query string, or "" */
    const char *host;            /* Host header, or NULL */
    const char *origin;          /* Origin header, or NULL */
    const char *referer;         /* Referer header, or NULL */
    const char *cookie;          /* Cookie header, or NULL */
    const char *content_type;    /* Content-Type header, or NULL */
    const char *if_none_match;   /* If-None-Match header, or NULL */
    const char *authorization;   /* Authorization header, or NULL */
    const char *forwarded_for;   /* X-Forwarded-For header, or NULL */
    const char *forwarded_proto; /* X-Forwarded-Proto header, or NULL */
    /* sign-in by the identity provider, from the proxy (proxy_sign_in.h) */
    const char *proxy_secret;
    const char *proxy_user;
    const char *proxy_name;
    const char *proxy_groups;
    const char *address; /* the peer's address */
    const char *body;    /* request body, may hold NULs */
    size_t body_len;
    bool body_too_large; /* the front end refused the body's size */
    bool bad_framing;    /* two Content-Lengths, or one plus TE */
};

struct web_response {
    int status;
    const char *content_type;   /* static string */
    struct html page;           /* body when built */
    const unsigned char *fixed; /* body when static (assets) */
    size_t fixed_len;
    char *location;   /* redirect target; owned */
    char *cookies[2]; /* Set-Cookie values; owned */
    int n_cookies;
    const char *cache_control; /* static string, or NULL */
    char etag[40];             /* "" when none */
    bool bearer_challenge;     /* add WWW-Authenticate: Bearer */
    bool hsts;                 /* served over TLS: Strict-Transport-Security */
    int retry_after;           /* seconds, for a 503; 0 for none */
    unsigned char *owned;      /* a body fixed points into; owned */
    char *disposition;         /* Content-Disposition value; owned */
    /* for the request log (see web_log_line) */
    char client[64];    /* the client's address, as the router found it */
    char user[64];      /* who was signed in, or "" */
    char error_id[17];  /* a server error's number, shown and logged */
    bool from_cache;    /* the page was one the server kept */
    char *error_detail; /* what went wrong, for the log alone; owned */
};

/* For a server error (5xx, but not 503 busy): give res an error number
 * if it has none, and say true; the page or the JSON shows the number and
 * the request log explains it. */
bool web_error_number(struct web_response *res);
/* One line of the request log for req answered by res, to f: time (UTC),
 * client, user, method and path (never the query, which may hold what
 * was searched for), status, bytes sent and milliseconds taken; for a
 * server error, its number and what went wrong. Control characters and
 * quotes are written as %XX, so a line is always one line. */
void web_log_request(FILE *f, const struct web_request *req,
                     const struct web_response *res, size_t bytes, double ms);

/* A decoded application/x-www-form-urlencoded form or query string. */
struct web_form {
    char *name[WEB_MAX_FIELDS];
    char *value[WEB_MAX_FIELDS];
    size_t n;
    char error[160]; /* why parsing failed, in words for the page */
};

/* Decode len bytes of s into f (initialised here). false when there are
 * more than WEB_MAX_FIELDS fields, an escape is malformed or decodes to
 * NUL, or a name or value is not well-formed UTF-8; f->error then says
 * which, naming the field where it can. */
bool web_form_parse(struct web_form *f, const char *s, size_t len);
void web_form_finish(struct web_form *f);
/* The first value of name, or NULL. Borrowed. */
const char *web_form_get(const struct web_form *f, const char *name);

/* A cookie's value from a Cookie header, copied into out (len bytes);
 * false when absent or too long. */
bool web_cookie(const char *header, const char *name, char *out, size_t len);

/* Write into out (len bytes) the words that say a field is not UTF-8
 * text, naming it when its name is printable. */
void web_form_not_text(char *out, size_t len, const char *field);

void web_response_init(struct web_response *res);
void web_response_finish(struct web_response *res);
/* A Content-Disposition value for downloading a file called name: a plain
 * ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187). Caller frees. */
char *web_attachment(const char *name);
/* Add a Set-Cookie value (copied). */
void web_response_cookie(struct web_response *res, const char *value);

/* Route and answer one request, using db for data and cache (used only
 * with db; may be NULL) for parts of pages kept while the data is
 * unchanged. */
struct page_cache;
void web_handle(const struct web_config *cfg, struct gt_db *db,
                struct page_cache *cache, const struct web_request *req,
                struct web_response *res);

/* Whether the route for method and path is one of the heavy ones
 * (reports, exports, imports, child-level pages) that the server runs
 * apart from the light pages. */
bool web_route_heavy(const char *method, const char *path);

/* The Content-Security-Policy every response carries. */
const char *web_csp(void);
/* "OK", "Not Found", ... for a status code. */
const char *web_status_text(int status);

#endif
