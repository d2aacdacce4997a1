/*
 * request_log: the server's one line a request (see web.h,
 * web_log_request), which is also where a server error's number is
 * explained.
 */
#include "web/web.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* s, with anything that could break the line or the quoting as %XX. */
static void
put_safe(FILE *f, const char *s)
{
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c < 0x20 || *c == 0x7f || *c == '"' || *c == '%' || *c == '\\')
            fprintf(f, "%%%02X", *c);
        else
            fputc(*c, f);
    }
}

void
web_log_request(FILE *f, const struct web_request *req,
                const struct web_response *res, size_t bytes, double ms)
{
    struct timespec now;
    struct tm tm;
    char when[32];
    clock_gettime(CLOCK_REALTIME, &now);
    gmtime_r(&now.tv_sec, &tm);
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
    /* one write of the whole line, so lines from threads never mix */
    flockfile(f);
    fprintf(f, "%s.%03ldZ ", when, now.tv_nsec / 1000000);
    put_safe(f, res->client[0] ? res->client : "-");
    fputc(' ', f);
    put_safe(f, res->user[0] ? res->user : "-");
    fputs(" \"", f);
    put_safe(f, req->method ? req->method : "-");
    fputc(' ', f);
    put_safe(f, req->path ? req->path : "-");
    fprintf(f, "\" %d %zu %.1fms", res->status, bytes, ms);
    if (res->from_cache)
        fputs(" kept", f);
    if (res->error_id[0]) {
        fprintf(f, " error=%s \"", res->error_id);
        put_safe(f, res->error_detail ? res->error_detail : "");
        fputc('"', f);
    }
    fputc('\n', f);
    fflush(f);
    funlockfile(f);
}
