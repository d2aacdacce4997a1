/*
 * raw: requests from bytes and responses to bytes. See raw.h.
 */
#include "web/raw.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/mem.h"

static bool
bad(struct web_raw *raw, const char *why)
{
    raw->status = 400;
    raw->why = why;
    return false;
}

/* The next line at *p (ending LF or CRLF), NUL-terminated in place. */
static char *
next_line(char **p, char *end)
{
    char *start = *p;
    char *lf = memchr(start, '\n', (size_t)(end - start));
    if (!lf)
        return NULL;
    *lf = '\0';
    if (lf > start && lf[-1] == '\r')
        lf[-1] = '\0';
    *p = lf + 1;
    return start;
}

bool
web_raw_parse(struct web_raw *raw, const char *data, size_t len,
              const char *address)
{
    memset(raw, 0, sizeof *raw);
    raw->copy = xmalloc(len + 1);
    memcpy(raw->copy, data, len);
    raw->copy[len] = '\0';
    struct web_request *req = &raw->req;
    char *p = raw->copy, *end = raw->copy + len;
    req->address = address;
    req->query = "";

    char *line = next_line(&p, end);
    if (!line)
        return bad(raw, "no request line");
    if (strlen(line) > WEB_MAX_URL + 32)
        return bad(raw, "request line too long");
    char *sp1 = strchr(line, ' ');
    char *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
    if (!sp1 || !sp2 || strncmp(sp2 + 1, "HTTP/1.", 7) != 0)
        return bad(raw, "malformed request line");
    *sp1 = *sp2 = '\0';
    req->method = line;
    char *target = sp1 + 1;
    if (target[0] != '/')
        return bad(raw, "the target must be a path");
    char *q = strchr(target, '?');
    if (q) {
        *q = '\0';
        req->query = q + 1;
    }
    req->path = target;

    int n_headers = 0, n_length = 0;
    bool chunked = false;
    long length = 0;
    for (;;) {
        line = next_line(&p, end);
        if (!line)
            return bad(raw, "headers do not end");
        if (!*line)
            break;
        if (++n_headers > WEB_MAX_HEADERS)
            return bad(raw, "too many headers");
        if (strlen(line) > WEB_MAX_HEADER)
            return bad(raw, "a header is too long");
        char *colon = strchr(line, ':');
        if (!colon || colon == line)
            return bad(raw, "malformed header");
        *colon = '\0';
        char *value = colon + 1;
        while (*value == ' ' || *value == '\t')
            value++;
        bool known = false;
        for (size_t h = 0; h < web_n_header_fields && !known; h++) {
            if (strcasecmp(line, web_header_fields[h].name) == 0) {
                *(const char **)(void *)((char *)req +
                                         web_header_fields[h].offset) = value;
                known = true;
            }
        }
        if (known)
            continue;
        if (strcasecmp(line, "Transfer-Encoding") == 0)
            chunked = true;
        else if (strcasecmp(line, "Content-Length") == 0) {
            char *e;
            n_length++;
            length = strtol(value, &e, 10);
            if (e == value || *e || length < 0)
                return bad(raw, "malformed Content-Length");
        }
    }
    /* Two lengths, or a length and chunking, is the request smuggling
     * pattern: refuse rather than guess which one a proxy used. */
    if (n_length > 1 || (n_length && chunked) || chunked) {
        req->bad_framing = true;
        return true;
    }
    size_t have = (size_t)(end - p);
    if ((size_t)length > WEB_MAX_BODY) {
        req->body_too_large = true;
        return true;
    }
    if ((size_t)length != have)
        return bad(raw, "the body's length differs from Content-Length");
    req->body = p;
    req->body_len = have;
    return true;
}

void
web_raw_finish(struct web_raw *raw)
{
    free(raw->copy);
    memset(raw, 0, sizeof *raw);
}

void
web_response_headers(const struct web_response *res,
                     void (*add)(const char *name, const char *value,
                                 void *arg),
                     void *arg)
{
    add("Content-Security-Policy", web_csp(), arg);
    add("X-Content-Type-Options", "nosniff", arg);
    add("X-Frame-Options", "DENY", arg);
    add("Referrer-Policy", "same-origin", arg);
    add("Cross-Origin-Opener-Policy", "same-origin", arg);
    add("Cache-Control", res->cache_control ? res->cache_control : "no-store",
        arg);
    if (res->status != 303 && res->status != 304)
        add("Content-Type", res->content_type, arg);
    if (res->etag[0])
        add("ETag", res->etag, arg);
    if (res->location)
        add("Location", res->location, arg);
    for (int i = 0; i < res->n_cookies; i++)
        add("Set-Cookie", res->cookies[i], arg);
    if (res->disposition)
        add("Content-Disposition", res->disposition, arg);
    if (res->bearer_challenge)
        add("WWW-Authenticate", "Bearer realm=\"goldthread\"", arg);
    if (res->hsts)
        add("Strict-Transport-Security", "max-age=31536000", arg);
    if (res->retry_after > 0) {
        char secs[16];
        snprintf(secs, sizeof secs, "%d", res->retry_after);
        add("Retry-After", secs, arg);
    }
}

static void
write_header(const char *name, const char *value, void *arg)
{
    fprintf(arg, "%s: %s\r\n", name, value);
}

bool
web_response_write(FILE *f, const struct web_response *res, bool head)
{
    const void *body = res->fixed ? (const void *)res->fixed : res->page.b.p;
    size_t len = res->fixed ? res->fixed_len : res->page.b.len;
    if (res->status == 303 || res->status == 304)
        len = 0;
    fprintf(f, "HTTP/1.1 %d %s\r\n", res->status, web_status_text(res->status));
    web_response_headers(res, write_header, f);
    fprintf(f, "Content-Length: %zu\r\n\r\n", len);
    if (!head && len && fwrite(body, 1, len, f) != len)
        return false;
    return fflush(f) == 0;
}
