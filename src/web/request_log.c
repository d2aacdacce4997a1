/*
 * request_log: the server's one line a request (see web.h,
 * web_log_request), which is also where a server error's number is
 * explained.
 */
#include "web/web.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/mem.h"

/* A line's fields are bounded by the router's limits on a request; a
 * line longer than this is cut, never split across lines. */
#define LINE_MAX_BYTES 16384

/* Append s to the line, with anything that could break the line or the
 * quoting as %XX. */
static void
put_safe(struct buf *line, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        bool ok;
        if (*c < 0x20 || *c == 0x7f || *c == '"' || *c == '%' || *c == '\\') {
            char esc[3] = {'%', hex[*c >> 4], hex[*c & 15]};
            ok = buf_add(line, esc, 3);
        } else {
            ok = buf_addc(line, (char)*c);
        }
        if (!ok)
            return; /* at the cap: the line is cut here */
    }
}

static void
put(struct buf *line, const char *s)
{
    if (!buf_adds(line, s)) {
        /* at the cap: the line is cut here */
    }
}

void
web_log_request(FILE *f, const struct web_request *req,
                const struct web_response *res, size_t bytes, double ms)
{
    struct timespec now;
    struct tm tm;
    char when[32], text[96];
    struct buf line;
    buf_init(&line, LINE_MAX_BYTES);
    clock_gettime(CLOCK_REALTIME, &now);
    gmtime_r(&now.tv_sec, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(text, sizeof text, "%s.%03ldZ ", when, now.tv_nsec / 1000000);
    put(&line, text);
    put_safe(&line, res->client[0] ? res->client : "-");
    put(&line, " ");
    put_safe(&line, res->user[0] ? res->user : "-");
    put(&line, " \"");
    put_safe(&line, req->method ? req->method : "-");
    put(&line, " ");
    put_safe(&line, req->path ? req->path : "-");
    snprintf(text, sizeof text, "\" %d %zu %.1fms", res->status, bytes, ms);
    put(&line, text);
    if (res->from_cache)
        put(&line, " kept");
    if (res->error_id[0]) {
        put(&line, " error=");
        put(&line, res->error_id);
        put(&line, " \"");
        put_safe(&line, res->error_detail ? res->error_detail : "");
        put(&line, "\"");
    }
    /* the line is built first and written whole, so that the lock is held
     * for one write only and lines from threads never mix; it is written
     * before the answer is sent, so a reader of the log sees it first */
    flockfile(f);
    /* one write with its newline (standard error is unbuffered): the
     * buffer's terminating NUL, always there, becomes the newline */
    line.p[line.len] = '\n';
    fwrite(line.p, 1, line.len + 1, f);
    fflush(f);
    funlockfile(f);
    buf_finish(&line);
}
